/**
 * Restoring a checked backup into the app's store. The invariants:
 * - ONE transaction: every table is emptied of what the backup lacks and refilled in it, so on
 *   any failure (a quota, a crash, a bug) IndexedDB rolls back and the store is exactly as before.
 *   Rows are written straight into that transaction's object stores (rawStore.ts): the capture
 *   middleware would only pass them through (the transaction is sync-internal), and going through
 *   Dexie row by row cost most of a large restore's time;
 * - a revert point is written first (the caller's `beforeRestore`); if that fails nothing starts;
 * - an older backup is upgraded through the app's own Dexie migrations (in a scratch database),
 *   never by code written for restores;
 * - sync state is restored as it was (row merge states, cursors, outbox, clientId), not
 *   re-captured: the council's deletions since the backup come back through the next pull (the
 *   cursor is the backup's, so the pull starts where the backup's data ends), and the rows are not
 *   sent again as new edits. Two corrections from the store being replaced, both about what the
 *   server already has: outbox changes it proves the server acknowledged are dropped
 *   (outboxCarryOver.ts), and the clock never goes back (an HLC is never issued twice).
 */
import Dexie, { RangeSet } from 'dexie';
import { exportDB, importDB, importInto } from 'dexie-export-import';
import { v7 as uuidv7 } from 'uuid';
import { changesTheServerHas } from '@shared/backup/outboxCarryOver';
import { maxHlc } from '@shared/sync/hlc';
import type { RowState } from '@shared/sync/merge';
import type { Change } from '@shared/sync/protocol';
import { markSyncInternal } from '../../db/capture/capture';
import { SyncTx, localRowKey, readOutboxEntry, toStoredOutboxEntry, type ClockMeta, type StoredOutboxEntry } from '../../db/capture/syncTables';
import { CommonGroundDb } from '../../db/database';
import { DB_NAME } from '../../db/schema';
import { directlyWritable, replaceTables } from './rawStore';
import type { OpenedBackup, StoreDump } from './storeFile';

export interface RestoreOutcome {
  /** Rows restored per table. */
  tables: Record<string, number>;
  /** The data version the backup was upgraded from (an older app's backup), if it was. */
  upgradedFrom: number | null;
  /** Outbox changes of the backup that the server already has, not sent again. */
  alreadyOnServer: number;
}

type JsonStream = Parameters<typeof importInto>[1];

/** dexie-export-import reads a parsed dump through its stream interface (it reads Blobs the same way, in parts). */
function asStream(store: StoreDump): JsonStream {
  return { result: store, done: () => true, eof: () => true, pullAsync: async () => store, pullSync: () => store } as unknown as JsonStream;
}

const rowsOf = <T>(store: StoreDump, table: string): T[] => (store.data.data.find((t) => t.tableName === table)?.rows ?? []) as T[];

/**
 * Replace the whole store with the backup's contents. The backup is consumed (re-open the file
 * to try again). Throws, with the store unchanged, if the revert point or the restore fails.
 */
export async function restoreStore(db: Dexie, backup: OpenedBackup, options: { beforeRestore: () => Promise<void> }): Promise<RestoreOutcome> {
  if (!db.isOpen()) await db.open();
  let store = backup.store;
  const from = store.data.databaseVersion;
  if (from > db.verno) throw new Error(`a backup of data version ${from} cannot be restored into version ${db.verno}`);
  if (from < db.verno) store = await upgradeDump(store, db.verno);
  const alreadyOnServer = await carryOverSyncState(db, store);
  await options.beforeRestore();
  await db.transaction('rw', db.tables, async () => {
    // The rows carry their sync state already: the capture middleware must not record them as edits.
    const idb = Dexie.currentTransaction.idbtrans;
    markSyncInternal(idb);
    const rowsByTable = new Map(store.data.data.map((t) => [t.tableName, t.rows]));
    const direct = directlyWritable(db, rowsByTable);
    // What cannot be written directly (typeson-encoded values, tables without an inbound key)
    // goes through dexie-export-import as before, first: after the direct writes' native awaits
    // nothing here calls Dexie again.
    const rest = restOf(store, direct);
    if (rest.data.data.length > 0 || db.tables.some((t) => !direct.has(t.name))) {
      await dropRowsNotIn(db, rest, (name) => !direct.has(name));
      await importInto(db, asStream(rest), { noTransaction: true, overwriteValues: true, acceptNameDiff: true });
    }
    await replaceTables(db, idb, direct, rowsByTable);
  });
  signalWholeStoreChanged(db);
  const tables: Record<string, number> = {};
  for (const t of db.tables) tables[t.name] = await t.count();
  return { tables, upgradedFrom: from < db.verno ? from : null, alreadyOnServer };
}

