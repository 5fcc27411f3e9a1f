import { formatDate } from '../i18n/format';
import { SIDE_LABELS, type Side } from '../model/common';
import type { ApprovalSignature, MinutesStatus } from '../model/minutes';
import type { BodyKind } from '../model/roster';
import { describeSignOff } from '../signoff/rules';
import { bold, italic, type Block } from './blocks';
import { minutesWords, type MinutesWords } from './words';

// Joint approval. Minutes become the record only when both partners sign off: the management and
// the union co-lead, and the physician co-lead where the team has one. Each approval is of one
// exact text (its hash), so an edit after one side approved sends the minutes back to that side.

export interface ApprovalBody {
  kind: BodyKind;
  managementCoLeadId?: string | null;
  unionCoLeadId?: string | null;
  physicianCoLeadId?: string | null;
}

export interface ApprovalLike extends ApprovalSignature {
  round: number;
  contentHash: string;
  personId: string | null;
}

/** The sides whose co-lead must approve: management and union always, physician where the team has one. */
export function requiredSides(body: ApprovalBody): Side[] {
  return body.kind === 'team' && body.physicianCoLeadId ? ['management', 'union', 'physician'] : ['management', 'union'];
}

export const coLeadOf = (body: ApprovalBody, side: Side): string | null =>
  (side === 'management' ? body.managementCoLeadId : side === 'union' ? body.unionCoLeadId : body.physicianCoLeadId) ?? null;

export interface SideApproval {
  side: Side;
  /** A current approval of this exact text, if any. */
  approval: ApprovalLike | null;
  /** An approval of an earlier text of this round, shown so the co-lead knows to look again. */
  stale: ApprovalLike | null;
}

export interface ApprovalState {
  sides: SideApproval[];
  missing: Side[];
  complete: boolean;
}

/** Where the round stands for the text with `contentHash`. The newest approval per side counts. */
export function approvalState(input: { body: ApprovalBody; round: number; contentHash: string; approvals: readonly ApprovalLike[] }): ApprovalState {
  const sides = requiredSides(input.body).map((side): SideApproval => {
    const mine = input.approvals.filter((a) => a.round === input.round && a.side === side).sort((a, b) => b.approvedAt.localeCompare(a.approvedAt));
    const approval = mine.find((a) => a.contentHash === input.contentHash) ?? null;
    return { side, approval, stale: approval ? null : (mine[0] ?? null) };
  });
  const missing = sides.filter((s) => !s.approval).map((s) => s.side);
  return { sides, missing, complete: missing.length === 0 };
}

/**
 * Why `person` may not approve for `side`, or null when they may. A team's named co-lead for the
 * side must be the one to approve; a council (or a team with no co-lead named for that side)
 * accepts any member of that side, who is recorded by name.
 */
export function approverProblem(
  body: ApprovalBody,
  side: Side,
  person: { id: string; side: Side; name: string } | null,
  members: ReadonlyArray<{ id: string }>,
): string | null {
  if (!requiredSides(body).includes(side)) return `This ${body.kind} has no ${SIDE_LABELS[side].toLowerCase()} co-lead to approve.`;
  if (!person) return 'Choose who is approving.';
  const coLead = coLeadOf(body, side);
  if (body.kind === 'team' && coLead) {
    return person.id === coLead ? null : `Only the team's ${SIDE_LABELS[side].toLowerCase()} co-lead can approve for ${SIDE_LABELS[side].toLowerCase()}.`;
  }
  if (person.side !== side) return `${person.name} is on the ${SIDE_LABELS[person.side].toLowerCase()} side, not ${SIDE_LABELS[side].toLowerCase()}.`;
  if (!members.some((m) => m.id === person.id)) return `${person.name} is not a member of this ${body.kind}.`;
  return null;
}

/**
 * A short, stable hash of the minutes text (cyrb53): it tells whether two texts differ, so an
 * approval of one text is not counted for another. Not a security measure.
 */
export function contentHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}

export interface ApprovalView {
  status: MinutesStatus;
  /** The version shown: 1 for the original minutes, 2+ for amendments. */
  version: number;
  approvals: readonly ApprovalSignature[];
  /** Earlier approved versions this one amends, oldest first. */
  history: ReadonlyArray<{ number: number; approvedAt: string; amendmentReason: string }>;
  amendmentReason: string;
}

/** "Dec 8, 2026 at 9:00 AM": an approval's moment, in the record's language. */
const when = (iso: string, { t, locale }: MinutesWords) => t('approval.at', { date: formatDate(iso, locale, 'date'), time: formatDate(iso, locale, 'time') });

/** The closing "Approval" section every format prints after the minutes' content, in the minutes' language. */
export function approvalBlocks(view: ApprovalView, words: MinutesWords = minutesWords()): Block[] {
  const { t } = words;
  const blocks: Block[] = [{ kind: 'heading', level: 2, text: t('approval.heading') }];
  if (view.status === 'draft') {
    blocks.push({
      kind: 'paragraph',
      content: [bold(t('approval.draft')), view.version > 1 ? t('approval.draftAmendment', { amendment: view.version - 1 }) : t('approval.draftOriginal')],
    });
  } else {
    blocks.push({
      kind: 'paragraph',
      content: [bold(t('approval.approved')), view.version > 1 ? t('approval.approvedVersion', { version: view.version, amendment: view.version - 1 }) : ''],
    });
  }
  if (view.approvals.length) {
    blocks.push({
      kind: 'table',
      header: [t('approval.side'), t('approval.by'), t('approval.how'), t('approval.when')],
      rows: view.approvals.map((a) => [
        t(`side.${a.side}`),
        a.role ? t('approval.withRole', { name: a.name, role: a.role }) : a.name,
        describeSignOff(a, words),
        when(a.approvedAt, words),
      ]),
    });
  }
  if (view.amendmentReason.trim()) blocks.push({ kind: 'paragraph', content: [bold(t('approval.reason')), view.amendmentReason.trim()] });
  if (view.history.length) {
    blocks.push({
      kind: 'list',
      items: view.history.map((h) => [
        italic(
          h.amendmentReason
            ? t('approval.historyAmended', { number: h.number, when: when(h.approvedAt, words), reason: h.amendmentReason })
            : t('approval.history', { number: h.number, when: when(h.approvedAt, words) }),
        ),
      ]),
    });
  }
  return blocks;
}
