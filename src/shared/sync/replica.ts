/**
 * An in-memory replica: the reference client. The simulation drives several of these against a
 * real server; the Dexie client implements the same steps over IndexedDB (rows + field states +
 * outbox + cursors in one transaction) by calling the same merge.ts functions.
 */
import { v7 as uuidv7 } from 'uuid';
import { HybridClock, maxHlc, parseHlc, DEFAULT_MAX_DRIFT_MS } from './hlc';
import { reissueChanges, restampPlan } from './reissue';
import {
  compareConflicts,
  applyChange,
  applyRowChanges,
  isRowDeleted,
  materializeRow,
  renameVersions,
  rowConflicts,
  rowKey,
  seenForDelete,
  type Conflict,
  type MaterializedRow,
  type RowState,
} from './merge';
import {
  DELETED_FIELD,
  MAX_PUSH_BATCH,
  SYNC_SCHEMA_VERSION,
  type Change,
  type JsonValue,
  type PullResponse,
  type PushRequest,
  type PushResponse,
} from './protocol';
import { nowMs } from '../clock';

/** Offsets smaller than this are network jitter, not a wrong clock; chasing them would only add noise. */
export const CLOCK_OFFSET_TOLERANCE_MS = 2_000;

export interface ReplicaOptions {
  clientId: string;
  /** This device's wall clock in ms. May be wrong by days; the replica corrects it with server time. */
  physicalNow?: () => number;
  newOpId?: () => string;
  maxDriftMs?: number;
  schemaVersion?: number;
  /** An outbox change was re-issued (new opId, maybe new HLC); lets callers track writes end to end. */
  onReissue?: (oldOpId: string, replacement: Change) => void;
}

export class Replica {
  readonly clientId: string;
  readonly schemaVersion: number;
  private readonly physicalNow: () => number;
  private readonly newOpId: () => string;
  private readonly onReissue?: (oldOpId: string, replacement: Change) => void;
  private readonly clock: HybridClock;
  private readonly maxDriftMs: number;
  private readonly rows = new Map<string, RowState>();
  /** Local changes not yet acknowledged, in creation (= HLC) order. Never dropped unacknowledged. */
  private outboxList: Change[] = [];
  /** Changes the server refused for good (with its reason): kept, never sent again. */
  readonly held: Array<{ change: Change; reason: string; message: string }> = [];
  /** Highest HLC known from outside the outbox (pulled or acknowledged): re-stamping never goes below it. */
  private highWater: string | null = null;
  readonly cursors = new Map<string, number>();
  clockOffsetMs = 0;
  skewWarnings = 0;

  constructor(options: ReplicaOptions) {
    this.clientId = options.clientId;
    this.schemaVersion = options.schemaVersion ?? SYNC_SCHEMA_VERSION;
    this.physicalNow = options.physicalNow ?? nowMs;
    this.newOpId = options.newOpId ?? (() => uuidv7());
    this.onReissue = options.onReissue;
    this.maxDriftMs = options.maxDriftMs ?? DEFAULT_MAX_DRIFT_MS;
    this.clock = new HybridClock(options.clientId, this.maxDriftMs);
  }

  /** Physical time corrected by what the server told us. */
  now(): number {
    return this.physicalNow() + this.clockOffsetMs;
  }

  get outbox(): readonly Change[] {
    return this.outboxList;
  }

  row(councilId: string, table: string, rowId: string): RowState | undefined {
    return this.rows.get(rowKey(councilId, table, rowId));
  }

  private newChange(councilId: string, table: string, rowId: string, field: string, value: JsonValue, baseHlc: string | null): Change {
    const hlc = this.clock.tick(this.now());
    if (this.clock.lastSkewMs > this.maxDriftMs) this.skewWarnings++;
    const change: Change = { opId: this.newOpId(), clientId: this.clientId, councilId, table, rowId, field, value, hlc, baseHlc };
    const key = rowKey(councilId, table, rowId);
    this.rows.set(key, applyChange(this.rows.get(key), change));
    this.outboxList.push(change);
    return change;
  }

  /** A user edit. Its baseHlc is the version it replaces, which is how concurrent edits are recognised. */
  applyLocalEdit(councilId: string, table: string, rowId: string, field: string, value: JsonValue): Change {
    if (field === DELETED_FIELD) throw new Error('use deleteRow/restoreRow for deletion');
    const row = this.row(councilId, table, rowId);
    // The UI never offers editing a row the user can see is deleted; restoring comes first.
    if (row && isRowDeleted(row)) throw new Error(`row ${rowKey(councilId, table, rowId)} is deleted`);
    return this.newChange(councilId, table, rowId, field, value, row?.fields[field]?.winner.hlc ?? null);
  }

  deleteRow(councilId: string, table: string, rowId: string): Change {
    const row = this.row(councilId, table, rowId);
    if (row && isRowDeleted(row)) throw new Error(`row ${rowKey(councilId, table, rowId)} is already deleted`);
    const value = { deleted: true, seen: seenForDelete(row) };
    return this.newChange(councilId, table, rowId, DELETED_FIELD, value, row?.fields[DELETED_FIELD]?.winner.hlc ?? null);
  }

