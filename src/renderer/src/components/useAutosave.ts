import { useCallback, useEffect, useRef, useState } from 'react';
import { AUTOSAVE_DELAY_MS, AUTOSAVE_MAX_WAIT_MS, registerFlusher, trackSave } from '../stores/saveStatus/store';
import { clearDraft, readDraft, writeDraft } from './draftJournal';
import { errorTextLoaded } from './errorText';

export interface Autosave<T> {
  draft: T;
  change: (value: T) => void;
  flush: () => Promise<void>;
  error: string | null;
}

export interface AutosaveOptions {
  delay?: number;
  /**
   * Key of this field's entry in the draft journal (e.g. `meetings:<id>:objective`): typed text is
   * also kept synchronously in localStorage until the store has it, and restored on the next mount.
   */
  journalKey?: string;
}

/**
 * Local draft of one stored value, committed AUTOSAVE_DELAY_MS after the last keystroke and at
 * least every AUTOSAVE_MAX_WAIT_MS while typing goes on (a burst of typing is never held back), on
 * blur, on unmount, when the page hides and on route changes. While the person is typing, changes
 * arriving from the store (their own echo, or later a sync) do not overwrite the draft.
 */
export function useAutosave<T>(committed: T, save: (value: T) => Promise<unknown>, options: AutosaveOptions = {}): Autosave<T> {
  const delay = options.delay ?? AUTOSAVE_DELAY_MS;
  const journalKey = typeof committed === 'string' ? options.journalKey : undefined;
  // Text typed before a reload or a crash that the store never got comes back as the draft, and is saved.
  const [recovered] = useState(() => recoverDraft(journalKey, committed));
  const [draft, setDraft] = useState(recovered ? (recovered.value as T) : committed);
  const [prevCommitted, setPrevCommitted] = useState(committed);
  const [editing, setEditing] = useState(recovered !== null);
  const [error, setError] = useState<string | null>(null);
  const pending = useRef<{ value: T } | null>(recovered ? { value: recovered.value as T } : null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const maxTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  }, [save]);

  if (committed !== prevCommitted) {
    setPrevCommitted(committed);
    // The store trims what it is given: its echo of "How can we " is "How can we", and taking it
    // would eat the space the recorder just typed (the next word would run into the last one).
    const ownEcho = typeof committed === 'string' && typeof draft === 'string' && committed === draft.trim();
    if (!editing && !ownEcho) setDraft(committed);
  }

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    if (maxTimer.current) clearTimeout(maxTimer.current);
    timer.current = null;
    maxTimer.current = null;
    const next = pending.current;
    if (!next) return;
    pending.current = null;
    try {
      await trackSave(() => saveRef.current(next.value));
      if (journalKey) clearDraft(journalKey, next.value as string);
      setError(null);
    } catch (e) {
      // A locked record's refusal is said in the screens' language (errorText.ts).
      setError(await errorTextLoaded(e));
    } finally {
      if (!pending.current) setEditing(false);
    }
  }, [journalKey]);

  const baseRef = useRef(committed);
  const change = useCallback(
    (value: T) => {
      if (!pending.current) baseRef.current = committed;
      setDraft(value);
      setEditing(true);
      pending.current = { value };
      if (journalKey) writeDraft(journalKey, value as string, baseRef.current as string);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), delay);
      // Typing that never pauses still reaches the store every AUTOSAVE_MAX_WAIT_MS.
      maxTimer.current ??= setTimeout(() => void flush(), Math.max(delay, AUTOSAVE_MAX_WAIT_MS));
    },
    [committed, delay, flush, journalKey],
  );

  useEffect(() => {
    if (!recovered) return;
    const t = setTimeout(() => void flush(), 0);
    return () => clearTimeout(t);
  }, [recovered, flush]);

  useEffect(() => {
    const unregister = registerFlusher(flush);
    return () => {
      unregister();
      void flush();
    };
  }, [flush]);

  return { draft, change, flush, error };
}

/** A journal entry this field's store value does not hold yet (an entry it does hold is dropped). */
function recoverDraft<T>(journalKey: string | undefined, committed: T): { value: string } | null {
  if (!journalKey) return null;
  const entry = readDraft(journalKey);
  if (!entry) return null;
  if (entry.value === committed) {
    clearDraft(journalKey, entry.value);
    return null;
  }
  return { value: entry.value };
}
