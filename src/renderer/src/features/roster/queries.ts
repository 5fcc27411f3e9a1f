import type { Council, Person, Team } from '@shared/model';

import type { Repositories } from '../../db/repositories';

/** Members of a body with their person record, active people only, by name. */
export async function membersOf(repos: Repositories, bodyId: string): Promise<Person[]> {
  const memberships = await repos.db.memberships.where('bodyId').equals(bodyId).toArray();
  const people = await repos.db.people.bulkGet(memberships.map((m) => m.personId));
  return people.filter((p): p is Person => Boolean(p) && !p!.archivedAt).sort((a, b) => a.name.localeCompare(b.name));
}

/** Everyone on the roster, by name (archived people included: screens decide whether to show them). */
export const peopleByName = (repos: Repositories): Promise<Person[]> => repos.db.people.orderBy('name').toArray();

/** Councils and teams by name, for the roster's lists and pickers. */
export async function councilsAndTeams(repos: Repositories): Promise<{ councils: Council[]; teams: Team[] }> {
  const [councils, teams] = await Promise.all([repos.db.councils.orderBy('name').toArray(), repos.db.teams.orderBy('name').toArray()]);
  return { councils, teams };
}

/** What a council's page shows: the council, every council (for pickers) and its teams by name. */
export async function councilPage(repos: Repositories, councilId: string) {
  const [council, councils, teams] = await Promise.all([
    repos.councils.get(councilId),
    repos.db.councils.toArray(),
    repos.db.teams.where('councilId').equals(councilId).sortBy('name'),
  ]);
  return { council, councils, teams };
}

/** What a team's page shows: the team, councils and people by name. */
export async function teamPage(repos: Repositories, teamId: string) {
  const [team, councils, people] = await Promise.all([repos.teams.get(teamId), repos.db.councils.orderBy('name').toArray(), peopleByName(repos)]);
  return { team, councils, people };
}

/** Active councils and teams as picker groups (meetings belong to one of them). */
export async function bodyOptions(repos: Repositories) {
  const { councils, teams } = await councilsAndTeams(repos);
  return [
    { group: 'Councils', items: councils.filter((c) => !c.archivedAt).map((c) => ({ value: `council:${c.id}`, label: c.name })) },
    { group: 'Teams', items: teams.filter((t) => !t.archivedAt).map((t) => ({ value: `team:${t.id}`, label: t.name })) },
  ];
}