/**
 * The direct writes went below Dexie's change tracking: tell its listeners (live queries, the
 * automatic backups' "something changed") that every table changed, as Dexie itself does when it
 * creates a database.
 */
function signalWholeStoreChanged(db: Dexie): void {
  const everything: Record<string, RangeSet> = {};
  const all = () => new RangeSet(-Infinity, [[[]]]);
  for (const table of db.tables) {
    const prefix = `idb://${db.name}/${table.name}/`;
    everything[prefix] = all();
    everything[`${prefix}:dels`] = all();
    for (const idx of table.schema.indexes) if (idx.name) everything[`${prefix}${idx.name}`] = all();
  }
  Dexie.on('storagemutated').fire(everything);
}

/** The dump without the tables written directly (rawStore.ts). */
function restOf(store: StoreDump, direct: ReadonlySet<string>): StoreDump {
  return { ...store, data: { ...store.data, data: store.data.data.filter((t) => !direct.has(t.tableName)) } };
}

/**
 * Inside the restore's transaction: every row the backup does not hold leaves its table; the rest
 * are then overwritten in place. Same result as clearing first, at about half the cost on a
 * laptop restoring its own earlier backup (Chromium clears a store record by record, and most
 * rows are still there).
 */
async function dropRowsNotIn(db: Dexie, store: StoreDump, include: (table: string) => boolean): Promise<void> {
  const dumped = new Map(store.data.data.map((t) => [t.tableName, t.rows]));
  for (const table of db.tables) {
    if (!include(table.name)) continue;
    const rows = dumped.get(table.name);
    if (!rows || rows.length === 0) {
      await table.clear();
      continue;
    }
    const keyPath = table.schema.primKey.keyPath;
    if (typeof keyPath !== 'string') {
      await table.clear();
      continue;
    }
    const keep = new Set(rows.map((r) => (r as Record<string, unknown>)[keyPath]));
    const stale = (await table.toCollection().primaryKeys()).filter((k) => !keep.has(k));
    if (stale.length > 0) await table.bulkDelete(stale);
  }
}

/**
 * An older app's backup, brought to this app's schema by the app's own migrations: written into a
 * scratch database at its own version, opened as the app's database (Dexie runs the upgrades),
 * and read out again. The scratch database is deleted whatever happens.
 */
async function upgradeDump(store: StoreDump, target: number): Promise<StoreDump> {
  const name = `${DB_NAME}-restore-${uuidv7()}`;
  try {
    const old = await importDB(asStream(store), { name });
    old.close();
    const upgraded = new CommonGroundDb(name);
    try {
      await upgraded.open();
      if (upgraded.verno !== target) throw new Error(`the upgrade reached version ${upgraded.verno}, not ${target}`);
      const blob = await exportDB(upgraded, { numRowsPerChunk: 2000 });
      return JSON.parse(await blob.text()) as StoreDump;
    } finally {
      upgraded.close();
    }
  } finally {
    await Dexie.delete(name);
  }
}

/**
 * Adjust the dump's sync bookkeeping with what the store being replaced knows: drop outbox
 * changes the server is proven to have, and keep the clock from going back. Returns how many
 * changes were dropped.
 */
