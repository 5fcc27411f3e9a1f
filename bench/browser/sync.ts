/**
 * Browser side of the sync suite (bench/suites/sync.mjs): the app's REAL sync client in Chromium.
 * A fresh CommonGroundDb (IndexedDB, the app's 'strict' durability) and the app's SyncEngine with
 * the app's registry and record schemas pull a council from the real sync server over HTTP
 * (createHttpSyncConnection with window.fetch, as web mode does; the server answers CORS for this
 * page's origin). The device token was enrolled by the Node driver and is handed to the page in an
 * in-memory CredentialStore.
 *
 * Timing split, without hooks in the engine: the connection is wrapped, so each syncPull (fetch,
 * body, JSON.parse, zod validation of the page) is timed as it happens inside the real run, and
 * the Resource Timing entries of the /v1/pull requests give the network part of it. The engine
 * reads pages ahead while it applies, and applies every page that has arrived in one transaction;
 * its own progress (reported after each applied batch) marks when a batch's apply ended. A batch's
 * apply is that mark minus when it could start (its last page answered and the batch before it
 * applied): applyRemoteChanges (merge, app records with their states, syncRows, conflicts, clock
 * and cursor in one IndexedDB transaction).
 */
import Dexie from 'dexie';
import { CommonGroundDb } from '@renderer/db/database';
import { markSyncInternal } from '@renderer/db/capture/capture';
import { SyncEngine } from '@renderer/sync/engine';
import { readAllStates } from '@renderer/db/capture/syncTables';
import { appSyncRegistry, syncRecordSchemas } from '@renderer/db/capture/syncedTables';
import type { SyncConnection } from '@shared/sync/connection';
import { createHttpSyncConnection, type CredentialStore, type StoredCredentials } from '@shared/sync/httpConnection';
import { SYNC_SCHEMA_VERSION } from '@shared/sync/protocol';
import { pullResponseReader } from '@shared/sync/pullPacking';

/** What the Node driver knows each row of the log must end as. */
export interface ExpectedRow {
  table: string;
  rowId: string;
  values: Record<string, unknown>;
  deleted: boolean;
}

export interface PageTiming {
  changes: number;
  /** Inside connection.syncPull: request, body, JSON.parse, zod (overlaps the previous page's apply). */
  pullMs: number;
  /**
   * For the last page of a batch (the pages applied in one transaction): from when the batch could
   * be applied (its pages answered, the batch before it applied) to the engine's progress after
   * it; 0 for the other pages of the batch.
   */
  applyMs: number;
}

export interface SyncCheck {
  ok: boolean;
  problems: string[];
  /** Row states (on app records and in syncRows) vs distinct rows in the log. */
  syncRows: number;
  logRows: number;
  /** Rows in the app tables vs the log's non-deleted rows that are complete for the app's schema. */
  appRows: number;
  expectedAppRows: number;
  /** Non-deleted rows of the log the app's schema calls incomplete (kept in syncRows only), per table. */
  incomplete: Record<string, number>;
  deleted: number;
  valueMismatches: number;
  conflicts: number;
  outbox: number;
  cursor: number;
  checkMs: number;
}

export interface EngineRunResult {
  db: string;
  phase: string;
  totalMs: number;
  /** Before the first pull: syncStatus, captureUnseen, the (empty) outbox. */
  setupMs: number;
  pullMs: number;
  /** Resource Timing: request start to the response's last byte, summed over the pulls. */
  networkMs: number;
  applyMs: number;
  /** Time after the first pull started in which the engine applied nothing: waiting for a page. */
  waitMs: number;
  pages: number;
  /** Transactions the pages were applied in. */
  batches: number;
  changes: number;
  pageTimings: PageTiming[];
}

const expected = new Map<string, ExpectedRow>();
/** One syncPull as the wrapped connection saw it, and when the engine reported the page applied. */
interface PullMark {
  start: number;
  end: number;
  changes: number;
  applied: number;
}
let current: { db: CommonGroundDb; engine: SyncEngine; councilId: string; pulls: PullMark[] } | null = null;

/** The token and account, in memory only: nothing of the benchmark lands in localStorage. */
function memoryCredentials(initial: StoredCredentials): CredentialStore {
  let stored: StoredCredentials | null = initial;
  return {
    async load() {
      return stored ? { ...stored, tokenStorage: 'browser-profile' } : null;
    },
    async check() {
      return { status: 'saved', tokenStorage: 'browser-profile' };
    },
    async save(credentials) {
      stored = credentials;
      return { status: 'saved', tokenStorage: 'browser-profile' };
    },
    async clear() {
      stored = null;
    },
  };
}

