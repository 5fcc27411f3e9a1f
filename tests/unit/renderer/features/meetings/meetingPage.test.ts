/** The meeting page reads the people it names, not the whole roster (which pickers fetch when opened). */
import { afterEach, describe, expect, it } from 'vitest';
import type { Repositories } from '@renderer/db/repositories';
import { meetingPage } from '@renderer/features/meetings/queries';
import { setAttendance, updateMeeting } from '@renderer/features/meetings/commands';
import { addMember } from '@renderer/features/roster/commands';
import { freshRepos } from '../../db/helpers';

let repos: Repositories;
afterEach(async () => {
  repos?.db.close();
  if (repos) await repos.db.delete();
});

describe('meeting page people', () => {
  it('has the members, and of everyone else only a facilitator from outside, a co-lead and someone on the roll call', async () => {
    repos = freshRepos();
    const council = await repos.councils.create({ name: 'Riverside Local Council', level: 'local' });
    const ana = await repos.people.create({ name: 'Ana Torres', side: 'union' });
    const grace = await repos.people.create({ name: 'Grace Liu', side: 'management' });
    const team = await repos.teams.create({ councilId: council.id, name: 'Pharmacy UBT', managementCoLeadId: grace.id });
    const facilitator = await repos.people.create({ name: 'Priya Shah', side: 'management' });
    const former = await repos.people.create({ name: 'Marcus Bell', side: 'union' });
    await repos.people.createMany(Array.from({ length: 40 }, (_, i) => ({ name: `Roster person ${i + 1}`, side: 'union' as const })));
    await addMember(repos, ana.id, 'team', team.id);
    const meeting = await repos.meetings.create({ bodyKind: 'team', bodyId: team.id, title: 'November UBT meeting', startsAt: '2026-11-24T09:00' });
    await updateMeeting(repos, meeting.id, { facilitatorId: facilitator.id });
    await setAttendance(repos, meeting.id, former.id, 'present');

    const page = await meetingPage(repos, meeting.id);
    expect(page.detail?.members.map((m) => m.name)).toEqual(['Ana Torres']);
    expect(page.people?.map((p) => p.name).sort()).toEqual(['Grace Liu', 'Marcus Bell', 'Priya Shah']);
  });
});
