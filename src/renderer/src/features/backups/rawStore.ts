/**
 * The store's rows read and written straight through the IndexedDB transaction a backup or a
 * restore already holds, instead of row by row through Dexie's middleware stack and
 * dexie-export-import's typeson pass. Profiling a 2,000-meeting store showed those two layers,
 * not IndexedDB, took most of a backup's and a restore's time.
 *
 * What it may do, and why that is safe:
 * - Reading: it writes exactly the dexie-export-import JSON (same structure, same table order),
 *   and only for rows typeson would leave as they are (plain JSON: no Date, Blob, undefined, NaN,
 *   -0, class instance or `$types` key). A row that is not plain makes it give up (null), and the
 *   caller falls back to exportDB in the same read transaction: the file is the same snapshot.
 * - Writing: only into the caller's transaction (one commit for the whole restore; any failed
 *   request aborts it, so the store is left as it was), only for tables whose rows carry their own
 *   string key and need no typeson revival; anything else goes the old way (importInto).
 *   The capture middleware is bypassed, which is what a restore wants: the rows carry their own
 *   sync state and must not become outbox entries (the transaction is marked sync-internal too).
 *   Dexie's change signals are bypassed as well; the window reloads after a restore.
 */
import type Dexie from 'dexie';
import { nowIso } from '@shared/clock';

/** Deeper than any record the app writes; a value nested deeper (or a cycle) takes the typeson path. */
const MAX_DEPTH = 32;

/**
 * Whether JSON.stringify keeps everything of a value read from IndexedDB: strings, finite
 * numbers, booleans, null, and arrays (without holes) and plain objects of them. Anything else
 * (a date, binary data, undefined, NaN, -0, a `$types` key, a cycle) is left to typeson. An
 * object that appears twice in one record is written twice (the values are equal; only the
 * sharing, which no app code relies on, is not kept).
 */
