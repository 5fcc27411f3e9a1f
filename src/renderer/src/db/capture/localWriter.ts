/**
 * Turns local writes into per-field changes inside the write's own transaction: tick the HLC,
 * take each field's current HLC as the base (that is how a concurrent edit is recognised
 * later), fold the change into the row's merge state and append it to the outbox. Used by the
 * capture middleware for every app write and by the conflicts actions (restore / keep current).
 */
import { v7 as uuidv7 } from 'uuid';
import { tick as tickClock, type HlcState } from '@shared/sync/hlc';
import { applyRowChanges, isRowDeleted, rowConflicts, seenForDelete, valuesEqual, type RowState } from '@shared/sync/merge';
import { DELETED_FIELD, type Change, type JsonValue } from '@shared/sync/protocol';
import type { SyncRegistry } from '@shared/sync/registry';
import { isAbsent, toWireValue } from '@shared/sync/values';
import { localRowKey, type ClientMeta, type ClockMeta, type ConflictEntry, type PendingEntry, type SyncTx } from './syncTables';
import { nowMs } from '@shared/clock';
import { newOpId } from './opIds';

export interface WriterOptions {
  /** This laptop's wall clock (ms); corrected by the stored server offset. */
  physicalNow?: () => number;
  newOpId?: () => string;
}

export class ImmutableRowError extends Error {
  constructor(table: string, rowId: string) {
    super(`${table} ${rowId} is an approved record and cannot be changed`);
    this.name = 'ImmutableRowError';
  }
}

/** The conflicts a facilitator should review for one row (bookkeeping fields left out). */
export function conflictsOf(registry: SyncRegistry, state: RowState): ConflictEntry[] {
  const decl = registry.has(state.table) ? registry.get(state.table) : null;
  const quiet = new Set(registry.quietFields(state.table));
  // The server's stamp replaces its previous stamp knowingly; should two ever race, neither is a person's work.
  if (decl?.stampAccount !== undefined) quiet.add(decl.stampAccount);
  const rowKey = localRowKey(state.table, state.rowId);
  return rowConflicts(state)
    .filter((c) => !quiet.has(c.field))
    .map((c) => ({ ...c, rowKey }));
}

export class LocalWriter {
  private client!: ClientMeta;
  /** This installation's first captured write: its clientId is stored with it. */
  private clientIsNew = false;
  private clock!: ClockMeta;
  private readonly states = new Map<string, RowState>();
  /** States as stored before this writer's changes, so a failed write can be taken back. */
  private readonly loaded = new Map<string, RowState>();
  private readonly dirty = new Set<string>();
  private readonly outbox: Change[] = [];
  private readonly pending: PendingEntry[] = [];
  private readonly unpending: string[] = [];
  /** Parent row key -> council, for bulk writes whose rows share parents. */
  private readonly parentCouncils = new Map<string, string | null>();
  /** Parent row keys read by preloadCouncils and found without merge state: no need to ask again. */
  private readonly stateless = new Set<string>();
  /** `${table}/${field}/${value}` -> the row findReferencing would answer, read by preloadCouncils. */
  private readonly referencing = new Map<string, Record<string, unknown> | undefined>();
  /** Rows whose stored state had conflicts before this write: a write may resolve them. */
  private readonly hadConflictsBefore = new Set<string>();
  private readonly physicalNow: () => number;
  private readonly newOpId: () => string;

  constructor(
    private readonly tx: SyncTx,
    private readonly registry: SyncRegistry,
    options: WriterOptions = {},
  ) {
    this.physicalNow = options.physicalNow ?? nowMs;
    this.newOpId = options.newOpId ?? newOpId;
  }

  /** Read the stored states of rows about to be written (`records: false`: rows being added). */
  async load(keys: readonly string[], options: { records?: boolean } = {}): Promise<void> {
    const stored = await this.tx.getMeta<ClientMeta>('client');
    this.clientIsNew = stored === undefined;
    this.client = stored ?? { key: 'client', clientId: uuidv7() };
    this.clock = (await this.tx.getMeta<ClockMeta>('clock')) ?? { key: 'clock', wall: 0, counter: 0, offsetMs: 0, highWater: null, skewMs: 0 };
    const missing = keys.filter((k) => !this.states.has(k));
    for (const [k, v] of await this.tx.getStates(missing, options)) {
      this.states.set(k, v);
      this.loaded.set(k, v);
      if (conflictsOf(this.registry, v).length > 0) this.hadConflictsBefore.add(k);
    }
  }

