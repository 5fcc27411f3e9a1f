/**
 * Commands added for a full session in the room: a session closes only on a decision or a recorded
 * escalation; another side's duplicate becomes one shared interest (and Undo puts both back);
 * coverage suggested by the matrix is confirmed in one go; a test started and voted on at once
 * keeps every vote; the result is counted from the stored votes. Each is refused once the
 * meeting's minutes are approved.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setClockRunningFrom } from '@shared/clock';
import type { Repositories } from '@renderer/db/repositories';
import { ValidationError } from '@renderer/db/errors';
import {
  acceptCoverageSuggestions,
  addInterest,
  addOption,
  castVote,
  closeConsensusTest,
  goToStep,
  markInterestShared,
  newRecordId,
  recordDecision,
  recordEscalation,
  reviseIssue,
  setCoverage,
  setStepStatus,
  startConsensusTest,
  startSession,
  undoMarkInterestShared,
} from '@renderer/features/ibps/commands';
import { addActionItem, updateActionItem } from '@renderer/features/actions/commands';
import { setAttendance } from '@renderer/features/meetings/commands';
import { approveMinutes } from '@renderer/features/minutes/commands';
import { loadMinutes, minutesState } from '@renderer/features/minutes/queries';
import { RecordLockedError } from '@renderer/features/minutes/recordLock';
import { addMember } from '@renderer/features/roster/commands';
import { freshRepos } from '../../db/helpers';

let repos: Repositories;
afterEach(async () => {
  repos?.db.close();
  if (repos) await repos.db.delete();
});

async function session() {
  repos = freshRepos();
  const council = await repos.councils.create({ name: 'Local Council', level: 'local' });
  const ana = await repos.people.create({ name: 'Ana Torres', side: 'union' });
  const ben = await repos.people.create({ name: 'Ben Okafor', side: 'management' });
  const team = await repos.teams.create({ councilId: council.id, name: 'Pharmacy UBT', managementCoLeadId: ben.id, unionCoLeadId: ana.id });
  for (const p of [ana, ben]) await addMember(repos, p.id, 'team', team.id);
  const meeting = await repos.meetings.create({ bodyKind: 'team', bodyId: team.id, title: 'December UBT meeting', startsAt: '2026-12-08T09:00' });
  const item = await repos.agendaItems.create({ meetingId: meeting.id, position: 1, title: 'Lunch coverage', type: 'ibps' });
  const s = await startSession(repos, meeting, item);
  for (const p of [ana, ben]) await setAttendance(repos, meeting.id, p.id, 'present');
  return { team, meeting, session: s, ana, ben };
}

const newTest = (s: { id: string }, meetingId: string, proposal = 'Stagger lunches in two waves') => ({
  sessionId: s.id,
  meetingId,
  method: 'fist-to-five' as const,
  proposal,
  modifiedFromTestId: null,
});

describe('marking the session done', () => {
  it('is refused without a decision, and says what is missing; earlier steps close freely', async () => {
    const { session: s } = await session();
    await setStepStatus(repos, s.id, 'consensus', 'done');
    await expect(setStepStatus(repos, s.id, 'action-plan', 'done')).rejects.toThrow(/Record the decision, or that consensus failed/);
    expect((await repos.ibpsSessions.require(s.id)).stepStatus).toMatchObject({ consensus: 'done', 'action-plan': 'not-started' });
  });

  it('closes once consensus is recorded', async () => {
    const { session: s, meeting } = await session();
    const test = await startConsensusTest(repos, newTest(s, meeting.id));
    await recordDecision(repos, { sessionId: s.id, meetingId: meeting.id, consensusTestId: test.id, text: 'Stagger lunches in two waves' });
    expect((await setStepStatus(repos, s.id, 'action-plan', 'done')).stepStatus['action-plan']).toBe('done');
  });

  it('closes on a failed consensus only with where it goes recorded', async () => {
    const { session: s, meeting } = await session();
    const test = await startConsensusTest(repos, newTest(s, meeting.id));
    await repos.decisions.create({ sessionId: s.id, meetingId: meeting.id, consensusTestId: test.id, text: 'Stagger lunches', outcome: 'failed' });
    await expect(setStepStatus(repos, s.id, 'action-plan', 'done')).rejects.toThrow(/record where the proposal goes/);
    await recordEscalation(repos, { sessionId: s.id, meetingId: meeting.id, consensusTestId: test.id, proposal: 'Stagger lunches', escalatedTo: 'sponsors' });
    expect((await setStepStatus(repos, s.id, 'action-plan', 'done')).stepStatus['action-plan']).toBe('done');
  });
});

describe('another side said the same interest', () => {
  it('keeps the earlier one held by both sides, removes the repeat, and Undo puts both back', async () => {
    const { session: s } = await session();
    const kept = await addInterest(repos, s.id, { text: 'Every tech gets an uninterrupted lunch', sides: ['union'] });
    const repeat = await addInterest(repos, s.id, { text: 'Techs get their lunch uninterrupted', sides: ['management'] });
    const merge = await markInterestShared(repos, repeat.id, kept.id);
    expect((await repos.interests.require(kept.id)).sides).toEqual(['union', 'management']);
    expect(await repos.db.interests.get(repeat.id)).toBeUndefined();
    await undoMarkInterestShared(repos, merge);
    expect((await repos.interests.require(kept.id)).sides).toEqual(['union']);
    expect(await repos.interests.require(repeat.id)).toMatchObject({ text: 'Techs get their lunch uninterrupted', sides: ['management'] });
  });

  it('refuses to share an interest with itself or with another session', async () => {
    const { session: s, meeting } = await session();
    const other = await startSession(repos, meeting, null);
    const a = await addInterest(repos, s.id, { text: 'A predictable schedule', sides: ['union'] });
    const b = await addInterest(repos, other.id, { text: 'A predictable schedule', sides: ['management'] });
    await expect(markInterestShared(repos, a.id, a.id)).rejects.toBeInstanceOf(ValidationError);
    await expect(markInterestShared(repos, b.id, a.id)).rejects.toBeInstanceOf(ValidationError);
    expect((await repos.interests.require(a.id)).sides).toEqual(['union']);
  });
});

describe('coverage the matrix suggests', () => {
  it('writes the suggested cells nobody has decided, and leaves a decided one as it is', async () => {
    const { session: s } = await session();
    const o = await addOption(repos, s.id, { text: 'Stagger lunches' });
    const lunch = await addInterest(repos, s.id, { text: 'Staff get an uninterrupted lunch' });
    const waits = await addInterest(repos, s.id, { text: 'Short waits' });
    await setCoverage(repos, s.id, o.id, waits.id, false);
    const written = await acceptCoverageSuggestions(repos, s.id, [
      { optionId: o.id, interestId: lunch.id, criterionId: 'c' },
      { optionId: o.id, interestId: waits.id, criterionId: 'c' },
    ]);
    expect(written).toBe(1);
    const rows = await repos.db.coverage.where('sessionId').equals(s.id).toArray();
    expect(rows.map((r) => [r.interestId === lunch.id ? 'lunch' : 'waits', r.covered]).sort()).toEqual([
      ['lunch', true],
      ['waits', false],
    ]);
  });
});

describe('a test voted on the moment it starts', () => {
  it('keeps every vote typed before the test’s own write had landed, and counts them when closed at once', async () => {
    const { session: s, meeting, ana, ben } = await session();
    const id = newRecordId();
    // The screen shows the test under this id at once; the keys that follow are not awaited.
    const started = startConsensusTest(repos, newTest(s, meeting.id), id);
    const votes = [castVote(repos, id, { personId: ana.id, side: 'union' }, 4), castVote(repos, id, { personId: ben.id, side: 'management' }, 3)];
    const closed = closeConsensusTest(repos, id);
    expect((await started).id).toBe(id);
    await Promise.all(votes);
    expect(await closed).toMatchObject({ id, outcome: 'consensus' });
    expect(await repos.db.votes.where('testId').equals(id).count()).toBe(2);
  });

  it('refuses a vote for a test that was never recorded, and for a closed one', async () => {
    const { session: s, meeting, ana, ben } = await session();
    await expect(castVote(repos, newRecordId(), { personId: ana.id, side: 'union' }, 4)).rejects.toThrow(/was not recorded/);
    const test = await startConsensusTest(repos, newTest(s, meeting.id));
    await castVote(repos, test.id, { personId: ana.id, side: 'union' }, 5);
    await castVote(repos, test.id, { personId: ben.id, side: 'management' }, 2);
    expect((await closeConsensusTest(repos, test.id)).outcome).toBe('no-consensus');
    await expect(castVote(repos, test.id, { personId: ben.id, side: 'management' }, 4)).rejects.toThrow(/Test 1 is closed/);
  });

  it('will not close a test whose count is incomplete, and says why', async () => {
    const { session: s, meeting, ana } = await session();
    const test = await startConsensusTest(repos, newTest(s, meeting.id));
    await castVote(repos, test.id, { personId: ana.id, side: 'union' }, 4);
    await expect(closeConsensusTest(repos, test.id)).rejects.toThrow(/1 of 2 members present have voted/);
    expect((await repos.consensusTests.require(test.id)).outcome).toBeNull();
  });
});

describe('the issue statement started at once', () => {
  it('is written under the id the screen chose, so typing that follows edits it', async () => {
    const { session: s } = await session();
    const id = newRecordId();
    const rev = await reviseIssue(repos, s.id, 'How can we ', id);
    expect(rev).toMatchObject({ id, text: 'How can we' });
  });
});

describe('new commands respect approved minutes', () => {
  it('refuses each of them once the minutes are approved; owner and due date stay open', async () => {
    setClockRunningFrom('2026-12-09T10:00:00');
    const { session: s, meeting, ana, ben, team } = await session();
    const a = await addInterest(repos, s.id, { text: 'A predictable schedule', sides: ['union'] });
    const b = await addInterest(repos, s.id, { text: 'A schedule people can predict', sides: ['management'] });
    const o = await addOption(repos, s.id, { text: 'Stagger lunches' });
    const test = await startConsensusTest(repos, newTest(s, meeting.id));
    await castVote(repos, test.id, { personId: ana.id, side: 'union' }, 4);
    await castVote(repos, test.id, { personId: ben.id, side: 'management' }, 4);
    const action = await addActionItem(repos, { bodyKind: 'team', bodyId: team.id, meetingId: meeting.id, what: 'Post the schedule' });
    await goToStep(repos, s.id, 'action-plan');
    const { liveHash } = minutesState((await loadMinutes(repos, meeting.id))!);
    const signOff = { method: 'in-room' as const, recordedByName: 'Pat Okafor' };
    for (const [side, person] of [
      ['union', ana],
      ['management', ben],
    ] as const)
      await approveMinutes(repos, { meetingId: meeting.id, side, personId: person.id, role: '', seenHash: liveHash, signOff, enrolledAccount: null });

    const refused = [
      markInterestShared(repos, b.id, a.id),
      undoMarkInterestShared(repos, { removed: b, keptBefore: a }),
      acceptCoverageSuggestions(repos, s.id, [{ optionId: o.id, interestId: a.id, criterionId: 'c' }]),
      closeConsensusTest(repos, test.id),
      reviseIssue(repos, s.id, 'How can we plan lunch?', newRecordId()),
      setStepStatus(repos, s.id, 'action-plan', 'done'),
      updateActionItem(repos, action.id, { measure: 'Everyone takes lunch for 4 weeks' }),
    ];
    for (const attempt of refused) await expect(attempt).rejects.toBeInstanceOf(RecordLockedError);
    expect((await repos.interests.require(a.id)).sides).toEqual(['union']);
    expect((await repos.consensusTests.require(test.id)).outcome).toBeNull();
    expect((await repos.actionItems.require(action.id)).measure).toBe('');
    expect((await updateActionItem(repos, action.id, { ownerId: ben.id, dueDate: '2026-12-20' })).ownerId).toBe(ben.id);
  });
});