  restoreRow(councilId: string, table: string, rowId: string): Change {
    const row = this.row(councilId, table, rowId);
    if (!row || !isRowDeleted(row)) throw new Error(`row ${rowKey(councilId, table, rowId)} is not deleted`);
    return this.newChange(councilId, table, rowId, DELETED_FIELD, { deleted: false, seen: {} }, row.fields[DELETED_FIELD]!.winner.hlc);
  }

  /** Merge changes from elsewhere (any order, duplicates allowed). Returns how many looked skewed. */
  applyRemote(changes: readonly Change[]): number {
    let skewed = 0;
    for (let i = 0; i < changes.length;) {
      // A run of one row's changes (a create is a change per field) is merged in one step.
      const first = changes[i]!;
      let end = i + 1;
      while (end < changes.length && changes[end]!.rowId === first.rowId && changes[end]!.table === first.table && changes[end]!.councilId === first.councilId)
        end++;
      const run = changes.slice(i, end);
      for (const c of run) {
        if (this.clock.receive(c.hlc, this.now())) skewed++;
        this.highWater = maxHlc(this.highWater, c.hlc);
      }
      const key = rowKey(first.councilId, first.table, first.rowId);
      this.rows.set(key, applyRowChanges(this.rows.get(key), run));
      i = end;
    }
    this.skewWarnings += skewed;
    return skewed;
  }

  /** Adopt the server's clock as the physical reference (ignoring jitter). */
  observeServerTime(serverTime: number): void {
    const offset = serverTime - this.physicalNow();
    if (Math.abs(offset - this.clockOffsetMs) > CLOCK_OFFSET_TOLERANCE_MS) this.clockOffsetMs = offset;
  }

  buildPush(maxBatch = MAX_PUSH_BATCH): PushRequest {
    return { clientId: this.clientId, schemaVersion: this.schemaVersion, changes: this.outboxList.slice(0, maxBatch) };
  }

  handlePushResponse(response: PushResponse): void {
    this.observeServerTime(response.serverTime);
    const acked = new Set(response.acked);
    for (const c of this.outboxList) if (acked.has(c.opId)) this.highWater = maxHlc(this.highWater, c.hlc);
    this.outboxList = this.outboxList.filter((c) => !acked.has(c.opId));
    const refused = new Map(response.rejected.filter((r) => r.reason !== 'op_id_conflict').map((r) => [r.opId, r]));
    for (const c of this.outboxList) {
      const r = refused.get(c.opId);
      if (r) this.held.push({ change: c, reason: r.reason, message: r.message });
    }
    if (refused.size > 0) this.outboxList = this.outboxList.filter((c) => !refused.has(c.opId));
    const rejected = new Set(response.rejected.filter((r) => r.reason === 'op_id_conflict').map((r) => r.opId));
    if (rejected.size > 0) this.reissue((c) => rejected.has(c.opId), false);
  }

  /**
   * The server refused our timestamps as too far ahead (our clock was wrong while we edited). Every
   * outbox change past the server's limit is re-stamped under the corrected clock and a new opId.
   * Safe because nobody else has seen those timestamps (the server refused them), and order
   * preserving because the new ones still sort after everything else we know.
   */
  handleClockAhead(serverTime: number, maxFutureMs: number): void {
    this.clockOffsetMs = serverTime - this.physicalNow();
    const plan = restampPlan(this.outboxList, serverTime, maxFutureMs, this.highWater);
    if (plan === null) return;
    this.clock.resetTo(plan.floor === null ? { wall: 0, counter: 0 } : parseHlc(plan.floor));
    this.reissue((_, index) => index >= plan.start, true);
  }

  private reissue(select: (c: Change, index: number) => boolean, restamp: boolean): void {
    const plan = reissueChanges(this.outboxList, select, restamp ? () => this.clock.tick(this.now()) : null, this.newOpId);
    this.outboxList = plan.outbox;
    for (const key of plan.touchedRows) this.rows.set(key, renameVersions(this.rows.get(key)!, plan.replacement, plan.hlcMap));
    for (const [old, next] of plan.pairs) this.onReissue?.(old, next);
  }

  /** Apply one pulled page. A replayed older page is harmless: merge is idempotent and the cursor never moves back. */
  applyPull(councilId: string, response: PullResponse): void {
    this.observeServerTime(response.serverTime);
    this.applyRemote(response.changes);
    if (response.nextCursor > (this.cursors.get(councilId) ?? 0)) this.cursors.set(councilId, response.nextCursor);
  }

  snapshot(): MaterializedRow[] {
    return [...this.rows.keys()].sort().map((k) => materializeRow(this.rows.get(k)!));
  }

  rowStates(): RowState[] {
    return [...this.rows.keys()].sort().map((k) => this.rows.get(k)!);
  }

  conflicts(): Conflict[] {
    return [...this.rows.values()].flatMap(rowConflicts).sort(compareConflicts);
  }
}
