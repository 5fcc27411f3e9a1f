/**
 * The stored form of an outbox entry's changes. A bulk import is a change per field of every row
 * (a 44,000-row import: 300,000 changes); stored as objects, IndexedDB clones each of them, nine
 * properties apiece. Stored as one JSON string grouped by row (council, table and row id once per
 * row), with HLCs and opIds compacted as row states are (rowStateCodec), it is one value of a
 * fraction of the size. Capture order is kept exactly: consecutive changes of a row form a group.
 */
import { HLC_WALL_DIGITS } from '@shared/sync/hlc';
import type { Change, JsonValue } from '@shared/sync/protocol';
import { Decoder, Encoder, clientOf } from '@shared/sync/compactIds';

/** [field, value, hlc, opId, baseHlc] or, from another writer than its HLC names, + clientId. */
type PackedChange = [string, JsonValue, string, string, string | null] | [string, JsonValue, string, string, string | null, string];
type PackedRow = [councilId: string, table: string, rowId: string, changes: PackedChange[]];
interface Packed {
  k: string[];
  w: number;
  o: string;
  r: PackedRow[];
}

export function packChanges(changes: readonly Change[]): string {
  const wall = changes[0]?.hlc.slice(0, HLC_WALL_DIGITS) ?? '0';
  const enc = new Encoder(/^\d+$/.test(wall) ? Number(wall) : 0, changes[0]?.opId ?? '');
  const r: PackedRow[] = [];
  let row: PackedRow | null = null;
  for (const c of changes) {
    if (!row || row[0] !== c.councilId || row[1] !== c.table || row[2] !== c.rowId) {
      row = [c.councilId, c.table, c.rowId, []];
      r.push(row);
    }
    const packed: PackedChange = [c.field, c.value, enc.hlc(c.hlc), enc.opId(c.opId), c.baseHlc === null ? null : enc.hlc(c.baseHlc)];
    row[3].push(clientOf(c.hlc) === c.clientId ? packed : [...packed, c.clientId]);
  }
  return JSON.stringify({ k: enc.clients, w: enc.base, o: enc.opBase, r } satisfies Packed);
}

export function unpackChanges(packed: string): Change[] {
  const entry = JSON.parse(packed) as Packed;
  const dec = new Decoder(entry);
  const out: Change[] = [];
  for (const [councilId, table, rowId, changes] of entry.r) {
    for (const p of changes) {
      const hlc = dec.hlc(p[2]);
      out.push({
        opId: dec.opId(p[3]),
        clientId: p.length === 6 ? p[5] : clientOf(hlc),
        councilId,
        table,
        rowId,
        field: p[0],
        value: p[1],
        hlc,
        baseHlc: p[4] === null ? null : dec.hlc(p[4]),
      });
    }
  }
  return out;
}
