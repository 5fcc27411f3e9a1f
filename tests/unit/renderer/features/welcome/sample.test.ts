import { afterEach, describe, expect, it } from 'vitest';
import type { Repositories } from '@renderer/db/repositories';
import { readOutboxEntry } from '@renderer/db/capture/syncTables';
import { appSyncRegistry } from '@renderer/db/capture/syncedTables';
import { countPending } from '@renderer/sync/outbox';
import { createSampleCouncil, removeSampleCouncil } from '@renderer/features/welcome/commands';
import { sampleSummary } from '@renderer/features/welcome/queries';
import { loadSession } from '@renderer/features/ibps/queries';
import { loadProject } from '@renderer/features/rim/queries';
import { addMember, createCouncil, createTeam, savePerson } from '@renderer/features/roster/commands';
import { createMeeting } from '@renderer/features/meetings/commands';
import { addInterest, startSession } from '@renderer/features/ibps/commands';
import { moveCycleTo } from '@renderer/features/rim/commands';
import { ValidationError } from '@renderer/db/errors';
import { analyzeRunChart } from '@shared/rim/runChart';
import { SAMPLE_PEOPLE, SAMPLE_PROJECT } from '@shared/welcome/sampleCouncil';
import { freshRepos } from '../../db/helpers';

let repos: Repositories;
afterEach(async () => {
  repos?.db.close();
  if (repos) await repos.db.delete();
});

/** Every row of every synced table, by table, as `id -> JSON` (to compare before and after). */
async function snapshot(r: Repositories): Promise<Map<string, Map<string, string>>> {
  const out = new Map<string, Map<string, string>>();
  for (const decl of appSyncRegistry.list()) {
    const rows = (await r.db.table(decl.name).toArray()) as Array<Record<string, unknown>>;
    out.set(decl.name, new Map(rows.map(({ _sync, ...row }) => [row.id as string, JSON.stringify(row)])));
  }
  return out;
}

async function facilitatorsOwn(r: Repositories) {
  const council = await createCouncil(r, { name: 'Harbor Council', level: 'local' });
  const team = await createTeam(r, { councilId: council.id, name: 'Pharmacy UBT' });
  const ana = await savePerson(r, null, { name: 'Ana Torres', side: 'union' });
  await addMember(r, ana.id, 'team', team.id);
  const meeting = await createMeeting(r, { bodyKind: 'team', bodyId: team.id, title: 'December UBT meeting', startsAt: '2026-12-08T09:00' });
  const session = await startSession(r, meeting, null);
  await addInterest(r, session.id, { text: 'Predictable schedules', sides: ['union'] });
  return { council, team, ana, meeting };
}

