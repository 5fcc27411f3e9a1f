/**
 * Ordered lists (agenda items, interests, options, criteria, measures, change ideas) keep a
 * fractional `position` under their parent, indexed `[<parent key>+position]`: a move gives a row
 * a position between its new neighbours without renumbering the others.
 */
import type { Table } from 'dexie';

/**
 * Create a row after the last one of its list. The last position is read in the row's own write
 * transaction: rows typed in quick succession (title, Enter, title, Enter) would otherwise read
 * the same last position and tie, and no later move could tell them apart.
 */
export function appendToList<T extends { position: number }, R>(
  table: Table<T, string>,
  parentKey: string,
  parentId: string,
  create: (position: number) => Promise<R>,
): Promise<R> {
  return table.db.transaction('rw', table, async () => {
    const last = await table.where(`[${parentKey}+position]`).between([parentId, -Infinity], [parentId, Infinity]).last();
    return create((last?.position ?? 0) + 1);
  });
}
