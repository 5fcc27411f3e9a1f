import { describe, expect, it } from 'vitest';
import { encodeHlc } from '@shared/sync/hlc';
import {
  applyChange,
  applyChanges,
  materializeRow,
  mergeField,
  renameVersions,
  rowConflicts,
  rowKey,
  seenForDelete,
  versionOf,
  type RowState,
} from '@shared/sync/merge';
import { reissueChanges, rewriteHlcClient } from '@shared/sync/reissue';
import { DELETED_FIELD, type Change, type JsonValue } from '@shared/sync/protocol';
import { Replica } from '@shared/sync/replica';
import { fingerprint, mergeAll, unaccountedWrites } from './invariants';
import { Rng } from './random';

const COUNCIL = '0198c3f0-0000-7000-8000-0000000000c1';
const OTHER_COUNCIL = '0198c3f0-0000-7000-8000-0000000000c2';
const A = '0198c3f0-0000-7000-8000-00000000000a';
const B = '0198c3f0-0000-7000-8000-00000000000b';
const T0 = 1_767_225_600_000;
let opSeq = 0;

function mk(client: string, wall: number, field: string, value: JsonValue, base: string | null = null, over: Partial<Change> = {}): Change {
  opSeq++;
  return {
    opId: `0198c3f0-0000-7000-8000-${String(opSeq).padStart(12, '0')}`,
    clientId: client,
    councilId: COUNCIL,
    table: 'meetings',
    rowId: 'm1',
    field,
    value,
    hlc: encodeHlc({ wall: T0 + wall, counter: 0, clientId: client }),
    baseHlc: base,
    ...over,
  };
}

const fold = (changes: Change[]): RowState => {
  let row: RowState | undefined;
  for (const c of changes) row = applyChange(row, c);
  return row!;
};

describe('per-field last writer wins', () => {
  it('sequential edits replace each other without conflicts', () => {
    const c1 = mk(A, 1, 'title', 'Budget');
    const c2 = mk(B, 2, 'title', 'Budget review', c1.hlc);
    const c3 = mk(A, 3, 'title', 'Budget review 2026', c2.hlc);
    for (const order of [
      [c1, c2, c3],
      [c3, c2, c1],
      [c2, c3, c1],
    ]) {
      const row = fold(order);
      expect(materializeRow(row).values).toEqual({ title: 'Budget review 2026' });
      expect(rowConflicts(row)).toEqual([]);
    }
  });

  it('different fields never conflict', () => {
    const row = fold([mk(A, 1, 'title', 'T'), mk(B, 1, 'location', 'Break room')]);
    expect(materializeRow(row).values).toEqual({ title: 'T', location: 'Break room' });
    expect(rowConflicts(row)).toEqual([]);
  });

  it('a concurrent edit loses by HLC but is kept as a conflict, whatever the arrival order', () => {
    const base = mk(A, 1, 'title', 'Staffing');
    const fromA = mk(A, 5, 'title', 'How can we staff weekends?', base.hlc);
    const fromB = mk(B, 4, 'title', 'Weekend coverage', base.hlc);
    for (const order of [
      [base, fromA, fromB],
      [base, fromB, fromA],
      [fromB, fromA, base],
    ]) {
      const row = fold(order);
      expect(materializeRow(row).values.title).toBe('How can we staff weekends?');
      const conflicts = rowConflicts(row);
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]).toMatchObject({
        kind: 'concurrent-edit',
        table: 'meetings',
        rowId: 'm1',
        field: 'title',
        losingValue: 'Weekend coverage',
        losingHlc: fromB.hlc,
        winningValue: 'How can we staff weekends?',
        winningHlc: fromA.hlc,
      });
    }
  });

  it('two writers who never saw any value still conflict (null base)', () => {
    const row = fold([mk(A, 1, 'title', 'x'), mk(B, 2, 'title', 'y')]);
    expect(rowConflicts(row).map((c) => c.losingValue)).toEqual(['x']);
  });

  it('concurrent writes of the same value lose nothing, so they are no conflict', () => {
    const row = fold([mk(A, 1, 'title', { a: 1, b: [2] }), mk(B, 2, 'title', { b: [2], a: 1 })]);
    expect(rowConflicts(row)).toEqual([]);
  });

  it('a later writer who saw the loser resolves that conflict', () => {
    const x = mk(A, 1, 'title', 'x');
    const y = mk(B, 2, 'title', 'y');
    // B then pulled x, looked at the conflict and wrote over x knowingly... by basing on y it only
    // saw y; basing on x means it saw x.
    const z = mk(A, 3, 'title', 'z', x.hlc);
    const row = fold([x, y, z]);
    expect(materializeRow(row).values.title).toBe('z');
    expect(rowConflicts(row).map((c) => c.losingValue)).toEqual(['y']);
  });

  it('ignores a base that is not older than the edit (a broken or forged clock)', () => {
    const x = mk(A, 5, 'title', 'x');
    const bad = mk(B, 4, 'title', 'y', x.hlc);
    const row = fold([x, bad]);
    expect(row.fields.title!.replaced).toEqual([]);
    expect(rowConflicts(row).map((c) => c.losingValue)).toEqual(['y']);
  });

  it('returns the same object for duplicates, so callers can skip writes', () => {
    const x = mk(A, 1, 'title', 'x');
    const y = mk(A, 2, 'title', 'y', x.hlc);
    const row = fold([x, y]);
    expect(applyChange(row, y)).toBe(row);
    expect(applyChange(row, x)).toBe(row);
    const st = row.fields.title!;
    expect(mergeField(st, versionOf(x), null)).toBe(st);
  });

  it('refuses to merge a change into a row of another council', () => {
    const row = fold([mk(A, 1, 'title', 'x')]);
    expect(() => applyChange(row, mk(B, 2, 'title', 'y', null, { councilId: OTHER_COUNCIL }))).toThrow(/belongs to/);
    const rows = applyChanges(new Map(), [mk(A, 1, 'title', 'x'), mk(B, 2, 'title', 'y', null, { councilId: OTHER_COUNCIL })]);
    expect([...rows.keys()].sort()).toEqual([rowKey(COUNCIL, 'meetings', 'm1'), rowKey(OTHER_COUNCIL, 'meetings', 'm1')].sort());
  });
});

