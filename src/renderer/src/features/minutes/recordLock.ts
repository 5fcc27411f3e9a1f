import type { Table } from 'dexie';
import { ValidationError } from '../../db/errors';
import type { Repositories } from '../../db/repositories';
import { refusalProblem } from './refusals';

// Once a meeting's minutes are approved, everything they were generated from is the joint record:
// the meeting's details, roles, attendance, agenda, summaries and the IBPS session worked in it
// are refused by every command until an amendment is started (which unlocks the record for that
// amendment only). Follow-ups keep living: action items' status, owner and due date, and
// parking-lot answers stay editable, and the approved version never changes either way.

export class RecordLockedError extends ValidationError {
  constructor(approvedAt: string | null) {
    // The refusal carries its meaning, so every screen that shows it says it in its own language (refusals.ts).
    super([refusalProblem('', { code: 'recordLocked', approvedAt })]);
    this.name = 'RecordLockedError';
  }
}

export interface RecordLock {
  locked: boolean;
  /** When the version in force was approved (null while a draft or an amendment is open). */
  approvedAt: string | null;
  /** The approved version number in force, or the one being amended. */
  version: number;
  /** An amendment is open: the record is editable for it. */
  amending: boolean;
}

/** Where a meeting's record stands. Reads `minutes` and `minutesVersions`. */
export async function recordLockOf(repos: Repositories, meetingId: string): Promise<RecordLock> {
  const minutes = await repos.db.minutes.get(meetingId);
  if (!minutes) return { locked: false, approvedAt: null, version: 1, amending: false };
  const locked = minutes.status === 'approved';
  const version = locked ? await repos.db.minutesVersions.where('[meetingId+number]').equals([meetingId, minutes.round]).first() : undefined;
  return { locked, approvedAt: version?.approvedAt ?? null, version: minutes.round, amending: !locked && minutes.round > 1 };
}

/** The meeting an IBPS session is worked in now: the latest one it was linked to. */
export async function sessionMeetingId(repos: Repositories, sessionId: string): Promise<string | null> {
  const links = await repos.db.ibpsSessionMeetings.where('sessionId').equals(sessionId).toArray();
  links.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  const latest = links.at(-1)?.meetingId;
  if (latest) return latest;
  return (await repos.db.ibpsSessions.get(sessionId))?.meetingId ?? null;
}

/** Refuse the write when the meeting's minutes are approved (call inside a transaction that includes the lock tables). */
export async function assertRecordOpen(repos: Repositories, meetingId: string | null | undefined): Promise<void> {
  if (!meetingId) return;
  const lock = await recordLockOf(repos, meetingId);
  if (lock.locked) throw new RecordLockedError(lock.approvedAt);
}

/** The tables a lock check reads, so a guarded write's transaction can include them. */
export const lockTables = (repos: Repositories): Table[] => [
  repos.db.minutes,
  repos.db.minutesVersions,
  repos.db.ibpsSessions,
  repos.db.ibpsSessionMeetings,
  repos.db.consensusTests,
];

/**
 * Run `write` in one transaction with the lock check: `meetingOf` names the meeting whose record
 * the write changes (read in the same transaction, so an approval landing meanwhile is seen).
 */
export function writeOpenRecord<T>(
  repos: Repositories,
  tables: Table[],
  meetingOf: () => Promise<string | null | undefined>,
  write: () => Promise<T>,
): Promise<T> {
  return repos.db.transaction('rw', [...new Set([...tables, ...lockTables(repos)])], async () => {
    await assertRecordOpen(repos, await meetingOf());
    return write();
  });
}
