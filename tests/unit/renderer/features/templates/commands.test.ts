import { afterEach, describe, expect, it } from 'vitest';
import type { Repositories } from '@renderer/db/repositories';
import { ValidationError } from '@renderer/db/errors';
import { addAgendaItem, updateMeeting } from '@renderer/features/meetings/commands';
import { agendaOf } from '@renderer/features/meetings/queries';
import {
  removeTemplate,
  renameTemplate,
  saveMeetingAsTemplate,
  setTemplateRecurrence,
  startMeetingFromDraft,
  startMeetingFromTemplate,
  startNextInSeries,
} from '@renderer/features/templates/commands';
import { preReadInputOf, templatesOfBody } from '@renderer/features/templates/queries';
import { builtInTemplate, BUILT_IN_TEMPLATE_KEYS } from '@shared/meetings/builtInTemplates';
import { freshRepos } from '../../db/helpers';
import { templatesT } from './translate';

let repos: Repositories;
afterEach(async () => {
  repos?.db.close();
  if (repos) await repos.db.delete();
});

async function teamWithMeeting() {
  repos = freshRepos();
  const council = await repos.councils.create({ name: 'Local Council', level: 'local' });
  const team = await repos.teams.create({ councilId: council.id, name: 'Pharmacy UBT' });
  const ana = await repos.people.create({ name: 'Ana Reyes', side: 'union' });
  const ben = await repos.people.create({ name: 'Ben Ortiz', side: 'management' });
  const meeting = await repos.meetings.create({
    bodyKind: 'team',
    bodyId: team.id,
    title: 'Pharmacy monthly',
    startsAt: '2026-11-10T09:00',
    durationMinutes: 60,
    location: 'Room 3',
    objective: 'Agree the holiday coverage plan',
    facilitatorId: ana.id,
    recorderId: ben.id,
  });
  await addAgendaItem(repos, {
    meetingId: meeting.id,
    title: 'Review actions',
    type: 'discussion',
    timeBoxMinutes: 10,
    presenter: 'Ana Reyes',
    notes: 'said in the room',
  });
  await addAgendaItem(repos, { meetingId: meeting.id, title: 'Holiday coverage', type: 'ibps', timeBoxMinutes: 40 });
  return { council, team, ana, ben, meeting };
}

