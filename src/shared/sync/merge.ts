/**
 * Pure merge rules shared by every replica (the in-memory Replica, the Dexie client, and any
 * server-side materialization). Everything here is a function of the SET of changes seen: the
 * same changes applied in any order, any number of times, give the same row state and the same
 * conflicts. That is what lets replicas converge without coordinating.
 *
 * Per field:
 * - winner: the version with the greatest (hlc, opId, value) - last writer wins.
 * - replaced: every HLC some change named as its baseHlc. Its writer saw that version and chose to
 *   replace it, so losing it is not a loss.
 * - losers: versions that are neither the winner nor replaced. Their writers did not see the
 *   version that beat them: each is reported as a conflict (unless its value equals the winner's,
 *   in which case nothing was lost).
 * Per row: the `_deleted` field is merged the same way; while its winner says deleted, the row is
 * hidden, its field states are kept (a restore brings them back) and every field whose current
 * value the deleter had not seen becomes an edit-vs-delete conflict.
 */
import { DELETED_FIELD, type Change, type JsonValue, type Tombstone } from './protocol';

export interface FieldVersion {
  readonly value: JsonValue;
  readonly hlc: string;
  readonly opId: string;
  readonly clientId: string;
}

export interface FieldState {
  readonly winner: FieldVersion;
  /** Sorted ascending by version order. */
  readonly losers: readonly FieldVersion[];
  /** Sorted, unique. */
  readonly replaced: readonly string[];
}

export interface RowState {
  readonly councilId: string;
  readonly table: string;
  readonly rowId: string;
  readonly fields: Readonly<Record<string, FieldState>>;
}

export type ConflictKind = 'concurrent-edit' | 'edit-vs-delete';

export interface Conflict {
  /** Stable across replicas, so a synced "resolved" marker can refer to it. */
  readonly id: string;
  readonly kind: ConflictKind;
  readonly councilId: string;
  readonly table: string;
  readonly rowId: string;
  readonly field: string;
  readonly losingValue: JsonValue;
  readonly losingHlc: string;
  readonly losingOpId: string;
  readonly losingClientId: string;
  readonly winningValue: JsonValue;
  readonly winningHlc: string;
  readonly winningOpId: string;
  readonly winningClientId: string;
}

export interface MaterializedRow {
  readonly councilId: string;
  readonly table: string;
  readonly rowId: string;
  readonly deleted: boolean;
  readonly values: Readonly<Record<string, JsonValue>>;
  /** HLC of each field's current value: what a local edit must send as its baseHlc. */
  readonly hlcs: Readonly<Record<string, string>>;
}

/** Rows are identified within their council, so a change tagged with another council can never touch them. */
export function rowKey(councilId: string, table: string, rowId: string): string {
  return `${councilId}/${table}/${rowId}`;
}

export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k] as JsonValue)}`).join(',')}}`;
}

export function valuesEqual(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  return canonicalJson(a) === canonicalJson(b);
}

/** Lenient reader: merge must stay total even if unvalidated data reaches it. */
export function readTombstone(value: JsonValue): Tombstone {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const seen = value.seen;
    const seenMap: Record<string, string> = {};
    if (seen !== null && typeof seen === 'object' && !Array.isArray(seen)) {
      for (const [k, v] of Object.entries(seen)) if (typeof v === 'string') seenMap[k] = v;
    }
    return { deleted: value.deleted === true, seen: seenMap };
  }
  return { deleted: false, seen: {} };
}

/** Total order on versions. opId and value only matter if a writer reused an HLC (a bug or a forgery). */
export function compareVersions(a: FieldVersion, b: FieldVersion): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  if (a.opId !== b.opId) return a.opId < b.opId ? -1 : 1;
  const ca = canonicalJson(a.value);
  const cb = canonicalJson(b.value);
  return ca < cb ? -1 : ca > cb ? 1 : 0;
}

/** Whether losing `loser` to `winner` loses anything the user would miss. */
function sameOutcome(field: string, a: JsonValue, b: JsonValue): boolean {
  if (field === DELETED_FIELD) return readTombstone(a).deleted === readTombstone(b).deleted;
  return valuesEqual(a, b);
}

