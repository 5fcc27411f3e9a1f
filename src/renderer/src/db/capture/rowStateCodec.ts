/**
 * The stored form of a row's merge state. A row the app table holds keeps its state ON its record
 * (SYNC_STATE_FIELD), so a write is one IndexedDB record, not two: in Chromium a record put costs
 * far more than its bytes (bench: ~150 µs a record on a 2-core laptop). Reads, though, pay per
 * byte, and every list the app shows reads these records: so the state is one compact JSON
 * string. Table and row id come from the key; HLCs are compacted against the row's first wall
 * time and opIds against the row's first opId (@shared/sync/compactIds: an HLC is 58 characters,
 * its compact form about 5; a write's uuidv7 opIds share about 20 of their 36 characters); a
 * version's writer is left out when it is the one its HLC names.
 * Anything that does not fit that shape is stored as it is, so decoding is always exact.
 */
import { Decoder, Encoder, type EncodedVersion } from '@shared/sync/compactIds';
import { HLC_WALL_DIGITS } from '@shared/sync/hlc';
import type { FieldState, RowState } from '@shared/sync/merge';

type EncodedField = [EncodedVersion] | [EncodedVersion, EncodedVersion[], string[]];
interface EncodedRow {
  /** councilId */
  c: string;
  /** the row's writers (client ids), referred to by index */
  k: string[];
  /** the wall time HLC offsets are relative to */
  w: number;
  /** the opId others share their prefix with (opIds of one write differ only in their tail) */
  o: string;
  f: Record<string, EncodedField>;
}

const DIGITS = /^\d+$/;

export function encodeRowState(state: RowState): string {
  const firstVersion = Object.values(state.fields)[0]?.winner;
  const wall = firstVersion?.hlc.slice(0, HLC_WALL_DIGITS) ?? '0';
  const enc = new Encoder(DIGITS.test(wall) ? Number(wall) : 0, firstVersion?.opId ?? '');
  const f: Record<string, EncodedField> = {};
  for (const [field, st] of Object.entries(state.fields)) {
    const winner = enc.version(st.winner);
    f[field] =
      st.losers.length === 0 && st.replaced.length === 0 ? [winner] : [winner, st.losers.map((l) => enc.version(l)), st.replaced.map((h) => enc.hlc(h))];
  }
  return JSON.stringify({ c: state.councilId, k: enc.clients, w: enc.base, o: enc.opBase, f } satisfies EncodedRow);
}

export function decodeRowState(encoded: string, table: string, rowId: string): RowState {
  const row = JSON.parse(encoded) as EncodedRow;
  const dec = new Decoder(row);
  const fields: Record<string, FieldState> = {};
  for (const [field, e] of Object.entries(row.f)) {
    fields[field] =
      e.length === 3
        ? { winner: dec.version(e[0]), losers: e[1].map((l) => dec.version(l)), replaced: e[2].map((h) => dec.hlc(h)) }
        : { winner: dec.version(e[0]), losers: [], replaced: [] };
  }
  return { councilId: row.c, table, rowId, fields };
}
