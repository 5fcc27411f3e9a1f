/**
 * The stored form of a row's merge state must give back exactly the state it was given: merge
 * compares HLCs and opIds as strings, so one changed character would make laptops disagree. The
 * same holds for the outbox's packed changes, which are what the server receives.
 */
import { describe, expect, it } from 'vitest';
import { encodeHlc } from '@shared/sync/hlc';
import type { FieldState, FieldVersion, RowState } from '@shared/sync/merge';
import { ABSENT } from '@shared/sync/values';
import type { Change } from '@shared/sync/protocol';
import { packChanges, unpackChanges } from '@renderer/db/capture/outboxCodec';
import { decodeRowState, encodeRowState } from '@renderer/db/capture/rowStateCodec';

const A = '0198c3f0-0000-7000-8000-00000000000a';
const B = '0198c3f0-0000-7000-8000-00000000000b';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

describe('row state codec', () => {
  it('round-trips winners, losers, replaced HLCs, foreign writers and odd values exactly', () => {
    const v = (value: FieldVersion['value'], wall: number, counter: number, clientId: string, opId: string, writer = clientId): FieldVersion => ({
      value,
      hlc: encodeHlc({ wall, counter, clientId }),
      opId,
      clientId: writer,
    });
    const state: RowState = {
      councilId: 'c-1',
      table: 'meetings',
      rowId: 'row/with/slashes',
      fields: {
        title: {
          winner: v('Weekend staffing', 1_795_000_000_500, 3, A, '0198c3f0-0001-7000-8000-000000000001'),
          losers: [v('Weekend coverage', 1_795_000_000_400, 0, B, '0198c3f0-0001-7000-8000-000000000002')],
          replaced: [encodeHlc({ wall: 1_795_000_000_100, counter: 999_999, clientId: A })],
        },
        // A version whose recorded writer is not the one its HLC names (a forgery merge still keeps).
        location: { winner: v(null, 1_795_000_000_000, 0, A, 'not-a-uuid~x', B), losers: [], replaced: [] },
        notes: { winner: v(ABSENT, 1_795_000_000_000, 1, A, '0198c3f0-0001-7000-8000-000000000003'), losers: [], replaced: ['malformed-hlc'] },
        tags: {
          winner: v({ nested: ['a', 1, true, { deep: null }] }, 1_794_999_999_000, 12, B, '0198c3f0-0001-7000-8000-000000000004'),
          losers: [],
          replaced: [],
        },
        _deleted: { winner: v({ deleted: false, seen: {} }, 1_795_000_000_600, 0, A, '0198c3f0-0001-7000-8000-000000000005'), losers: [], replaced: [] },
      },
    };
    const encoded = encodeRowState(state);
    expect(decodeRowState(encoded, 'meetings', 'row/with/slashes')).toEqual(state);
    expect(encoded.length).toBeLessThan(JSON.stringify(state).length * 0.6);
  });

  it('round-trips randomly generated states', () => {
    const random = rng(7);
    const int = (n: number) => Math.floor(random() * n);
    const clients = [A, B, 'short-id', 'x'];
    for (let round = 0; round < 300; round++) {
      const version = (): FieldVersion => {
        const clientId = clients[int(clients.length)]!;
        const hex = Array.from({ length: 12 }, () => int(16).toString(16)).join('');
        return {
          value: random() < 0.2 ? ABSENT : random() < 0.5 ? `text ${int(1000)}` : int(50),
          hlc: encodeHlc({ wall: 1_700_000_000_000 + int(1e9), counter: int(1e6), clientId }),
          opId: `0198c3f0-${int(2) ? '0000' : 'ffff'}-7000-8000-${hex}`,
          clientId: random() < 0.05 ? clients[int(clients.length)]! : clientId,
        };
      };
      const fields: Record<string, FieldState> = {};
      for (let f = 0; f < 1 + int(8); f++) {
        const losers = Array.from({ length: int(3) }, version);
        fields[`field${f}`] = { winner: version(), losers, replaced: Array.from({ length: int(3) }, () => version().hlc).sort() };
      }
      const state: RowState = { councilId: `council-${int(3)}`, table: 'interests', rowId: `r${round}`, fields };
      expect(decodeRowState(encodeRowState(state), 'interests', `r${round}`)).toEqual(state);
    }
  });
});

describe('outbox codec', () => {
  it('round-trips changes in capture order, bases, foreign writers and odd ids exactly', () => {
    const random = rng(11);
    const int = (n: number) => Math.floor(random() * n);
    const clients = [A, B, 'x'];
    const changes: Change[] = [];
    for (let i = 0; i < 400; i++) {
      const clientId = clients[int(clients.length)]!;
      const hlc = encodeHlc({ wall: 1_795_000_000_000 + int(1e6), counter: int(1e6), clientId });
      changes.push({
        opId: int(10) === 0 ? `odd~op-${i}` : `0198c3f0-0000-7000-8000-${String(i).padStart(12, '0')}`,
        clientId: int(20) === 0 ? B : clientId,
        councilId: `council-${int(2)}`,
        table: int(2) ? 'meetings' : 'agendaItems',
        rowId: `row/${int(5)}`,
        field: `f${int(6)}`,
        value: int(4) === 0 ? ABSENT : int(2) ? `v${i}` : { nested: [i, null] },
        hlc,
        baseHlc:
          int(3) === 0 ? null : int(10) === 0 ? 'malformed' : encodeHlc({ wall: 1_794_000_000_000 + int(1e6), counter: int(10), clientId: clients[int(3)]! }),
      });
    }
    const packed = packChanges(changes);
    expect(unpackChanges(packed)).toEqual(changes);
    expect(packed.length).toBeLessThan(JSON.stringify(changes).length * 0.7);
    expect(unpackChanges(packChanges([]))).toEqual([]);
  });
});