describe('deletes', () => {
  const tomb = (row: RowState | undefined, deleted = true) => ({ deleted, seen: deleted ? seenForDelete(row) : {} });

  it('a delete of what the deleter saw is a quiet tombstone', () => {
    const x = mk(A, 1, 'title', 'x');
    const row1 = fold([x]);
    const d = mk(B, 2, DELETED_FIELD, tomb(row1));
    const row = fold([x, d]);
    expect(materializeRow(row).deleted).toBe(true);
    expect(rowConflicts(row)).toEqual([]);
    // Tombstone first (the edit arrives late): same result.
    expect(fingerprint([fold([d, x])])).toBe(fingerprint([row]));
  });

  it('an edit the deleter never saw is an edit-vs-delete conflict, never a silent resurrection or loss', () => {
    const x = mk(A, 1, 'title', 'x');
    const d = mk(B, 3, DELETED_FIELD, tomb(fold([x])));
    const edit = mk(A, 2, 'title', 'x edited offline', x.hlc);
    const later = mk(A, 9, 'location', 'Clinic B');
    for (const order of [
      [x, d, edit, later],
      [later, edit, d, x],
      [x, edit, later, d],
    ]) {
      const row = fold(order);
      expect(materializeRow(row).deleted).toBe(true);
      const conflicts = rowConflicts(row);
      expect(conflicts.map((c) => [c.kind, c.field, c.losingValue])).toEqual([
        ['edit-vs-delete', 'location', 'Clinic B'],
        ['edit-vs-delete', 'title', 'x edited offline'],
      ]);
      expect(conflicts[0]!.winningHlc).toBe(d.hlc);
    }
  });

  it('restoring brings the row back with the racing edits and clears their conflicts', () => {
    const x = mk(A, 1, 'title', 'x');
    const d = mk(B, 3, DELETED_FIELD, tomb(fold([x])));
    const edit = mk(A, 2, 'title', 'edited', x.hlc);
    const restore = mk(B, 4, DELETED_FIELD, { deleted: false, seen: {} }, d.hlc);
    const row = fold([x, d, edit, restore]);
    expect(materializeRow(row)).toMatchObject({ deleted: false, values: { title: 'edited' } });
    expect(rowConflicts(row)).toEqual([]);
  });

  it('two concurrent deletes are not a conflict', () => {
    const x = mk(A, 1, 'title', 'x');
    const d1 = mk(A, 2, DELETED_FIELD, tomb(fold([x])));
    const d2 = mk(B, 3, DELETED_FIELD, tomb(fold([x])));
    const row = fold([x, d1, d2]);
    expect(materializeRow(row).deleted).toBe(true);
    expect(rowConflicts(row)).toEqual([]);
  });
});

