/**
 * Commands that replaced writes made straight from screens: each keeps its rule in its own
 * transaction, reading the stored row rather than the screen's copy.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setClockFixed } from '@shared/clock';
import type { Repositories } from '@renderer/db/repositories';
import { ValidationError } from '@renderer/db/errors';
import { addActionItem, setActionItemStatus } from '@renderer/features/actions/commands';
import {
  addInterest,
  addOption,
  mergeOption,
  rewritePositionAsInterest,
  setCriteriaAgreed,
  startSession,
  toggleInterestSide,
  toggleShortlisted,
} from '@renderer/features/ibps/commands';
import { addAgendaItem, removeAgendaItem, restoreAgendaItem } from '@renderer/features/meetings/commands';
import { agendaOf } from '@renderer/features/meetings/queries';
import { addMeasure, createProject, removeDataPoint, restoreDataPoint, setDataPoint } from '@renderer/features/rim/commands';
import { updateCharter } from '@renderer/features/roster/commands';
import { freshRepos } from '../db/helpers';

let repos: Repositories;
afterEach(async () => {
  repos?.db.close();
  if (repos) await repos.db.delete();
});

async function meetingOfTeam() {
  repos = freshRepos();
  const council = await repos.councils.create({ name: 'Local Council', level: 'local' });
  const team = await repos.teams.create({ councilId: council.id, name: 'Pharmacy UBT' });
  const meeting = await repos.meetings.create({ bodyKind: 'team', bodyId: team.id, title: 'Nov', startsAt: '2026-11-24T09:00' });
  return { team, meeting };
}

describe('commands', () => {
  it('two sides tapped on an interest in quick succession both stick', async () => {
    const { meeting } = await meetingOfTeam();
    const session = await startSession(repos, meeting, null);
    const interest = await addInterest(repos, session.id, { text: 'Predictable breaks' });
    await Promise.all([toggleInterestSide(repos, interest.id, 'union'), toggleInterestSide(repos, interest.id, 'management')]);
    expect((await repos.interests.require(interest.id)).sides.sort()).toEqual(['management', 'union']);
  });

  it('a position rewritten as an interest keeps the words of the position', async () => {
    const { meeting } = await meetingOfTeam();
    const session = await startSession(repos, meeting, null);
    const position = await addInterest(repos, session.id, { text: 'Hire two more techs', isPosition: true });
    await expect(rewritePositionAsInterest(repos, position.id, '  ')).rejects.toBeInstanceOf(ValidationError);
    const rewritten = await rewritePositionAsInterest(repos, position.id, 'Fills ready before the lunch rush');
    expect(rewritten).toMatchObject({ text: 'Fills ready before the lunch rush', isPosition: false, convertedFromPosition: 'Hire two more techs' });
  });

  it('a double click on shortlist toggles twice from the stored option, never loses one', async () => {
    const { meeting } = await meetingOfTeam();
    const session = await startSession(repos, meeting, null);
    const option = await addOption(repos, session.id, { text: 'Stagger lunches' });
    await Promise.all([toggleShortlisted(repos, option.id), toggleShortlisted(repos, option.id)]);
    expect((await repos.options.require(option.id)).shortlisted).toBe(false);
    await toggleShortlisted(repos, option.id);
    expect((await repos.options.require(option.id)).shortlisted).toBe(true);
  });

  it('an option is merged only with the agreement recorded, into another standing option of the session', async () => {
    const { meeting } = await meetingOfTeam();
    const session = await startSession(repos, meeting, null);
    const a = await addOption(repos, session.id, { text: 'Stagger lunches', suggestedByName: 'Ana Torres' });
    const b = await addOption(repos, session.id, { text: 'Lunches in two waves' });
    await expect(mergeOption(repos, a.id, b.id, ' ')).rejects.toBeInstanceOf(ValidationError);
    await expect(mergeOption(repos, a.id, a.id, 'Ana Torres')).rejects.toBeInstanceOf(ValidationError);
    setClockFixed('2026-11-24T17:20:00.000Z');
    const merged = await mergeOption(repos, a.id, b.id, 'Ana Torres');
    expect(merged).toMatchObject({ mergedIntoId: b.id, mergeConfirmation: { confirmedByName: 'Ana Torres', at: '2026-11-24T17:20:00.000Z' } });
  });

  it('agreeing the criteria marks the step done; reopening keeps the step status', async () => {
    const { meeting } = await meetingOfTeam();
    const session = await startSession(repos, meeting, null);
    const agreed = await setCriteriaAgreed(repos, session.id, true);
    expect(agreed.criteriaAgreedAt).not.toBeNull();
    expect(agreed.stepStatus.criteria).toBe('done');
    const reopened = await setCriteriaAgreed(repos, session.id, false);
    expect(reopened.criteriaAgreedAt).toBeNull();
  });

  it('an action item marked done carries the day it was done, and loses it when reopened', async () => {
    const { team, meeting } = await meetingOfTeam();
    const item = await addActionItem(repos, { bodyKind: 'team', bodyId: team.id, meetingId: meeting.id, what: 'Post the schedule' });
    setClockFixed('2026-12-02T08:00:00.000Z');
    expect((await setActionItemStatus(repos, item.id, 'done')).doneAt).toBe('2026-12-02T08:00:00.000Z');
    expect((await setActionItemStatus(repos, item.id, 'open')).doneAt).toBeNull();
  });

  it('undoing a removed agenda item puts back exactly that row, in its place', async () => {
    const { meeting } = await meetingOfTeam();
    for (const title of ['Welcome', 'Lunch coverage', 'Plus/delta']) await addAgendaItem(repos, { meetingId: meeting.id, title });
    const [, middle] = await agendaOf(repos, meeting.id);
    const removed = await removeAgendaItem(repos, middle!.id);
    expect((await agendaOf(repos, meeting.id)).map((i) => i.title)).toEqual(['Welcome', 'Plus/delta']);
    await restoreAgendaItem(repos, removed!);
    expect(await agendaOf(repos, meeting.id)).toEqual(expect.arrayContaining([expect.objectContaining({ id: middle!.id, title: 'Lunch coverage' })]));
    expect((await agendaOf(repos, meeting.id)).map((i) => i.title)).toEqual(['Welcome', 'Lunch coverage', 'Plus/delta']);
  });

  it('undoing a removed data point is refused when another point took its date meanwhile', async () => {
    const { team } = await meetingOfTeam();
    const project = await createProject(repos, { teamId: team.id, title: 'Fewer falls' });
    const measure = await addMeasure(repos, project.id, { name: 'Falls per week', kind: 'outcome', direction: 'down' });
    const point = await setDataPoint(repos, measure.id, '2026-11-02', 3);
    const removed = await removeDataPoint(repos, point.id);
    await setDataPoint(repos, measure.id, '2026-11-02', 4);
    await expect(restoreDataPoint(repos, removed!)).rejects.toThrow(/already a point on Nov 2, 2026/);
    expect((await repos.db.dataPoints.where('measureId').equals(measure.id).toArray()).map((p) => p.value)).toEqual([4]);
  });

  it('two charter fields saved in quick succession both stick', async () => {
    const { team } = await meetingOfTeam();
    await Promise.all([
      updateCharter(repos, team.id, { purpose: 'Safe, timely fills' }),
      updateCharter(repos, team.id, { whenConsensusFails: 'Escalate to sponsors' }),
    ]);
    expect((await repos.teams.require(team.id)).charter).toMatchObject({ purpose: 'Safe, timely fills', whenConsensusFails: 'Escalate to sponsors' });
  });
});
