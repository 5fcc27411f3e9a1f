import { describe, expect, it } from 'vitest';
import { changesTheServerHas } from '@shared/backup/outboxCarryOver';
import { encodeHlc } from '@shared/sync/hlc';
import { applyRowChanges, renameVersions, type RowState } from '@shared/sync/merge';
import type { Change, JsonValue } from '@shared/sync/protocol';

const CLIENT = '0198c3f0-0000-7000-8000-0000000000a1';
const OTHER = '0198c3f0-0000-7000-8000-0000000000b2';
const COUNCIL = '0198c3f0-0000-7000-8000-0000000000c3';
let op = 0;

function change(rowId: string, field: string, value: JsonValue, wall: number, base: Change | null = null, clientId = CLIENT): Change {
  op++;
  return {
    opId: `0198c3f0-0000-7000-8000-${String(op).padStart(12, '0')}`,
    clientId,
    councilId: COUNCIL,
    table: 'meetings',
    rowId,
    field,
    value,
    hlc: encodeHlc({ wall, counter: 0, clientId }),
    baseHlc: base?.hlc ?? null,
  };
}

function store(changes: Change[], outbox: Change[]) {
  const rows = new Map<string, RowState>();
  for (const c of changes) rows.set(c.rowId, applyRowChanges(rows.get(c.rowId), [c]));
  return {
    rows,
    current: {
      outbox: new Set(outbox.map((c) => c.opId)),
      outboxHlcs: new Set(outbox.map((c) => c.hlc)),
      state: (_t: string, rowId: string) => rows.get(rowId),
    },
  };
}

describe('carrying a backup outbox over a restore', () => {
  it('drops exactly the changes the current store proves the server acknowledged', () => {
    const acked = change('m1', 'title', 'Weekend coverage', 1_000);
    const unsent = change('m1', 'location', 'Room B', 1_001);
    const replaced = change('m2', 'title', 'Draft', 1_002);
    const laterEdit = change('m2', 'title', 'Final', 1_003, replaced);
    const pulledBack = change('m3', 'title', 'Seen by the council', 1_004);
    const backupOutbox = [acked, unsent, replaced, pulledBack];
    // Since the backup: `acked` and `replaced` were pushed and acknowledged, `laterEdit` is waiting.
    const { current } = store([acked, unsent, replaced, laterEdit, pulledBack], [unsent, laterEdit]);
    const known = changesTheServerHas(backupOutbox, current);
    expect([...known].sort()).toEqual([acked.opId, pulledBack.opId, replaced.opId].sort());
    expect(known.has(unsent.opId)).toBe(false);
  });

  it('keeps what the current store cannot vouch for: a fresh install, a re-issued change, another row', () => {
    const c = change('m1', 'title', 'Weekend coverage', 2_000);
    const fresh = { outbox: new Set<string>(), outboxHlcs: new Set<string>(), state: () => undefined };
    expect(changesTheServerHas([c], fresh).size).toBe(0);

    // Re-issued after the backup (clock too far ahead): the state names the new version, not c.
    const { rows } = store([c], []);
    const twin: Change = { ...c, opId: '0198c3f0-0000-7000-8000-00000000ffff', hlc: encodeHlc({ wall: 1_500, counter: 0, clientId: CLIENT }) };
    const renamed = renameVersions(
      rows.get('m1')!,
      new Map([[c.opId, { value: twin.value, hlc: twin.hlc, opId: twin.opId, clientId: CLIENT }]]),
      new Map([[c.hlc, twin.hlc]]),
    );
    const afterRestamp = { outbox: new Set([twin.opId]), outboxHlcs: new Set([twin.hlc]), state: () => renamed };
    expect(changesTheServerHas([c], afterRestamp).size).toBe(0);

    // Re-issued under a new opId with the same HLC (a refused opId), the twin still unsent.
    const sameHlcTwin = { ...c, opId: '0198c3f0-0000-7000-8000-00000000eeee' };
    const { current } = store([sameHlcTwin], [sameHlcTwin]);
    expect(changesTheServerHas([c], current).size).toBe(0);

    // Another writer's version of the field is not ours.
    const theirs = change('m1', 'title', 'Their title', 2_100, null, OTHER);
    const { current: withTheirs } = store([theirs], []);
    expect(changesTheServerHas([c], withTheirs).size).toBe(0);
  });
});
