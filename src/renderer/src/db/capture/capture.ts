/**
 * The outbox middleware: every write to a synced table, whatever repository or bulk operation
 * made it, is turned into per-field changes in the SAME IndexedDB transaction (Dexie DBCore
 * level). A write and its outbox entry commit together or not at all, so a laptop dying
 * mid-meeting can never leave an edit that sync does not know about.
 * Each written record carries its row's new merge state (SYNC_STATE_FIELD), so a write stays
 * one record. Writes made by the sync client itself are marked and pass through.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import type { SyncRegistry } from '@shared/sync/registry';
import { LocalWriter, type WriterOptions } from './localWriter';
import { SYNC_STORE_NAMES, SyncTx, localRowKey, syncScope, withState } from './syncTables';

/**
 * Transactions of the sync client itself (applying pulled changes, storing states on records):
 * their app-table writes are already accounted for and pass through.
 */
const syncInternal = new WeakSet<object>();

export function markSyncInternal(trans: DBCoreTransaction | object): void {
  syncInternal.add(trans);
}

function isVersionChange(trans: DBCoreTransaction): boolean {
  // Schema upgrades run before the sync tables may exist; rows they touch are captured by the
  // engine's first scan instead (rows without merge state are captured whole).
  return (trans as unknown as IDBTransaction).mode === 'versionchange';
}

export function syncCaptureMiddleware(registry: SyncRegistry, options: WriterOptions = {}): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'SyncCapture',
    // Below Dexie's observability and cache layers (level 0): those read the zone's transaction,
    // which async code inside a middleware cannot rely on. The app table write is still observed
    // (it passes through them above us); our own outbox writes are not, so views of the outbox
    // and conflicts refresh from the engine's status instead of liveQuery.
    level: -0.5,
    create(down) {
      const present = new Set(down.schema.tables.map((t) => t.name));
      const enabled = SYNC_STORE_NAMES.every((n) => present.has(n));
      // A write may need to read parents (to find its council) and always writes the sync tables.
      const widened = syncScope(down.schema, registry);
      return {
        ...down,
        transaction(stores, mode, txOptions) {
          const needs = enabled && mode === 'readwrite' && stores.some((s) => registry.has(s));
          return down.transaction(needs ? [...new Set([...stores, ...widened])] : stores, mode, txOptions);
        },
        table(name) {
          const table = down.table(name);
          if (!enabled || !registry.has(name)) return table;
          return { ...table, mutate: (req) => captureMutation(down, table, registry, options, req) };
        },
      };
    },
  };
}

async function captureMutation(
  core: DBCore,
  table: DBCoreTable,
  registry: SyncRegistry,
  options: WriterOptions,
  original: DBCoreMutateRequest,
): Promise<DBCoreMutateResponse> {
  if (syncInternal.has(original.trans) || isVersionChange(original.trans)) return table.mutate(original);
  // A range delete becomes a delete of the rows in it: their states (on the records) are needed.
  const req: DBCoreMutateRequest =
    original.type === 'deleteRange' ? { type: 'delete', trans: original.trans, keys: await keysInRange(table, original) } : original;
  try {
    const writes = rowsOf(table, req);
    if (writes.length === 0) return await table.mutate(req);
    const writer = new LocalWriter(new SyncTx(core, req.trans), registry, options);
    // Rows being added cannot be in their table yet: only syncRows may know them (deleted before).
    await writer.load(
      writes.map((w) => localRowKey(table.name, w.rowId)),
      { records: req.type !== 'add' },
    );
    await writer.preloadCouncils(table.name, writes);
    const res = await captureAndWrite(table, writer, req, writes);
    const failed = new Set<string>();
    const written = new Map<string, 'put' | 'delete'>();
    writes.forEach((w, i) => {
      const key = localRowKey(table.name, w.rowId);
      if (res.failures[i] !== undefined) failed.add(key);
      else written.set(key, w.after ? 'put' : 'delete');
    });
    // A row both refused and written in one request would leave its record and state apart.
    for (const key of failed) if (written.has(key)) throw new Error(`${key} was both written and refused in one write`);
    writer.discard(failed);
    await writer.flush(written);
    return res;
  } catch (error) {
    // An uncaptured write would be invisible to sync forever: undo the whole transaction instead.
    try {
      req.trans.abort();
    } catch {
      // already finished or aborted
    }
    throw error;
  }
}

