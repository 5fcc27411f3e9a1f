/** The roster's commands: imports in one transaction, memberships without duplicates, archive with undo. */
import { afterEach, describe, expect, it } from 'vitest';
import { setClockFixed } from '@shared/clock';
import { parseRosterCsv } from '@shared/roster/csvImport';
import type { Repositories } from '@renderer/db/repositories';
import { ValidationError } from '@renderer/db/errors';
import {
  addMember,
  createCouncil,
  createTeam,
  importRoster,
  removeMember,
  savePerson,
  setArchived,
  setTeamLead,
  updateCouncil,
} from '@renderer/features/roster/commands';
import { membersOf } from '@renderer/features/roster/queries';
import { freshRepos } from '../db/helpers';

let repos: Repositories;
afterEach(async () => {
  repos?.db.close();
  if (repos) await repos.db.delete();
});

describe('roster commands', () => {
  it('imports the good rows of a roster in one go, reports the bad ones by line and matches people by email', async () => {
    repos = freshRepos();
    const council = await createCouncil(repos, { name: 'Harbor Regional Council', level: 'regional' });
    await createTeam(repos, { councilId: council.id, name: 'Pharmacy UBT' });
    const known = await savePerson(repos, null, { name: 'Ana Torres', side: 'union', email: 'ana.torres@example.org' });
    const csv = [
      'name,side,email,council,team',
      'Ana Torres,union,ANA.TORRES@example.org,Harbor Regional Council,Pharmacy UBT',
      'Ben Okafor,mgmt,ben.okafor@example.org,,Pharmacy UBT',
      'Cy Doe,union,,No Such Council,',
      'Dee Park,labor,,,Radiology UBT',
    ].join('\n');
    const parsed = parseRosterCsv(csv);
    if (!parsed.ok) throw new Error(parsed.message);
    const report = await importRoster(repos, parsed.rows, parsed.errors);
    expect(report).toMatchObject({ peopleCreated: 1, peopleMatched: 1, membershipsCreated: 3 });
    expect(report.errors.map((e) => e.line)).toEqual([4, 5]);
    expect(report.errors[0]!.reason).toMatch(/no council named "No Such Council"/);
    expect(await repos.db.people.count()).toBe(2);
    expect((await membersOf(repos, council.id)).map((p) => p.id)).toEqual([known.id]);

    // Importing the same file again adds nobody and no membership twice.
    const again = await importRoster(repos, parsed.rows, parsed.errors);
    expect(again).toMatchObject({ peopleCreated: 0, peopleMatched: 2, membershipsCreated: 0 });
  });

  it('a person added twice to a body is one membership; removing it leaves the person', async () => {
    repos = freshRepos();
    const council = await createCouncil(repos, { name: 'Local Council', level: 'local' });
    const ana = await savePerson(repos, null, { name: 'Ana Torres', side: 'union' });
    await Promise.all([addMember(repos, ana.id, 'council', council.id), addMember(repos, ana.id, 'council', council.id)]);
    expect(await repos.db.memberships.count()).toBe(1);
    await removeMember(repos, ana.id, council.id);
    expect(await membersOf(repos, council.id)).toEqual([]);
    expect(await repos.people.get(ana.id)).toBeDefined();
  });

  it('archiving stamps the day and can be undone; archived people drop out of member lists', async () => {
    repos = freshRepos();
    const council = await createCouncil(repos, { name: 'Local Council', level: 'local' });
    const ana = await savePerson(repos, null, { name: 'Ana Torres', side: 'union' });
    await addMember(repos, ana.id, 'council', council.id);
    setClockFixed('2026-12-01T12:00:00.000Z');
    expect((await setArchived(repos, 'people', ana.id, true)).archivedAt).toBe('2026-12-01T12:00:00.000Z');
    expect(await membersOf(repos, council.id)).toEqual([]);
    expect((await setArchived(repos, 'people', ana.id, false)).archivedAt).toBeNull();
    expect((await membersOf(repos, council.id)).map((p) => p.name)).toEqual(['Ana Torres']);
  });

  it('bad input is refused with the field named and nothing is written', async () => {
    repos = freshRepos();
    const council = await createCouncil(repos, { name: 'Local Council', level: 'local' });
    const error = await updateCouncil(repos, council.id, { name: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).forField('name')).toBeTruthy();
    expect((await repos.councils.require(council.id)).name).toBe('Local Council');
    await expect(savePerson(repos, null, { name: 'Eve', side: 'management', union: 'SEIU-UHW' })).rejects.toBeInstanceOf(ValidationError);
    expect(await repos.db.people.count()).toBe(0);
  });
});

describe('team leads', () => {
  it('a co-lead picked for a team becomes a member (once); a sponsor does not', async () => {
    repos = freshRepos();
    const council = await createCouncil(repos, { name: 'Harbor Regional Council', level: 'regional' });
    const team = await createTeam(repos, { councilId: council.id, name: 'Pharmacy UBT' });
    const ana = await savePerson(repos, null, { name: 'Ana Torres', side: 'union' });
    const ben = await savePerson(repos, null, { name: 'Ben Okafor', side: 'management' });
    const sam = await savePerson(repos, null, { name: 'Sam Reyes', side: 'management' });
    await setTeamLead(repos, team.id, 'unionCoLeadId', ana.id);
    await setTeamLead(repos, team.id, 'managementCoLeadId', ben.id);
    await setTeamLead(repos, team.id, 'managementSponsorId', sam.id);
    await setTeamLead(repos, team.id, 'unionCoLeadId', ana.id); // picked again: still one membership
    expect((await membersOf(repos, team.id)).map((p) => p.name)).toEqual(['Ana Torres', 'Ben Okafor']);
    expect(await repos.db.memberships.where('bodyId').equals(team.id).count()).toBe(2);
    expect(await repos.teams.require(team.id)).toMatchObject({ unionCoLeadId: ana.id, managementCoLeadId: ben.id, managementSponsorId: sam.id });
    // Clearing a co-lead leaves the membership: they are still on the team.
    await setTeamLead(repos, team.id, 'unionCoLeadId', null);
    expect((await repos.teams.require(team.id)).unionCoLeadId).toBeNull();
    expect((await membersOf(repos, team.id)).map((p) => p.name)).toEqual(['Ana Torres', 'Ben Okafor']);
  });
});
