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

  it('marks items agreed in approved minutes as locked, and only those', async () => {
    repos = freshRepos();
    const council = await repos.councils.create({ name: 'Riverside Local Council', level: 'local' });
    const approved = await repos.meetings.create({ bodyKind: 'council', bodyId: council.id, title: 'October council', startsAt: '2026-10-13T14:00' });
    const draft = await repos.meetings.create({ bodyKind: 'council', bodyId: council.id, title: 'November council', startsAt: '2026-11-10T14:00' });
    const agreed = await addActionItem(repos, { bodyKind: 'council', bodyId: council.id, meetingId: approved.id, what: 'Post the break schedule' });
    const open = await addActionItem(repos, { bodyKind: 'council', bodyId: council.id, meetingId: draft.id, what: 'Ask payroll about missed-break pay' });
    // Set-up only: the approval flow itself is tested with the minutes commands.
    await repos.minutes.create({ meetingId: approved.id, status: 'approved' }, { id: approved.id });
    await repos.minutes.create({ meetingId: draft.id }, { id: draft.id });

    const rows = (await actionsPage(repos, 'all')).rows;
    expect(rows.find((r) => r.item.id === agreed.id)?.recordLocked).toBe(true);
    expect(rows.find((r) => r.item.id === open.id)?.recordLocked).toBe(false);
  });

  it('each filter reads only the statuses it shows: open work, or finished items, or all', async () => {
    repos = freshRepos();
    const council = await repos.councils.create({ name: 'Riverside Local Council', level: 'local' });
    const meeting = await repos.meetings.create({ bodyKind: 'council', bodyId: council.id, title: 'October council', startsAt: '2026-10-13T14:00' });
    const statuses = ['open', 'in-progress', 'done', 'dropped'] as const;
    for (const status of statuses)
      await repos.actionItems.create({
        bodyKind: 'council',
        bodyId: council.id,
        meetingId: meeting.id,
        what: `An item ${status}`,
        status,
        dueDate: '2026-10-20',
      });
    const shown = async (filter: 'open' | 'overdue' | 'done' | 'all') => (await actionsPage(repos, filter, '2026-11-01')).rows.map((r) => r.item.status).sort();
    expect(await shown('open')).toEqual(['in-progress', 'open']);
    expect(await shown('overdue')).toEqual(['in-progress', 'open']);
    expect(await shown('done')).toEqual(['done', 'dropped']);
    expect(await shown('all')).toEqual(['done', 'dropped', 'in-progress', 'open']);
    expect((await actionsPage(repos, 'open', '2026-11-01')).total).toBe(4);
  });
});
