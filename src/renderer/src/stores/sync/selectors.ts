import type { SyncPhase, SyncProgress } from '../../sync/engine';
import type { SyncState } from './store';

export const PHASE_LABELS: Record<SyncPhase, string> = {
  'not-enrolled': 'Not connected',
  offline: 'Offline',
  syncing: 'Syncing…',
  'up-to-date': 'Up to date',
  'needs-attention': 'Needs attention',
};

export const PHASE_COLORS: Record<SyncPhase, string> = {
  'not-enrolled': 'gray',
  offline: 'gray',
  syncing: 'blue',
  'up-to-date': 'teal',
  'needs-attention': 'orange',
};

export const selectConflictCount = (s: SyncState): number => s.conflictCount;
/** The enrollment form shows only once the engine has answered and found no enrollment. */
export const selectShowEnrollForm = (s: SyncState): boolean => s.checked && s.status.account === null;

export const plural = (n: number, one: string, many: string = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** Percent when the total is known (sending), null when only a count is (receiving, preparing). */
export function progressPercent(progress: SyncProgress | null): number | null {
  if (!progress || progress.total === null) return null;
  if (progress.total === 0) return 100;
  return Math.min(100, Math.round((progress.done / progress.total) * 100));
}

export function progressText(progress: SyncProgress | null): string {
  if (!progress) return 'Starting…';
  switch (progress.stage) {
    case 'preparing':
      return progress.done > 0 ? `Preparing: looked at ${plural(progress.done, 'record')}` : 'Preparing…';
    case 'sending':
      return `Sent ${changesOf(progress)}`;
    case 'receiving':
      return `Received ${changesOf(progress)}${progress.councilName ? ` from ${progress.councilName}` : ''}`;
  }
}

/** "12,000 changes", or "12,000 of 100,000 changes" when the total is known. */
function changesOf({ done, total }: SyncProgress): string {
  return total === null ? plural(done, 'change') : `${done.toLocaleString('en-US')} of ${plural(total, 'change')}`;
}

export const TOKEN_STORAGE_LABELS = {
  encrypted: 'Encrypted by the operating system’s keychain',
  'plain-text-agreed': 'Unencrypted in the app’s profile folder (you agreed: no keyring on this computer)',
  'browser-profile': 'In this browser’s profile (web mode)',
} as const;
