import { createHash } from 'node:crypto';
import { canonicalJson } from '../../src/shared/sync/merge';
import type { Change, JsonValue } from '../../src/shared/sync/protocol';
import type { StoredChange } from './types';

/** Column order shared by both stores' DDL and row mapping. */
export interface ChangeRow {
  council_id: string;
  seq: number | string;
  op_id: string;
  client_id: string;
  tbl: string;
  row_id: string;
  field: string;
  value: string;
  hlc: string;
  base_hlc: string | null;
}

/**
 * What a pull reads, in this order, with rows as arrays: a first sync reads every change, and
 * both drivers build an array per row far faster than an object (SQLite: 100,000 rows in 110 ms
 * instead of 190 ms). The council is the one asked for, so it is not read back.
 */
export const PULL_COLUMNS = 'seq, op_id, client_id, tbl, row_id, field, value, hlc, base_hlc';
export type PulledRow = [
  seq: number | string,
  opId: string,
  clientId: string,
  tbl: string,
  rowId: string,
  field: string,
  value: string,
  hlc: string,
  baseHlc: string | null,
];

export function pulledRowToChange(councilId: string, r: PulledRow): StoredChange {
  return {
    seq: Number(r[0]),
    opId: r[1],
    clientId: r[2],
    councilId,
    table: r[3],
    rowId: r[4],
    field: r[5],
    value: JSON.parse(r[6]) as JsonValue,
    hlc: r[7],
    baseHlc: r[8],
  };
}

export function rowToChange(r: ChangeRow): StoredChange {
  return {
    seq: Number(r.seq),
    opId: r.op_id,
    clientId: r.client_id,
    councilId: r.council_id,
    table: r.tbl,
    rowId: r.row_id,
    field: r.field,
    value: JSON.parse(r.value) as JsonValue,
    hlc: r.hlc,
    baseHlc: r.base_hlc,
  };
}

/** Same op, byte for byte in meaning: only then is a replay acknowledged instead of rejected. */
export function sameChange(a: Change, b: Change): boolean {
  return (
    a.opId === b.opId &&
    a.clientId === b.clientId &&
    a.councilId === b.councilId &&
    a.table === b.table &&
    a.rowId === b.rowId &&
    a.field === b.field &&
    a.hlc === b.hlc &&
    a.baseHlc === b.baseHlc &&
    canonicalJson(a.value) === canonicalJson(b.value)
  );
}

/**
 * What a write-once field's value is, in 64 hex digits: SHA-256 of its canonical JSON (keys
 * sorted), so the same value sent with its keys in another order (another laptop's build of the
 * same approved version) hashes the same, and a rewrite is told from a forgery without reading the
 * stored value back.
 */
export function valueHash(value: JsonValue): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/**
 * What a change costs a pull page besides its value: ids, HLCs and keys as JSON (about 230 bytes
 * as a change object, a third of that packed). Pages are bounded by values plus this.
 */
export const CHANGE_OVERHEAD_BYTES = 256;

/**
 * Where a pull page ends, from the (seq, value bytes) of up to limit + 1 changes after the cursor:
 * at most `limit` changes and `maxBytes`, but at least one (a value larger than a page travels
 * alone). `end` is null when there is nothing to read.
 */
export function pageEnd(
  sizes: ReadonlyArray<readonly [seq: number | string, bytes: number | string]>,
  limit: number,
  maxBytes: number,
): { end: number | null; hasMore: boolean } {
  let total = 0;
  let taken = 0;
  for (const [, bytes] of sizes) {
    if (taken >= limit) break;
    const cost = Number(bytes) + CHANGE_OVERHEAD_BYTES;
    if (taken > 0 && total + cost > maxBytes) break;
    total += cost;
    taken++;
  }
  return { end: taken === 0 ? null : Number(sizes[taken - 1]![0]), hasMore: taken < sizes.length };
}

/** UTF-8 bytes of a stored value (its JSON), kept beside it so pages are bounded without reading values. */
export function valueBytes(json: string): number {
  return Buffer.byteLength(json, 'utf8');
}