  /**
   * Read at once what resolving the councils of these rows (about to be captured) will ask: the
   * merge states of their parents, or the rows referencing them. Rows of a bulk write share few
   * parents, but looked up row by row each lookup is two IndexedDB reads awaited one after the
   * other (2,000 meetings' agenda items: 4,000 round trips). Answers exactly what resolveCouncil
   * would have read itself, in the same transaction.
   */
  async preloadCouncils(table: string, rows: ReadonlyArray<{ rowId: string; after: Record<string, unknown> | undefined }>): Promise<void> {
    const decl = this.registry.get(table);
    const parents = new Set<string>();
    const referenced = new Map<string, { table: string; field: string; values: string[] }>();
    for (const { rowId, after } of rows) {
      if (!after || this.states.get(localRowKey(table, rowId))?.councilId) continue;
      const step = this.registry.step(decl, after);
      if (step.kind === 'parent') {
        const key = localRowKey(step.table, step.rowId);
        if (!this.parentCouncils.has(key) && !this.states.has(key)) parents.add(key);
      } else if (step.kind === 'referencedBy') {
        const at = `${step.table}/${step.field}`;
        const group = referenced.get(at) ?? { table: step.table, field: step.field, values: [] };
        group.values.push(step.value);
        referenced.set(at, group);
      }
    }
    // One row's lookup is as cheap alone: only a bulk write gains from reading ahead.
    if (parents.size > 1) {
      const found = await this.tx.getStates([...parents]);
      for (const key of parents) {
        const state = found.get(key);
        if (state) this.parentCouncils.set(key, state.councilId);
        else this.stateless.add(key);
      }
    }
    for (const { table: t, field, values } of referenced.values()) {
      if (values.length < 2) continue;
      for (const [value, row] of await this.tx.findReferencingMany(t, field, values)) this.referencing.set(`${t}/${field}/${value}`, row);
    }
  }

  get clientId(): string {
    return this.client.clientId;
  }

  state(table: string, rowId: string): RowState | undefined {
    return this.states.get(localRowKey(table, rowId));
  }

  /**
   * A row as the app just wrote it (`after`), or deleted (`after` undefined). Emits a change for
   * every synced field whose value differs from what sync knows; nothing for an unchanged row.
   */
  async captureRow(table: string, rowId: string, after: Record<string, unknown> | undefined): Promise<void> {
    const decl = this.registry.get(table);
    const key = localRowKey(table, rowId);
    const state = this.states.get(key);
    if (after === undefined) {
      this.unpending.push(key);
      if (!state || isRowDeleted(state)) return; // never synced, or already deleted: nothing to tell anyone
      if (decl.immutable) throw new ImmutableRowError(table, rowId);
      this.emit(state.councilId, table, rowId, DELETED_FIELD, { deleted: true, seen: seenForDelete(state) }, state.fields[DELETED_FIELD]?.winner.hlc ?? null);
      return;
    }
    let councilId = state?.councilId ?? null;
    if (councilId === null) {
      councilId = await this.resolveCouncil(table, after);
      if (councilId === null) {
        this.pending.push({ key, table, rowId });
        return;
      }
      this.unpending.push(key);
    }
    const changes: Array<[string, JsonValue, string | null]> = [];
    if (state && isRowDeleted(state)) {
      if (decl.immutable) throw new ImmutableRowError(table, rowId);
      // Writing a deleted row again (undo of a delete) restores it, based on the delete it undoes.
      changes.push([DELETED_FIELD, { deleted: false, seen: {} }, state.fields[DELETED_FIELD]!.winner.hlc]);
    }
    const fields = new Set(this.registry.syncedFields(table, after));
    // Fields the server writes (stamps) are never sent from here, whatever the record carries.
    if (state) for (const f of Object.keys(state.fields)) if (f !== DELETED_FIELD && this.registry.isClientField(table, f)) fields.add(f);
    for (const field of [...fields].sort()) {
      const value = toWireValue(after[field]);
      const current = state?.fields[field];
      if (current && valuesEqual(current.winner.value, value)) continue;
      if (!current && isAbsent(value)) continue;
      if (state && decl.immutable && current) throw new ImmutableRowError(table, rowId);
      changes.push([field, value, current?.winner.hlc ?? null]);
    }
    this.emitAll(councilId, table, rowId, changes);
  }

  /** One change, as the conflicts actions need it (a chosen base, e.g. "I saw the losing value"). */
  emit(councilId: string, table: string, rowId: string, field: string, value: JsonValue, baseHlc: string | null): Change {
    return this.emitAll(councilId, table, rowId, [[field, value, baseHlc]])[0]!;
  }

