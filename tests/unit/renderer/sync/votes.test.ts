/**
 * One vote per person per test across laptops: two facilitators record the same person's vote
 * offline; after sync every laptop reads one vote (the newest), and the next vote for that person
 * collapses the rows into one everywhere.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setClockRunningFrom } from '@shared/clock';
import { castVote, startConsensusTest, startSession } from '@renderer/features/ibps/commands';
import { loadSession } from '@renderer/features/ibps/queries';
import { SyncWorld } from './world';

let world: SyncWorld;
beforeEach(async () => {
  world = new SyncWorld();
  await world.start();
});
afterEach(async () => {
  await world.stop();
});

describe('consensus votes from two laptops', () => {
  it('two laptops vote for one person offline: each reads one vote, and the next vote leaves one row', async () => {
    const a = await world.laptop('a');
    const b = await world.laptop('b');
    await world.syncAll();
    const ana = await a.repos.people.create({ name: 'Ana Torres', side: 'union' });
    await a.repos.memberships.create({ personId: ana.id, bodyKind: 'council', bodyId: world.councilId });
    const meeting = await a.repos.meetings.create({ bodyKind: 'council', bodyId: world.councilId, title: 'Nov', startsAt: '2026-11-24T09:00' });
    const session = await startSession(a.repos, meeting, null);
    const test = await startConsensusTest(a.repos, {
      sessionId: session.id,
      meetingId: meeting.id,
      method: 'fist-to-five',
      proposal: 'Stagger lunches',
      modifiedFromTestId: null,
    });
    await world.syncAll();

    a.online = false;
    b.online = false;
    await castVote(a.repos, test.id, { personId: ana.id, side: 'union' }, 2);
    setClockRunningFrom('2026-11-25T10:05:00Z'); // b's vote is the later one
    await castVote(b.repos, test.id, { personId: ana.id, side: 'union' }, 5);
    a.online = true;
    b.online = true;
    await world.syncAll();

    for (const l of [a, b]) {
      expect(await l.db.votes.where('testId').equals(test.id).count()).toBe(2); // both rows arrived
      const votes = (await loadSession(l.repos, session.id))!.tests[0]!.votes;
      expect(votes.map((v) => v.value)).toEqual([5]);
    }

    await castVote(a.repos, test.id, { personId: ana.id, side: 'union' }, 4);
    await world.syncAll();
    for (const l of [a, b]) {
      const rows = await l.db.votes.where('testId').equals(test.id).toArray();
      expect(rows.map((v) => v.value)).toEqual([4]);
    }
  });
});
