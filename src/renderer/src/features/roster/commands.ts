import type { BodyKind, Charter, Council, CouncilInput, Person, PersonInput, Team, TeamInput } from '@shared/model';
import type { RosterRow, RowError } from '@shared/roster/csvImport';
import type { Repositories } from '../../db/repositories';
import { nowIso } from '@shared/clock';

// The roster's use cases: every write the roster screens make goes through one of these.

type Editable<R> = Partial<Omit<R, 'id' | 'createdAt' | 'updatedAt'>>;

export const createCouncil = (repos: Repositories, input: CouncilInput): Promise<Council> => repos.councils.create(input);

export const updateCouncil = (repos: Repositories, id: string, patch: Editable<Council>): Promise<Council> => repos.councils.update(id, patch);

export const createTeam = (repos: Repositories, input: TeamInput): Promise<Team> => repos.teams.create(input);

export const updateTeam = (repos: Repositories, id: string, patch: Editable<Team>): Promise<Team> => repos.teams.update(id, patch);

/** Charter edits start from the stored charter, so two fields saved in quick succession never undo each other. */
export const updateCharter = (repos: Repositories, teamId: string, patch: Partial<Charter>): Promise<Team> =>
  repos.teams.modify(teamId, (stored) => ({ charter: { ...stored.charter, ...patch } }));

/** Create a person, or save the edits to one. */
export const savePerson = (repos: Repositories, personId: string | null, input: PersonInput): Promise<Person> =>
  personId ? repos.people.update(personId, input) : repos.people.create(input);

/** Add a person to a council or team; adding an existing member is a no-op, not a duplicate. */
export async function addMember(repos: Repositories, personId: string, bodyKind: BodyKind, bodyId: string) {
  const { db } = repos;
  return db.transaction('rw', db.memberships, async () => {
    const existing = await db.memberships.where('[bodyId+personId]').equals([bodyId, personId]).first();
    return existing ?? repos.memberships.create({ personId, bodyKind, bodyId });
  });
}

export type TeamLeadField = 'managementCoLeadId' | 'unionCoLeadId' | 'physicianCoLeadId' | 'managementSponsorId' | 'unionSponsorId';

/**
 * Name a team's co-lead or sponsor. Co-leads lead the team's meetings, vote and approve its
 * minutes, so a co-lead is made a member in the same transaction (roll call, quorum and votes read
 * the members). Sponsors support the team from outside and are not added.
 */
export async function setTeamLead(repos: Repositories, teamId: string, field: TeamLeadField, personId: string | null): Promise<Team> {
  const { db } = repos;
  return db.transaction('rw', [db.teams, db.memberships], async () => {
    const team = await repos.teams.update(teamId, { [field]: personId });
    if (personId && field.endsWith('CoLeadId')) {
      const existing = await db.memberships.where('[bodyId+personId]').equals([teamId, personId]).first();
      if (!existing) await repos.memberships.create({ personId, bodyKind: 'team', bodyId: teamId });
    }
    return team;
  });
}

export async function removeMember(repos: Repositories, personId: string, bodyId: string): Promise<void> {
  await repos.db.memberships.where('[bodyId+personId]').equals([bodyId, personId]).delete();
}

type Archivable = 'councils' | 'teams' | 'people';

/** Archive instead of delete: meetings and minutes keep pointing at the record. Undoable. */
export async function setArchived(repos: Repositories, table: Archivable, id: string, archived: boolean): Promise<Council | Team | Person> {
  const patch = { archivedAt: archived ? nowIso() : null };
  switch (table) {
    case 'councils':
      return repos.councils.update(id, patch);
    case 'teams':
      return repos.teams.update(id, patch);
    case 'people':
      return repos.people.update(id, patch);
  }
}

/** A row skipped because it names a council or team that is not on the roster: the screen words it from the code. */
export type MissingBody = { code: 'noCouncil' | 'noTeam'; name: string };

/** A skipped row; `missing` says what it means when the import (not the CSV parser) refused it. */
export type ImportRowError = RowError & { missing?: MissingBody };

export interface RosterImportReport {
  peopleCreated: number;
  peopleMatched: number;
  membershipsCreated: number;
  errors: ImportRowError[];
}

const key = (s: string) => s.trim().toLowerCase();

/**
 * Import parsed roster rows in ONE transaction: either every valid row lands or none does.
 * Rows naming a council or team that does not exist are reported by line and skipped.
 * A row whose email matches an existing person adds memberships to that person, never a duplicate.
 */
export async function importRoster(repos: Repositories, rows: readonly RosterRow[], parseErrors: readonly RowError[] = []): Promise<RosterImportReport> {
  const { db } = repos;
  return db.transaction('rw', [db.people, db.memberships, db.councils, db.teams], async () => {
    const councils = new Map((await db.councils.toArray()).filter((c) => !c.archivedAt).map((c) => [key(c.name), c]));
    const teams = new Map((await db.teams.toArray()).filter((t) => !t.archivedAt).map((t) => [key(t.name), t]));
    const byEmail = new Map((await db.people.toArray()).filter((p) => p.email).map((p) => [p.email, p]));
    const report: RosterImportReport = { peopleCreated: 0, peopleMatched: 0, membershipsCreated: 0, errors: [...parseErrors] };

    for (const row of rows) {
      const council = row.councilName ? councils.get(key(row.councilName)) : undefined;
      const team = row.teamName ? teams.get(key(row.teamName)) : undefined;
      if (row.councilName && !council) {
        report.errors.push({ line: row.line, reason: `no council named "${row.councilName}"`, missing: { code: 'noCouncil', name: row.councilName } });
        continue;
      }
      if (row.teamName && !team) {
        report.errors.push({ line: row.line, reason: `no team named "${row.teamName}"`, missing: { code: 'noTeam', name: row.teamName } });
        continue;
      }
      const email = row.person.email?.trim().toLowerCase() ?? '';
      let person = email ? byEmail.get(email) : undefined;
      if (person) {
        report.peopleMatched += 1;
      } else {
        person = await repos.people.create(row.person);
        if (person.email) byEmail.set(person.email, person);
        report.peopleCreated += 1;
      }
      for (const [kind, body] of [
        ['council', council],
        ['team', team],
      ] as const) {
        if (!body) continue;
        const before = await db.memberships.where('[bodyId+personId]').equals([body.id, person.id]).count();
        if (before === 0) {
          await repos.memberships.create({ personId: person.id, bodyKind: kind, bodyId: body.id });
          report.membershipsCreated += 1;
        }
      }
    }
    report.errors.sort((a, b) => a.line - b.line);
    return report;
  });
}
