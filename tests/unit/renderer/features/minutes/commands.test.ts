import { afterEach, describe, expect, it } from 'vitest';
import { addCriterion, addInterest, reviseIssue, startSession } from '@renderer/features/ibps/commands';
import { approveMinutes, discardAmendment, saveSummary, startAmendment } from '@renderer/features/minutes/commands';
import { loadMinutes, meetingsInRange, minutesState } from '@renderer/features/minutes/queries';
import { addMember } from '@renderer/features/roster/commands';
import type { Repositories } from '@renderer/db/repositories';
import { freshRepos } from '../../db/helpers';

let repos: Repositories;
afterEach(async () => {
  repos?.db.close();
  if (repos) await repos.db.delete();
});

async function meetingWithSession() {
  const council = await repos.councils.create({ name: 'Local Council', level: 'local' });
  const ana = await repos.people.create({ name: 'Ana Torres', side: 'union', union: 'SEIU-UHW', local: '250' });
  const ben = await repos.people.create({ name: 'Ben Okafor', side: 'management' });
  const cara = await repos.people.create({ name: 'Cara Lim', side: 'management' });
  const team = await repos.teams.create({ councilId: council.id, name: 'Pharmacy UBT', managementCoLeadId: ben.id, unionCoLeadId: ana.id });
  for (const p of [ana, ben, cara]) await addMember(repos, p.id, 'team', team.id);
  const meeting = await repos.meetings.create({ bodyKind: 'team', bodyId: team.id, title: 'November', startsAt: '2026-11-24T09:00', location: 'Room 3' });
  const item = await repos.agendaItems.create({ meetingId: meeting.id, position: 1, title: 'Lunch coverage', type: 'ibps' });
  const session = await startSession(repos, meeting, item);
  await reviseIssue(repos, session.id, 'How might we cover lunches without overtime?');
  await addInterest(repos, session.id, { text: 'Breaks on time', sides: ['union'] });
  await addCriterion(repos, session.id, 'Within budget');
  return { team, meeting, item, ana, ben, cara };
}

const inRoom = { signOff: { method: 'in-room' as const, recordedByName: 'Pat Okafor' }, enrolledAccount: null };

const stateOf = async (meetingId: string) => minutesState((await loadMinutes(repos, meetingId))!);

