/**
 * A bulk write (an import, generated data) reads ahead what capturing its rows needs: its rows'
 * parents' councils, the memberships that place people, the pending rows it settles. Whatever it
 * reads ahead, every row must land in the outbox under the same council, and the same rows must
 * wait for a council, as when the same rows are written one at a time.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Person } from '@shared/model';
import { readOutboxEntry } from '@renderer/db/capture/syncTables';
import type { Repositories } from '@renderer/db/repositories';
import { newId } from '@renderer/db/repositories/repository';
import { freshRepos } from '../helpers';

const ids = (n: number) => Array.from({ length: n }, () => newId());
const COUNCILS = ids(2);
const TEAMS = ids(6);
// uuidv7 ids sort in creation order: people imported from a stretch of ids that memberships of
// people not imported also fall in, so reading their memberships ahead hits its cap.
const PEOPLE = ids(800);
const IMPORTED = PEOPLE.filter((_, i) => i % 10 === 0);
const MEETINGS = ids(70);
// Two people in three have a membership (written before them); every seventh a second one in a
// team of the other council, written first, so it is the one that places them.
const MEMBERSHIPS = PEOPLE.flatMap((personId, i) => [
  ...(i % 7 === 0 ? [{ id: newId(), input: { personId, bodyKind: 'team' as const, bodyId: TEAMS[(i + 1) % 6]! } }] : []),
  ...(i % 3 !== 0 ? [{ id: newId(), input: { personId, bodyKind: 'team' as const, bodyId: TEAMS[i % 6]! } }] : []),
]);
const AGENDA_ITEMS = MEETINGS.flatMap((meetingId) => [1, 2, 3].map((position) => ({ id: newId(), input: { meetingId, position, title: `Item ${position}` } })));

type Mode = 'bulk' | 'one at a time';

async function write<I>(
  mode: Mode,
  repo: { create(i: I, o?: { id?: string }): Promise<unknown>; createMany(i: I[], o?: { ids?: string[] }): Promise<unknown> },
  rows: Array<{ id: string; input: I }>,
) {
  if (mode === 'bulk')
    await repo.createMany(
      rows.map((r) => r.input),
      { ids: rows.map((r) => r.id) },
    );
  else for (const r of rows) await repo.create(r.input, { id: r.id });
}

/** The same council history, written in bulk or row by row. */
async function history(repos: Repositories, mode: Mode) {
  await write(
    mode,
    repos.councils,
    COUNCILS.map((id, i) => ({ id, input: { name: `Council ${i + 1}`, level: 'local' as const } })),
  );
  await write(
    mode,
    repos.teams,
    TEAMS.map((id, i) => ({ id, input: { councilId: COUNCILS[i % 2]!, name: `Team ${i + 1}` } })),
  );
  await write(mode, repos.memberships, MEMBERSHIPS);
  await write(
    mode,
    repos.people,
    IMPORTED.map((id, i) => ({ id, input: { name: `Person ${i + 1}`, side: 'management' as const } })),
  );
  await write(
    mode,
    repos.meetings,
    MEETINGS.map((id, i) => ({ id, input: { bodyKind: 'team' as const, bodyId: TEAMS[i % 6]!, title: `Meeting ${i + 1}`, startsAt: '2026-12-01T09:00' } })),
  );
  await write(mode, repos.agendaItems, AGENDA_ITEMS);
}

/** Row key -> the council its captured changes were filed under. */
async function councilsInOutbox(repos: Repositories): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const entry of await repos.db.syncOutbox.toArray())
    for (const c of readOutboxEntry(entry).changes) {
      const key = `${c.table}/${c.rowId}`;
      expect(out.get(key) ?? c.councilId).toBe(c.councilId);
      out.set(key, c.councilId);
    }
  return out;
}

const pendingKeys = async (repos: Repositories) => (await repos.db.syncPending.toCollection().primaryKeys()).sort();