  /** Changes of one row, each with its own tick of the clock, folded into the row's state at once. */
  private emitAll(councilId: string, table: string, rowId: string, fields: ReadonlyArray<readonly [string, JsonValue, string | null]>): Change[] {
    if (fields.length === 0) return [];
    const key = localRowKey(table, rowId);
    const now = this.physicalNow() + this.clock.offsetMs;
    let clock = this.clockState();
    let skewMs = this.clock.skewMs;
    const changes = fields.map(([field, value, baseHlc]): Change => {
      const ticked = tickClock(clock, now);
      clock = ticked.clock;
      skewMs = ticked.skewMs;
      return { opId: this.newOpId(), clientId: this.client.clientId, councilId, table, rowId, field, value, hlc: ticked.hlc, baseHlc };
    });
    this.clock = { ...this.clock, wall: clock.wall, counter: clock.counter, skewMs };
    this.states.set(key, applyRowChanges(this.states.get(key), changes));
    this.dirty.add(key);
    for (const c of changes) this.outbox.push(c);
    return changes;
  }

  /**
   * Take back what was captured for rows whose write failed (a bulk write where some rows were
   * refused): their changes never happened, so they must not reach the outbox.
   */
  discard(keys: ReadonlySet<string>): void {
    if (keys.size === 0) return;
    for (const key of keys) {
      const before = this.loaded.get(key);
      if (before) this.states.set(key, before);
      else this.states.delete(key);
      this.dirty.delete(key);
    }
    const keep = (c: Change) => !keys.has(localRowKey(c.table, c.rowId));
    retain(this.outbox, keep);
    retain(this.pending, (p) => !keys.has(p.key));
    retain(this.unpending, (k) => !keys.has(k));
  }

  /**
   * Write everything captured so far into the same transaction. `writing`: rows whose app record
   * the caller is writing (see SyncTx.putStates).
   */
  async flush(writing?: ReadonlyMap<string, 'put' | 'delete'>): Promise<number> {
    if (this.clientIsNew) await this.tx.putMeta(this.client);
    this.clientIsNew = false;
    if (this.outbox.length > 0) await this.tx.putMeta(this.clock);
    const dirty = [...this.dirty];
    const states = new Map(dirty.map((k) => [k, this.states.get(k)!]));
    await this.tx.putStates(states, writing);
    // Only rows that had conflicts (or deletions) can change their conflict list through a local write.
    const affected = dirty.filter((k) => conflictsOf(this.registry, states.get(k)!).length > 0 || this.hadConflictsBefore.has(k));
    await this.tx.replaceConflicts(
      affected,
      affected.flatMap((k) => conflictsOf(this.registry, states.get(k)!)),
    );
    await this.tx.addOutbox(this.outbox);
    await this.tx.putPending(this.pending);
    const stillPending = new Set(this.pending.map((p) => p.key));
    await this.tx.deletePending(this.unpending.filter((k) => !stillPending.has(k)));
    const n = this.outbox.length;
    this.outbox.length = 0;
    this.dirty.clear();
    return n;
  }

  private clockState(): HlcState {
    return { wall: this.clock.wall, counter: this.clock.counter, clientId: this.client.clientId };
  }

  /**
   * The council a new row belongs to. A parent already known to sync answers at once (and keeps
   * rows with the council their parent was first synced under); otherwise the chain is followed
   * through the app's rows in this transaction.
   */
  async resolveCouncil(table: string, row: Record<string, unknown>): Promise<string | null> {
    let decl = this.registry.get(table);
    let current: Record<string, unknown> | undefined = row;
    for (let depth = 0; depth < 10 && current; depth++) {
      const step = this.registry.step(decl, current);
      if (step.kind === 'done') return step.councilId;
      if (step.kind === 'parent') {
        const parentKey = localRowKey(step.table, step.rowId);
        const cached = this.parentCouncils.get(parentKey);
        if (cached !== undefined) return cached;
        const known = this.states.get(parentKey) ?? (this.stateless.has(parentKey) ? undefined : (await this.tx.getStates([parentKey])).get(parentKey));
        if (known) {
          this.parentCouncils.set(parentKey, known.councilId);
          return known.councilId;
        }
        current = await this.tx.getRow(step.table, step.rowId);
      } else {
        const at = `${step.table}/${step.field}/${step.value}`;
        current = this.referencing.has(at) ? this.referencing.get(at) : await this.tx.findReferencing(step.table, step.field, step.value);
      }
      decl = this.registry.get(step.table);
    }
    return null;
  }
}

/** Keep only the items that pass, in place (lists can be too long to spread as arguments). */
function retain<T>(list: T[], keep: (item: T) => boolean): void {
  let n = 0;
  for (const item of list) if (keep(item)) list[n++] = item;
  list.length = n;
}
