/**
 * Applying changes from the server: fold each into its row's merge state (merge.ts, the same
 * rules as every other replica), write the merged record into the app's table, refresh the
 * row's conflicts, move the clock past every HLC seen and store the cursor: all in ONE
 * transaction, so a crash mid-page leaves the cursor where the data is.
 */
import Dexie from 'dexie';
import type { ZodType } from 'zod';
import { receive } from '@shared/sync/hlc';
import { applyChange, conflictId, isRowDeleted, materializeRow, valuesEqual, type FieldVersion, type RowState } from '@shared/sync/merge';
import { DELETED_FIELD, type Change } from '@shared/sync/protocol';
import type { SyncRegistry } from '@shared/sync/registry';
import { isAbsent } from '@shared/sync/values';
import { maxHlc } from '@shared/sync/hlc';
import { markSyncInternal } from '../db/capture/capture';
import { observedOffset } from './clockOffset';
import { conflictsOf } from '../db/capture/localWriter';
import { ABSENT } from '@shared/sync/values';
import {
  SyncTx,
  localRowKey,
  push,
  syncScope,
  withState,
  type ClientMeta,
  type ClockMeta,
  type ConflictEntry,
  type CursorMeta,
} from '../db/capture/syncTables';

export interface ApplyOutcome {
  applied: number;
  /** Changes refused here: for another council than the row's, or changing an approved record. */
  refused: number;
  /**
   * Changes to an approved record that would change nothing (the same version frozen on another
   * laptop, see `refusal`): taken silently, with nothing merged.
   */
  unchanged: number;
  skewed: number;
}

export interface ApplyContext {
  registry: SyncRegistry;
  schemas: Readonly<Record<string, ZodType>>;
  physicalNow?: () => number;
}

/** Apply one page (any order, duplicates allowed) and, optionally, move a council's cursor. */
export async function applyRemoteChanges(
  db: Dexie,
  ctx: ApplyContext,
  changes: readonly Change[],
  cursor?: { councilId: string; nextCursor: number; serverTime?: number },
): Promise<ApplyOutcome> {
  return db.transaction('rw', syncScope(db, ctx.registry), async () => {
    const trans = Dexie.currentTransaction.idbtrans;
    markSyncInternal(trans);
    const tx = new SyncTx(db.core, trans);
    const outcome: ApplyOutcome = { applied: 0, refused: 0, unchanged: 0, skewed: 0 };
    const keys = [...new Set(changes.map((c) => localRowKey(c.table, c.rowId)))];
    const before = await tx.getStates(keys);
    const states = new Map(before);
    const client = await tx.getMeta<ClientMeta>('client');
    let clock = (await tx.getMeta<ClockMeta>('clock')) ?? { key: 'clock' as const, wall: 0, counter: 0, offsetMs: 0, highWater: null, skewMs: 0 };
    const now = (ctx.physicalNow ?? Date.now)() + clock.offsetMs;
    let highWater = clock.highWater;
    const refused: ConflictEntry[] = [];
    for (const change of changes) {
      const key = localRowKey(change.table, change.rowId);
      const state = states.get(key);
      const why = refusal(ctx.registry, state, change);
      if (why === 'unchanged') {
        outcome.unchanged++;
        continue;
      }
      if (why !== null) {
        outcome.refused++;
        if (why !== 'council') refused.push(refusedEntry(state, change, why));
        continue;
      }
      if (client) {
        const r = receive({ wall: clock.wall, counter: clock.counter, clientId: client.clientId }, change.hlc, now);
        clock = { ...clock, wall: r.clock.wall, counter: r.clock.counter, skewMs: Math.max(clock.skewMs, r.skewMs) };
        if (r.skewed) outcome.skewed++;
      }
      highWater = maxHlc(highWater, change.hlc);
      const next = applyChange(state, change);
      if (next !== state) states.set(key, next);
      outcome.applied++;
    }
    const changed = keys.filter((k) => states.get(k) !== before.get(k));
    const written = await materialize(
      tx,
      ctx,
      changed.map((k) => states.get(k)!),
    );
    await tx.putStates(new Map(changed.map((k) => [k, states.get(k)!])), written);
    // Only rows that have (or had) conflicts can change the conflicts list: a first sync of a
    // large council must not query it once per row.
    const after = new Map(changed.map((k) => [k, conflictsOf(ctx.registry, states.get(k)!)]));
    const affected = changed.filter((k) => after.get(k)!.length > 0 || (before.has(k) && conflictsOf(ctx.registry, before.get(k)!).length > 0));
    await tx.replaceConflicts(
      affected,
      affected.flatMap((k) => after.get(k)!),
    );
    await tx.addRefused(refused);
    const offsetMs = cursor?.serverTime === undefined ? clock.offsetMs : observedOffset(clock.offsetMs, cursor.serverTime, (ctx.physicalNow ?? Date.now)());
    await tx.putMeta({ ...clock, highWater, offsetMs });
    if (cursor) {
      const meta = (await tx.getMeta<CursorMeta>('cursors')) ?? { key: 'cursors' as const, cursors: {} };
      // The cursor never moves back: re-applying an older page is harmless, rewinding is not.
      if (cursor.nextCursor > (meta.cursors[cursor.councilId] ?? 0)) {
        await tx.putMeta({ key: 'cursors', cursors: { ...meta.cursors, [cursor.councilId]: cursor.nextCursor } });
      }
    }
    return outcome;
  });
}

