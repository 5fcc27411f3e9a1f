import { describe, expect, it } from 'vitest';
import { encodeHlc } from '@shared/sync/hlc';
import { MAX_VALUE_BYTES, PullResponse, type JsonValue, type PulledChange } from '@shared/sync/protocol';
import { packChanges, pullResponseReader, unpackChanges } from '@shared/sync/pullPacking';
import { Rng } from './random';

const COUNCIL = '0198c3f0-0000-7000-8000-00000000c0c1';
const envelope = { nextCursor: 7, hasMore: false, serverTime: 1, lastSeq: 7 };
/** What the client receives: the page as JSON text, parsed. */
const overTheWire = <T>(value: T): unknown => JSON.parse(JSON.stringify(value)) as unknown;

/** A page the way a server reads one: runs of a row's changes, interleaved rows, gaps in seq. */
function randomPage(rng: Rng, size: number): PulledChange[] {
  const writers = Array.from({ length: rng.int(1, 4) }, () => rng.uuid());
  const rows = Array.from({ length: rng.int(1, 8) }, () => rng.uuid());
  const values: JsonValue[] = ['Weekend coverage', '', 'é ✓ 日本', 0, -1.5, 1e21, true, null, [], {}, { nested: [1, { deep: ['x'] }] }, { $absent: true }];
  const out: PulledChange[] = [];
  let seq = rng.int(1, 1000);
  let wall = 1_514_764_800_000 + rng.int(0, 1e10);
  let opId = rng.uuid();
  for (let i = 0; i < size; i++) {
    const writer = rng.pick(writers);
    wall += rng.chance(0.3) ? -rng.int(0, 5e9) : rng.int(0, 1e6);
    const hlc = encodeHlc({ wall, counter: rng.int(0, 999_999), clientId: writer });
    // uuidv7s of one write share their time prefix; others are unrelated.
    const keep = rng.int(0, 30);
    opId = rng.chance(0.6) ? opId.slice(0, keep) + rng.uuid().slice(keep) : rng.uuid();
    // A base may come from any writer, even one not otherwise on the page.
    const base = rng.chance(0.4)
      ? encodeHlc({ wall: wall - rng.int(1, 1e9), counter: rng.int(0, 50), clientId: rng.chance(0.9) ? rng.pick(writers) : rng.uuid() })
      : null;
    const field = rng.pick(['title', 'notes', 'updatedAt', '_deleted', 'someNewField']);
    out.push({
      seq,
      opId,
      clientId: writer,
      councilId: COUNCIL,
      table: rng.pick(['meetings', 'agendaItems', 'rimProjectsV9']),
      rowId: rng.chance(0.7) && out.length > 0 ? out[out.length - 1]!.rowId : rng.pick(rows),
      field,
      value:
        field === '_deleted'
          ? { deleted: rng.chance(0.8), seen: rng.chance(0.5) ? { title: encodeHlc({ wall: 1, counter: 0, clientId: writer }) } : {} }
          : rng.pick(values),
      hlc,
      baseHlc: base,
    });
    seq += rng.chance(0.9) ? 1 : rng.int(2, 40);
  }
  return out;
}

const roundTrip = (changes: PulledChange[]) => {
  const back = unpackChanges(COUNCIL, overTheWire(packChanges(COUNCIL, changes)));
  if (!back.ok) throw new Error(`${back.path.join('.')}: ${back.message}`);
  return back.changes;
};

