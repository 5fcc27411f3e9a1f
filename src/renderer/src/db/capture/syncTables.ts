/**
 * The sync client's own tables and a small transaction-bound accessor over them. Everything the
 * sync client keeps (outbox, per-row merge state, derived conflicts, clock, cursors) lives in the
 * same IndexedDB as the app's records, so a local write and its outbox entry commit together and
 * a pulled page, its merge state and the cursor commit together.
 * The accessor works on Dexie's DBCore level, so the capture middleware (which only has the
 * DBCore transaction of the write) and the engine (inside db.transaction) share one code path.
 */
import type { DBCore, DBCoreTransaction, Dexie } from 'dexie';
import { isRowDeleted, type Conflict, type RowState } from '@shared/sync/merge';
import { MAX_PUSH_BATCH, type Change } from '@shared/sync/protocol';
import { SYNC_STATE_FIELD, type SyncRegistry } from '@shared/sync/registry';
import { packChanges, unpackChanges } from './outboxCodec';
import { decodeRowState, encodeRowState } from './rowStateCodec';

export const SYNC_SCHEMA = {
  /**
   * Local changes not yet acknowledged, in capture (= HLC) order: one entry per captured write
   * (up to OUTBOX_ENTRY_CHANGES changes each, packed), so a bulk import adds a few outbox
   * records, not one per field.
   */
  syncOutbox: '++seq',
  /**
   * Merge state (winner, losers, replaced per field) of rows their app table does not hold,
   * keyed `${table}/${rowId}`; a row in its table keeps its state on its record (SYNC_STATE_FIELD).
   */
  syncRows: 'key',
  /** Open conflicts, derived from syncRows whenever a row's state changes. */
  syncConflicts: 'id, rowKey',
  /** clientId, clock, cursors, scan progress. */
  syncMeta: 'key',
  /** Rows whose council cannot be resolved yet (a person before their first membership). */
  syncPending: 'key',
} as const;

/** From this many keys of one table, syncRows is listed once rather than asked key by key. */
const BULK_LOOKUP = 64;

export const SYNC_STORE_NAMES = Object.keys(SYNC_SCHEMA) as ReadonlyArray<keyof typeof SYNC_SCHEMA>;

export interface OutboxEntry {
  seq?: number;
  changes: Change[];
  /** opId -> why that change cannot be pushed (too large, invalid): kept, shown, skipped by push. */
  held?: Record<string, string>;
}

/** An outbox entry as stored: its changes packed into one string (schema v6 stored them as objects). */
export interface StoredOutboxEntry {
  seq?: number;
  packed?: string;
  changes?: Change[];
  held?: Record<string, string>;
}

/**
 * At most this many changes per outbox entry: a bulk import becomes several entries, so a push
 * reads and rewrites only the entries its batch came from, never the whole import each time.
 */
export const OUTBOX_ENTRY_CHANGES = MAX_PUSH_BATCH;

export function readOutboxEntry(stored: StoredOutboxEntry): OutboxEntry {
  const changes = stored.packed !== undefined ? unpackChanges(stored.packed) : (stored.changes ?? []);
  return stored.held ? { seq: stored.seq, changes, held: stored.held } : { seq: stored.seq, changes };
}

export function toStoredOutboxEntry(entry: OutboxEntry): StoredOutboxEntry {
  const stored: StoredOutboxEntry = { packed: packChanges(entry.changes) };
  if (entry.seq !== undefined) stored.seq = entry.seq;
  if (entry.held) stored.held = entry.held;
  return stored;
}

export interface RowEntry {
  key: string;
  state: RowState;
}

export interface ConflictEntry extends Conflict {
  rowKey: string;
  /**
   * Set on a change this laptop REFUSED (it would have altered an approved record): listed for
   * review with why, never applied. Unlike other conflicts it is not derived from the row's merge
   * state, so re-deriving a row's conflicts keeps it; "Keep current" dismisses it.
   */
  refused?: string;
}

export interface PendingEntry {
  key: string;
  table: string;
  rowId: string;
}

