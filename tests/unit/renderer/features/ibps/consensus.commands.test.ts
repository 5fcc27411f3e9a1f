/**
 * The consensus commands keep the method's rules inside their own transaction, whatever the
 * screen showed: one vote per person per test, one count per side and value, test numbers that
 * never repeat, and a closed test that stays closed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Repositories } from '@renderer/db/repositories';
import { ValidationError } from '@renderer/db/errors';
import { castVote, recordTestOutcome, setTally, startConsensusTest, startSession } from '@renderer/features/ibps/commands';
import { loadSession } from '@renderer/features/ibps/queries';
import { freshRepos } from '../../db/helpers';

let repos: Repositories;
afterEach(async () => {
  repos?.db.close();
  if (repos) await repos.db.delete();
});

async function sessionWithTest() {
  repos = freshRepos();
  const council = await repos.councils.create({ name: 'Local Council', level: 'local' });
  const team = await repos.teams.create({ councilId: council.id, name: 'Pharmacy UBT' });
  const ana = await repos.people.create({ name: 'Ana Torres', side: 'union' });
  const meeting = await repos.meetings.create({ bodyKind: 'team', bodyId: team.id, title: 'Nov', startsAt: '2026-11-24T09:00' });
  const session = await startSession(repos, meeting, null);
  const test = await startConsensusTest(repos, {
    sessionId: session.id,
    meetingId: meeting.id,
    method: 'fist-to-five',
    proposal: 'Stagger lunches',
    modifiedFromTestId: null,
  });
  return { session, test, ana, meeting };
}

describe('consensus commands', () => {
  it('two quick clicks on a vote leave one vote for the person, with the later value', async () => {
    const { test, ana, session } = await sessionWithTest();
    await Promise.all([castVote(repos, test.id, { personId: ana.id, side: 'union' }, 2), castVote(repos, test.id, { personId: ana.id, side: 'union' }, 4)]);
    const votes = await repos.db.votes.where('testId').equals(test.id).toArray();
    expect(votes).toHaveLength(1);
    expect(votes[0]).toMatchObject({ personId: ana.id, value: 4 });
    expect((await loadSession(repos, session.id))!.tests[0]!.votes).toHaveLength(1);
  });

  it('a count per side and value is set, not added to, however quickly it is typed', async () => {
    const { test } = await sessionWithTest();
    await Promise.all([setTally(repos, test.id, 'management', 5, 3), setTally(repos, test.id, 'management', 5, 4), setTally(repos, test.id, 'union', 5, 2)]);
    const rows = await repos.db.tallies.where('testId').equals(test.id).toArray();
    expect(rows.map((t) => [t.side, t.value, t.count]).sort()).toEqual([
      ['management', 5, 4],
      ['union', 5, 2],
    ]);
  });

  it('a retest must modify an earlier test, and two quick starts never make two tests with one number', async () => {
    const { test, session, meeting } = await sessionWithTest();
    const base = { sessionId: session.id, meetingId: meeting.id, method: 'fist-to-five' as const };
    await expect(startConsensusTest(repos, { ...base, proposal: 'Stagger lunches again', modifiedFromTestId: null })).rejects.toBeInstanceOf(ValidationError);
    await expect(startConsensusTest(repos, { ...base, proposal: 'Stagger lunches', modifiedFromTestId: test.id })).rejects.toThrow(
      /modified proposal|unchanged|same/i,
    );
    await Promise.all([
      startConsensusTest(repos, { ...base, proposal: 'Stagger lunches, nights too', modifiedFromTestId: test.id }),
      startConsensusTest(repos, { ...base, proposal: 'Stagger lunches, nights first', modifiedFromTestId: test.id }),
    ]);
    const numbers = (await repos.db.consensusTests.where('sessionId').equals(session.id).toArray()).map((t) => t.number).sort();
    expect(numbers).toEqual([1, 2, 3]);
  });

  it('a recorded result is final: a second click does not overwrite it', async () => {
    const { test } = await sessionWithTest();
    const first = await recordTestOutcome(repos, test.id, 'no-consensus');
    const again = await recordTestOutcome(repos, test.id, 'consensus');
    expect(again.outcome).toBe('no-consensus');
    expect(again.decidedAt).toBe(first.decidedAt);
  });
});
