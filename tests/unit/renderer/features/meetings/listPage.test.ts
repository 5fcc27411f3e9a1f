/** The meetings list reads one page at a time, newest first; a search narrows by title or council/team name before paging. */
import { afterEach, describe, expect, it } from 'vitest';
import type { Repositories } from '@renderer/db/repositories';
import { meetingsListPage } from '@renderer/features/meetings/queries';
import { freshRepos } from '../../db/helpers';

let repos: Repositories;
afterEach(async () => {
  repos?.db.close();
  if (repos) await repos.db.delete();
});

/** 120 meetings: a council's monthly meetings from 2017 and a pharmacy team's every other month. */
async function history() {
  repos = freshRepos();
  const council = await repos.councils.create({ name: 'Riverside Local Council', level: 'local' });
  const team = await repos.teams.create({ councilId: council.id, name: 'Pharmacy UBT' });
  const inputs = Array.from({ length: 120 }, (_, i) => {
    const month = String((i % 12) + 1).padStart(2, '0');
    const year = 2017 + Math.floor(i / 12);
    return i % 2 === 0
      ? { bodyKind: 'council' as const, bodyId: council.id, title: `Council meeting ${year}-${month}`, startsAt: `${year}-${month}-10T14:00` }
      : { bodyKind: 'team' as const, bodyId: team.id, title: `Huddle ${year}-${month}`, startsAt: `${year}-${month}-12T09:00` };
  });
  await repos.meetings.createMany(inputs);
  return { council, team };
}

describe('meetings list pages', () => {
  it('pages through every meeting newest first, with the total and body names', async () => {
    await history();
    const first = await meetingsListPage(repos, { search: '', offset: 0, limit: 50 });
    expect(first.total).toBe(120);
    expect(first.any).toBe(true);
    expect(first.entries).toHaveLength(50);
    expect(first.entries[0]).toMatchObject({ meeting: { title: 'Huddle 2026-12' }, bodyName: 'Pharmacy UBT' });
    expect(first.entries[1]).toMatchObject({ meeting: { title: 'Council meeting 2026-11' }, bodyName: 'Riverside Local Council' });

    const last = await meetingsListPage(repos, { search: '', offset: 100, limit: 50 });
    expect(last.entries.map((e) => e.meeting.title).at(-1)).toBe('Council meeting 2017-01');
    expect(last.entries).toHaveLength(20);

    // Every meeting appears exactly once across the pages, in time order.
    const pages = await Promise.all([0, 50, 100].map((offset) => meetingsListPage(repos, { search: '', offset, limit: 50 })));
    const startsAt = pages.flatMap((p) => p.entries.map((e) => e.meeting.startsAt));
    expect(new Set(startsAt).size).toBe(120);
    expect(startsAt).toEqual([...startsAt].sort().reverse());
  });

  it('a search matches every word in the title or the body name, then pages the matches', async () => {
    await history();
    const pharmacy = await meetingsListPage(repos, { search: 'pharmacy', offset: 0, limit: 50 });
    expect(pharmacy.total).toBe(60);
    expect(pharmacy.entries.every((e) => e.bodyName === 'Pharmacy UBT')).toBe(true);

    const one = await meetingsListPage(repos, { search: '  HUDDLE   2019-04 ', offset: 0, limit: 50 });
    expect(one.entries.map((e) => e.meeting.title)).toEqual(['Huddle 2019-04']);

    const second = await meetingsListPage(repos, { search: 'riverside 2018', offset: 5, limit: 5 });
    expect(second.total).toBe(6);
    expect(second.entries.map((e) => e.meeting.title)).toEqual(['Council meeting 2018-01']);

    const none = await meetingsListPage(repos, { search: 'radiology', offset: 0, limit: 50 });
    expect(none).toMatchObject({ total: 0, entries: [], any: true });
  });

  it('an empty laptop has no meetings at all, which the screen tells apart from a search with no match', async () => {
    repos = freshRepos();
    expect(await meetingsListPage(repos, { search: '', offset: 0, limit: 50 })).toEqual({ entries: [], offset: 0, total: 0, any: false });
  });
});
