/**
 * The outbox middleware: every write to a synced table, whatever repository or bulk operation
 * made it, is turned into per-field changes in the SAME IndexedDB transaction (Dexie DBCore
 * level). A write and its outbox entry commit together or not at all, so a laptop dying
 * mid-meeting can never leave an edit that sync does not know about.
 * Writes made by the sync engine itself (applying pulled changes) are marked and pass through.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import type { SyncRegistry } from '@shared/sync/registry';
import { LocalWriter, type WriterOptions } from './localWriter';
import { SYNC_STORE_NAMES, SyncTx, localRowKey, syncScope } from './syncStore';

/** Transactions in which the engine writes merged remote state into app tables. */
const remoteApplies = new WeakSet<object>();

export function markRemoteApply(trans: DBCoreTransaction | object): void {
  remoteApplies.add(trans);
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
  req: DBCoreMutateRequest,
): Promise<DBCoreMutateResponse> {
  if (remoteApplies.has(req.trans) || isVersionChange(req.trans)) return table.mutate(req);
  const keysBefore = req.type === 'deleteRange' ? await keysInRange(table, req) : null;
  const res = await table.mutate(req);
  try {
    const writes = writtenRows(table, req, res, keysBefore);
    if (writes.length === 0) return res;
    const writer = new LocalWriter(new SyncTx(core, req.trans), registry, options);
    await writer.load(writes.map((w) => localRowKey(table.name, w.rowId)));
    for (const w of writes) await writer.captureRow(table.name, w.rowId, w.after);
    await writer.flush();
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

async function keysInRange(table: DBCoreTable, req: Extract<DBCoreMutateRequest, { type: 'deleteRange' }>): Promise<string[]> {
  const res = await table.query({ trans: req.trans, values: false, query: { index: table.schema.primaryKey, range: req.range } });
  return res.result as string[];
}

/** The rows a successful mutation wrote: (id, new value) or (id, undefined) for deletes. */
function writtenRows(
  table: DBCoreTable,
  req: DBCoreMutateRequest,
  res: DBCoreMutateResponse,
  keysBefore: string[] | null,
): Array<{ rowId: string; after: Record<string, unknown> | undefined }> {
  const failed = (i: number): boolean => res.failures[i] !== undefined;
  if (req.type === 'deleteRange') return (keysBefore ?? []).map((rowId) => ({ rowId, after: undefined }));
  if (req.type === 'delete') return req.keys.filter((_, i) => !failed(i)).map((rowId) => ({ rowId: String(rowId), after: undefined }));
  const extract = table.schema.primaryKey.extractKey;
  const out: Array<{ rowId: string; after: Record<string, unknown> }> = [];
  req.values.forEach((value, i) => {
    if (failed(i)) return;
    const key = req.keys?.[i] ?? res.results?.[i] ?? (extract ? extract(value) : undefined);
    if (typeof key !== 'string') return; // the app's synced tables all use string ids
    out.push({ rowId: key, after: value as Record<string, unknown> });
  });
  return out;
}