describe('the sample council', () => {
  it('builds an invented council with a team, a meeting whose IBPS session is under way and a RIM project with a run chart', async () => {
    repos = freshRepos();
    const ids = await createSampleCouncil(repos);

    const council = await repos.councils.require(ids.councilId);
    expect(council.sample).toBe(true);
    expect(council.samplePeople).toHaveLength(SAMPLE_PEOPLE.length);
    const team = await repos.teams.require(ids.teamId);
    expect(team.councilId).toBe(council.id);
    expect(team.managementCoLeadId).not.toBeNull();
    expect(team.unionCoLeadId).not.toBeNull();
    expect(await repos.db.memberships.where('bodyId').equals(team.id).count()).toBe(SAMPLE_PEOPLE.length);

    const session = await loadSession(repos, ids.sessionId);
    expect(session?.session.currentStep).toBe('evaluate');
    expect(session?.session.stepStatus).toMatchObject({ issue: 'done', interests: 'done', options: 'done', criteria: 'done' });
    expect(session?.session.criteriaAgreedAt).not.toBeNull();
    expect(session?.interests.filter((i) => i.sides.length === 3)).toHaveLength(1);
    expect(session?.options).toHaveLength(3);
    expect(session?.criteria).toHaveLength(3);

    const project = await loadProject(repos, ids.projectId);
    const points = project!.measures[0]!.points;
    expect(points).toHaveLength(SAMPLE_PROJECT.values.length);
    expect(points.map((p) => p.value)).toEqual(SAMPLE_PROJECT.values);
    // Enough points for a run chart that shows the improvement as a signal.
    expect(analyzeRunChart(points.map((p) => p.value)).shiftSignal).toBe(true);
    expect(project!.cycles).toHaveLength(1);
    // Its plan is complete enough for the method's rule: the cycle may move on to Do.
    expect((await moveCycleTo(repos, project!.cycles[0]!.id, 'do')).stage).toBe('do');

    expect(await sampleSummary(repos)).toMatchObject({
      councilId: ids.councilId,
      meetingId: ids.meetingId,
      sessionId: ids.sessionId,
      projectId: ids.projectId,
    });
    // One sample at a time.
    await expect(createSampleCouncil(repos)).rejects.toBeInstanceOf(ValidationError);
  });

  it('is removed in one step: exactly its rows, and nothing the facilitator added, before or since', async () => {
    repos = freshRepos();
    const before = await facilitatorsOwn(repos);
    const s1 = await snapshot(repos);
    const ids = await createSampleCouncil(repos);
    const s2 = await snapshot(repos);
    const mine = await facilitatorsOwn(repos);
    // The facilitator puts their own person on the sample team, and an invented person on their council.
    const anaOnSample = await addMember(repos, before.ana.id, 'team', ids.teamId);
    const invented = (await repos.councils.require(ids.councilId)).samplePeople!;
    await addMember(repos, invented[0]!, 'council', mine.council.id);
    const s3 = await snapshot(repos);

    const removed = await removeSampleCouncil(repos);
    expect(await sampleSummary(repos)).toBeNull();
    const after = await snapshot(repos);

    // Expected: everything but what the sample wrote (s2 minus s1) and the membership of the sample
    // team; the invented person who joined the facilitator's council stays.
    let expectedRemoved = 0;
    for (const [table, rows] of s3) {
      const sampleRows = new Set([...s2.get(table)!.keys()].filter((id) => !s1.get(table)!.has(id)));
      if (table === 'memberships') sampleRows.add(anaOnSample.id);
      if (table === 'people') sampleRows.delete(invented[0]!);
      expectedRemoved += sampleRows.size;
      const expected = [...rows.keys()].filter((id) => !sampleRows.has(id)).sort();
      expect([...after.get(table)!.keys()].sort(), table).toEqual(expected);
      // Every row left is exactly as it was.
      for (const [id, json] of after.get(table)!) expect(json, `${table}/${id}`).toBe(rows.get(id));
    }
    expect(removed).toBe(expectedRemoved);
    expect(after.get('councils')!.has(before.council.id) && after.get('councils')!.has(mine.council.id)).toBe(true);
    expect(after.get('meetings')!.has(ids.meetingId) || after.get('improvementProjects')!.has(ids.projectId)).toBe(false);
    expect(after.get('dataPoints')!.size).toBe(0);
    expect(after.get('interests')!.size).toBe(2);
    const people = after.get('people')!;
    expect(people.has(before.ana.id)).toBe(true);
    expect(invented.slice(1).some((id) => people.has(id))).toBe(false);
  });

  it('leaves nothing of itself in the outbox once removed: the facilitator\u2019s own changes still wait to be sent', async () => {
    repos = freshRepos();
    const mine = await facilitatorsOwn(repos);
    const waitingBefore = await countPending(repos.db);
    await createSampleCouncil(repos);
    expect(await countPending(repos.db)).toBeGreaterThan(waitingBefore);
    await removeSampleCouncil(repos);

    const changes = (await repos.db.syncOutbox.toArray()).flatMap((e) => readOutboxEntry(e).changes);
    expect(changes.length).toBe(waitingBefore);
    expect(await countPending(repos.db)).toBe(waitingBefore);
    expect(new Set(changes.map((c) => c.councilId))).toEqual(new Set([mine.council.id]));
    expect(await repos.db.syncRows.count()).toBe(0);
  });
});