/**
 * Rows per slice of a large add or put: IndexedDB stores one slice while the next is captured,
 * instead of waiting for the whole write's capture (a 24,000-row import: seconds) to start.
 */
const SLICE_ROWS = 1000;

/**
 * Capture the rows and write them. Each row is captured BEFORE its write, so its record is
 * written once, carrying its new merge state. A large add or put goes down in slices as they are
 * captured; the slices are requests of the same transaction, issued in order, so the write is
 * still all or nothing (any failure aborts it, see captureMutation). Writes that Dexie computes
 * per row from a shared spec (criteria, changeSpec, updates) and deletes go down whole.
 */
async function captureAndWrite(
  table: DBCoreTable,
  writer: LocalWriter,
  req: Exclude<DBCoreMutateRequest, { type: 'deleteRange' }>,
  writes: ReturnType<typeof rowsOf>,
): Promise<DBCoreMutateResponse> {
  const sliceable = req.type === 'add' || (req.type === 'put' && !req.criteria && !req.changeSpec && !req.updates);
  const size = sliceable ? SLICE_ROWS : writes.length;
  const slices: Array<Promise<DBCoreMutateResponse>> = [];
  for (let from = 0; from < writes.length; from += size) {
    const values: unknown[] = [];
    for (const w of writes.slice(from, from + size)) {
      await writer.captureRow(table.name, w.rowId, w.after);
      if (w.after) values.push(withState(w.after, writer.state(table.name, w.rowId)));
    }
    const part: DBCoreMutateRequest =
      req.type === 'delete' ? req : size >= writes.length ? { ...req, values } : { ...req, values, keys: req.keys?.slice(from, from + size) };
    const slice = table.mutate(part);
    // Awaited below with the others; a slice failing while the next is captured is not unhandled.
    slice.catch(() => undefined);
    slices.push(slice);
  }
  const parts = await Promise.all(slices);
  if (parts.length === 1) return parts[0]!;
  // One response, numbered as the request's rows are.
  const failures: DBCoreMutateResponse['failures'] = [];
  const results: unknown[] = [];
  let numFailures = 0;
  parts.forEach((part, n) => {
    for (const [i, error] of Object.entries(part.failures)) failures[n * size + Number(i)] = error;
    numFailures += part.numFailures;
    for (const r of part.results ?? []) results.push(r);
  });
  return { numFailures, failures, results, lastResult: parts[parts.length - 1]!.lastResult };
}

async function keysInRange(table: DBCoreTable, req: Extract<DBCoreMutateRequest, { type: 'deleteRange' }>): Promise<string[]> {
  const res = await table.query({ trans: req.trans, values: false, query: { index: table.schema.primaryKey, range: req.range } });
  return res.result as string[];
}

/** The rows a mutation writes, in request order: (id, new value) or (id, undefined) for deletes. */
function rowsOf(
  table: DBCoreTable,
  req: Exclude<DBCoreMutateRequest, { type: 'deleteRange' }>,
): Array<{ rowId: string; after: Record<string, unknown> | undefined }> {
  if (req.type === 'delete') return req.keys.map((rowId) => ({ rowId: String(rowId), after: undefined }));
  const extract = table.schema.primaryKey.extractKey;
  return req.values.map((value, i) => {
    const key = req.keys?.[i] ?? (extract ? extract(value) : undefined);
    // The app's synced tables all use string ids, given by the app.
    if (typeof key !== 'string') throw new Error(`${table.name}: a synced row needs a string id`);
    return { rowId: key, after: value as Record<string, unknown> };
  });
}