describe('meeting templates', () => {
  it('a meeting saved as a template keeps its agenda with types, times and presenters, roles and objective, but not its notes', async () => {
    const { team, ana, ben, meeting } = await teamWithMeeting();
    const template = await saveMeetingAsTemplate(repos, meeting.id, 'Monthly pharmacy UBT');
    expect(template).toMatchObject({ bodyKind: 'team', bodyId: team.id, name: 'Monthly pharmacy UBT', title: 'Pharmacy monthly', durationMinutes: 60 });
    expect(template).toMatchObject({
      objective: 'Agree the holiday coverage plan',
      location: 'Room 3',
      facilitatorId: ana.id,
      recorderId: ben.id,
      recurrence: null,
    });
    const [entry] = await templatesOfBody(repos, team.id);
    expect(entry!.items.map(({ title, type, timeBoxMinutes, presenter }) => ({ title, type, timeBoxMinutes, presenter }))).toEqual([
      { title: 'Review actions', type: 'discussion', timeBoxMinutes: 10, presenter: 'Ana Reyes' },
      { title: 'Holiday coverage', type: 'ibps', timeBoxMinutes: 40, presenter: '' },
    ]);
    expect(entry!.items.some((i) => 'notes' in i)).toBe(false);
  });

  it('a template is saved from what is stored, and a blank name is refused without writing anything', async () => {
    const { team, meeting } = await teamWithMeeting();
    await updateMeeting(repos, meeting.id, { objective: 'Changed objective' });
    await expect(saveMeetingAsTemplate(repos, meeting.id, '   ')).rejects.toBeInstanceOf(ValidationError);
    expect(await templatesOfBody(repos, team.id)).toEqual([]);
    expect(await repos.db.templateItems.count()).toBe(0);
    const template = await saveMeetingAsTemplate(repos, meeting.id, 'Monthly');
    expect(template.objective).toBe('Changed objective');
  });

  it('a meeting started from a template gets its agenda, roles and objective; editing it leaves the template alone', async () => {
    const { team, ana, meeting } = await teamWithMeeting();
    const template = await saveMeetingAsTemplate(repos, meeting.id, 'Monthly');
    const next = await startMeetingFromTemplate(repos, template.id, '2026-12-08T09:00');
    expect(next).toMatchObject({
      bodyId: team.id,
      title: 'Pharmacy monthly',
      startsAt: '2026-12-08T09:00',
      facilitatorId: ana.id,
      objective: 'Agree the holiday coverage plan',
    });
    const agenda = await agendaOf(repos, next.id);
    expect(agenda.map((i) => [i.title, i.type, i.timeBoxMinutes, i.notes])).toEqual([
      ['Review actions', 'discussion', 10, ''],
      ['Holiday coverage', 'ibps', 40, ''],
    ]);
    await addAgendaItem(repos, { meetingId: next.id, title: 'Only this once' });
    const [entry] = await templatesOfBody(repos, team.id);
    expect(entry!.items).toHaveLength(2);
  });

  it('each built-in template starts a meeting with its agenda, in the language of the screens', async () => {
    const { team } = await teamWithMeeting();
    for (const key of BUILT_IN_TEMPLATE_KEYS) {
      const draft = builtInTemplate(key, templatesT('es'));
      const m = await startMeetingFromDraft(repos, draft, { kind: 'team', id: team.id }, '2026-12-01T09:00');
      const agenda = await agendaOf(repos, m.id);
      expect(agenda.length).toBeGreaterThan(3);
      expect(agenda.every((i) => i.title && !i.title.startsWith('builtIn.'))).toBe(true);
    }
    const ibps = builtInTemplate('ibpsSession', templatesT('es'));
    expect(ibps.title).toBe('Sesión de trabajo IBPS');
    expect(ibps.items.some((i) => i.type === 'ibps')).toBe(true);
  });

  it('a recurring series creates the next meeting on its next date, then the one after, never two on one date', async () => {
    const { team, meeting } = await teamWithMeeting();
    const template = await saveMeetingAsTemplate(repos, meeting.id, 'Monthly');
    await expect(startNextInSeries(repos, template.id, '2026-11-25T10:00')).rejects.toThrow(/does not repeat/);
    await setTemplateRecurrence(repos, template.id, { freq: 'monthly', nth: 2, weekday: 2, time: '09:30' });
    const [first, second] = await Promise.all([
      startNextInSeries(repos, template.id, '2026-11-25T10:00'),
      startNextInSeries(repos, template.id, '2026-11-25T10:00'),
    ]);
    expect([first!.startsAt, second!.startsAt].sort()).toEqual(['2026-12-08T09:30', '2027-01-12T09:30']);
    expect((await repos.meetingTemplates.require(template.id)).lastStartsAt).toBe('2027-01-12T09:30');
    // Months later the series picks up from today, not from a meeting long past.
    const later = await startNextInSeries(repos, template.id, '2027-06-20T08:00');
    expect(later.startsAt).toBe('2027-07-13T09:30');
    expect(await repos.db.meetings.where('bodyId').equals(team.id).count()).toBe(4);
  });

  it('a bad rule is refused and the series keeps its old one', async () => {
    const { meeting } = await teamWithMeeting();
    const template = await saveMeetingAsTemplate(repos, meeting.id, 'Monthly');
    await setTemplateRecurrence(repos, template.id, { freq: 'monthly', nth: 1, weekday: 1, time: '09:00' });
    await expect(setTemplateRecurrence(repos, template.id, { freq: 'monthly', nth: 1, weekday: 9, time: '09:00' })).rejects.toBeInstanceOf(ValidationError);
    expect((await repos.meetingTemplates.require(template.id)).recurrence).toEqual({ freq: 'monthly', nth: 1, weekday: 1, time: '09:00' });
    await renameTemplate(repos, template.id, 'First Monday');
    const removed = await removeTemplate(repos, template.id);
    expect(removed.template?.name).toBe('First Monday');
    expect(removed.items).toHaveLength(2);
    expect(await repos.db.templateItems.count()).toBe(0);
  });

  it("the series' next meeting inherits the open action items and parking-lot topics of the body's earlier meetings", async () => {
    const { team, ana, meeting } = await teamWithMeeting();
    await repos.actionItems.create({
      bodyKind: 'team',
      bodyId: team.id,
      meetingId: meeting.id,
      what: 'Post the holiday schedule',
      ownerId: ana.id,
      dueDate: '2026-11-20',
    });
    await repos.actionItems.create({ bodyKind: 'team', bodyId: team.id, meetingId: meeting.id, what: 'Order labels', status: 'done' });
    await repos.parkingLot.create({ bodyKind: 'team', bodyId: team.id, meetingId: meeting.id, text: 'Parking garage lighting' });
    const template = await saveMeetingAsTemplate(repos, meeting.id, 'Monthly');
    await setTemplateRecurrence(repos, template.id, { freq: 'monthly', nth: 2, weekday: 2, time: '09:00' });
    const next = await startNextInSeries(repos, template.id, '2026-11-25T10:00');
    const input = await preReadInputOf(repos, next.id);
    expect(input!.carriedActions).toEqual([
      { what: 'Post the holiday schedule', owner: 'Ana Reyes', dueDate: '2026-11-20', overdue: true, fromStartsAt: '2026-11-10T09:00' },
    ]);
    expect(input!.parkingLot).toEqual([{ text: 'Parking garage lighting', fromStartsAt: '2026-11-10T09:00' }]);
    expect(input!.roles).toEqual({ facilitator: 'Ana Reyes', recorder: 'Ben Ortiz', timekeeper: null });
    expect(input!.bodyName).toBe('Pharmacy UBT');
  });
});
