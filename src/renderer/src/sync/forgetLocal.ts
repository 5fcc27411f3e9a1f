/**
 * Removing rows that never left this laptop (the first-run sample council) without a trace for
 * sync: no tombstones, no outbox changes waiting forever as "local-only", no merge states. Only
 * for a council the engine keeps local (`keepLocal`): a row any server has seen must be deleted by
 * an ordinary captured write instead, so the deletion reaches the other laptops.
 */
import Dexie from 'dexie';
import type { SyncRegistry } from '@shared/sync/registry';
import { markSyncInternal } from '../db/capture/capture';
import { localRowKey, readOutboxEntry, syncScope, toStoredOutboxEntry, type PendingMeta, type StoredOutboxEntry } from '../db/capture/syncTables';

/**
 * Delete `rows` (table -> ids) of the local-only `councilId`, their merge states and conflicts,
 * and every outbox change of that council, in one transaction. Returns how many rows were removed.
 */
export async function forgetLocalRows(db: Dexie, registry: SyncRegistry, councilId: string, rows: ReadonlyMap<string, readonly string[]>): Promise<number> {
  return db.transaction('rw', syncScope(db, registry), async () => {
    // Bypasses change capture: these rows were never sent, so there is nothing to tell a server.
    markSyncInternal(Dexie.currentTransaction.idbtrans);
    let removed = 0;
    const keys: string[] = [];
    for (const [table, ids] of rows) {
      if (ids.length === 0) continue;
      await db.table(table).bulkDelete([...ids]);
      removed += ids.length;
      keys.push(...ids.map((id) => localRowKey(table, id)));
    }
    await db.table('syncRows').bulkDelete(keys);
    await db.table('syncPending').bulkDelete(keys);
    await db.table('syncConflicts').where('rowKey').anyOf(keys).delete();
    const gone = new Set(keys);
    const outbox = db.table<StoredOutboxEntry, number>('syncOutbox');
    let dropped = 0;
    for (const stored of await outbox.toArray()) {
      const entry = readOutboxEntry(stored);
      const left = entry.changes.filter((c) => c.councilId !== councilId && !gone.has(localRowKey(c.table, c.rowId)));
      if (left.length === entry.changes.length) continue;
      dropped += entry.changes.length - left.length;
      if (left.length === 0) await outbox.delete(entry.seq!);
      else await outbox.put(toStoredOutboxEntry({ ...entry, changes: left }));
    }
    if (dropped > 0) {
      const meta = (await db.table('syncMeta').get('pending')) as PendingMeta | undefined;
      await db.table('syncMeta').put({ key: 'pending', n: Math.max(0, (meta?.n ?? 0) - dropped) } satisfies PendingMeta);
    }
    return removed;
  });
}
