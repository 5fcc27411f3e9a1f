/**
 * Which backups the folder keeps (Actual Budget's scheme, which its users trust):
 * - regular backups (automatic, on quit, "back up now"): up to 3 from the most recent day that
 *   has any, then the newest one of each earlier day, 10 in all;
 * - safety points (before a schema upgrade, before a restore): each kept 30 days, and the newest
 *   of each kind always, so the last way back is never pruned, whatever the clock says.
 * Days are the laptop's local calendar days. Pure: the caller deletes what this names, and only
 * after the new backup is safely written.
 */
import type { BackupReason } from './format';
import type { NamedBackup } from './fileName';

export const RETENTION = {
  /** Backups kept from the most recent day. */
  perLatestDay: 3,
  /** Regular backups kept in all. */
  total: 10,
  safetyDays: 30,
} as const;

const SAFETY: ReadonlySet<BackupReason> = new Set(['before-upgrade', 'before-restore']);
const DAY_MS = 24 * 60 * 60 * 1000;

export function isSafetyPoint(reason: BackupReason): boolean {
  return SAFETY.has(reason);
}

/**
 * The names to delete. `localDay` maps an instant to the laptop's calendar day (yyyy-MM-dd);
 * `nowMs` is only used for the safety points' 30 days.
 */
export function backupsToRemove(backups: readonly NamedBackup[], nowMs: number, localDay: (iso: string) => string): string[] {
  const newestFirst = [...backups].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.name < b.name ? 1 : -1));
  const remove: string[] = [];

  const regular = newestFirst.filter((b) => !isSafetyPoint(b.reason));
  const latestDay = regular[0] ? localDay(regular[0].createdAt) : null;
  const keptPerDay = new Map<string, number>();
  let kept = 0;
  for (const b of regular) {
    const day = localDay(b.createdAt);
    const already = keptPerDay.get(day) ?? 0;
    const allowed = day === latestDay ? RETENTION.perLatestDay : 1;
    if (already < allowed && kept < RETENTION.total) {
      keptPerDay.set(day, already + 1);
      kept++;
    } else remove.push(b.name);
  }

  const newestOfKind = new Set<BackupReason>();
  for (const b of newestFirst.filter((x) => isSafetyPoint(x.reason))) {
    const first = !newestOfKind.has(b.reason);
    newestOfKind.add(b.reason);
    const age = nowMs - Date.parse(b.createdAt);
    if (!first && age > RETENTION.safetyDays * DAY_MS) remove.push(b.name);
  }
  return remove;
}
