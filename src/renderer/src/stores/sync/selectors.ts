import type { SyncPhase, SyncProgress } from '../../sync/engine';
import type { SyncState } from './store';

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

/** Percent when the total is known (sending), null when only a count is (receiving, preparing). */
export function progressPercent(progress: SyncProgress | null): number | null {
  if (!progress || progress.total === null) return null;
  if (progress.total === 0) return 100;
  return Math.min(100, Math.round((progress.done / progress.total) * 100));
}
