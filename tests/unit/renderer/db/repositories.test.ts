import { afterEach, describe, expect, it } from 'vitest';
import { ValidationError, NotFoundError } from '@renderer/db/errors';
import { addMember, removeMember, setArchived } from '@renderer/features/roster/commands';
import { membersOf } from '@renderer/features/roster/queries';
import { addAgendaItem, moveAgendaItem, setAttendance } from '@renderer/features/meetings/commands';
import { agendaOf, listMeetings, loadMeetingDetail } from '@renderer/features/meetings/queries';
import { freshRepos } from './helpers';
import type { Repositories } from '@renderer/db/repositories';

let repos: Repositories;
afterEach(async () => {
  repos?.db.close();
  if (repos) await repos.db.delete();
});

describe('repositories', () => {
  it('creates a council with an id, timestamps and defaults, and reads it back', async () => {
    repos = freshRepos();
    const council = await repos.councils.create({ name: '  Northern California Regional Council ', level: 'regional', region: 'Northern California' });
    expect(council.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(council.name).toBe('Northern California Regional Council');
    expect(council.quorum.percentOfMembers).toBe(51);
    expect(council.archivedAt).toBeNull();
    expect(await repos.councils.get(council.id)).toEqual(council);
  });

  it('rejects invalid input with field messages and stores nothing', async () => {
    repos = freshRepos();
    const attempt = repos.people.create({ name: '', side: 'management', email: 'not-an-email' });
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    const error = (await attempt.catch((e: unknown) => e)) as ValidationError;
    expect(error.forField('name')).toBe('Name is required');
    expect(error.forField('email')).toBe('must be a valid email address');
    expect(await repos.db.people.count()).toBe(0);
  });

  it('refuses union and local for a non-union person', async () => {
    repos = freshRepos();
    await expect(repos.people.create({ name: 'Dana Reyes', side: 'management', union: 'SEIU-UHW' })).rejects.toThrow(/union and local apply only/);
  });

  it('update validates the merged record and keeps createdAt; a bad patch changes nothing', async () => {
    repos = freshRepos();
    const person = await repos.people.create({ name: 'Marisol Vega', side: 'union', union: 'OPEIU', local: '30' });
    const updated = await repos.people.update(person.id, { roleTitles: ['RN', 'Union co-lead'] });
    expect(updated.createdAt).toBe(person.createdAt);
    expect(updated.roleTitles).toEqual(['RN', 'Union co-lead']);
    await expect(repos.people.update(person.id, { side: 'management' })).rejects.toThrow(ValidationError);
    expect((await repos.people.get(person.id))?.side).toBe('union');
    await expect(repos.people.update('0190aaaa-0000-7000-8000-000000000000', { name: 'x' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('team charter defaults come from the partnership ground rules and validate quorum numbers', async () => {
    repos = freshRepos();
    const council = await repos.councils.create({ name: 'Local Council', level: 'local' });
    const team = await repos.teams.create({ councilId: council.id, name: 'Pharmacy UBT' });
    expect(team.charter.consensusMethod).toBe('fist-to-five');
    expect(team.charter.groundRules.length).toBeGreaterThan(3);
    await expect(
      repos.teams.update(team.id, {
        charter: { ...team.charter, meetingQuorum: { percentOfMembers: 140, minPerSide: { management: 1, union: 1, physician: 0 } } },
      }),
    ).rejects.toThrow(/100/);
  });

  it('memberships are unique per person and body, and archived people drop out of member lists', async () => {
    repos = freshRepos();
    const council = await repos.councils.create({ name: 'Local Council', level: 'local' });
    const a = await repos.people.create({ name: 'Ana Torres', side: 'union', union: 'UNAC/UHCP', local: '7' });
    const b = await repos.people.create({ name: 'Ben Okafor', side: 'management' });
    await addMember(repos, a.id, 'council', council.id);
    await addMember(repos, a.id, 'council', council.id);
    await addMember(repos, b.id, 'council', council.id);
    expect((await membersOf(repos, council.id)).map((p) => p.name)).toEqual(['Ana Torres', 'Ben Okafor']);
    await setArchived(repos, 'people', b.id, true);
    expect((await membersOf(repos, council.id)).map((p) => p.name)).toEqual(['Ana Torres']);
    await removeMember(repos, a.id, council.id);
    expect(await membersOf(repos, council.id)).toEqual([]);
  });

  it('agenda items keep their order, can be moved, and attendance is one row per member', async () => {
    repos = freshRepos();
    const council = await repos.councils.create({ name: 'Local Council', level: 'local' });
    const meeting = await repos.meetings.create({ bodyKind: 'council', bodyId: council.id, title: 'March council', startsAt: '2026-03-14T09:30' });
    const first = await addAgendaItem(repos, { meetingId: meeting.id, title: 'Clarify the objective' });
    const second = await addAgendaItem(repos, { meetingId: meeting.id, title: 'Review roles' });
    const third = await addAgendaItem(repos, { meetingId: meeting.id, title: 'Work the items', type: 'ibps' });
    await moveAgendaItem(repos, third.id, -1);
    expect((await agendaOf(repos, meeting.id)).map((i) => i.id)).toEqual([first.id, third.id, second.id]);
    await moveAgendaItem(repos, first.id, -1); // already first: no-op
    expect((await agendaOf(repos, meeting.id))[0]!.id).toBe(first.id);

    const p = await repos.people.create({ name: 'Ana Torres', side: 'union' });
    await addMember(repos, p.id, 'council', council.id);
    await setAttendance(repos, meeting.id, p.id, 'present');
    await setAttendance(repos, meeting.id, p.id, 'absent');
    const detail = await loadMeetingDetail(repos, meeting.id);
    expect(detail?.attendance).toHaveLength(1);
    expect(detail?.attendance[0]!.status).toBe('absent');
    expect(detail?.members.map((m) => m.id)).toEqual([p.id]);
  });

  it('agenda items typed in quick succession (Enter, Enter, Enter) each get their own place', async () => {
    repos = freshRepos();
    const council = await repos.councils.create({ name: 'Local Council', level: 'local' });
    const meeting = await repos.meetings.create({ bodyKind: 'council', bodyId: council.id, title: 'March council', startsAt: '2026-03-14T09:30' });
    // Not awaited one by one: each add starts before the one before it has written.
    const titles = ['Clarify the objective', 'Lunch coverage', 'Plus/delta'];
    await Promise.all(titles.map((title) => addAgendaItem(repos, { meetingId: meeting.id, title })));
    const agenda = await agendaOf(repos, meeting.id);
    expect(agenda.map((i) => i.title)).toEqual(titles);
    expect(new Set(agenda.map((i) => i.position)).size).toBe(3);
    // So a move always separates them.
    await Promise.all([moveAgendaItem(repos, agenda[2]!.id, -1), moveAgendaItem(repos, agenda[2]!.id, -1)]);
    expect((await agendaOf(repos, meeting.id)).map((i) => i.title)).toEqual(['Plus/delta', 'Clarify the objective', 'Lunch coverage']);
  });

  it('lists meetings newest first with their body names, also per body', async () => {
    repos = freshRepos();
    const council = await repos.councils.create({ name: 'Local Council', level: 'local' });
    const team = await repos.teams.create({ councilId: council.id, name: 'ICU UBT' });
    await repos.meetings.create({ bodyKind: 'council', bodyId: council.id, title: 'Jan', startsAt: '2026-01-10T09:00' });
    await repos.meetings.create({ bodyKind: 'team', bodyId: team.id, title: 'Feb', startsAt: '2026-02-10T09:00' });
    await repos.meetings.create({ bodyKind: 'council', bodyId: council.id, title: 'Mar', startsAt: '2026-03-10T09:00' });
    const all = await listMeetings(repos);
    expect(all.map((e) => `${e.meeting.title}@${e.bodyName}`)).toEqual(['Mar@Local Council', 'Feb@ICU UBT', 'Jan@Local Council']);
    expect((await listMeetings(repos, { bodyId: council.id })).map((e) => e.meeting.title)).toEqual(['Mar', 'Jan']);
  });

  it('createMany validates every row first: one bad row writes nothing', async () => {
    repos = freshRepos();
    await expect(
      repos.people.createMany([
        { name: 'Ana Torres', side: 'union' },
        { name: 'Bad Side', side: 'contractor' as never },
      ]),
    ).rejects.toThrow(ValidationError);
    expect(await repos.db.people.count()).toBe(0);
  });
});