export interface ClockMeta {
  key: 'clock';
  wall: number;
  counter: number;
  /** serverTime - local time, adopted from server answers: corrects a wrong laptop clock. */
  offsetMs: number;
  /** Highest HLC known from outside the outbox (pulled or acknowledged). */
  highWater: string | null;
  /** Largest recent skew between our HLC and the (corrected) physical clock, for a UI warning. */
  skewMs: number;
}

export interface ClientMeta {
  key: 'client';
  clientId: string;
  /**
   * The enrolled device this clientId is bound to on the server (its first push binds it). A
   * laptop enrolled again is another device: it takes a fresh clientId and re-issues its unsent
   * changes under it. Absent until the first sync after enrollment.
   */
  deviceId?: string;
}

export interface CursorMeta {
  key: 'cursors';
  cursors: Record<string, number>;
}

export interface ScanMeta {
  key: 'scan';
  /** Rows written before sync existed (or before v6) have been captured. */
  done: boolean;
}

/** How many changes the outbox holds: kept with every outbox write so a count costs one read. */
export interface PendingMeta {
  key: 'pending';
  n: number;
}

export type MetaEntry = ClockMeta | ClientMeta | CursorMeta | ScanMeta | PendingMeta;

export const localRowKey = (table: string, rowId: string): string => `${table}/${rowId}`;

/**
 * The tables a sync transaction spans: the synced app tables this database has (a write may read
 * parents to find its council, an apply writes merged rows) and the sync tables.
 */
export function syncScope(db: { tables: ReadonlyArray<{ name: string }> }, registry: SyncRegistry): string[] {
  const present = new Set(db.tables.map((t) => t.name));
  return [
    ...new Set([
      ...registry
        .list()
        .map((d) => d.name)
        .filter((n) => present.has(n)),
      ...SYNC_STORE_NAMES,
    ]),
  ];
}

/** Transaction-bound access to the sync tables (and the app tables, for council lookups). */
export class SyncTx {
  /** App tables of this database (where a row's record, and so its state, may be). */
  private readonly appTables: ReadonlySet<string>;
  /** What getStates found per row: its app record (if any) and whether syncRows holds its state. */
  private readonly located = new Map<string, { record: Record<string, unknown> | undefined; inRows: boolean }>();

  /**
   * Writes to app tables go through `core`: the capture middleware passes its own lower level;
   * other callers pass db.core inside a transaction marked with markSyncInternal (capture.ts).
   */
  constructor(
    readonly core: DBCore,
    readonly trans: DBCoreTransaction,
  ) {
    const sync = new Set<string>(SYNC_STORE_NAMES);
    this.appTables = new Set(core.schema.tables.map((t) => t.name).filter((n) => !sync.has(n)));
  }

  /**
   * The merge state of rows, wherever it is kept: on the row's app record (`_sync`), or in
   * syncRows for rows the app table does not hold (deleted, not complete yet, a newer app's
   * table) or that were last written before states moved onto records. `records: false` skips
   * reading app records, for rows about to be added (which cannot be in their table yet).
   */
  async getStates(keys: readonly string[], options: { records?: boolean } = {}): Promise<Map<string, RowState>> {
    const out = new Map<string, RowState>();
    if (keys.length === 0) return out;
    if (options.records !== false) {
      for (const [table, rowIds] of groupByTable(keys)) {
        if (!this.appTables.has(table)) continue;
        const records = await this.getRows(table, rowIds);
        rowIds.forEach((rowId, i) => {
          const key = localRowKey(table, rowId);
          const record = records[i];
          this.located.set(key, { record, inRows: false });
          const encoded = record?.[SYNC_STATE_FIELD];
          if (typeof encoded === 'string') out.set(key, decodeRowState(encoded, table, rowId));
        });
      }
    }
    const misses = await this.inSyncRows(keys.filter((k) => !out.has(k)));
    if (misses.length === 0) return out;
    const entries = (await this.core.table('syncRows').getMany({ trans: this.trans, keys: misses })) as Array<RowEntry | undefined>;
    entries.forEach((e, i) => {
      const key = misses[i]!;
      if (!e) return;
      out.set(key, e.state);
      this.located.set(key, { record: this.located.get(key)?.record, inRows: true });
    });
    return out;
  }