export function isPlainJson(value: unknown, depth = 0): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object': {
      if (value === null) return true;
      if (depth >= MAX_DEPTH) return false;
      if (Array.isArray(value)) {
        if (Object.getPrototypeOf(value) !== Array.prototype) return false;
        for (let i = 0; i < value.length; i++) if (!(i in value) || !isPlainJson(value[i], depth + 1)) return false;
        return true;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype) return false;
      for (const key in value) {
        if (key === '$types') return false;
        if (!isPlainJson((value as Record<string, unknown>)[key], depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/** Rows per read: each is one short task (read, check, stringify), so the window keeps painting. */
const ROWS_PER_READ = 500;

export interface RawDump {
  /** The dexie-export-import JSON, in parts (joined by the caller). */
  parts: string[];
  /** Rows per table. */
  rows: Record<string, number>;
  /** When the snapshot was taken. */
  createdAt: string;
}

/**
 * The whole store as dexie-export-import's JSON, read in ONE read-only IndexedDB transaction over
 * every table (a consistent snapshot: a write is in it entirely or not at all). `onRow` sees every
 * row with its table. Null when a row or table is not one this path reproduces exactly; the caller
 * then takes the snapshot again with exportDB.
 */
export async function dumpStore(db: Dexie, onRow: (table: string, row: Record<string, unknown>) => void): Promise<RawDump | null> {
  if (db.tables.some((t) => typeof t.schema.primKey.keyPath !== 'string')) return null;
  const idb = db.backendDB().transaction(
    db.tables.map((t) => t.name),
    'readonly',
  );
  const createdAt = nowIso();
  const tables = db.tables.map((t) => ({ name: t.name, schema: [t.schema.primKey, ...t.schema.indexes].map((i) => i.src).join(','), rowCount: 0 }));
  // Every read is queued up front (keys first, then the rows in slices between known keys):
  // waiting for each slice before asking for the next cost a round trip to the browser process
  // per slice, most of a backup's time on a busy laptop. The results still arrive one slice per task.
  const keys = await Promise.all(db.tables.map((t) => request(idb.objectStore(t.name).getAllKeys())));
  const slices = db.tables.map((t, i) => {
    const store = idb.objectStore(t.name);
    const own = keys[i]!;
    const reads: Promise<Record<string, unknown>[]>[] = [];
    for (let at = 0; at < own.length; at += ROWS_PER_READ) {
      const range = IDBKeyRange.bound(own[at], own[Math.min(own.length, at + ROWS_PER_READ) - 1]);
      const read = request(store.getAll(range) as IDBRequest<Record<string, unknown>[]>);
      // Awaited in order below; a failure (the transaction aborted) must not also go unobserved.
      read.catch(() => undefined);
      reads.push(read);
    }
    return reads;
  });
  const parts: string[] = [];
  const rows: Record<string, number> = {};
  let plain = true;
  for (const [i, table] of db.tables.entries()) {
    parts.push(`${i > 0 ? ',' : ''}${JSON.stringify({ tableName: table.name, inbound: true, rows: [] }).slice(0, -2)}`);
    let count = 0;
    for (const read of slices[i]!) {
      const values = await read;
      if (!plain) continue;
      for (const v of values) {
        if (!isPlainJson(v)) {
          plain = false;
          break;
        }
        onRow(table.name, v);
      }
      if (!plain) continue;
      parts.push(`${count > 0 ? ',' : ''}${JSON.stringify(values).slice(1, -1)}`);
      count += values.length;
    }
    rows[table.name] = count;
    tables[i]!.rowCount = count;
    parts.push(']}');
  }
  // A value typeson must carry: the library's path instead.
  if (!plain) return null;
  // The head holds each table's row count, known only now (exportDB counts first, in the same snapshot).
  const head = JSON.stringify({ formatName: 'dexie', formatVersion: 1, data: { databaseName: db.name, databaseVersion: db.verno, tables, data: [] } });
  const at = head.lastIndexOf(']');
  return { parts: [head.slice(0, at), ...parts, head.slice(at)], rows, createdAt };
}

/**
 * Tables a restore can write directly: an inbound string key, and rows that are plain JSON once
 * typeson's markers are read. Backups made by dexie-export-import mark every array (a marker whose
 * reviver gives the array back as it is); those markers are dropped here, on the tables' rows
 * themselves. A row with any other marker (a date, a shared reference...) leaves its table to
 * dexie-export-import.
 */
export function directlyWritable(db: Dexie, rowsByTable: ReadonlyMap<string, readonly unknown[]>): Set<string> {
  const out = new Set<string>();
  for (const table of db.tables) {
    if (typeof table.schema.primKey.keyPath !== 'string') continue;
    const rows = rowsByTable.get(table.name) ?? [];
    if (!rows.every(plainOnceRevived)) continue;
    for (const row of rows) delete (row as { $types?: unknown }).$types;
    out.add(table.name);
  }
  return out;
}

function plainOnceRevived(row: unknown): boolean {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return false;
  if (!Object.hasOwn(row, '$types')) return true;
  const types = (row as { $types: unknown }).$types;
  if (typeof types !== 'object' || types === null || Array.isArray(types)) return false;
  return Object.entries(types).every(([path, type]) => type === 'arrayNonindexKeys' && path !== '' && Array.isArray(atKeyPath(row, path)));
}

/** A value by typeson's key path (dot-separated, with `~1` for a dot and `~0` for a tilde in a key). */
function atKeyPath(value: unknown, path: string): unknown {
  let at = value;
  for (const part of path.split('.')) {
    if (typeof at !== 'object' || at === null) return undefined;
    const key = part.replace(/~1/g, '.').replace(/~0/g, '~');
    if (!Object.hasOwn(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/**
 * Inside the restore's transaction: each named table ends up holding exactly `rowsByTable`'s rows.
 * Rows the backup lacks are deleted and the others written over in place (Chromium clears a
 * store record by record, so this is about half the work of clear-then-write when most rows are
 * still there). All requests are queued at once; the first failure rejects, and the transaction
 * (aborted by the failed request, or by the caller on the rejection) rolls everything back.
 */
export async function replaceTables(
  db: Dexie,
  idb: IDBTransaction,
  names: ReadonlySet<string>,
  rowsByTable: ReadonlyMap<string, readonly unknown[]>,
): Promise<void> {
  const targets = db.tables.filter((t) => names.has(t.name));
  const existing = await Promise.all(
    targets.map((t) => {
      const store = idb.objectStore(t.name);
      if ((rowsByTable.get(t.name) ?? []).length === 0) return request(store.clear()).then(() => [] as IDBValidKey[]);
      return request(store.getAllKeys());
    }),
  );
  const pending: Promise<unknown>[] = [];
  try {
    for (const [i, table] of targets.entries()) {
      const rows = rowsByTable.get(table.name) ?? [];
      if (rows.length === 0) continue;
      const keyPath = table.schema.primKey.keyPath as string;
      const store = idb.objectStore(table.name);
      const keys = existing[i]!;
      if (keys.length > 0) {
        const keep = new Set(rows.map((r) => (r as Record<string, unknown>)[keyPath]));
        for (const k of keys) if (!keep.has(k)) store.delete(k);
      }
      // Requests run in order: the table's last put succeeding means all its requests did (a failed
      // one aborts the transaction, which fails every request still queued, this one included).
      let last: IDBRequest | undefined;
      for (const row of rows) last = store.put(row);
      pending.push(request(last!));
    }
  } catch (error) {
    // A row IndexedDB refuses outright (no key): the caller aborts, and what was queued fails with it.
    for (const p of pending) p.catch(() => undefined);
    throw error;
  }
  await Promise.all(pending);
}
