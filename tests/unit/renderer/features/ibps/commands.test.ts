import { afterEach, describe, expect, it } from 'vitest';
import {
  addCriterion,
  addInterest,
  addOption,
  gatherGroups,
  continueSessionInMeeting,
  goToStep,
  moveInList,
  rateCell,
  setStepStatus,
  startSession,
} from '@renderer/features/ibps/commands';
import { loadSession, sessionsOfMeeting } from '@renderer/features/ibps/queries';
import { carriedForwardTo, listActionItems } from '@renderer/features/actions/queries';
import { addMember } from '@renderer/features/roster/commands';
import type { Repositories } from '@renderer/db/repositories';
import { setClockRunningFrom } from '@shared/clock';
import { freshRepos } from '../../db/helpers';

let repos: Repositories;
afterEach(async () => {
  repos?.db.close();
  if (repos) await repos.db.delete();
});

async function team() {
  const council = await repos.councils.create({ name: 'Local Council', level: 'local' });
  const t = await repos.teams.create({
    councilId: council.id,
    name: 'Pharmacy UBT',
    charter: { groundRules: ['Be on time', 'One conversation at a time'], consensusMethod: 'gradients-of-agreement' },
  });
  const ana = await repos.people.create({ name: 'Ana Torres', side: 'union' });
  const ben = await repos.people.create({ name: 'Ben Okafor', side: 'management' });
  await addMember(repos, ana.id, 'team', t.id);
  await addMember(repos, ben.id, 'team', t.id);
  return { team: t, ana, ben };
}

describe('IBPS store', () => {
  it('starts a session on an agenda item with the charter ground rules and method', async () => {
    repos = freshRepos();
    const { team: t, ana } = await team();
    const meeting = await repos.meetings.create({ bodyKind: 'team', bodyId: t.id, title: 'Nov', startsAt: '2026-11-24T09:00' });
    const item = await repos.agendaItems.create({ meetingId: meeting.id, position: 1, title: 'Lunch coverage', type: 'ibps' });
    const session = await startSession(repos, meeting, item);
    expect(session).toMatchObject({ title: 'Lunch coverage', groundRules: ['Be on time', 'One conversation at a time'], currentStep: 'issue' });
    expect(session.stepStatus.issue).toBe('in-progress');
    expect((await sessionsOfMeeting(repos, meeting.id)).get(item.id)?.id).toBe(session.id);
    await repos.attendance.create({ meetingId: meeting.id, personId: ana.id, status: 'present' });
    const record = await loadSession(repos, session.id);
    expect(record?.consensusMethod).toBe('gradients-of-agreement');
    expect(record?.members.map((m) => m.name)).toEqual(['Ana Torres', 'Ben Okafor']);
    expect(record?.attendance).toHaveLength(1);
  });

  it('step changes made in quick succession all stick, even when the screen still showed the old session', async () => {
    repos = freshRepos();
    const { team: t } = await team();
    const meeting = await repos.meetings.create({ bodyKind: 'team', bodyId: t.id, title: 'Nov', startsAt: '2026-11-24T09:00' });
    const session = await startSession(repos, meeting, null);
    // A facilitator marks the issue done and, before the screen refreshes, clicks Interests and Options.
    await Promise.all([setStepStatus(repos, session.id, 'issue', 'done'), goToStep(repos, session.id, 'interests'), goToStep(repos, session.id, 'options')]);
    const after = await repos.ibpsSessions.require(session.id);
    expect(after.stepStatus).toMatchObject({ issue: 'done', interests: 'in-progress', options: 'in-progress' });
    expect(after.currentStep).toBe('options');
  });

  it('a session continued in a later meeting reads that meeting’s attendance', async () => {
    repos = freshRepos();
    const { team: t, ben } = await team();
    const first = await repos.meetings.create({ bodyKind: 'team', bodyId: t.id, title: 'Oct', startsAt: '2026-10-20T09:00' });
    const second = await repos.meetings.create({ bodyKind: 'team', bodyId: t.id, title: 'Nov', startsAt: '2026-11-24T09:00' });
    const session = await startSession(repos, first, null);
    await continueSessionInMeeting(repos, session.id, second.id, null);
    await continueSessionInMeeting(repos, session.id, second.id, null); // idempotent
    await repos.attendance.create({ meetingId: second.id, personId: ben.id, status: 'present' });
    const record = await loadSession(repos, session.id);
    expect(record?.meeting?.id).toBe(second.id);
    expect(record?.attendance.map((a) => a.personId)).toEqual([ben.id]);
    expect(await repos.db.ibpsSessionMeetings.count()).toBe(2);
  });

  it('keeps capture order, and a move touches only the moved row', async () => {
    repos = freshRepos();
    const { team: t } = await team();
    const meeting = await repos.meetings.create({ bodyKind: 'team', bodyId: t.id, title: 'Nov', startsAt: '2026-11-24T09:00' });
    const session = await startSession(repos, meeting, null);
    for (const text of ['a', 'b', 'c', 'd']) await addInterest(repos, session.id, { text });
    let rows = (await loadSession(repos, session.id))!.interests;
    const before = new Map(rows.map((r) => [r.id, r.updatedAt]));
    await moveInList(repos, 'interests', session.id, rows[3]!.id, 1);
    rows = (await loadSession(repos, session.id))!.interests;
    expect(rows.map((r) => r.text)).toEqual(['a', 'd', 'b', 'c']);
    expect(rows.filter((r) => r.updatedAt !== before.get(r.id)).map((r) => r.text)).toEqual(['d']);
    await moveInList(repos, 'interests', session.id, rows[0]!.id, 3);
    expect((await loadSession(repos, session.id))!.interests.map((r) => r.text)).toEqual(['d', 'b', 'c', 'a']);
  });

  it('interests, options and criteria captured in quick succession keep their order and never share a place', async () => {
    repos = freshRepos();
    const { team: t } = await team();
    const meeting = await repos.meetings.create({ bodyKind: 'team', bodyId: t.id, title: 'Nov', startsAt: '2026-11-24T09:00' });
    const session = await startSession(repos, meeting, null);
    const texts = ['a', 'b', 'c', 'd'];
    await Promise.all(texts.map((text) => addInterest(repos, session.id, { text })));
    await Promise.all(texts.map((text) => addOption(repos, session.id, { text })));
    await Promise.all(texts.map((text) => addCriterion(repos, session.id, text)));
    const record = (await loadSession(repos, session.id))!;
    for (const list of [record.interests, record.options, record.criteria]) {
      expect(list.map((r) => r.text)).toEqual(texts);
      expect(new Set(list.map((r) => r.position)).size).toBe(texts.length);
    }
  });

  it('gathers interests of a group together, keeping the order inside each group', async () => {
    repos = freshRepos();
    const { team: t } = await team();
    const meeting = await repos.meetings.create({ bodyKind: 'team', bodyId: t.id, title: 'Nov', startsAt: '2026-11-24T09:00' });
    const session = await startSession(repos, meeting, null);
    for (const [text, groupLabel] of [
      ['a', 'Staffing'],
      ['b', 'Patients'],
      ['c', 'staffing '],
      ['d', ''],
      ['e', 'Patients'],
    ] as const)
      await addInterest(repos, session.id, { text, groupLabel });
    await gatherGroups(repos, session.id);
    expect((await loadSession(repos, session.id))!.interests.map((i) => i.text)).toEqual(['a', 'c', 'b', 'e', 'd']);
  });

  it('a rated cell has one value: re-rating updates it, and the newest row wins when several exist', async () => {
    repos = freshRepos();
    const { team: t } = await team();
    const meeting = await repos.meetings.create({ bodyKind: 'team', bodyId: t.id, title: 'Nov', startsAt: '2026-11-24T09:00' });
    const session = await startSession(repos, meeting, null);
    const option = await addOption(repos, session.id, { text: 'Stagger lunches' });
    const criterion = await addCriterion(repos, session.id, 'Within budget');
    await rateCell(repos, session.id, option.id, criterion.id, { rating: 'partly' });
    await rateCell(repos, session.id, option.id, criterion.id, { rating: 'meets' });
    expect(await repos.db.evaluations.count()).toBe(1);
    expect((await repos.db.evaluations.toArray())[0]?.rating).toBe('meets');
  });
});

