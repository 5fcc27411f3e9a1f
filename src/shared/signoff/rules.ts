import type { ServerAccountStamp, SignOffMethod } from '../model/signoff';
import { minutesWords, type MinutesWords } from '../minutes/words';

// The rules a sign-off (a co-lead approving minutes, confirming an assessment) must meet before it
// is recorded, and how it is described on the record and in every export.

export interface SignOffRequest {
  method: SignOffMethod;
  /** Who records it: the facilitator or recorder, or the co-lead on their own laptop. */
  recordedByName: string;
  recordedById: string | null;
  evidenceNote: string;
  /** The co-lead signing off. */
  approverId: string;
  /** The local calendar date today (yyyy-MM-dd). */
  today: string;
  /** The first day the record can be signed off: a meeting's date, or an assessment's quarter end. */
  earliest: string;
  /** How the earliest day is described in the refusal, e.g. "the meeting on Dec 8, 2026". */
  earliestLabel: string;
  /** The account this laptop is enrolled with on the council server, or null when it is not. */
  enrolledAccount: { name: string } | null;
}

/** Why this sign-off cannot be recorded, or null when it can. */
export function signOffProblem(r: SignOffRequest): { field: string; message: string } | null {
  if (r.today < r.earliest) return { field: 'approvedAt', message: `This cannot be signed off before ${r.earliestLabel}.` };
  if (!r.recordedByName.trim()) return { field: 'recordedByName', message: 'Say who is recording this sign-off.' };
  if (r.method === 'email' && r.evidenceNote.trim().length < 5) {
    return { field: 'evidenceNote', message: 'Say which email carries the approval (date, sender, subject), so the other side can find it.' };
  }
  if (r.method === 'own-laptop') {
    // On their own laptop the co-lead records it themselves, and the council server's stamp of
    // their account is what shows it came from them, so the laptop must be enrolled.
    if (!r.enrolledAccount) {
      return {
        field: 'method',
        message: 'Approving on your own laptop needs this laptop connected to the council server (Settings → Sync), so the record shows your account.',
      };
    }
    if (r.recordedById !== null && r.recordedById !== r.approverId) {
      return { field: 'method', message: 'On their own laptop, the co-lead records their own approval.' };
    }
  }
  return null;
}

export interface SignOffRecord {
  method?: SignOffMethod | undefined;
  recordedByName?: string | undefined;
  evidenceNote?: string | undefined;
  recordedByAccount?: ServerAccountStamp | null | undefined;
}

/** How a sign-off was given, in words for the record: "By email (…), recorded by Pat Okafor", in the record's language. */
export function describeSignOff(s: SignOffRecord, { t }: Pick<MinutesWords, 't'> = minutesWords()): string {
  if (!s.method) return t('signOff.before');
  const method = t(`signOff.method.${s.method}`);
  const evidence = s.evidenceNote?.trim();
  const parts = [evidence ? t('signOff.withEvidence', { method, evidence }) : method];
  if (s.method !== 'own-laptop' && s.recordedByName?.trim()) parts.push(t('signOff.recordedBy', { name: s.recordedByName.trim() }));
  if (s.recordedByAccount) parts.push(t('signOff.account', { name: s.recordedByAccount.name }));
  else if (s.method === 'own-laptop') parts.push(t('signOff.unconfirmed'));
  return parts.join(', ');
}
