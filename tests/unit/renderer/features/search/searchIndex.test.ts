/** The app's search index over a real store: built lazily, kept current as records change. */
import { afterEach, describe, expect, it } from 'vitest';
import type { Repositories } from '@renderer/db/repositories';
import { addInterest, recordDecision, startSession } from '@renderer/features/ibps/commands';
import { LiveSearchIndex } from '@renderer/features/search/searchIndex';
import { freshRepos } from '../../db/helpers';

let repos: Repositories;
let index: LiveSearchIndex | undefined;
afterEach(async () => {
  index?.dispose();
  repos?.db.close();
  if (repos) await repos.db.delete();
});

const kindsFor = async (query: string) => (await index!.search(query)).flatMap((g) => g.hits.map((h) => `${h.doc.kind}:${h.doc.title}`));

describe('live search index', () => {
  it('finds what the store holds, and what is written, changed or removed after it was built', async () => {
    repos = freshRepos();
    const council = await repos.councils.create({ name: 'Harbor Regional Council', level: 'regional' });
    const team = await repos.teams.create({ councilId: council.id, name: 'Night Pharmacy UBT' });
    await repos.people.create({ name: 'Lucía Álvarez', side: 'physician' });
    const meeting = await repos.meetings.create({ bodyKind: 'team', bodyId: team.id, title: 'November UBT meeting', startsAt: '2026-11-24T09:00' });
    const session = await startSession(repos, meeting, null);
    await addInterest(repos, session.id, { text: 'Staff feel safe walking to the garage at 3 am' });
    index = new LiveSearchIndex(repos);

    expect(await kindsFor('alvarez')).toEqual(['person:Lucía Álvarez']);
    expect(index.documentCount).toBeGreaterThanOrEqual(5);

    // A decision recorded after the build is found, also by a word of the interests behind it.
    await recordDecision(repos, {
      sessionId: session.id,
      meetingId: meeting.id,
      consensusTestId: null,
      text: 'Reserve ten spaces near the entrance',
      dissent: '',
    });
    expect(await kindsFor('walking')).toEqual(
      expect.arrayContaining(['decision:Reserve ten spaces near the entrance', 'interest:Staff feel safe walking to the garage at 3 am']),
    );

    // A rename is found by its new words only; a removed record is gone.
    await repos.meetings.update(meeting.id, { title: 'December UBT meeting' });
    expect(await kindsFor('december')).toEqual(['meeting:December UBT meeting']);
    expect(await kindsFor('november')).toEqual([]);
    const person = (await repos.db.people.toArray())[0]!;
    await repos.people.remove(person.id);
    expect(await kindsFor('alvarez')).toEqual([]);
  });
});
