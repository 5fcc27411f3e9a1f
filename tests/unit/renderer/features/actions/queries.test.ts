/** The Action items page: search, owner and team filters over every body's items, with the meeting they came from. */
import { afterEach, describe, expect, it } from 'vitest';
import type { Repositories } from '@renderer/db/repositories';
import { addActionItem, updateActionItem } from '@renderer/features/actions/commands';
import { actionsPage, matchesActionSearch, type ActionSearch } from '@renderer/features/actions/queries';
import { freshRepos } from '../../db/helpers';

let repos: Repositories;
afterEach(async () => {
  repos?.db.close();
  if (repos) await repos.db.delete();
});

describe('action items search', () => {
  it('finds items by words, owner (or no owner) and council or team, and knows each item’s meeting date', async () => {
    repos = freshRepos();
    const council = await repos.councils.create({ name: 'Riverside Local Council', level: 'local' });
    const team = await repos.teams.create({ councilId: council.id, name: 'Pharmacy UBT' });
    const grace = await repos.people.create({ name: 'Grace Liu', side: 'management' });
    const teamMeeting = await repos.meetings.create({ bodyKind: 'team', bodyId: team.id, title: 'November UBT meeting', startsAt: '2026-11-24T09:00' });
    const councilMeeting = await repos.meetings.create({ bodyKind: 'council', bodyId: council.id, title: 'Council review', startsAt: '2026-11-10T14:00' });
    const lunch = await addActionItem(repos, {
      bodyKind: 'team',
      bodyId: team.id,
      meetingId: teamMeeting.id,
      what: 'Draft the two-wave lunch schedule',
      ownerId: grace.id,
    });
    await updateActionItem(repos, lunch.id, { measure: 'Every tech takes a 30-minute lunch for four weeks' });
    await addActionItem(repos, { bodyKind: 'council', bodyId: council.id, meetingId: councilMeeting.id, what: 'Ask payroll about missed-break pay' });

    const page = await actionsPage(repos, 'open');
    expect(page.bodies.map((b) => b.name).sort()).toEqual(['Pharmacy UBT', 'Riverside Local Council']);
    const names = (id: string | null) => (id === grace.id ? 'Grace Liu' : '');
    const find = (search: Partial<ActionSearch>) =>
      page.rows.filter((r) => matchesActionSearch(r, { text: '', ownerId: null, bodyId: null, ...search }, names)).map((r) => r.item.what);

    expect(find({})).toHaveLength(2);
    expect(find({ text: 'LUNCH schedule' })).toEqual(['Draft the two-wave lunch schedule']);
    expect(find({ text: 'four weeks' })).toEqual(['Draft the two-wave lunch schedule']); // the measure is searched too
    expect(find({ text: 'grace' })).toEqual(['Draft the two-wave lunch schedule']); // and the owner's name
    expect(find({ text: 'council review' })).toEqual(['Ask payroll about missed-break pay']); // and the meeting
    expect(find({ ownerId: grace.id })).toEqual(['Draft the two-wave lunch schedule']);
    expect(find({ ownerId: 'none' })).toEqual(['Ask payroll about missed-break pay']);
    expect(find({ bodyId: council.id })).toEqual(['Ask payroll about missed-break pay']);
    expect(find({ bodyId: team.id, text: 'payroll' })).toEqual([]);
    expect(page.rows.find((r) => r.item.id === lunch.id)).toMatchObject({ meetingStartsAt: '2026-11-24T09:00', bodyName: 'Pharmacy UBT' });
  });
});