describe('determinism', () => {
  /** Random histories from replicas that exchange changes partially, so bases form real causal chains. */
  function history(seed: number): Change[] {
    const rng = new Rng(seed);
    let t = T0;
    const replicas = [0, 1, 2].map(() => new Replica({ clientId: rng.uuid(), physicalNow: () => t, newOpId: () => rng.uuid() }));
    const all: Change[] = [];
    const rows = ['r1', 'r2', 'r3'];
    for (let step = 0; step < 60; step++) {
      t += rng.int(0, 3);
      const r = rng.pick(replicas);
      const rowId = rng.pick(rows);
      const row = r.row(COUNCIL, 'items', rowId);
      const deleted = row ? materializeRow(row).deleted : false;
      const roll = rng.next();
      if (roll < 0.15) {
        if (deleted) all.push(r.restoreRow(COUNCIL, 'items', rowId));
        else all.push(r.deleteRow(COUNCIL, 'items', rowId));
      } else if (roll < 0.75) {
        if (!deleted)
          all.push(
            r.applyLocalEdit(COUNCIL, 'items', rowId, rng.pick(['title', 'notes']), rng.pick(['a', 'b', 'c', rng.int(0, 9), null, { n: rng.int(0, 2) }])),
          );
      } else {
        // Partial gossip: a random subset of everything so far, in random order.
        const other = rng.pick(replicas);
        if (other !== r) r.applyRemote(rng.shuffle(all.filter(() => rng.chance(0.6))));
      }
    }
    return all;
  }

  it('same set of changes, any order, with duplicates: same state and same conflicts (300 seeds)', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const changes = history(seed);
      const reference = mergeAll(changes);
      const rng = new Rng(seed * 7919);
      for (let k = 0; k < 3; k++) {
        const noisy = rng.shuffle([...changes, ...changes.filter(() => rng.chance(0.3))]);
        const again = mergeAll(noisy);
        expect(fingerprint(again.rows), `seed ${seed}`).toBe(fingerprint(reference.rows));
        expect(again.conflicts, `seed ${seed}`).toEqual(reference.conflicts);
      }
      expect(unaccountedWrites(changes, reference.rows, reference.conflicts), `seed ${seed}`).toEqual([]);
    }
  });

  it('replicas that end up with the same changes agree exactly', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const rng = new Rng(seed);
      let t = T0;
      const replicas = [0, 1, 2, 3].map(() => new Replica({ clientId: rng.uuid(), physicalNow: () => t, newOpId: () => rng.uuid() }));
      const all: Change[] = [];
      for (let step = 0; step < 40; step++) {
        t += rng.int(0, 2);
        const r = rng.pick(replicas);
        const row = r.row(COUNCIL, 'items', 'r1');
        if (row && materializeRow(row).deleted) all.push(r.restoreRow(COUNCIL, 'items', 'r1'));
        else if (rng.chance(0.1)) all.push(r.deleteRow(COUNCIL, 'items', 'r1'));
        else all.push(r.applyLocalEdit(COUNCIL, 'items', 'r1', 'title', rng.int(0, 5)));
        if (rng.chance(0.3)) rng.pick(replicas).applyRemote(rng.shuffle(all.slice(0, rng.int(0, all.length))));
      }
      for (const r of replicas) r.applyRemote(rng.shuffle(all));
      const ref = mergeAll(all);
      for (const r of replicas) {
        expect(fingerprint(r.rowStates()), `seed ${seed}`).toBe(fingerprint(ref.rows));
        expect(r.conflicts(), `seed ${seed}`).toEqual(ref.conflicts);
      }
    }
  });
});

describe('re-issuing under a fresh clientId (a laptop enrolled again)', () => {
  it('renames the laptop’s unsent versions and settles the field again where the rename changes the order', () => {
    const FRESH = '0198c3f0-0000-7000-8000-0000000000ff'; // sorts after A and B
    // B's edit and A's unsent edit were made at the same millisecond and counter: B wins by clientId.
    const location = mk(A, 1, 'location', 'Room 4');
    const fromB = mk(B, 5, 'title', 'From B');
    const fromA = mk(A, 5, 'title', 'From A');
    const row = fold([location, fromB, fromA]);
    expect(row.fields.title!.winner.value).toBe('From B');
    const plan = reissueChanges(
      [fromA],
      () => true,
      (c) => rewriteHlcClient(c.hlc, FRESH),
      () => '0198c3f0-0000-7000-8000-00000000ffff',
      FRESH,
    );
    const issued = plan.outbox[0]!;
    expect(issued).toMatchObject({ clientId: FRESH, value: 'From A', opId: '0198c3f0-0000-7000-8000-00000000ffff' });
    expect(issued.hlc.slice(0, 22)).toBe(fromA.hlc.slice(0, 22));
    expect(issued.hlc.endsWith(FRESH)).toBe(true);
    const renamed = renameVersions(row, plan.replacement, plan.hlcMap);
    // Now A's edit (under its fresh writer) wins: the same state as if it had been made that way.
    expect(renamed.fields.title!.winner.value).toBe('From A');
    expect(fingerprint([renamed])).toBe(fingerprint([fold([location, fromB, issued])]));
    expect(rowConflicts(renamed).map((c) => c.losingValue)).toEqual(['From B']);
  });
});