async function dropCurrent(): Promise<void> {
  if (!current) return;
  const name = current.db.name;
  current.db.close();
  current = null;
  await Dexie.delete(name);
}

/** The record the engine writes for a row (applyRemote.ts `complete`), or null while incomplete. */
function wouldWrite(table: string, row: ExpectedRow): boolean {
  const schema = syncRecordSchemas[table];
  if (!schema) return true;
  const record: Record<string, unknown> = { ...row.values, id: row.rowId };
  const parsed = schema.safeParse(record);
  if (parsed.success) return true;
  return !parsed.error.issues.some((i) => i.path.length === 1 && record[String(i.path[0])] === undefined);
}

async function check(db: CommonGroundDb, councilId: string, expectedCursor: number): Promise<SyncCheck> {
  const t0 = performance.now();
  const problems: string[] = [];
  const rowKeys = new Set((await readAllStates(db)).keys());
  let missingStates = 0;
  for (const r of expected.values()) if (!rowKeys.has(`${r.table}/${r.rowId}`)) missingStates++;
  if (rowKeys.size !== expected.size || missingStates > 0)
    problems.push(`syncRows holds ${rowKeys.size} rows (${missingStates} of the log's missing); the log has ${expected.size}`);

  const incomplete: Record<string, number> = {};
  let deleted = 0;
  let expectedAppRows = 0;
  let appRows = 0;
  let valueMismatches = 0;
  const byTable = new Map<string, ExpectedRow[]>();
  for (const r of expected.values()) {
    if (r.deleted) {
      deleted++;
      continue;
    }
    if (!wouldWrite(r.table, r)) {
      incomplete[r.table] = (incomplete[r.table] ?? 0) + 1;
      continue;
    }
    const list = byTable.get(r.table);
    if (list) list.push(r);
    else byTable.set(r.table, [r]);
    expectedAppRows++;
  }
  for (const { name } of appSyncRegistry.list()) {
    if (!db.tables.some((t) => t.name === name)) continue;
    const stored = (await db.table(name).toArray()) as Array<Record<string, unknown>>;
    appRows += stored.length;
    const want = byTable.get(name) ?? [];
    if (stored.length !== want.length) problems.push(`${name}: ${stored.length} rows in the app table, the log says ${want.length}`);
    const byId = new Map(stored.map((s) => [String(s.id), s]));
    for (const w of want) {
      const s = byId.get(w.rowId);
      if (!s) {
        valueMismatches++;
        continue;
      }
      for (const [field, value] of Object.entries(w.values)) {
        if (JSON.stringify(s[field]) !== JSON.stringify(value)) {
          if (valueMismatches < 5)
            problems.push(`${name}/${w.rowId}.${field}: stored ${JSON.stringify(s[field])?.slice(0, 60)}, written ${JSON.stringify(value)?.slice(0, 60)}`);
          valueMismatches++;
          break;
        }
      }
    }
  }
  if (valueMismatches > 0) problems.push(`${valueMismatches} app rows missing or differing from the log`);
  const conflicts = await db.table('syncConflicts').count();
  if (conflicts !== 0) problems.push(`${conflicts} conflicts (the log has no concurrent edits)`);
  const outbox = await db.table('syncOutbox').count();
  if (outbox !== 0) problems.push(`${outbox} changes in the outbox of a client that wrote nothing`);
  const cursors = (await db.table('syncMeta').get('cursors')) as { cursors: Record<string, number> } | undefined;
  const cursor = cursors?.cursors[councilId] ?? 0;
  if (cursor !== expectedCursor) problems.push(`cursor ${cursor}, the server's last seq is ${expectedCursor}`);
  return {
    ok: problems.length === 0,
    problems,
    syncRows: rowKeys.size,
    logRows: expected.size,
    appRows,
    expectedAppRows,
    incomplete,
    deleted,
    valueMismatches,
    conflicts,
    outbox,
    cursor,
    checkMs: performance.now() - t0,
  };
}

const pullEntries = (since: number) =>
  performance.getEntriesByType('resource').filter((e) => e.startTime >= since && new URL(e.name).pathname === '/v1/pull') as PerformanceResourceTiming[];

