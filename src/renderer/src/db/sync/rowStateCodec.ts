/**
 * The stored form of a row's merge state. A row the app table holds keeps its state ON its record
 * (SYNC_STATE_FIELD), so a write is one IndexedDB record, not two: in Chromium a record put costs
 * far more than its bytes (bench: ~150 µs a record on a 2-core laptop). Reads, though, pay per
 * byte, and every list the app shows reads these records: so the state is one compact JSON
 * string. Table and row id come from the key; each HLC is stored as its offset from the row's
 * first wall time, its counter and an index into the row's writers (an HLC is 58 characters,
 * its compact form about 5); an opId as the length of the prefix it shares with the row's first
 * opId and its own tail (a write's uuidv7 opIds share about 20 of their 36 characters); a
 * version's writer is left out when it is the one its HLC names.
 * Anything that does not fit that shape is stored as it is, so decoding is always exact.
 */
import { HLC_COUNTER_DIGITS, HLC_WALL_DIGITS } from '@shared/sync/hlc';
import type { FieldState, FieldVersion, RowState } from '@shared/sync/merge';
import type { JsonValue } from '@shared/sync/protocol';

type EncodedVersion = [JsonValue, string, string] | [JsonValue, string, string, string];
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

const COUNTER_AT = HLC_WALL_DIGITS + 1;
const CLIENT_AT = HLC_WALL_DIGITS + HLC_COUNTER_DIGITS + 2;
const DIGITS = /^\d+$/;

/** The writer an HLC names (its suffix). */
export function clientOf(hlc: string): string {
  return hlc.slice(CLIENT_AT);
}

/** Compacts HLCs and opIds against one base (a row's, or an outbox entry's): see the module comment. */
export class Encoder {
  readonly clients: string[] = [];
  private readonly index = new Map<string, number>();

  constructor(
    readonly base: number,
    readonly opBase: string,
  ) {}

  opId(opId: string): string {
    let n = 0;
    while (n < opId.length && opId[n] === this.opBase[n]) n++;
    if (opId.includes('~')) return `0~${opId}`; // never mistaken for a shared prefix
    return n < 8 ? opId : `${n}~${opId.slice(n)}`;
  }

  hlc(hlc: string): string {
    const wall = hlc.slice(0, HLC_WALL_DIGITS);
    const counter = hlc.slice(COUNTER_AT, CLIENT_AT - 1);
    if (hlc[HLC_WALL_DIGITS] !== '-' || hlc[CLIENT_AT - 1] !== '-' || !DIGITS.test(wall) || !DIGITS.test(counter) || hlc.length <= CLIENT_AT) return hlc;
    const client = clientOf(hlc);
    let i = this.index.get(client);
    if (i === undefined) {
      i = this.clients.push(client) - 1;
      this.index.set(client, i);
    }
    return `${(Number(wall) - this.base).toString(36)}.${Number(counter).toString(36)}.${i}`;
  }

  version(v: FieldVersion): EncodedVersion {
    const hlc = this.hlc(v.hlc);
    const opId = this.opId(v.opId);
    return clientOf(v.hlc) === v.clientId ? [v.value, hlc, opId] : [v.value, hlc, opId, v.clientId];
  }
}

/** The inverse of Encoder, given the base it wrote (w, k, o). */
export class Decoder {
  constructor(private readonly row: Pick<EncodedRow, 'w' | 'k' | 'o'>) {}

  hlc(ref: string): string {
    if (!ref.includes('.')) return ref;
    const [wall, counter, client] = ref.split('.') as [string, string, string];
    return `${String(this.row.w + parseInt(wall, 36)).padStart(HLC_WALL_DIGITS, '0')}-${String(parseInt(counter, 36)).padStart(HLC_COUNTER_DIGITS, '0')}-${this.row.k[Number(client)]}`;
  }

  opId(ref: string): string {
    const at = ref.indexOf('~');
    return at < 0 ? ref : this.row.o.slice(0, Number(ref.slice(0, at))) + ref.slice(at + 1);
  }

  version(e: EncodedVersion): FieldVersion {
    const hlc = this.hlc(e[1]);
    return { value: e[0], hlc, opId: this.opId(e[2]), clientId: e.length === 4 ? e[3] : clientOf(hlc) };
  }
}

export function encodeRowState(state: RowState): string {
  const firstVersion = Object.values(state.fields)[0]?.winner;
  const wall = firstVersion?.hlc.slice(0, HLC_WALL_DIGITS) ?? '0';
  const enc = new Encoder(DIGITS.test(wall) ? Number(wall) : 0, firstVersion?.opId ?? '');
  const f: Record<string, EncodedField> = {};
  for (const [field, st] of Object.entries(state.fields)) {
    const winner = enc.version(st.winner);
    f[field] = st.losers.length === 0 && st.replaced.length === 0 ? [winner] : [winner, st.losers.map((l) => enc.version(l)), st.replaced.map((h) => enc.hlc(h))];
  }
  return JSON.stringify({ c: state.councilId, k: enc.clients, w: enc.base, o: enc.opBase, f } satisfies EncodedRow);
}

export function decodeRowState(encoded: string, table: string, rowId: string): RowState {
  const row = JSON.parse(encoded) as EncodedRow;
  const dec = new Decoder(row);
  const fields: Record<string, FieldState> = {};
  for (const [field, e] of Object.entries(row.f)) {
    fields[field] = e.length === 3 ? { winner: dec.version(e[0]), losers: e[1].map((l) => dec.version(l)), replaced: e[2].map((h) => dec.hlc(h)) } : { winner: dec.version(e[0]), losers: [], replaced: [] };
  }
  return { councilId: row.c, table, rowId, fields };
}