/**
 * Changes this laptop will not merge, whatever their baseHlc, so a forged change never alters
 * what it holds (server order is the same for every laptop, so they all refuse the same ones):
 * - `council`: a change naming another council than the row's (the server refuses those; a
 *   forged one must not move a row between councils);
 * - an approved record (a write-once table) is written once: a change to a field that already has
 *   another value (`rewrite`), a delete (`delete`), or a new field from a writer that wrote none
 *   of the row (`stranger`: the approving laptop's own later fields, on a later page, still arrive).
 * A change this laptop already holds (its own, coming back) is not a change at all. Nor is the
 * value a field of an approved record already has (`unchanged`): two laptops that both froze the
 * same version (one id per meeting and round) each hold their own copy and receive the other's;
 * taking it silently, without merging it, keeps what stands and who wrote it as they are. The
 * bookkeeping fields (createdAt, updatedAt: when that laptop froze its copy) are `unchanged`
 * whatever their value, as on the server, which keeps the first.
 */
type Refusal = 'council' | 'rewrite' | 'delete' | 'stranger';

function refusal(registry: SyncRegistry, state: RowState | undefined, change: Change): Refusal | 'unchanged' | null {
  if (state && state.councilId !== change.councilId) return 'council';
  if (!registry.has(change.table) || !registry.get(change.table).immutable) return null;
  const field = state?.fields[change.field];
  const same = (v: FieldVersion) => v.opId === change.opId && v.hlc === change.hlc;
  if (field && (same(field.winner) || field.losers.some(same))) return null;
  if (change.field === DELETED_FIELD) return 'delete';
  if (field) return valuesEqual(field.winner.value, change.value) || registry.quietFields(change.table).includes(change.field) ? 'unchanged' : 'rewrite';
  if (state && !Object.values(state.fields).some((f) => f.winner.clientId === change.clientId)) return 'stranger';
  return null;
}

const REFUSAL_TEXT: Record<Exclude<Refusal, 'council'>, string> = {
  rewrite: 'Refused: it would have changed approved minutes, which never change after approval.',
  delete: 'Refused: it would have deleted approved minutes, which are never deleted.',
  stranger: 'Refused: it would have added to approved minutes from another laptop.',
};

/** The review entry of a refused change: what it wanted (losing) against what stands (winning). */
function refusedEntry(state: RowState | undefined, change: Change, why: Exclude<Refusal, 'council'>): ConflictEntry {
  const standing = state?.fields[change.field]?.winner ?? { value: ABSENT, hlc: '', opId: '', clientId: '' };
  return {
    id: `${conflictId(change.councilId, change.table, change.rowId, change.field, change.hlc)}/refused`,
    kind: 'concurrent-edit',
    councilId: change.councilId,
    table: change.table,
    rowId: change.rowId,
    field: change.field,
    losingValue: change.value,
    losingHlc: change.hlc,
    losingOpId: change.opId,
    losingClientId: change.clientId,
    winningValue: standing.value,
    winningHlc: standing.hlc,
    winningOpId: standing.opId,
    winningClientId: standing.clientId,
    rowKey: localRowKey(change.table, change.rowId),
    refused: REFUSAL_TEXT[why],
  };
}

/**
 * Write merged rows into the app's tables: deleted rows leave the table, complete rows enter it
 * carrying their merge state. Returns which rows' records were written, for putStates (the state
 * of every other row stays in syncRows).
 */
async function materialize(tx: SyncTx, ctx: ApplyContext, states: readonly RowState[]): Promise<Map<string, 'put' | 'delete'>> {
  const written = new Map<string, 'put' | 'delete'>();
  const byTable = new Map<string, RowState[]>();
  for (const s of states) {
    if (!ctx.registry.has(s.table)) continue; // a table from a newer app: kept in sync state only
    push(byTable, s.table, s);
  }
  for (const [table, rows] of byTable) {
    const decl = ctx.registry.get(table);
    const idField = decl.idField ?? 'id';
    // getStates read these records already (a state lives on its record): read from its cache.
    const existing = await tx.records(
      table,
      rows.map((r) => r.rowId),
    );
    const puts: Record<string, unknown>[] = [];
    const deletes: string[] = [];
    rows.forEach((row, i) => {
      const current = existing[i];
      const key = localRowKey(table, row.rowId);
      if (isRowDeleted(row)) {
        if (current) {
          deletes.push(row.rowId);
          written.set(key, 'delete');
        }
        return;
      }
      const record = recordOf(row, idField, current, decl.localOnlyFields ?? []);
      const complete = completed(ctx.schemas[table], record, current !== undefined);
      if (!complete) return;
      puts.push(withState(complete, row));
      written.set(key, 'put');
    });
    if (deletes.length > 0) await tx.mutate(table, { type: 'delete', keys: deletes });
    if (puts.length > 0) await tx.mutate(table, { type: 'put', values: puts });
  }
  return written;
}

/** The app record of a merged row: its current values (cleared fields left out), keeping this laptop's local-only fields. */
export function recordOf(row: RowState, idField: string, current?: Record<string, unknown>, localOnly: readonly string[] = []): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  // Local-only fields (UI state) are this laptop's own and survive remote edits.
  for (const f of localOnly) if (current && f in current) record[f] = current[f];
  const { values } = materializeRow(row);
  for (const [f, v] of Object.entries(values)) if (!isAbsent(v)) record[f] = v;
  record[idField] = row.rowId;
  return record;
}

/**
 * The record to write, or null while it is incomplete (required fields not arrived yet). A row
 * that fails the schema for other reasons (a newer app's values) is written as it is: hiding a
 * colleague's data would be worse than showing a value this version does not know.
 */
function completed(schema: ZodType | undefined, record: Record<string, unknown>, exists: boolean): Record<string, unknown> | null {
  if (!schema) return record;
  const parsed = schema.safeParse(record);
  if (parsed.success) return { ...record, ...(parsed.data as Record<string, unknown>) };
  const missing = parsed.error.issues.some((i) => i.path.length === 1 && record[String(i.path[0])] === undefined && !exists);
  return missing ? null : record;
}
