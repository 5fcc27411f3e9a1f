import { describe, expect, it } from 'vitest';
import { backupFileName, parseBackupFileName, type NamedBackup } from '@shared/backup/fileName';
import type { BackupReason } from '@shared/backup/format';
import { backupsToRemove, RETENTION } from '@shared/backup/retention';

// UTC days keep the test independent of the machine's time zone; the app passes local days.
const utcDay = (iso: string) => iso.slice(0, 10);
const NOW = Date.parse('2026-11-25T18:00:00.000Z');

function backup(createdAt: string, reason: BackupReason = 'automatic', n = 0): NamedBackup {
  return { name: backupFileName(createdAt, reason, n), createdAt, reason };
}

const kept = (all: NamedBackup[], now = NOW) => {
  const removed = new Set(backupsToRemove(all, now, utcDay));
  return all.filter((b) => !removed.has(b.name)).map((b) => `${b.createdAt.slice(0, 16)} ${b.reason}`);
};

describe('backup file names', () => {
  it('name the instant (UTC, sortable, no colons) and the reason, and read back', () => {
    const name = backupFileName('2026-11-25T10:05:07.123Z', 'before-restore');
    expect(name).toBe('common-ground-2026-11-25T10-05-07-123Z-before-restore.cgbackup');
    expect(parseBackupFileName(name)).toEqual({ name, createdAt: '2026-11-25T10:05:07.123Z', reason: 'before-restore' });
    expect(parseBackupFileName(backupFileName('2026-11-25T10:05:07.123Z', 'quit', 2))).toMatchObject({ reason: 'quit', createdAt: '2026-11-25T10:05:07.123Z' });
  });

  it('are the only files retention looks at', () => {
    for (const other of [
      'minutes.pdf',
      'common-ground-2026-11-25T10-05-07-123Z-manual.cgbackup.tmp',
      'common-ground-latest.cgbackup',
      '../common-ground-2026-11-25T10-05-07-123Z-manual.cgbackup',
    ])
      expect(parseBackupFileName(other)).toBeNull();
    expect(() => backupFileName('25/11/2026', 'manual')).toThrow(/not an ISO instant/);
  });
});

describe('retention policy', () => {
  it('keeps up to 3 from the latest day, then the newest of each earlier day, 10 in all', () => {
    const all: NamedBackup[] = [];
    // Today: an automatic backup every 15 minutes from 9:00 to 12:00 and one on quit.
    for (let m = 0; m <= 180; m += 15) all.push(backup(new Date(Date.UTC(2026, 10, 25, 9, m)).toISOString()));
    all.push(backup('2026-11-25T17:30:00.000Z', 'quit'));
    // The 14 days before: three a day.
    for (let d = 1; d <= 14; d++) for (const h of [9, 12, 16]) all.push(backup(new Date(Date.UTC(2026, 10, 25 - d, h)).toISOString()));
    const result = kept(all);
    expect(result).toEqual([
      '2026-11-25T11:45 automatic',
      '2026-11-25T12:00 automatic',
      '2026-11-25T17:30 quit',
      ...[24, 23, 22, 21, 20, 19, 18].map((day) => `2026-11-${day}T16:00 automatic`),
    ]);
    expect(result).toHaveLength(RETENTION.total);
  });

  it('keeps everything while there is little', () => {
    const all = [backup('2026-11-25T09:00:00.000Z', 'manual'), backup('2026-11-24T09:00:00.000Z'), backup('2026-11-20T09:00:00.000Z', 'quit')];
    expect(backupsToRemove(all, NOW, utcDay)).toEqual([]);
  });

  it('keeps each safety point 30 days, and the newest of each kind whatever its age', () => {
    const all = [
      backup('2026-11-20T09:00:00.000Z', 'before-restore'),
      backup('2026-10-30T09:00:00.000Z', 'before-restore'),
      backup('2026-09-01T09:00:00.000Z', 'before-restore'),
      backup('2025-06-01T09:00:00.000Z', 'before-upgrade'),
    ];
    expect(kept(all)).toEqual(['2026-11-20T09:00 before-restore', '2026-10-30T09:00 before-restore', '2025-06-01T09:00 before-upgrade']);
    // Safety points never count against the regular ten.
    const regular = Array.from({ length: 12 }, (_, d) => backup(new Date(Date.UTC(2026, 10, 25 - d, 9)).toISOString()));
    const removed = backupsToRemove([...regular, ...all], NOW, utcDay);
    expect(removed).toHaveLength(2 + 1);
    expect(removed).toContain(all[2]!.name);
  });

  it('does not depend on the clock for regular backups: a laptop whose clock jumped keeps its latest ones', () => {
    const all = Array.from({ length: 5 }, (_, i) => backup(`2026-11-25T0${i}:00:00.000Z`));
    // "Now" two years later (a wrong clock): the latest day still keeps 3.
    expect(kept(all, NOW + 2 * 365 * 24 * 3600 * 1000)).toEqual(['2026-11-25T02:00 automatic', '2026-11-25T03:00 automatic', '2026-11-25T04:00 automatic']);
  });
});
