/**
 * Names of the backups the app keeps in its folder: the instant (UTC, so names sort in time order
 * and never depend on the time zone) and why it was made. Retention reads them from the name
 * alone, and touches no file whose name is not one of these: a backup folder on a shared drive
 * or USB stick may hold anything else.
 */
import { BACKUP_EXTENSION, BackupReason } from './format';

const PATTERN = new RegExp(
  `^common-ground-(\\d{4}-\\d{2}-\\d{2})T(\\d{2})-(\\d{2})-(\\d{2})-(\\d{3})Z-(${BackupReason.options.join('|')})(?:-(\\d{1,3}))?\\.${BACKUP_EXTENSION}$`,
);

/** e.g. common-ground-2026-11-25T10-00-00-000Z-automatic.cgbackup; `n` tells apart two made in the same millisecond. */
export function backupFileName(createdAt: string, reason: BackupReason, n = 0): string {
  const stamp = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{3})Z$/.exec(createdAt);
  if (!stamp) throw new Error(`not an ISO instant: ${createdAt}`);
  const [, day, h, m, s, ms] = stamp;
  return `common-ground-${day}T${h}-${m}-${s}-${ms}Z-${reason}${n > 0 ? `-${n}` : ''}.${BACKUP_EXTENSION}`;
}

export interface NamedBackup {
  name: string;
  createdAt: string;
  reason: BackupReason;
}

export function parseBackupFileName(name: string): NamedBackup | null {
  const m = PATTERN.exec(name);
  if (!m) return null;
  const [, day, h, min, s, ms, reason] = m;
  return { name, createdAt: `${day}T${h}:${min}:${s}.${ms}Z`, reason: reason as BackupReason };
}
