/**
 * The conflicts list: every value that lost a concurrent edit (or an edit a delete overtook) is
 * kept here until the facilitator restores it or keeps what won. Both actions are ordinary
 * synced edits, so the choice reaches every laptop and resolves the conflict there too.
 */
import Dexie from 'dexie';
import { isRowDeleted, materializeRow, seenForDelete, type RowState } from '@shared/sync/merge';
import { DELETED_FIELD, type JsonValue } from '@shared/sync/protocol';
import type { SyncRegistry } from '@shared/sync/registry';
import { isAbsent } from '@shared/sync/values';
import { LocalWriter } from '../db/capture/localWriter';
import { recordOf } from './applyRemote';
import { markSyncInternal } from '../db/capture/capture';
import { SyncTx, syncScope, type ConflictEntry } from '../db/capture/syncTables';

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
    const decl = registry.get(conflict.table);
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
    // Only the row's state and the outbox change: the record's values stay as they are.
    markSyncInternal(Dexie.currentTransaction.idbtrans);
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