describe('action items', () => {
  it('carry forward to the next meeting of the same body, with overdue and stale flags', async () => {
    // The items are written (and so last updated) on 20 November; "today" is passed to each query.
    setClockRunningFrom('2026-11-20T09:00:00');
    repos = freshRepos();
    const { team: t, ana } = await team();
    const other = await repos.teams.create({ councilId: t.councilId, name: 'ICU UBT' });
    const oct = await repos.meetings.create({ bodyKind: 'team', bodyId: t.id, title: 'Oct', startsAt: '2026-10-20T09:00' });
    const nov = await repos.meetings.create({ bodyKind: 'team', bodyId: t.id, title: 'Nov', startsAt: '2026-11-24T09:00' });
    const icu = await repos.meetings.create({ bodyKind: 'team', bodyId: other.id, title: 'ICU Oct', startsAt: '2026-10-21T09:00' });
    await repos.actionItems.create({ bodyKind: 'team', bodyId: t.id, meetingId: oct.id, what: 'Post schedule', ownerId: ana.id, dueDate: '2026-10-27' });
    await repos.actionItems.create({ bodyKind: 'team', bodyId: t.id, meetingId: oct.id, what: 'Order printer', status: 'done' });
    await repos.actionItems.create({ bodyKind: 'team', bodyId: other.id, meetingId: icu.id, what: 'ICU thing' });
    await repos.parkingLot.create({ bodyKind: 'team', bodyId: t.id, meetingId: oct.id, text: 'Garage lighting' });
    const carried = await carriedForwardTo(repos, nov, '2026-11-22');
    expect(carried.actionItems.map((c) => [c.item.what, c.overdue])).toEqual([['Post schedule', true]]);
    expect(carried.parkingLot.map((c) => c.item.text)).toEqual(['Garage lighting']);
    expect((await carriedForwardTo(repos, oct, '2026-11-22')).actionItems).toEqual([]);

    expect((await listActionItems(repos, 'open', '2026-11-22')).map((r) => r.item.what)).toEqual(['Post schedule', 'ICU thing']);
    expect((await listActionItems(repos, 'overdue', '2026-11-22')).map((r) => r.item.what)).toEqual(['Post schedule']);
    expect((await listActionItems(repos, 'done', '2026-11-22')).map((r) => r.item.what)).toEqual(['Order printer']);
    // 30 days without an update is stale.
    expect((await listActionItems(repos, 'stale', '2027-01-05')).map((r) => r.item.what)).toEqual(['Post schedule', 'ICU thing']);
    expect((await listActionItems(repos, 'open', '2026-11-22'))[0]).toMatchObject({ bodyName: 'Pharmacy UBT', meetingTitle: 'Oct' });
  });
});