describe('minutes store', () => {
  it('builds the draft from what was captured, with the recorder’s summary', async () => {
    repos = freshRepos();
    const { meeting, item } = await meetingWithSession();
    await saveSummary(repos, meeting.id, item.id, 'Agreed to test staggered lunches.');
    await saveSummary(repos, meeting.id, item.id, 'Agreed to test staggered lunches for four weeks.');
    const state = await stateOf(meeting.id);
    expect(state.approval.status).toBe('draft');
    const texts = JSON.stringify(state.document.blocks);
    expect(texts).toContain('How might we cover lunches without overtime?');
    expect(texts).toContain('Agreed to test staggered lunches for four weeks.');
    expect(await repos.db.minutesSummaries.count()).toBe(1);
  });

  it('joint approval: both co-leads approve the same text, then it is frozen and locked', async () => {
    repos = freshRepos();
    const { meeting, item, ana, ben, cara } = await meetingWithSession();
    let state = await stateOf(meeting.id);
    // Someone who is not the team's management co-lead cannot approve for management.
    await expect(
      approveMinutes(repos, { meetingId: meeting.id, side: 'management', personId: cara.id, role: '', seenHash: state.liveHash, ...inRoom }),
    ).rejects.toThrow(/Only the team's management co-lead/);
    const first = await approveMinutes(repos, {
      meetingId: meeting.id,
      side: 'management',
      personId: ben.id,
      role: 'Management co-lead',
      seenHash: state.liveHash,
      ...inRoom,
    });
    expect(first.version).toBeNull();
    // An edit after management approved: the union co-lead read an older text, so nothing is approved.
    await saveSummary(repos, meeting.id, item.id, 'Changed after management approved');
    await expect(
      approveMinutes(repos, { meetingId: meeting.id, side: 'union', personId: ana.id, role: '', seenHash: state.liveHash, ...inRoom }),
    ).rejects.toThrow(/changed while you were reading/);
    state = await stateOf(meeting.id);
    expect(state.approval.approvals).toEqual([]); // management's approval was of the old text
    await approveMinutes(repos, { meetingId: meeting.id, side: 'union', personId: ana.id, role: 'Union co-lead', seenHash: state.liveHash, ...inRoom });
    expect((await stateOf(meeting.id)).approval.status).toBe('draft');
    const done = await approveMinutes(repos, {
      meetingId: meeting.id,
      side: 'management',
      personId: ben.id,
      role: 'Management co-lead',
      seenHash: state.liveHash,
      ...inRoom,
    });
    expect(done.version?.number).toBe(1);
    expect(done.version?.approvals.map((a) => `${a.side}:${a.name}`)).toEqual(['management:Ben Okafor', 'union:Ana Torres']);

    state = await stateOf(meeting.id);
    expect(state.approval.status).toBe('approved');
    // Locked: summaries are refused; a later change to the meeting does not touch the approved text.
    await expect(saveSummary(repos, meeting.id, item.id, 'sneaky edit')).rejects.toThrow(/approved and locked/);
    await repos.meetings.update(meeting.id, { location: 'Room 9' });
    state = await stateOf(meeting.id);
    expect(JSON.stringify(state.document.blocks)).toContain('Room 3');
    expect(JSON.stringify(state.live.blocks)).toContain('Room 9');
    await expect(
      approveMinutes(repos, { meetingId: meeting.id, side: 'union', personId: ana.id, role: '', seenHash: state.liveHash, ...inRoom }),
    ).rejects.toThrow(/locked/);
  });

  it('an amendment keeps the approved version and is approved the same way', async () => {
    repos = freshRepos();
    const { meeting, item, ana, ben } = await meetingWithSession();
    const approveBoth = async () => {
      const { liveHash } = await stateOf(meeting.id);
      await approveMinutes(repos, { meetingId: meeting.id, side: 'union', personId: ana.id, role: 'Union co-lead', seenHash: liveHash, ...inRoom });
      return approveMinutes(repos, { meetingId: meeting.id, side: 'management', personId: ben.id, role: 'Management co-lead', seenHash: liveHash, ...inRoom });
    };
    await approveBoth();
    await expect(startAmendment(repos, meeting.id, '  ')).rejects.toThrow(/Say why/);
    await startAmendment(repos, meeting.id, 'Location was wrong');
    await saveSummary(repos, meeting.id, item.id, 'Corrected summary');
    let state = await stateOf(meeting.id);
    expect(state.approval).toMatchObject({ status: 'draft', version: 2, amendmentReason: 'Location was wrong' });
    expect(state.previous?.number).toBe(1);
    expect(state.previous?.markdown).not.toContain('Corrected summary');
    // Discarding an amendment started by mistake restores the approved version as it was.
    await discardAmendment(repos, meeting.id);
    expect((await stateOf(meeting.id)).approval).toMatchObject({ status: 'approved', version: 1 });
    await startAmendment(repos, meeting.id, 'Location was wrong');
    const v2 = await approveBoth();
    expect(v2.version?.number).toBe(2);
    state = await stateOf(meeting.id);
    expect(state.approval).toMatchObject({ status: 'approved', version: 2, amendmentReason: 'Location was wrong' });
    expect(state.approval.history.map((h) => h.number)).toEqual([1]);
    expect(await repos.db.minutesVersions.count()).toBe(2);
    expect(JSON.stringify(state.document.blocks)).toContain('Corrected summary');
  });

  it('includes the improvement work reviewed at the meeting, with its run chart', async () => {
    repos = freshRepos();
    const { team, meeting } = await meetingWithSession();
    const project = await repos.improvementProjects.create({
      teamId: team.id,
      title: 'Shorter pickup waits',
      aim: 'Cut the median wait from 22 to 12 minutes by June 2027',
      status: 'active',
    });
    const other = await repos.improvementProjects.create({ teamId: team.id, title: 'Not reviewed this time' });
    const measure = await repos.measures.create({
      projectId: project.id,
      name: 'Median wait',
      kind: 'outcome',
      direction: 'down',
      unit: 'minutes',
      target: 12,
      baseline: 22,
      position: 1,
    });
    await repos.dataPoints.createMany([22, 24, 18, 16].map((value, i) => ({ measureId: measure.id, date: `2026-10-0${i + 1}`, value })));
    await repos.pdsaCycles.create({
      projectId: project.id,
      number: 1,
      title: 'Text when ready',
      prediction: 'Waits fall',
      measureIds: [measure.id],
      reviewedMeetingId: meeting.id,
      plannedOn: '2026-10-02',
    });
    await repos.pdsaCycles.create({ projectId: other.id, number: 1, title: 'Elsewhere', reviewedMeetingId: null });
    const text = JSON.stringify((await stateOf(meeting.id)).document.blocks);
    expect(text).toContain('Improvement work reviewed');
    expect(text).toContain('Shorter pickup waits');
    expect(text).toContain('Cycle 1: Text when ready');
    expect(text).toContain('<svg');
    expect(text).not.toContain('Not reviewed this time');
  });

  it('finds a body’s meetings in a date range for a batch export', async () => {
    repos = freshRepos();
    const { team } = await meetingWithSession();
    await repos.meetings.create({ bodyKind: 'team', bodyId: team.id, title: 'December', startsAt: '2026-12-15T09:00' });
    await repos.meetings.create({ bodyKind: 'team', bodyId: team.id, title: 'January', startsAt: '2027-01-12T09:00' });
    expect((await meetingsInRange(repos, team.id, '2026-11-24', '2026-12-15')).map((m) => m.title)).toEqual(['November', 'December']);
  });
});
