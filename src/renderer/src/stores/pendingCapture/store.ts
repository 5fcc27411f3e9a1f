import { create } from 'zustand';
import { newId } from '../../db/repositories/repository';

/**
 * Items typed in the room and shown at once, before their write has committed. A strict-durability
 * commit waits for the disk; the recorder must not. An entry leaves when the stored row with the
 * same id appears (see withPending), or when its write fails.
 */
export interface PendingItem {
  id: string;
  /** Which list it belongs to, e.g. `interests:<sessionId>`. */
  list: string;
  text: string;
  fields?: Record<string, unknown>;
}

interface PendingState {
  items: PendingItem[];
  add(list: string, text: string, fields?: Record<string, unknown>): PendingItem;
  remove(id: string): void;
}

export const usePendingCapture = create<PendingState>((set) => ({
  items: [],
  add(list, text, fields) {
    const item = { id: newId(), list, text, fields };
    set((s) => ({ items: [...s.items, item] }));
    return item;
  },
  remove(id) {
    set((s) => ({ items: s.items.filter((i) => i.id !== id) }));
  },
}));

/**
 * Add optimistically: the item is pending (visible) now, written in the background, and dropped
 * from pending once written; the live query already shows the stored row by then or moments later,
 * and lists skip pending entries whose id is already stored, so an item never shows twice.
 */
export async function captureOptimistically(
  list: string,
  text: string,
  write: (id: string) => Promise<unknown>,
  fields?: Record<string, unknown>,
): Promise<void> {
  const { add, remove } = usePendingCapture.getState();
  const item = add(list, text, fields);
  try {
    await write(item.id);
  } finally {
    // Keep the pending entry one more frame so the live query can deliver the stored row first.
    setTimeout(() => remove(item.id), 250);
  }
}