describe('capture of bulk writes', () => {
  it('files every row of a bulk write under the council it gets when written alone, and leaves the same rows waiting', async () => {
    const bulk = freshRepos();
    const single = freshRepos();
    await history(bulk, 'bulk');
    await history(single, 'one at a time');

    const councils = await councilsInOutbox(bulk);
    expect(councils).toEqual(await councilsInOutbox(single));
    expect(await pendingKeys(bulk)).toEqual(await pendingKeys(single));
    // What that answer is: rows follow their parents to a council...
    expect(councils.get(`meetings/${MEETINGS[1]}`)).toBe(COUNCILS[1]);
    // ...a person to the council of their first membership (every seventh: the other council's)...
    expect(councils.get(`people/${PEOPLE[70]}`)).toBe(COUNCILS[1]);
    expect(councils.get(`people/${PEOPLE[10]}`)).toBe(COUNCILS[0]);
    // ...and a person without a membership waits for one.
    expect(await pendingKeys(bulk)).toContain(`people/${PEOPLE[30]}`);
    expect(councils.has(`people/${PEOPLE[30]}`)).toBe(false);
  });

  it('settles waiting rows a bulk write places, and only those', async () => {
    const repos = freshRepos();
    await history(repos, 'bulk');
    const waiting = await pendingKeys(repos);
    expect(waiting.length).toBeGreaterThan(0);
    // Memberships arrive for all but one of the people waiting; then every person (more than a
    // bulk write reads ahead for) is saved again at once.
    expect(IMPORTED.length).toBeGreaterThan(64);
    const [stillAlone, ...placed] = waiting.map((k) => k.slice('people/'.length));
    await repos.memberships.createMany(placed.map((personId) => ({ personId, bodyKind: 'team', bodyId: TEAMS[0]! })));
    const people = (await repos.db.people.bulkGet(IMPORTED)) as Person[];
    await repos.db.people.bulkPut(people.map((p) => ({ ...p, name: `${p.name} (imported again)` })));

    expect(await pendingKeys(repos)).toEqual([`people/${stillAlone}`]);
    const councils = await councilsInOutbox(repos);
    for (const personId of placed) expect(councils.get(`people/${personId}`)).toBe(COUNCILS[0]);
  });

  it('captures exactly the rows a write larger than a slice stores, wherever a row is refused', async () => {
    const repos = freshRepos();
    await history(repos, 'bulk');
    const taken = AGENDA_ITEMS[0]!.id;
    const stateBefore = ((await repos.db.agendaItems.get(taken)) as unknown as Record<string, unknown>)._sync;
    const items = Array.from({ length: 2_500 }, (_, i) => ({ meetingId: MEETINGS[i % MEETINGS.length]!, position: 10 + i, title: `Imported ${i + 1}` }));
    // One row of the third slice is refused (its id is taken): Dexie stores the others and reports it.
    const ids = items.map(() => newId());
    ids[2_200] = taken;
    await expect(repos.agendaItems.createMany(items, { ids })).rejects.toThrow(/1 of 2500/);

    expect(await repos.db.agendaItems.count()).toBe(AGENDA_ITEMS.length + items.length - 1);
    const councils = await councilsInOutbox(repos);
    const stored = (await repos.db.agendaItems.bulkGet(ids)) as Array<Record<string, unknown>>;
    stored.forEach((row, i) => {
      if (i === 2_200) return;
      expect(row.title).toBe(`Imported ${i + 1}`);
      expect(typeof row._sync).toBe('string');
      expect(councils.get(`agendaItems/${ids[i]}`)).toBe(COUNCILS[((i % MEETINGS.length) % 6) % 2]);
    });
    // The refused row's stored record, its state and what sync was told about it are untouched.
    expect(stored[2_200]!.title).toBe('Item 1');
    expect(stored[2_200]!._sync).toBe(stateBefore);
    const told = (await repos.db.syncOutbox.toArray()).flatMap((e) => readOutboxEntry(e).changes).filter((c) => c.rowId === taken);
    expect(told.map((c) => c.value)).not.toContain('Imported 2201');
  });
});
