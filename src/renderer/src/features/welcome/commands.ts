import { addDays, addMonths, format, parseISO } from 'date-fns';
import { today as todayDate } from '@shared/clock';
import type { Council } from '@shared/model';
import type { SyncRegistry } from '@shared/sync/registry';
import { SAMPLE_COUNCIL, SAMPLE_MEETING, SAMPLE_PEOPLE, SAMPLE_PROJECT, SAMPLE_SESSION, SAMPLE_TEAM, sampleAim } from '@shared/welcome/sampleCouncil';
import { appSyncRegistry } from '../../db/capture/syncedTables';
import { ValidationError } from '../../db/errors';
import type { Repositories } from '../../db/repositories';
import { forgetLocalRows } from '../../sync/forgetLocal';
import { addCriterion, addInterest, addOption, goToStep, reviseIssue, setCriteriaAgreed, setStepStatus, startSession } from '../ibps/commands';
import { addAgendaItem, createMeeting, markAllPresent } from '../meetings/commands';
import { addChangeIdea, addMeasure, createProject, importDataPoints, startCycle, updateCycle } from '../rim/commands';
import { addMember, createCouncil, createTeam, savePerson, setTeamLead, updateCouncil } from '../roster/commands';

export interface SampleIds {
  councilId: string;
  teamId: string;
  meetingId: string;
  sessionId: string;
  projectId: string;
}

/**
 * "Try it with a sample council": an invented council built through the app's own commands, so it
 * is exactly what a facilitator would have made by hand. The council is marked as the sample
 * first (a local-only field), so the sync engine never sends any of it and it can be removed in
 * one step. One sample at a time.
 */
export function createSampleCouncil(repos: Repositories): Promise<SampleIds> {
  // One transaction: the screens see the whole sample or none of it (never a half-built council),
  // and a failure part-way leaves nothing behind.
  return repos.db.transaction('rw', repos.db.tables, () => buildSample(repos));
}

async function buildSample(repos: Repositories): Promise<SampleIds> {
  if ((await sampleCouncils(repos)).length > 0) {
    throw new ValidationError([{ path: 'sample', message: 'The sample council is already here; remove it before adding it again.' }]);
  }
  const council = await createCouncil(repos, { ...SAMPLE_COUNCIL, sample: true, samplePeople: [] });
  const team = await createTeam(repos, { councilId: council.id, ...SAMPLE_TEAM });
  const people = new Map<string, string>();
  for (const p of SAMPLE_PEOPLE) {
    const person = await savePerson(repos, null, { name: p.name, side: p.side, union: p.union ?? '', local: p.local ?? '', roleTitles: p.roleTitles });
    people.set(p.key, person.id);
    // Recorded before anything else names the person: removal deletes exactly these people.
    await updateCouncil(repos, council.id, { samplePeople: [...people.values()] });
    await addMember(repos, person.id, 'team', team.id);
  }
  const id = (key: string): string => people.get(key)!;
  await addMember(repos, id('mgmtSponsor'), 'council', council.id);
  await addMember(repos, id('unionSponsor'), 'council', council.id);
  await setTeamLead(repos, team.id, 'managementCoLeadId', id('mgmtLead'));
  await setTeamLead(repos, team.id, 'unionCoLeadId', id('unionLead'));
  await setTeamLead(repos, team.id, 'physicianCoLeadId', id('physician'));
  await setTeamLead(repos, team.id, 'managementSponsorId', id('mgmtSponsor'));
  await setTeamLead(repos, team.id, 'unionSponsorId', id('unionSponsor'));

  const today = parseISO(todayDate());
  const day = (d: Date): string => format(d, 'yyyy-MM-dd');
  const meeting = await createMeeting(repos, {
    bodyKind: 'team',
    bodyId: team.id,
    title: SAMPLE_MEETING.title,
    startsAt: `${day(addDays(today, -SAMPLE_MEETING.daysAgo))}T09:00`,
    location: SAMPLE_MEETING.location,
    objective: SAMPLE_MEETING.objective,
    facilitatorId: id('mgmtLead'),
    recorderId: id('member'),
  });
  const ibpsItem = await addAgendaItem(repos, { meetingId: meeting.id, title: SAMPLE_MEETING.ibpsItem, type: 'ibps', timeBoxMinutes: 40 });
  await addAgendaItem(repos, { meetingId: meeting.id, title: SAMPLE_MEETING.rimItem, type: 'rim-review', timeBoxMinutes: 15 });
  await markAllPresent(repos, meeting.id, [...people.values()]);

  // The session carried through issue, interests, options and agreed criteria: evaluation is next.
  const session = await startSession(repos, meeting, ibpsItem);
  await reviseIssue(repos, session.id, SAMPLE_SESSION.issue);
  await setStepStatus(repos, session.id, 'issue', 'done');
  await goToStep(repos, session.id, 'interests');
  for (const interest of SAMPLE_SESSION.interests) await addInterest(repos, session.id, interest);
  await setStepStatus(repos, session.id, 'interests', 'done');
  await goToStep(repos, session.id, 'options');
  for (const text of SAMPLE_SESSION.options) await addOption(repos, session.id, { text });
  await setStepStatus(repos, session.id, 'options', 'done');
  await goToStep(repos, session.id, 'criteria');
  for (const text of SAMPLE_SESSION.criteria) await addCriterion(repos, session.id, text);
  await setCriteriaAgreed(repos, session.id, true);
  await goToStep(repos, session.id, 'evaluate');

  const values = SAMPLE_PROJECT.values;
  const firstWeek = addDays(today, -7 * values.length);
  const project = await createProject(repos, {
    teamId: team.id,
    title: SAMPLE_PROJECT.title,
    problem: SAMPLE_PROJECT.problem,
    aim: sampleAim(day(addMonths(today, 4))),
    valueCompass: SAMPLE_PROJECT.valueCompass,
    sponsorId: id('mgmtSponsor'),
    status: 'active',
    startDate: day(firstWeek),
  });
  const measure = await addMeasure(repos, project.id, { ...SAMPLE_PROJECT.measure, frequency: 'weekly' });
  await importDataPoints(
    repos,
    measure.id,
    values.map((value, i) => ({ date: day(addDays(firstWeek, 7 * i)), value, note: '' })),
  );
  const idea = await addChangeIdea(repos, project.id, SAMPLE_PROJECT.changeIdea);
  const cycle = await startCycle(repos, project.id, { title: SAMPLE_PROJECT.cycleTitle, changeIdeaId: idea.id, measureIds: [measure.id] });
  await updateCycle(repos, cycle.id, SAMPLE_PROJECT.cyclePlan);
  return { councilId: council.id, teamId: team.id, meetingId: meeting.id, sessionId: session.id, projectId: project.id };
}