export function versionOf(change: Pick<Change, 'value' | 'hlc' | 'opId' | 'clientId'>): FieldVersion {
  return { value: change.value, hlc: change.hlc, opId: change.opId, clientId: change.clientId };
}

function insertSorted(list: readonly string[], item: string): readonly string[] {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < item) lo = mid + 1;
    else hi = mid;
  }
  if (list[lo] === item) return list;
  return [...list.slice(0, lo), item, ...list.slice(lo)];
}

function hasSorted(list: readonly string[], item: string): boolean {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < item) lo = mid + 1;
    else hi = mid;
  }
  return list[lo] === item;
}

/**
 * Merge one version into a field. Returns the same object when nothing changed, so callers can
 * skip writes for duplicates.
 */
export function mergeField(state: FieldState | undefined, version: FieldVersion, baseHlc: string | null): FieldState {
  // A base at or after the edit itself is impossible for an honest writer; ignoring it (rather
  // than trusting it) keeps the winner from ever being marked "replaced".
  const base = baseHlc !== null && baseHlc < version.hlc ? baseHlc : null;
  if (state === undefined) return { winner: version, losers: [], replaced: base === null ? [] : [base] };

  const replaced = base === null ? state.replaced : insertSorted(state.replaced, base);
  const known = compareVersions(state.winner, version) === 0 || state.losers.some((l) => compareVersions(l, version) === 0);
  if (replaced === state.replaced) {
    if (known) return state;
    // A replaced version can never win again (whoever replaced it sorts after it), so a late
    // copy of it changes nothing.
    if (hasSorted(replaced, version.hlc)) return state;
  }

  const candidates = known ? [state.winner, ...state.losers] : [state.winner, ...state.losers, version];
  let winner = candidates[0]!;
  for (const c of candidates) if (compareVersions(c, winner) > 0) winner = c;
  const losers = candidates.filter((c) => c !== winner && !hasSorted(replaced, c.hlc)).sort(compareVersions);
  return { winner, losers, replaced };
}

/** Apply one change to its row. Returns the same object when the change was already reflected. */
export function applyChange(row: RowState | undefined, change: Change): RowState {
  if (row && (row.councilId !== change.councilId || row.table !== change.table || row.rowId !== change.rowId)) {
    throw new Error(
      `change ${change.opId} belongs to ${rowKey(change.councilId, change.table, change.rowId)}, not ${rowKey(row.councilId, row.table, row.rowId)}`,
    );
  }
  const current = row?.fields[change.field];
  const next = mergeField(current, versionOf(change), change.baseHlc);
  if (row && next === current) return row;
  return {
    councilId: change.councilId,
    table: change.table,
    rowId: change.rowId,
    fields: { ...(row?.fields ?? {}), [change.field]: next },
  };
}

/**
 * Apply several changes of ONE row at once: the same result as applying them one by one, without
 * copying the row's fields once per change (a new row's first write is a change per field).
 */
export function applyRowChanges(row: RowState | undefined, changes: readonly Change[]): RowState {
  if (changes.length === 0) return row!;
  const first = changes[0]!;
  const owner = row ?? first;
  const fields: Record<string, FieldState> = { ...(row?.fields ?? {}) };
  let changed = row === undefined;
  for (const change of changes) {
    if (owner.councilId !== change.councilId || owner.table !== change.table || owner.rowId !== change.rowId) {
      throw new Error(
        `change ${change.opId} belongs to ${rowKey(change.councilId, change.table, change.rowId)}, not ${rowKey(owner.councilId, owner.table, owner.rowId)}`,
      );
    }
    const current = fields[change.field];
    const next = mergeField(current, versionOf(change), change.baseHlc);
    if (next !== current) {
      fields[change.field] = next;
      changed = true;
    }
  }
  return changed ? { councilId: first.councilId, table: first.table, rowId: first.rowId, fields } : row!;
}

/** Fold a set of changes into rows (keyed by rowKey); order and duplicates do not matter. */
export function applyChanges(rows: Map<string, RowState>, changes: Iterable<Change>): Map<string, RowState> {
  for (const c of changes) {
    const key = rowKey(c.councilId, c.table, c.rowId);
    rows.set(key, applyChange(rows.get(key), c));
  }
  return rows;
}

