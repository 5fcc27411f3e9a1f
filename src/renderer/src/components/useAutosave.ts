import { useCallback, useEffect, useRef, useState } from 'react';
import { AUTOSAVE_DELAY_MS, registerFlusher, trackSave } from '../stores/saveStatus/store';

export interface Autosave<T> {
  draft: T;
  change: (value: T) => void;
  flush: () => Promise<void>;
  error: string | null;
}

/**
 * Local draft of one stored value, committed AUTOSAVE_DELAY_MS after the last keystroke, on blur,
 * on unmount and when the window hides. While the person is typing, changes arriving from the
 * store (their own echo, or later a sync) do not overwrite the draft.
 */
export function useAutosave<T>(committed: T, save: (value: T) => Promise<unknown>, delay = AUTOSAVE_DELAY_MS): Autosave<T> {
  const [draft, setDraft] = useState(committed);
  const [prevCommitted, setPrevCommitted] = useState(committed);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pending = useRef<{ value: T } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  }, [save]);

  if (committed !== prevCommitted) {
    setPrevCommitted(committed);
    if (!editing) setDraft(committed);
  }

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const next = pending.current;
    if (!next) return;
    pending.current = null;
    try {
      await trackSave(() => saveRef.current(next.value));
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      if (!pending.current) setEditing(false);
    }
  }, []);

  const change = useCallback(
    (value: T) => {
      setDraft(value);
      setEditing(true);
      pending.current = { value };
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), delay);
    },
    [delay, flush],
  );

  useEffect(() => {
    const unregister = registerFlusher(flush);
    return () => {
      unregister();
      void flush();
    };
  }, [flush]);

  return { draft, change, flush, error };
}
