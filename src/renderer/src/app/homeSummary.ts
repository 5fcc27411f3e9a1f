import type { Repositories } from '../db/repositories';

// Its own module, not with the meetings queries: the home page is the first screen, and those
// bring the carry-forward, IBPS and minutes readers it does not need.

/** The home page: how much is on the roster, and the next five meetings from `now` (local yyyy-MM-ddTHH:mm). */
export async function homeSummary(repos: Repositories, now: string) {
  const { db } = repos;
  const [councils, teams, people, upcoming] = await Promise.all([
    db.councils.filter((c) => !c.archivedAt).count(),
    db.teams.filter((t) => !t.archivedAt).count(),
    db.people.filter((p) => !p.archivedAt).count(),
    db.meetings.where('startsAt').aboveOrEqual(now).limit(5).toArray(),
  ]);
  const bodies = await Promise.all(upcoming.map((m) => (m.bodyKind === 'team' ? repos.teams.get(m.bodyId) : repos.councils.get(m.bodyId))));
  const names = new Map(upcoming.map((m, i) => [m.id, bodies[i]?.name ?? '']));
  return { councils, teams, people, upcoming, names };
}