  /**
   * Which of these keys syncRows may hold. It holds few rows (deleted, incomplete) next to the
   * app tables, and looking up a key it lacks costs as much as one it has: for a bulk write, the
   * table's syncRows keys are listed once (one range read) instead of looking up every row.
   */
  private inSyncRows(keys: readonly string[]): Promise<string[]> {
    return this.mayHold('syncRows', keys);
  }

  /**
   * Which of these row keys a sync table keyed by row key (syncRows, syncPending) may hold: for
   * a bulk write, each app table's keys in it are listed once (one range read) instead of
   * asking key by key; a few keys are passed through as they are.
   */
  private async mayHold(store: 'syncRows' | 'syncPending', keys: readonly string[]): Promise<string[]> {
    if (keys.length < BULK_LOOKUP) return [...keys];
    const out: string[] = [];
    const table = this.core.table(store);
    for (const [name, rowIds] of groupByTable(keys)) {
      if (rowIds.length < BULK_LOOKUP) {
        for (const id of rowIds) out.push(localRowKey(name, id));
        continue;
      }
      // Table names never contain '/', so this range holds exactly this table's row keys.
      const range = { type: 2 as const, lower: `${name}/`, upper: `${name}/\uffff`, lowerOpen: false, upperOpen: false };
      const held = new Set((await table.query({ trans: this.trans, values: false, query: { index: table.schema.primaryKey, range } })).result as string[]);
      for (const id of rowIds) if (held.has(localRowKey(name, id))) out.push(localRowKey(name, id));
    }
    return out;
  }

  /** The app records of rows (as getStates found them; read now for rows it has not seen). */
  async records(table: string, rowIds: readonly string[]): Promise<Array<Record<string, unknown> | undefined>> {
    const unseen = rowIds.filter((id) => !this.located.has(localRowKey(table, id)));
    if (unseen.length > 0) {
      const read = await this.getRows(table, unseen);
      unseen.forEach((id, i) => this.located.set(localRowKey(table, id), { record: read[i], inRows: false }));
    }
    return rowIds.map((id) => this.located.get(localRowKey(table, id))!.record);
  }

  /**
   * Store merge states (read through getStates first, so it is known where each row lives).
   * `writing` names rows whose app record the caller is writing right now: 'put' ones carry their
   * state on the record being put (see withState), 'delete' ones leave their table and keep
   * their state in syncRows. Any other row with an app record gets its state rewritten on it;
   * a deleted row leaves its table; a row without a record keeps its state in syncRows.
   */
  async putStates(states: ReadonlyMap<string, RowState>, writing?: ReadonlyMap<string, 'put' | 'delete'>): Promise<void> {
    if (states.size === 0) return;
    const rows: RowEntry[] = [];
    const leaveRows: string[] = [];
    const records = new Map<string, Record<string, unknown>[]>();
    const removed = new Map<string, string[]>();
    for (const [key, state] of states) {
      const at = this.located.get(key);
      const w = writing?.get(key);
      const record = w === undefined ? at?.record : undefined;
      if (w === 'put' || (record && !isRowDeleted(state))) {
        const stored = record ? withState(record, state) : at?.record;
        if (record) push(records, state.table, stored!);
        if (at?.inRows) leaveRows.push(key);
        this.located.set(key, { record: stored, inRows: false });
        continue;
      }
      // A row deleted by a merge, not by this write, leaves its table as a remote delete does.
      if (record) push(removed, state.table, state.rowId);
      rows.push({ key, state });
      this.located.set(key, { record: undefined, inRows: true });
    }
    for (const [table, values] of records) await this.mutate(table, { type: 'put', values });
    for (const [table, keys] of removed) await this.mutate(table, { type: 'delete', keys });
    if (rows.length > 0) await this.mutate('syncRows', { type: 'put', values: rows });
    if (leaveRows.length > 0) await this.mutate('syncRows', { type: 'delete', keys: leaveRows });
  }

