import { SIDE_LABELS, SIDES, type Side } from '@shared/model';
import type { SignOffRecord } from '@shared/signoff/rules';
import type { MinutesWords } from './refusals';

// What the screens say about a recorded approval, in the screens' language. The exported minutes
// say the same in the meeting's language (src/shared/signoff/rules.ts describeSignOff).

/** How a sign-off was given: "By email (…), recorded by Pat Okafor", as describeSignOff words it. */
export function signOffText(s: SignOffRecord, { t }: MinutesWords): string {
  if (!s.method) return t('signOff.legacy');
  const method = t(`signOff.method.${s.method}`);
  const note = s.evidenceNote?.trim();
  const parts = [note ? t('signOff.withNote', { method, note }) : method];
  const recorder = s.recordedByName?.trim();
  if (s.method !== 'own-laptop' && recorder) parts.push(t('signOff.recordedBy', { name: recorder }));
  if (s.recordedByAccount) parts.push(t('signOff.sentFrom', { account: s.recordedByAccount.name }));
  else if (s.method === 'own-laptop') parts.push(t('signOff.unconfirmed'));
  return parts.join(', ');
}

/** The role an approval was stored with ("Union co-lead", written by the app in English) in the screens' words; any other role as typed. */
export function roleText(role: string, { t }: MinutesWords): string {
  const side = SIDES.find((s: Side) => role === `${SIDE_LABELS[s]} co-lead`);
  return side ? t('coLeadRole', { side }) : role;
}
