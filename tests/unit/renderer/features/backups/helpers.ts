import type Dexie from 'dexie';
import type { Repositories } from '@renderer/db/repositories';
import { addInterest, addOption, startSession } from '@renderer/features/ibps/commands';
import { addAgendaItem } from '@renderer/features/meetings/commands';
import { addMeasure, createProject, importDataPoints } from '@renderer/features/rim/commands';
import { addMember } from '@renderer/features/roster/commands';

/** A council with a team, two people, a meeting with an IBPS session, and an improvement project: through the app's commands. */
export async function seedStore(repos: Repositories, councilName = 'Harbor Regional Council') {
  const council = await repos.councils.create({ name: councilName, level: 'regional' });
  const team = await repos.teams.create({ councilId: council.id, name: 'Pharmacy UBT' });
  const ana = await repos.people.create({ name: 'Ana Torres', side: 'union', union: 'SEIU-UHW', local: '250' });
  const ben = await repos.people.create({ name: 'Ben Okafor', side: 'management' });
  await addMember(repos, ana.id, 'team', team.id);
  await addMember(repos, ben.id, 'team', team.id);
  const meeting = await repos.meetings.create({ bodyKind: 'team', bodyId: team.id, title: 'Weekend coverage', startsAt: '2026-12-01T09:00' });
  const item = await addAgendaItem(repos, { meetingId: meeting.id, title: 'Weekend on-call rotation', type: 'ibps' });
  const session = await startSession(repos, meeting, item);
  await addInterest(repos, session.id, { text: 'Predictable weekends for staff', sides: ['union'] });
  await addInterest(repos, session.id, { text: 'Cover every shift', sides: ['management'] });
  await addOption(repos, session.id, { text: 'Rotate every fourth weekend' });
  const project = await createProject(repos, { teamId: team.id, title: 'Fewer falls', aim: 'Reduce falls from 6 to 3 per 1,000 patient days by June 2027' });
  const measure = await addMeasure(repos, project.id, { name: 'Falls per 1,000 patient days', kind: 'outcome', direction: 'down', target: 3 });
  await importDataPoints(repos, measure.id, [
    { date: '2026-10-05', value: 6.1, note: '' },
    { date: '2026-10-12', value: 5.4, note: '' },
  ]);
  return { council, team, ana, ben, meeting, session, project, measure };
}

/** Every row of every table, by table name: the store as a whole, to compare before and after. */
export async function snapshot(db: Dexie): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  await db.transaction('r', db.tables, async () => {
    for (const t of db.tables) out[t.name] = await t.toArray();
  });
  return out;
}