  /** Replace the stored conflicts of these rows with their freshly derived ones (refused changes stay listed). */
  async replaceConflicts(rowKeys: readonly string[], conflicts: readonly ConflictEntry[]): Promise<void> {
    if (rowKeys.length === 0) return;
    const table = this.core.table('syncConflicts');
    const index = table.schema.getIndexByKeyPath('rowKey');
    const existing: string[] = [];
    for (const rowKey of rowKeys) {
      const res = await table.query({ trans: this.trans, values: true, query: { index: index!, range: equal(rowKey) } });
      for (const entry of res.result as ConflictEntry[]) if (entry.refused === undefined) existing.push(entry.id);
    }
    if (existing.length > 0) await this.mutate('syncConflicts', { type: 'delete', keys: existing });
    if (conflicts.length > 0) await this.mutate('syncConflicts', { type: 'put', values: [...conflicts] });
  }

  /** List changes this laptop refused, for review (kept until dismissed). */
  async addRefused(entries: readonly ConflictEntry[]): Promise<void> {
    if (entries.length > 0) await this.mutate('syncConflicts', { type: 'put', values: [...entries] });
  }

  async addOutbox(changes: readonly Change[]): Promise<void> {
    if (changes.length === 0) return;
    const entries: StoredOutboxEntry[] = [];
    for (let i = 0; i < changes.length; i += OUTBOX_ENTRY_CHANGES) entries.push(toStoredOutboxEntry({ changes: changes.slice(i, i + OUTBOX_ENTRY_CHANGES) }));
    await this.mutate('syncOutbox', { type: 'add', values: entries });
    await this.addPending(changes.length);
  }

  /** Adjust the outbox's change count (negative when the server acknowledged changes). */
  async addPending(delta: number): Promise<void> {
    if (delta === 0) return;
    const current = (await this.getMeta<PendingMeta>('pending'))?.n ?? 0;
    await this.putMeta({ key: 'pending', n: Math.max(0, current + delta) });
  }

  async getMeta<T extends MetaEntry>(key: T['key']): Promise<T | undefined> {
    return (await this.core.table('syncMeta').get({ trans: this.trans, key })) as T | undefined;
  }

  async putMeta(entry: MetaEntry): Promise<void> {
    await this.mutate('syncMeta', { type: 'put', values: [entry] });
  }

  async putPending(entries: readonly PendingEntry[]): Promise<void> {
    if (entries.length > 0) await this.mutate('syncPending', { type: 'put', values: [...entries] });
  }

  /**
   * Forget that these rows wait for a council. Every captured row with a council asks this (it
   * may have waited before), but very few ever did: deleting only the keys syncPending holds
   * spares a bulk write one IndexedDB delete per row.
   */
  async deletePending(keys: readonly string[]): Promise<void> {
    const held = await this.mayHold('syncPending', keys);
    if (held.length > 0) await this.mutate('syncPending', { type: 'delete', keys: held });
  }

  async getRow(table: string, rowId: string): Promise<Record<string, unknown> | undefined> {
    return (await this.core.table(table).get({ trans: this.trans, key: rowId })) as Record<string, unknown> | undefined;
  }

  async getRows(table: string, rowIds: readonly string[]): Promise<Array<Record<string, unknown> | undefined>> {
    if (rowIds.length === 0) return [];
    return (await this.core.table(table).getMany({ trans: this.trans, keys: [...rowIds] })) as Array<Record<string, unknown> | undefined>;
  }