/** One syncNow of the current engine, timed and split (syncCheck compares the result with the log). */
async function timedRound(): Promise<EngineRunResult> {
  const c = current!;
  c.pulls.length = 0;
  performance.clearResourceTimings();
  // The engine reports progress after each applied batch: that is when its pages' apply ended.
  let received = 0;
  let counted = 0;
  let applied = 0;
  const unsubscribe = c.engine.subscribe((status) => {
    const p = status.progress;
    if (p?.stage !== 'receiving' || p.done <= received) return;
    received = p.done;
    const now = performance.now();
    // Only pages that have arrived can be applied: later ones may already be on their way.
    for (let page = c.pulls[applied]; page && page.end > 0 && counted + page.changes <= received; page = c.pulls[applied]) {
      counted += page.changes;
      page.applied = now;
      applied++;
    }
  });
  const t0 = performance.now();
  const status = await c.engine.syncNow();
  const t1 = performance.now();
  unsubscribe();
  if (status.phase !== 'up-to-date') throw new Error(`sync ended ${status.phase}: ${status.attention?.message ?? status.lastProblem ?? ''}`);
  const pages: PageTiming[] = c.pulls.map((p) => ({ changes: p.changes, pullMs: p.end - p.start, applyMs: 0 }));
  let previousApplied = 0;
  let batches = 0;
  for (let i = 0; i < c.pulls.length;) {
    // A batch: the pages marked by the same progress report (a page without changes reports none).
    let j = i;
    while (c.pulls[i]!.applied && c.pulls[j + 1]?.applied === c.pulls[i]!.applied) j++;
    const ready = Math.max(previousApplied, ...c.pulls.slice(i, j + 1).map((q) => q.end));
    const end = c.pulls[i]!.applied || ready;
    pages[j]!.applyMs = end - ready;
    previousApplied = end;
    batches++;
    i = j + 1;
  }
  const firstPullStart = c.pulls[0]?.start ?? 0;
  const applyMs = pages.reduce((n, p) => n + p.applyMs, 0);
  const networkMs = pullEntries(t0).reduce((n, e) => n + e.duration, 0);
  return {
    db: c.db.name,
    phase: status.phase,
    totalMs: t1 - t0,
    setupMs: firstPullStart ? firstPullStart - t0 : 0,
    pullMs: pages.reduce((n, p) => n + p.pullMs, 0),
    networkMs,
    applyMs,
    waitMs: firstPullStart ? Math.max(0, t1 - firstPullStart - applyMs) : 0,
    pages: pages.length,
    batches,
    changes: pages.reduce((n, p) => n + p.changes, 0),
    pageTimings: pages,
  };
}

export interface FloorResult {
  /** Live rows of the log, written as bare records. */
  records: number;
  /** Into bare object stores (no indexes), one transaction. */
  rawMs: number;
  /** Into a fresh database's app tables (the app's indexes, no sync state, capture bypassed), one transaction. */
  appTablesMs: number;
}