async function carryOverSyncState(db: Dexie, store: StoreDump): Promise<number> {
  const names = new Set(db.tables.map((t) => t.name));
  if (!names.has('syncOutbox') || !names.has('syncMeta')) return 0;
  const backupEntries = rowsOf<StoredOutboxEntry>(store, 'syncOutbox');
  const backupMeta = rowsOf<{ key: string }>(store, 'syncMeta');
  let dropped = 0;
  await db.transaction('r', db.tables, async () => {
    const currentEntries = await db.table<StoredOutboxEntry, number>('syncOutbox').toArray();
    const meta = new Map((await db.table<{ key: string }, string>('syncMeta').toArray()).map((m) => [m.key, m]));
    const currentClock = meta.get('clock') as ClockMeta | undefined;
    const backupClock = backupMeta.find((m) => m.key === 'clock') as ClockMeta | undefined;
    if (currentClock && backupClock) Object.assign(backupClock, laterClock(backupClock, currentClock));
    if (backupEntries.length === 0 || !meta.has('client')) return; // a fresh install cannot vouch for anything

    // Entries stored identically on both sides hold the same changes: only the others are unpacked.
    const same = new Set(currentEntries.map(entryKey));
    const currentOps = new Set<string>();
    const currentHlcs = new Set<string>();
    const backupSame = new Set(backupEntries.map(entryKey));
    for (const e of currentEntries) {
      if (backupSame.has(entryKey(e))) continue;
      for (const c of readOutboxEntry(e).changes) {
        currentOps.add(c.opId);
        currentHlcs.add(c.hlc);
      }
    }
    const candidates: Change[] = [];
    for (const e of backupEntries) if (!same.has(entryKey(e))) candidates.push(...readOutboxEntry(e).changes.filter((c) => !currentOps.has(c.opId)));
    if (candidates.length === 0) return;
    const tx = new SyncTx(db.core, Dexie.currentTransaction.idbtrans);
    const states = await tx.getStates([...new Set(candidates.map((c) => localRowKey(c.table, c.rowId)))]);
    const known = changesTheServerHas(candidates, {
      outbox: currentOps,
      outboxHlcs: currentHlcs,
      state: (table: string, rowId: string): RowState | undefined => states.get(localRowKey(table, rowId)),
    });
    if (known.size === 0) return;
    const kept: StoredOutboxEntry[] = [];
    for (const e of backupEntries) {
      const entry = readOutboxEntry(e);
      const left = entry.changes.filter((c) => !known.has(c.opId));
      dropped += entry.changes.length - left.length;
      if (left.length === 0) continue;
      if (left.length === entry.changes.length) kept.push(e);
      else {
        const held = entry.held ? Object.fromEntries(Object.entries(entry.held).filter(([op]) => !known.has(op))) : undefined;
        kept.push(toStoredOutboxEntry({ seq: entry.seq, changes: left, ...(held && Object.keys(held).length > 0 ? { held } : {}) }));
      }
    }
    const table = store.data.data.find((t) => t.tableName === 'syncOutbox')!;
    table.rows = kept;
    const pending = backupMeta.find((m) => m.key === 'pending') as { key: 'pending'; n: number } | undefined;
    if (pending) pending.n = Math.max(0, pending.n - dropped);
  });
  const outboxTable = store.data.tables.find((t) => t.name === 'syncOutbox');
  if (outboxTable) outboxTable.rowCount = rowsOf(store, 'syncOutbox').length;
  return dropped;
}

const entryKey = (e: StoredOutboxEntry): string => `${e.seq}\u0000${e.packed ?? JSON.stringify(e.changes)}\u0000${JSON.stringify(e.held ?? null)}`;

/**
 * The backup's clock, moved up to the current one when that is later: an HLC is wall time,
 * counter and clientId, and a laptop that restored an older clock could otherwise issue a
 * timestamp it already issued (and sent) before the restore.
 */
function laterClock(backup: ClockMeta, current: ClockMeta): Partial<ClockMeta> {
  const currentIsLater = current.wall > backup.wall || (current.wall === backup.wall && current.counter > backup.counter);
  const later = currentIsLater ? current : backup;
  return { wall: later.wall, counter: later.counter, highWater: maxHlc(backup.highWater, current.highWater), offsetMs: current.offsetMs };
}
