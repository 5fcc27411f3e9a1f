import { format } from 'date-fns';
import type { BackupReason, BackupSummary } from '@shared/backup/format';

export const REASON_LABELS: Record<BackupReason, string> = {
  manual: 'Backed up by hand',
  automatic: 'Automatic',
  quit: 'When the app closed',
  'before-upgrade': 'Before an update',
  'before-restore': 'Revert point (before a restore)',
};

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/** "25 Nov 2026, 10:05" in the laptop's time zone. */
export function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? 'unknown date' : format(d, 'd MMM yyyy, HH:mm');
}

/** "2 councils, 3 teams, 40 meetings". */
export function contents(summary: Pick<BackupSummary, 'councilCount' | 'teams' | 'meetings'>): string {
  return [plural(summary.councilCount, 'council'), plural(summary.teams, 'team'), plural(summary.meetings, 'meeting')].join(', ');
}
