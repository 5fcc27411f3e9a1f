/**
 * The sync client's own tables and a small transaction-bound accessor over them. Everything the
 * sync client keeps (outbox, per-row merge state, derived conflicts, clock, cursors) lives in the
 * same IndexedDB as the app's records, so a local write and its outbox entry commit together and
 * a pulled page, its merge state and the cursor commit together.
 * The accessor works on Dexie's DBCore level, so the capture middleware (which only has the
 * DBCore transaction of the write) and the engine (inside db.transaction) share one code path.
 */
import type { DBCore, DBCoreTransaction } from 'dexie';
import type { Conflict, RowState } from '@shared/sync/merge';
import type { Change } from '@shared/sync/protocol';
import type { SyncRegistry } from '@shared/sync/registry';

export const SYNC_SCHEMA = {
  /**
   * Local changes not yet acknowledged, in capture (= HLC) order: one entry per captured write
   * (all its changes), so a bulk import adds one outbox record, not one per field.
   */
  syncOutbox: '++seq',
  /** Merge state per row (winner, losers, replaced per field), keyed `${table}/${rowId}`. */
  syncRows: 'key',
  /** Open conflicts, derived from syncRows whenever a row's state changes. */
  syncConflicts: 'id, rowKey',
  /** clientId, clock, cursors, scan progress. */
  syncMeta: 'key',
  /** Rows whose council cannot be resolved yet (a person before their first membership). */
  syncPending: 'key',
} as const;

export const SYNC_STORE_NAMES = Object.keys(SYNC_SCHEMA) as ReadonlyArray<keyof typeof SYNC_SCHEMA>;

export interface OutboxEntry {
  seq?: number;
  changes: Change[];
  /** opId -> why that change cannot be pushed (too large, invalid): kept, shown, skipped by push. */
  held?: Record<string, string>;
}

export interface RowEntry {
  key: string;
  state: RowState;
}

export interface ConflictEntry extends Conflict {
  rowKey: string;
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
  return [...new Set([...registry.list().map((d) => d.name).filter((n) => present.has(n)), ...SYNC_STORE_NAMES])];
}

/** Transaction-bound access to the sync tables (and the app tables, for council lookups). */
export class SyncTx {
  constructor(
    readonly core: DBCore,
    readonly trans: DBCoreTransaction,
  ) {}

  async getStates(keys: readonly string[]): Promise<Map<string, RowState>> {
    const out = new Map<string, RowState>();
    if (keys.length === 0) return out;
    const entries = (await this.core.table('syncRows').getMany({ trans: this.trans, keys: [...keys] })) as Array<RowEntry | undefined>;
    for (const e of entries) if (e) out.set(e.key, e.state);
    return out;
  }

  async putStates(states: ReadonlyMap<string, RowState>): Promise<void> {
    if (states.size === 0) return;
    const values: RowEntry[] = [...states].map(([key, state]) => ({ key, state }));
    await this.mutate('syncRows', { type: 'put', values });
  }

  /** Replace the stored conflicts of these rows with their freshly derived ones. */
  async replaceConflicts(rowKeys: readonly string[], conflicts: readonly ConflictEntry[]): Promise<void> {
    if (rowKeys.length === 0) return;
    const table = this.core.table('syncConflicts');
    const index = table.schema.getIndexByKeyPath('rowKey');
    const existing: string[] = [];
    for (const rowKey of rowKeys) {
      const res = await table.query({ trans: this.trans, values: false, query: { index: index!, range: equal(rowKey) } });
      existing.push(...(res.result as string[]));
    }
    if (existing.length > 0) await this.mutate('syncConflicts', { type: 'delete', keys: existing });
    if (conflicts.length > 0) await this.mutate('syncConflicts', { type: 'put', values: [...conflicts] });
  }

  async addOutbox(changes: readonly Change[]): Promise<void> {
    if (changes.length === 0) return;
    const entry: OutboxEntry = { changes: [...changes] };
    await this.mutate('syncOutbox', { type: 'add', values: [entry] });
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

  async deletePending(keys: readonly string[]): Promise<void> {
    if (keys.length > 0) await this.mutate('syncPending', { type: 'delete', keys: [...keys] });
  }

  async getRow(table: string, rowId: string): Promise<Record<string, unknown> | undefined> {
    return (await this.core.table(table).get({ trans: this.trans, key: rowId })) as Record<string, unknown> | undefined;
  }

  async getRows(table: string, rowIds: readonly string[]): Promise<Array<Record<string, unknown> | undefined>> {
    if (rowIds.length === 0) return [];
    return (await this.core.table(table).getMany({ trans: this.trans, keys: [...rowIds] })) as Array<Record<string, unknown> | undefined>;
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

/** DBCore's equality range (DBCoreRangeType.Equal = 1). */
function equal(value: unknown) {
  return { type: 1 as const, lower: value, upper: value, lowerOpen: false, upperOpen: false };
}
