/**
 * The conflicts list: every value that lost a concurrent edit (or an edit a delete overtook) is
 * kept here until the facilitator restores it or keeps what won. Both actions are ordinary
 * synced edits, so the choice reaches every laptop and resolves the conflict there too.
 */
import Dexie from 'dexie';
import { compareVersions, conflictId, isRowDeleted, materializeRow, seenForDelete, type FieldVersion, type RowState } from '@shared/sync/merge';
import { DELETED_FIELD, type JsonValue } from '@shared/sync/protocol';
import type { SyncRegistry } from '@shared/sync/registry';
import { isAbsent } from '@shared/sync/values';
import { ImmutableRowError, LocalWriter, conflictsOf } from '../db/capture/localWriter';
import { recordOf } from './applyRemote';
import { markSyncInternal } from '../db/capture/capture';
import { SyncTx, localRowKey, syncScope, withState, type ConflictEntry } from '../db/capture/syncTables';

export interface ConflictView extends ConflictEntry {
  /** A readable name for the row (its title, name or text), or null. */
  rowLabel: string | null;
  /** The row is currently deleted (edit-vs-delete, or deleted since). */
  rowDeleted: boolean;
  /** The field's value now, which may have moved on since the conflict arose. */
  currentValue: JsonValue | undefined;
}

const LABEL_FIELDS = ['title', 'name', 'text', 'statement', 'summary', 'description', 'label'];

function labelOf(values: Readonly<Record<string, JsonValue>>): string | null {
  for (const f of LABEL_FIELDS) {
    const v = values[f];
    if (typeof v === 'string' && v.trim() !== '') return v.length > 120 ? `${v.slice(0, 117)}...` : v;
  }
  return null;
}

export async function listConflicts(db: Dexie): Promise<ConflictView[]> {
  // A row's state is on its app record (or in syncRows): read them all in one snapshot.
  const { conflicts, byKey } = await db.transaction('r', db.tables, async () => {
    const conflicts = await db.table<ConflictEntry, string>('syncConflicts').toArray();
    const byKey = await new SyncTx(db.core, Dexie.currentTransaction.idbtrans).getStates([...new Set(conflicts.map((c) => c.rowKey))]);
    return { conflicts, byKey };
  });
  return conflicts
    .map((c) => {
      const state = byKey.get(c.rowKey);
      const values = state ? materializeRow(state).values : {};
      return { ...c, rowLabel: labelOf(values), rowDeleted: state ? isRowDeleted(state) : false, currentValue: values[c.field] };
    })
    .sort((a, b) => (a.winningHlc < b.winningHlc ? 1 : a.winningHlc > b.winningHlc ? -1 : a.id < b.id ? -1 : 1));
}

export async function countConflicts(db: Dexie): Promise<number> {
  return db.table('syncConflicts').count();
}

export type ConflictAction = 'restored' | 'kept' | 'gone';

/** A refused change cannot be applied from the conflicts list either: it would alter approved minutes. */
export class RefusedChangeError extends Error {
  constructor() {
    super('This change was refused because it would alter approved minutes, which never change. Choose "Keep current" to dismiss it.');
    this.name = 'RefusedChangeError';
  }
}

/**
 * Bring the losing value back: an edit of the field (based on the current value, so it wins
 * everywhere), or for an edit a delete overtook, the row itself restored with every edit merged.
 * Written through the app's table, so the change is captured like any other edit.
 */
export async function restoreConflict(db: Dexie, registry: SyncRegistry, conflictId: string): Promise<ConflictAction> {
  return db.transaction('rw', syncScope(db, registry), async () => {
    const found = await load(db, conflictId);
    if (!found) return 'gone';
    const { conflict, state } = found;
    if (conflict.refused !== undefined) throw new RefusedChangeError();
    const decl = registry.get(conflict.table);
    if (decl.immutable) return putBackApproved(db, registry, conflict, state);
    const idField = decl.idField ?? 'id';
    const current = (await db.table(conflict.table).get(conflict.rowId)) as Record<string, unknown> | undefined;
    const record: Record<string, unknown> = { ...(current ?? recordOf(state, idField)), [idField]: conflict.rowId };
    if (conflict.kind === 'concurrent-edit' && conflict.field !== DELETED_FIELD) {
      if (isAbsent(conflict.losingValue)) delete record[conflict.field];
      else record[conflict.field] = conflict.losingValue;
    }
    // A deleted row is not in the table; putting it back is what restores it (see LocalWriter).
    await db.table(conflict.table).put(record);
    return 'restored';
  });
}