export function deletionOf(row: RowState): FieldVersion | null {
  const d = row.fields[DELETED_FIELD];
  return d && readTombstone(d.winner.value).deleted ? d.winner : null;
}

export function isRowDeleted(row: RowState): boolean {
  return deletionOf(row) !== null;
}

export function materializeRow(row: RowState): MaterializedRow {
  const values: Record<string, JsonValue> = {};
  const hlcs: Record<string, string> = {};
  for (const field of Object.keys(row.fields).sort()) {
    const st = row.fields[field]!;
    hlcs[field] = st.winner.hlc;
    if (field !== DELETED_FIELD) values[field] = st.winner.value;
  }
  return { councilId: row.councilId, table: row.table, rowId: row.rowId, deleted: isRowDeleted(row), values, hlcs };
}

/** What a deleter saw: each field's current HLC, to put in the tombstone. */
export function seenForDelete(row: RowState | undefined): Record<string, string> {
  const seen: Record<string, string> = {};
  if (!row) return seen;
  for (const field of Object.keys(row.fields).sort()) {
    if (field !== DELETED_FIELD) seen[field] = row.fields[field]!.winner.hlc;
  }
  return seen;
}

export function conflictId(councilId: string, table: string, rowId: string, field: string, losingHlc: string): string {
  return `${rowKey(councilId, table, rowId)}/${field}/${losingHlc}`;
}

function conflict(row: RowState, field: string, kind: ConflictKind, losing: FieldVersion, winning: FieldVersion): Conflict {
  return {
    id: conflictId(row.councilId, row.table, row.rowId, field, losing.hlc),
    kind,
    councilId: row.councilId,
    table: row.table,
    rowId: row.rowId,
    field,
    losingValue: losing.value,
    losingHlc: losing.hlc,
    losingOpId: losing.opId,
    losingClientId: losing.clientId,
    winningValue: winning.value,
    winningHlc: winning.hlc,
    winningOpId: winning.opId,
    winningClientId: winning.clientId,
  };
}

/** The row's open conflicts, derived from its state (so they converge exactly like the state does). */
export function rowConflicts(row: RowState): Conflict[] {
  const out: Conflict[] = [];
  const deletion = deletionOf(row);
  const seen = deletion ? readTombstone(deletion.value).seen : {};
  for (const field of Object.keys(row.fields).sort()) {
    const st = row.fields[field]!;
    for (const loser of st.losers) {
      if (!sameOutcome(field, loser.value, st.winner.value)) out.push(conflict(row, field, 'concurrent-edit', loser, st.winner));
    }
    if (deletion && field !== DELETED_FIELD && seen[field] !== st.winner.hlc) {
      out.push(conflict(row, field, 'edit-vs-delete', st.winner, deletion));
    }
  }
  return out;
}

export function compareConflicts(a: Conflict, b: Conflict): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0;
}

/**
 * Rename HLCs/opIds of versions in a row (used when a client re-issues outbox changes: under a new
 * opId, re-stamped after a clock_ahead refusal, or under a fresh clientId after enrolling again).
 * `replacement` maps an old opId to the re-issued version. Should a rename change a version's
 * order against another (a fresh clientId against a version with the same wall time and counter),
 * the field is settled again the way mergeField settles it: the greatest version wins.
 */
export function renameVersions(row: RowState, replacement: ReadonlyMap<string, FieldVersion>, hlcMap: ReadonlyMap<string, string>): RowState {
  const mapVersion = (v: FieldVersion): FieldVersion => replacement.get(v.opId) ?? v;
  const fields: Record<string, FieldState> = {};
  for (const [field, st] of Object.entries(row.fields)) {
    const replaced = [...new Set(st.replaced.map((h) => hlcMap.get(h) ?? h))].sort();
    const candidates = [mapVersion(st.winner), ...st.losers.map(mapVersion)];
    let winner = candidates[0]!;
    for (const c of candidates) if (compareVersions(c, winner) > 0) winner = c;
    fields[field] = {
      winner,
      losers: candidates.filter((c) => c !== winner && !hasSorted(replaced, c.hlc)).sort(compareVersions),
      replaced,
    };
  }
  return { ...row, fields };
}