/** Bare object stores, one per table, keyed by id: the least any IndexedDB client must do. */
function openBare(name: string, tables: readonly string[]): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => {
      for (const t of tables) open.result.createObjectStore(t, { keyPath: 'id' });
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

const settled = (req: IDBRequest | IDBOpenDBRequest) =>
  new Promise<void>((resolve, reject) => {
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
  });

export const syncApi = {
  /**
   * What writing the log's END state costs in this browser, with no sync at all: every live row
   * of the log (syncExpect) put once, in one transaction, with the app's 'strict' durability.
   * No client that keeps a council in IndexedDB can first-sync faster than this.
   */
  async syncFloor(): Promise<FloorResult> {
    const rows = [...expected.values()].filter((r) => !r.deleted);
    const tables = [...new Set(rows.map((r) => r.table))];
    const bareName = `cg-sync-floor-bare-${Date.now()}`;
    const bare = await openBare(bareName, tables);
    const t0 = performance.now();
    await new Promise<void>((resolve, reject) => {
      const tx = bare.transaction(tables, 'readwrite', { durability: 'strict' });
      for (const r of rows) tx.objectStore(r.table).put({ ...r.values, id: r.rowId });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
    const rawMs = performance.now() - t0;
    bare.close();
    await settled(indexedDB.deleteDatabase(bareName));

    const db = new CommonGroundDb(`cg-sync-floor-app-${Date.now()}`);
    await db.open();
    const t1 = performance.now();
    await db.transaction(
      'rw',
      tables.filter((t) => db.tables.some((x) => x.name === t)),
      async () => {
        markSyncInternal(Dexie.currentTransaction.idbtrans); // bare records: no capture, no merge state
        for (const t of tables) {
          if (!db.tables.some((x) => x.name === t)) continue;
          await db.table(t).bulkPut(rows.filter((r) => r.table === t).map((r) => ({ ...r.values, id: r.rowId })));
        }
      },
    );
    const appTablesMs = performance.now() - t1;
    const name = db.name;
    db.close();
    await Dexie.delete(name);
    return { records: rows.length, rawMs, appTablesMs };
  },

  /** The rows the log must end as: `replace` starts over, otherwise rows are added or updated. */
  syncExpect(args: { rows: ExpectedRow[]; replace: boolean }): number {
    if (args.replace) expected.clear();
    for (const r of args.rows) expected.set(`${r.table}/${r.rowId}`, r);
    return expected.size;
  },

  /**
   * Pull only: every page of the council over window.fetch (packed, as the app asks, unless
   * `format` says otherwise), JSON.parse, unpacking and zod, no IndexedDB (what the network and
   * parsing cost on their own, with the engine's page size).
   */
  async syncPullOnly(args: { serverUrl: string; token: string; councilId: string; pullLimit: number; format?: 'packed' | 'changes' }) {
    performance.setResourceTimingBufferSize(100_000);
    performance.clearResourceTimings();
    let cursor = 0;
    let pages = 0;
    let changes = 0;
    let bytes = 0;
    let fetchMs = 0;
    let parseMs = 0;
    let validateMs = 0;
    const t0 = performance.now();
    for (;;) {
      const a = performance.now();
      const res = await fetch(`${args.serverUrl}/v1/pull`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${args.token}` },
        body: JSON.stringify({ councilId: args.councilId, cursor, limit: args.pullLimit, schemaVersion: SYNC_SCHEMA_VERSION, format: args.format ?? 'packed' }),
        credentials: 'omit',
      });
      const text = await res.text();
      const b = performance.now();
      if (res.status !== 200) throw new Error(`pull: HTTP ${res.status} ${text.slice(0, 200)}`);
      const json = JSON.parse(text) as unknown;
      const c = performance.now();
      const read = pullResponseReader(args.councilId).safeParse(json);
      if (!read.success) throw new Error(`pull: ${read.error.message}`);
      const page = read.data;
      const d = performance.now();
      fetchMs += b - a;
      parseMs += c - b;
      validateMs += d - c;
      pages++;
      changes += page.changes.length;
      bytes += text.length;
      cursor = page.nextCursor;
      if (!page.hasMore) break;
    }
    const totalMs = performance.now() - t0;
    const networkMs = pullEntries(t0).reduce((n, e) => n + e.duration, 0);
    return { totalMs, fetchMs, networkMs, parseMs, validateMs, pages, changes, bytes, cursor };
  },

  /** A fresh database and engine for a newly enrolled device; time its first syncNow. */
  async syncFirst(args: { credentials: StoredCredentials; councilId: string; pullLimit: number; run: number }): Promise<EngineRunResult> {
    await dropCurrent();
    performance.setResourceTimingBufferSize(100_000);
    const name = `cg-sync-bench-${Date.now()}-${args.run}`;
    const db = new CommonGroundDb(name);
    await db.open(); // creating the schema is the app's start-up, not sync
    const inner = createHttpSyncConnection({ fetch: window.fetch.bind(window), credentials: memoryCredentials(args.credentials) });
    const pulls: PullMark[] = [];
    const connection: SyncConnection = {
      ...inner,
      async syncPull(request) {
        // Marked in request order, which is the order the engine applies the pages in.
        const mark: PullMark = { start: performance.now(), end: 0, changes: 0, applied: 0 };
        pulls.push(mark);
        const result = await inner.syncPull(request);
        mark.end = performance.now();
        mark.changes = result.status === 'ok' ? result.body.changes.length : 0;
        return result;
      },
    };
    const engine = new SyncEngine({ db, connection, registry: appSyncRegistry, schemas: syncRecordSchemas, pullLimit: args.pullLimit });
    current = { db, engine, councilId: args.councilId, pulls };
    return timedRound();
  },

  /** The last first-synced client syncs again (after Node pushed more changes). */
  async syncIncremental(): Promise<EngineRunResult> {
    if (!current) throw new Error('no synced client: run syncFirst first');
    return timedRound();
  },

  /** The current client's database against the expected rows (syncExpect) and the server's last seq. */
  async syncCheck(args: { expectedCursor: number }): Promise<SyncCheck> {
    if (!current) throw new Error('no synced client: run syncFirst first');
    return check(current.db, current.councilId, args.expectedCursor);
  },

  async syncDispose(): Promise<void> {
    await dropCurrent();
  },
};