/** Keep what won: an edit that names the losing value as seen, which resolves it everywhere. */
export async function keepCurrent(db: Dexie, registry: SyncRegistry, conflictId: string): Promise<ConflictAction> {
  return db.transaction('rw', syncScope(db, registry), async () => {
    const found = await load(db, conflictId);
    if (!found) return 'gone';
    const { conflict, state } = found;
    const tx = new SyncTx(db.core, Dexie.currentTransaction.idbtrans);
    markSyncInternal(Dexie.currentTransaction.idbtrans);
    if (conflict.refused !== undefined) {
      // Nothing was applied: dismissing it is all there is to do, on this laptop.
      await tx.mutate('syncConflicts', { type: 'delete', keys: [conflict.id] });
      return 'kept';
    }
    if (registry.has(conflict.table) && registry.get(conflict.table).immutable) {
      // An approved record never gets a new change, not even "keep": the losing version is dropped here.
      const field = state.fields[conflict.field];
      if (field) {
        const next: RowState = {
          ...state,
          fields: { ...state.fields, [conflict.field]: { ...field, losers: field.losers.filter((l) => l.hlc !== conflict.losingHlc) } },
        };
        await tx.putStates(new Map([[conflict.rowKey, next]]));
        await tx.replaceConflicts([conflict.rowKey], conflictsOf(registry, next));
      }
      return 'kept';
    }
    // Only the row's state and the outbox change: the record's values stay as they are.
    const writer = new LocalWriter(new SyncTx(db.core, Dexie.currentTransaction.idbtrans), registry);
    await writer.load([conflict.rowKey]);
    if (conflict.kind === 'edit-vs-delete') {
      // Delete again, this time having seen the edit.
      writer.emit(
        state.councilId,
        state.table,
        state.rowId,
        DELETED_FIELD,
        { deleted: true, seen: seenForDelete(state) },
        state.fields[DELETED_FIELD]!.winner.hlc,
      );
    } else {
      const winner = state.fields[conflict.field]!.winner;
      writer.emit(state.councilId, state.table, state.rowId, conflict.field, winner.value, conflict.losingHlc);
    }
    await writer.flush();
    return 'kept';
  });
}

/** Inside a transaction over syncScope. */
async function load(db: Dexie, conflictId: string): Promise<{ conflict: ConflictEntry; state: RowState } | null> {
  const conflict = await db.table<ConflictEntry, string>('syncConflicts').get(conflictId);
  if (!conflict) return null;
  const state = (await new SyncTx(db.core, Dexie.currentTransaction.idbtrans).getStates([conflict.rowKey])).get(conflict.rowKey);
  return state ? { conflict, state } : null;
}

/**
 * Approved minutes overwritten on this laptop before clients refused such changes (a forged
 * change with no baseHlc and a later HLC won the merge): put the approved value back. Approved
 * versions are write-once, so the value that stands is the earlier one; the later version that
 * displaced it is moved to the refused list, for review. This repairs THIS laptop's copy only, with
 * no new change: every other laptop refuses the overwrite on arrival (or repairs its own copy the
 * same way), and the server never accepts a second write of the field.
 */
async function putBackApproved(db: Dexie, registry: SyncRegistry, conflict: ConflictEntry, state: RowState): Promise<ConflictAction> {
  const field = state.fields[conflict.field];
  const approved = field?.losers.find((l) => l.hlc === conflict.losingHlc && l.opId === conflict.losingOpId);
  if (!field || !approved || conflict.kind !== 'concurrent-edit' || compareVersions(approved, field.winner) > 0) {
    throw new ImmutableRowError(conflict.table, conflict.rowId);
  }
  markSyncInternal(Dexie.currentTransaction.idbtrans);
  const tx = new SyncTx(db.core, Dexie.currentTransaction.idbtrans);
  const displaced = [field.winner, ...field.losers].filter((v) => v !== approved);
  const next: RowState = { ...state, fields: { ...state.fields, [conflict.field]: { winner: approved, losers: [], replaced: field.replaced } } };
  const decl = registry.get(conflict.table);
  const idField = decl.idField ?? 'id';
  const [current] = await tx.records(conflict.table, [conflict.rowId]);
  if (current) {
    const record = recordOf(next, idField, current, decl.localOnlyFields ?? []);
    await tx.mutate(conflict.table, { type: 'put', values: [withState(record, next)] });
    await tx.putStates(new Map([[conflict.rowKey, next]]), new Map([[conflict.rowKey, 'put' as const]]));
  } else {
    await tx.putStates(new Map([[conflict.rowKey, next]]));
  }
  await tx.replaceConflicts([conflict.rowKey], conflictsOf(registry, next));
  await tx.addRefused(displaced.map((v) => displacedEntry(next, conflict.field, v, approved)));
  return 'restored';
}

function displacedEntry(state: RowState, field: string, version: FieldVersion, approved: FieldVersion): ConflictEntry {
  return {
    id: `${conflictId(state.councilId, state.table, state.rowId, field, version.hlc)}/refused`,
    kind: 'concurrent-edit',
    councilId: state.councilId,
    table: state.table,
    rowId: state.rowId,
    field,
    losingValue: version.value,
    losingHlc: version.hlc,
    losingOpId: version.opId,
    losingClientId: version.clientId,
    winningValue: approved.value,
    winningHlc: approved.hlc,
    winningOpId: approved.opId,
    winningClientId: approved.clientId,
    rowKey: localRowKey(state.table, state.rowId),
    refused: 'Refused: it had overwritten approved minutes on this laptop; the approved text was put back.',
  };
}
