import { create } from 'zustand';
import { nowMs } from '@shared/clock';

/** Debounce for typed text: well under the 500 ms a crash may cost, long enough to batch keys. */
export const AUTOSAVE_DELAY_MS = 300;
/** While typing goes on without a pause, a write still happens this often. */
export const AUTOSAVE_MAX_WAIT_MS = 300;

interface SaveStatusState {
  pending: number;
  lastSavedAt: number | null;
  /** The last failed write's refusal, kept whole so the header can word it in the screen's language. */
  error: unknown;
}

export const useSaveStatus = create<SaveStatusState>(() => ({ pending: 0, lastSavedAt: null, error: null }));

/** Run a write and reflect it in the header's save indicator; rethrows so callers can show field errors. */
export async function trackSave<T>(write: () => Promise<T>): Promise<T> {
  useSaveStatus.setState((s) => ({ pending: s.pending + 1 }));
  try {
    const result = await write();
    useSaveStatus.setState((s) => ({ pending: s.pending - 1, lastSavedAt: nowMs(), error: null }));
    return result;
  } catch (error) {
    useSaveStatus.setState((s) => ({ pending: s.pending - 1, error: error ?? String(error) }));
    throw error;
  }
}

type Flusher = () => Promise<void>;
const flushers = new Set<Flusher>();

/** Inputs with unsaved keystrokes register here so closing the window saves them first. */
export function registerFlusher(flush: Flusher): () => void {
  flushers.add(flush);
  return () => flushers.delete(flush);
}

export async function flushAllPending(): Promise<void> {
  await Promise.allSettled([...flushers].map((f) => f()));
}

let installed = false;
/**
 * Save whatever is typed when the window hides, closes or reloads (best effort: a write begun while
 * the page unloads may be cut off with it, which the draft journal and the max-wait cover).
 */
export function installFlushOnHide(): void {
  if (installed) return;
  installed = true;
  window.addEventListener('pagehide', () => void flushAllPending());
  window.addEventListener('beforeunload', () => void flushAllPending());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void flushAllPending();
  });
}
