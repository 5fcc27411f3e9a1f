import { nowMs } from '@shared/clock';

// The last line of defence for typed text. Autosave writes to IndexedDB at most 300 ms after a
// key (and flushes when the page hides), but a write begun while the page unloads (a reload, a
// closed window) is aborted with the page. So every keystroke of a journalled field is also put,
// synchronously, in localStorage, and cleared once the store has the text; a field that mounts and
// finds an entry left behind saves it (nothing typed is lost on reload).

const PREFIX = 'cg-draft:';
/** An entry older than this was typed so long ago that restoring it would surprise more than help. */
const MAX_AGE_MS = 7 * 24 * 3600 * 1000;

export interface JournalEntry {
  value: string;
  /** The stored value when typing began (what the draft replaces). */
  base: string;
  at: number;
}

const storage = (): Storage | null => {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled by policy: autosave still works, without the journal
  }
};

export function writeDraft(key: string, value: string, base: string): void {
  try {
    storage()?.setItem(PREFIX + key, JSON.stringify({ value, base, at: nowMs() } satisfies JournalEntry));
  } catch {
    // quota full: the IndexedDB write is still on its way; the journal is a safety net only
  }
}

export function readDraft(key: string): JournalEntry | null {
  const raw = storage()?.getItem(PREFIX + key);
  if (!raw) return null;
  try {
    const entry = JSON.parse(raw) as JournalEntry;
    if (typeof entry.value !== 'string' || typeof entry.at !== 'number' || nowMs() - entry.at > MAX_AGE_MS) {
      storage()?.removeItem(PREFIX + key);
      return null;
    }
    return entry;
  } catch {
    storage()?.removeItem(PREFIX + key);
    return null;
  }
}

/** The store now holds `saved`: drop the entry if it is that text (a newer keystroke keeps it). */
export function clearDraft(key: string, saved: string): void {
  const entry = readDraft(key);
  if (entry && entry.value === saved) storage()?.removeItem(PREFIX + key);
}
