import {
  applyChanges,
  canonicalJson,
  compareConflicts,
  materializeRow,
  readTombstone,
  rowConflicts,
  rowKey,
  type Conflict,
  type RowState,
} from '@shared/sync/merge';
import { DELETED_FIELD, type Change } from '@shared/sync/protocol';

/** Merge a set of changes from scratch (the reference every replica must agree with). */
export function mergeAll(changes: Iterable<Change>): { rows: RowState[]; conflicts: Conflict[] } {
  const map = applyChanges(new Map(), changes);
  const rows = [...map.keys()].sort().map((k) => map.get(k)!);
  return { rows, conflicts: rows.flatMap(rowConflicts).sort(compareConflicts) };
}

/** Comparable form: field states with their losers and replaced sets, not just the visible values. */
export function fingerprint(rows: readonly RowState[]): string {
  return rows
    .map((r) => {
      const fields = Object.keys(r.fields)
        .sort()
        .map((f) => {
          const st = r.fields[f]!;
          const v = (x: { hlc: string; opId: string; value: unknown }) => `${x.hlc}|${x.opId}|${canonicalJson(x.value as never)}`;
          return `${f}=${v(st.winner)}{${st.losers.map(v).join(',')}}[${st.replaced.join(',')}]`;
        });
      return `${rowKey(r.councilId, r.table, r.rowId)}:${fields.join(';')}`;
    })
    .join('\n');
}

/**
 * "No write is silently lost": every change ever made is accounted for by one of
 * - it is the current value of its field (row alive),
 * - it is in the conflicts list as the losing value,
 * - someone who saw it replaced it (a later change names its HLC as baseHlc),
 * - it lost to a value equal to it (nothing to lose),
 * - its row was deleted by someone who had seen it (the tombstone's `seen` names it),
 * - for `_deleted` changes: the row's deletion state is the same as it asked for.
 * Returns a description of each write that is not accounted for.
 */
export function unaccountedWrites(changes: readonly Change[], rows: readonly RowState[], conflicts: readonly Conflict[]): string[] {
  const byKey = new Map(rows.map((r) => [rowKey(r.councilId, r.table, r.rowId), r]));
  const lostAsConflict = new Set(conflicts.map((c) => `${rowKey(c.councilId, c.table, c.rowId)}/${c.field}/${c.losingHlc}/${canonicalJson(c.losingValue)}`));
  // A value equal to this one survives in a conflict for the same field: nothing was lost.
  const valueInConflict = new Set(conflicts.map((c) => `${rowKey(c.councilId, c.table, c.rowId)}/${c.field}/${canonicalJson(c.losingValue)}`));
  const replacedBy = new Set(changes.filter((c) => c.baseHlc !== null).map((c) => `${rowKey(c.councilId, c.table, c.rowId)}/${c.field}/${c.baseHlc}`));
  const problems: string[] = [];
  for (const c of changes) {
    const key = rowKey(c.councilId, c.table, c.rowId);
    const row = byKey.get(key);
    if (!row) {
      problems.push(`${key}: row missing for ${c.opId}`);
      continue;
    }
    const m = materializeRow(row);
    const st = row.fields[c.field];
    if (lostAsConflict.has(`${key}/${c.field}/${c.hlc}/${canonicalJson(c.value)}`)) continue;
    if (replacedBy.has(`${key}/${c.field}/${c.hlc}`)) continue;
    if (c.field === DELETED_FIELD) {
      if (readTombstone(c.value).deleted === m.deleted) continue;
      problems.push(`${key}: delete/restore ${c.opId} lost`);
      continue;
    }
    if (st && canonicalJson(st.winner.value) === canonicalJson(c.value)) {
      if (!m.deleted) continue;
      // Deleted row: fine only if the deleter saw this value (else it must be a conflict, checked above).
      const deletion = row.fields[DELETED_FIELD]!.winner;
      const seen = readTombstone(deletion.value).seen[c.field];
      if (seen === c.hlc || seen === st.winner.hlc) continue;
      if (valueInConflict.has(`${key}/${c.field}/${canonicalJson(c.value)}`)) continue;
      problems.push(`${key}.${c.field}: ${JSON.stringify(c.value)} (${c.hlc}) deleted by someone who never saw it, and no conflict`);
      continue;
    }
    problems.push(`${key}.${c.field}: ${JSON.stringify(c.value)} (${c.hlc}, ${c.opId}) is neither current, nor a conflict, nor knowingly replaced`);
  }
  return problems;
}