  /**
   * For each of `values`, the first row (lowest primary key) of `table` whose indexed `field`
   * equals it, or undefined where none does: what findReferencing answers for each, read as one
   * index range (at most `values.length` * 4 rows, so a range that spans a large table stays a
   * bounded read). Values past where a capped read stopped are left out: ask findReferencing.
   */
  async findReferencingMany(table: string, field: string, values: readonly string[]): Promise<Map<string, Record<string, unknown> | undefined>> {
    const out = new Map<string, Record<string, unknown> | undefined>();
    if (values.length === 0) return out;
    const t = this.core.table(table);
    const index = t.schema.getIndexByKeyPath(field);
    if (!index) throw new Error(`${table}.${field} must be indexed to resolve councils through it`);
    const sorted = [...new Set(values)].sort();
    const limit = sorted.length * 4;
    const range = { type: 2 as const, lower: sorted[0], upper: sorted[sorted.length - 1], lowerOpen: false, upperOpen: false };
    const res = await t.query({ trans: this.trans, values: true, limit, query: { index, range } });
    const rows = res.result as Array<Record<string, unknown>>;
    // Index order is (value, primary key): the first row seen for a value has its lowest primary key.
    const first = new Map<unknown, Record<string, unknown>>();
    for (const row of rows) if (!first.has(row[field])) first.set(row[field], row);
    // A capped read saw every row up to its last value; beyond it nothing is known.
    const capped = rows.length === limit;
    const last = capped ? (rows[rows.length - 1]![field] as string) : undefined;
    for (const value of sorted) {
      if (last !== undefined && value > last) break;
      out.set(value, first.get(value));
    }
    return out;
  }

  /** The first row (lowest primary key) of `table` whose indexed `field` equals `value`. */
  async findReferencing(table: string, field: string, value: string): Promise<Record<string, unknown> | undefined> {
    const t = this.core.table(table);
    const index = t.schema.getIndexByKeyPath(field);
    if (!index) throw new Error(`${table}.${field} must be indexed to resolve councils through it`);
    const res = await t.query({ trans: this.trans, values: true, limit: 1, query: { index, range: equal(value) } });
    return res.result[0] as Record<string, unknown> | undefined;
  }

  async mutate(table: string, req: { type: 'put' | 'add'; values: readonly unknown[] } | { type: 'delete'; keys: unknown[] }): Promise<void> {
    const res = await this.core.table(table).mutate({ ...req, trans: this.trans } as Parameters<ReturnType<DBCore['table']>['mutate']>[0]);
    if (res.numFailures > 0) throw Object.values(res.failures)[0] ?? new Error(`write to ${table} failed`);
  }
}

/**
 * Every row state this database holds, keyed by row key (on app records and in syncRows): for
 * checks that compare a whole laptop with the server's log (tests, benchmarks).
 */
export async function readAllStates(db: Dexie): Promise<Map<string, RowState>> {
  return db.transaction('r', db.tables, async () => {
    const out = new Map<string, RowState>();
    const sync = new Set<string>(SYNC_STORE_NAMES);
    for (const table of db.tables) {
      if (sync.has(table.name)) continue;
      await table.each((record: Record<string, unknown>) => {
        const encoded = record[SYNC_STATE_FIELD];
        const rowId = String(record[table.schema.primKey.keyPath as string]);
        if (typeof encoded === 'string') out.set(localRowKey(table.name, rowId), decodeRowState(encoded, table.name, rowId));
      });
    }
    await db.table<RowEntry, string>('syncRows').each((e) => {
      if (!out.has(e.key)) out.set(e.key, e.state);
    });
    return out;
  });
}

/** The record as stored: with the row's merge state, encoded, in SYNC_STATE_FIELD. */
export function withState(record: Record<string, unknown>, state: RowState | undefined): Record<string, unknown> {
  const out = { ...record };
  if (state) out[SYNC_STATE_FIELD] = encodeRowState(state);
  else delete out[SYNC_STATE_FIELD];
  return out;
}

/** A row key's table and row id (table names never contain '/'; row ids may). */
export function splitRowKey(key: string): [table: string, rowId: string] {
  const at = key.indexOf('/');
  return [key.slice(0, at), key.slice(at + 1)];
}

function groupByTable(keys: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const key of keys) {
    const [table, rowId] = splitRowKey(key);
    push(out, table, rowId);
  }
  return out;
}

/** Append to the list under `key`, starting it if needed. */
export function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** DBCore's equality range (DBCoreRangeType.Equal = 1). */
function equal(value: unknown) {
  return { type: 1 as const, lower: value, upper: value, lowerOpen: false, upperOpen: false };
}