/** Ways a server (or something pretending to be one) could send a change the schema refuses, and some it accepts. */
const mutations: Array<[string, (c: PulledChange, rng: Rng) => PulledChange]> = [
  ['none', (c) => c],
  ['table with a space', (c) => ({ ...c, table: 'DROP TABLE' })],
  ['table upper-case first', (c) => ({ ...c, table: 'Meetings' })],
  ['empty row id', (c) => ({ ...c, rowId: '' })],
  ['row id of 129 characters', (c) => ({ ...c, rowId: 'r'.repeat(129) })],
  ['row id with a slash', (c) => ({ ...c, rowId: 'a/b' })],
  ['field with a dash', (c) => ({ ...c, field: 'due-date' })],
  ['field _sync', (c) => ({ ...c, field: '_sync' })],
  ['value nested 40 deep', (c) => ({ ...c, value: JSON.parse('['.repeat(40) + ']'.repeat(40)) as JsonValue })],
  ['value over the size limit', (c) => ({ ...c, value: 'x'.repeat(MAX_VALUE_BYTES + 1) })],
  ['hlc not a timestamp', (c) => ({ ...c, hlc: 'yesterday' })],
  ['hlc of another writer', (c, rng) => ({ ...c, hlc: encodeHlc({ wall: 1_767_225_600_000, counter: 1, clientId: rng.uuid() }) })],
  [
    'writer id not a UUID, as clientId too',
    (c) => ({ ...c, clientId: 'laptop_1', hlc: encodeHlc({ wall: 1_767_225_600_000, counter: 1, clientId: 'laptop_1' }) }),
  ],
  ['clientId not a UUID', (c) => ({ ...c, clientId: 'x' })],
  ['opId not a UUID', (c) => ({ ...c, opId: 'op-1' })],
  ['opId with a tilde', (c) => ({ ...c, opId: `${c.opId.slice(0, 30)}~` })],
  ['base after the edit', (c) => ({ ...c, baseHlc: encodeHlc({ wall: 1_999_999_999_999, counter: 0, clientId: c.clientId }) })],
  ['base equal to the edit', (c) => ({ ...c, baseHlc: c.hlc })],
  ['base not a timestamp', (c) => ({ ...c, baseHlc: 'before' })],
  ['base from a writer whose id is not a UUID', (c) => ({ ...c, baseHlc: encodeHlc({ wall: 1, counter: 0, clientId: 'old_laptop' }) })],
  ['tombstone that is not one', (c) => ({ ...c, field: '_deleted', value: true })],
  ['tombstone seeing a non-timestamp', (c) => ({ ...c, field: '_deleted', value: { deleted: true, seen: { title: 'x' } } })],
  ['tombstone', (c) => ({ ...c, field: '_deleted', value: { deleted: true, seen: {} } })],
  ['seq 0', (c) => ({ ...c, seq: 0 })],
  ['wall of 16 digits', (c) => ({ ...c, hlc: `1${c.hlc}` })],
];