export const sampleCouncils = async (repos: Repositories): Promise<Council[]> => repos.db.councils.filter((c) => c.sample === true).toArray();

/**
 * Remove the sample in one step: every row whose council (as sync resolves it) is the sample
 * council, and the invented people it added, unless a facilitator has since put one of them on a
 * council or team of their own. Nothing else: the facilitator's councils, people and meetings stay.
 * The rows never left this laptop, so they go without tombstones or outbox changes.
 * Returns how many rows were removed.
 */
export async function removeSampleCouncil(repos: Repositories): Promise<number> {
  let removed = 0;
  for (const council of await sampleCouncils(repos)) {
    const rows = await rowsOfCouncil(repos, appSyncRegistry, council);
    removed += await forgetLocalRows(repos.db, appSyncRegistry, council.id, rows);
  }
  return removed;
}

/** The ids, by table, of every row that belongs to `council` by the sync registry's council rules. */
async function rowsOfCouncil(repos: Repositories, registry: SyncRegistry, council: Council): Promise<Map<string, string[]>> {
  const { db } = repos;
  const found = new Map<string, Set<string>>();
  const ids = (table: string): Set<string> => found.get(table) ?? new Set();
  const present = new Set(db.tables.map((t) => t.name));
  const decls = registry.list().filter((d) => present.has(d.name) && d.council.kind !== 'referencedBy');
  // A parent may be declared after its child: go over the tables until nothing new is found.
  for (let changed = true; changed;) {
    changed = false;
    for (const decl of decls) {
      const table = db.table(decl.name);
      const scope = decl.council;
      let rows: Array<Record<string, unknown>> = [];
      if (scope.kind === 'self') rows = [{ id: council.id }];
      else if (scope.kind === 'field') rows = await table.where(scope.field).equals(council.id).toArray();
      else if (scope.kind === 'parent') {
        const parents = typeof scope.table === 'string' ? [...ids(scope.table)] : (scope.candidates ?? []).flatMap((t) => [...ids(t)]);
        if (parents.length === 0) continue;
        const candidates: Array<Record<string, unknown>> = table.schema.idxByName[scope.foreignKey]
          ? await table.where(scope.foreignKey).anyOf(parents).toArray()
          : await table.filter((r: Record<string, unknown>) => parents.includes(r[scope.foreignKey] as string)).toArray();
        rows = candidates.filter((r) => {
          const parentTable = typeof scope.table === 'string' ? scope.table : scope.table(r);
          return parentTable !== null && ids(parentTable).has(r[scope.foreignKey] as string);
        });
      }
      const set = ids(decl.name);
      for (const r of rows) {
        const rowId = r[decl.idField ?? 'id'] as string;
        if (!set.has(rowId)) {
          set.add(rowId);
          changed = true;
        }
      }
      found.set(decl.name, set);
    }
  }
  // The sample's people, unless they have since joined a body outside the sample.
  const sampleMemberships = ids('memberships');
  const people: string[] = [];
  for (const personId of council.samplePeople ?? []) {
    const memberships = await db.memberships.where('personId').equals(personId).toArray();
    if (memberships.every((m) => sampleMemberships.has(m.id))) people.push(personId);
  }
  const result = new Map([...found].map(([t, s]) => [t, [...s]]));
  result.set('people', people);
  return result;
}