describe('packed pull pages', () => {
  it('unpack(pack(page)) gives back exactly the page, for 300 random pages', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const page = randomPage(new Rng(seed), new Rng(seed + 7).int(0, 120));
      expect(roundTrip(page), `seed ${seed}`).toEqual(page);
    }
  });

  it('accepts and refuses exactly what the PulledChange schema does, and names where', () => {
    const rng = new Rng(99);
    const refused = new Set<string>();
    for (const [name, mutate] of mutations) {
      for (let n = 0; n < 5; n++) {
        const page = randomPage(rng, 4);
        const at = rng.int(0, 3);
        page[at] = mutate(page[at]!, rng);
        const plain = PullResponse.safeParse(overTheWire({ ...envelope, changes: page }));
        let packed;
        try {
          packed = pullResponseReader(COUNCIL).safeParse(overTheWire({ ...envelope, packed: packChanges(COUNCIL, page) }));
        } catch (e) {
          throw new Error(`${name}: the reader threw ${String(e)}`);
        }
        expect(packed.success, `${name} (plain: ${plain.success ? 'accepted' : plain.error.issues[0]?.message})`).toBe(plain.success);
        if (packed.success) expect(packed.data, name).toEqual(plain.data);
        else {
          refused.add(name);
          expect(packed.error.issues[0]!.path.slice(0, 2), name).toEqual(['packed', 'r']);
        }
      }
    }
    // The schema checks names, ids, values and timestamps, not how a change relates to its writer
    // or base (the server checked those on push, and merging tolerates them).
    expect([...refused].sort()).toEqual(
      [
        'table with a space',
        'table upper-case first',
        'empty row id',
        'row id of 129 characters',
        'row id with a slash',
        'field with a dash',
        'field _sync',
        'value nested 40 deep',
        'value over the size limit',
        'hlc not a timestamp',
        'writer id not a UUID, as clientId too',
        'clientId not a UUID',
        'opId not a UUID',
        'opId with a tilde',
        'base not a timestamp',
        'seq 0',
        'wall of 16 digits',
      ].sort(),
    );
  });

  it('names the council once and a row once per run: a create of 10 fields is far smaller than 10 change objects', () => {
    const rng = new Rng(5);
    const writer = rng.uuid();
    const rowId = rng.uuid();
    const changes: PulledChange[] = Array.from({ length: 10 }, (_, i) => ({
      seq: 100 + i,
      opId: `0198c3f0-aaaa-7bbb-8ccc-${String(i).padStart(12, '0')}`,
      clientId: writer,
      councilId: COUNCIL,
      table: 'agendaItems',
      rowId,
      field: `field${i}`,
      value: 'Staffing huddle',
      hlc: encodeHlc({ wall: 1_767_225_600_000, counter: i, clientId: writer }),
      baseHlc: null,
    }));
    const packed = packChanges(COUNCIL, changes);
    expect(packed.r).toHaveLength(1);
    expect(packed.k).toEqual([writer]);
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(changes).length / 3);
    expect(roundTrip(changes)).toEqual(changes);
  });

  it('refuses to pack a change of another council (the council is not on the wire)', () => {
    const [c] = randomPage(new Rng(3), 1);
    expect(() => packChanges('0198c3f0-0000-7000-8000-0000000000b2', [c!])).toThrow(/belongs to council/);
  });

  it('names where a malformed packed page is wrong, and never throws', () => {
    const good = overTheWire(packChanges(COUNCIL, randomPage(new Rng(11), 6))) as { k: unknown[]; w: number; r: unknown[][] };
    const hlc = [0, 1, 0];
    const op = '0198c3f0-aaaa-7bbb-8ccc-000000000001';
    const cases: Array<[unknown, string]> = [
      [null, 'packed'],
      [[], 'packed'],
      [{ ...good, k: 'x' }, 'packed.k'],
      [{ ...good, k: ['has space'] }, 'packed.k.0'],
      [{ ...good, w: 1.5 }, 'packed.w'],
      [{ ...good, r: {} }, 'packed.r'],
      [{ ...good, r: [['meetings', 'row', 1]] }, 'packed.r.0'],
      [{ ...good, r: [['meetings', 'row', 'one', []]] }, 'packed.r.0.2'],
      [{ ...good, r: [['meetings', 'row', 1, [['title', 'v', 7, op, null]]]] }, 'packed.r.0.3.0.2'],
      [{ ...good, r: [['meetings', 'row', 1, [['title', 'v', [0, 1], op, null]]]] }, 'packed.r.0.3.0.2'],
      [{ ...good, r: [['meetings', 'row', 1, [['title', 'v', [0, 1, 99], op, null]]]] }, 'packed.r.0.3.0.2.2'],
      [{ ...good, r: [['meetings', 'row', 1, [['title', 'v', [0, 1e6, 0], op, null]]]] }, 'packed.r.0.3.0.2.1'],
      [{ ...good, r: [['meetings', 'row', 1, [['title', 'v', [1e15, 1, 0], op, null]]]] }, 'packed.r.0.3.0.2.0'],
      [{ ...good, r: [['meetings', 'row', 1, [['title', 'v', hlc, 7, null]]]] }, 'packed.r.0.3.0.3'],
      [{ ...good, r: [['meetings', 'row', 1, [['title', 'v', hlc, op]]]] }, 'packed.r.0.3.0'],
    ];
    for (const [packed, path] of cases) {
      const r = unpackChanges(COUNCIL, packed);
      expect(r.ok, path).toBe(false);
      if (!r.ok) expect(r.path.join('.'), JSON.stringify(packed).slice(0, 200)).toBe(path);
    }
  });

  it('reads packed and unpacked answers into the same page', () => {
    const changes = randomPage(new Rng(21), 30);
    const viaPacked = pullResponseReader(COUNCIL).safeParse(overTheWire({ ...envelope, packed: packChanges(COUNCIL, changes) }));
    const viaObjects = pullResponseReader(COUNCIL).safeParse(overTheWire({ ...envelope, changes }));
    expect(viaPacked.success && viaObjects.success).toBe(true);
    expect(viaPacked.data).toEqual(viaObjects.data);
    expect(viaPacked.data).toEqual(PullResponse.parse({ ...envelope, changes }));
    expect(pullResponseReader(COUNCIL).safeParse({ packed: packChanges(COUNCIL, changes), hasMore: false }).success).toBe(false);
  });
});
