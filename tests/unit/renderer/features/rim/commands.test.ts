import { afterEach, describe, expect, it } from 'vitest';
import { ValidationError } from '@renderer/db/errors';
import {
  addChangeIdea,
  addMeasure,
  createProject,
  freezeBaseline,
  importDataPoints,
  moveCycleTo,
  moveDataPoint,
  rebaseMeasure,
  setCycleMeasure,
  setDataPoint,
  spawnCycle,
  startCycle,
  unfreezeBaseline,
} from '@renderer/features/rim/commands';
import { loadImprovementOverview, loadProject } from '@renderer/features/rim/queries';
import type { Repositories } from '@renderer/db/repositories';
import { addMember } from '@renderer/features/roster/commands';
import { parsePastedPoints } from '@shared/rim/dataImport';
import { freshRepos } from '../../db/helpers';
import { setClockRunningFrom } from '@shared/clock';
import { rimWords } from '@shared/rim/words';

let repos: Repositories;
afterEach(async () => {
  repos?.db.close();
  if (repos) await repos.db.delete();
});

async function setUp() {
  repos = freshRepos();
  const council = await repos.councils.create({ name: 'Lakeside Council', level: 'local' });
  const team = await repos.teams.create({ councilId: council.id, name: '4 West UBT' });
  const priya = await repos.people.create({ name: 'Priya Nandakumar', side: 'management' });
  await addMember(repos, priya.id, 'team', team.id);
  const project = await createProject(repos, {
    teamId: team.id,
    title: 'Fewer falls',
    aim: 'Reduce falls per 1,000 patient days from 4 to 2 by June 30, 2027',
    valueCompass: ['best-quality'],
    sponsorId: priya.id,
  });
  const measure = await addMeasure(repos, project.id, { name: 'Falls per 1,000 patient days', kind: 'outcome', direction: 'down', target: 2 });
  return { team, priya, project, measure };
}

async function expectValidation(promise: Promise<unknown>, field: string, message: RegExp) {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).forField(field)).toMatch(message);
}

describe('RIM store', () => {
  it('loads a project with its sponsor, measures in order, points by date and cycles by number', async () => {
    const { project, measure, priya } = await setUp();
    const second = await addMeasure(repos, project.id, { name: 'Hourly rounding done', kind: 'process', direction: 'up' });
    expect(second.position).toBeGreaterThan(measure.position);
    await setDataPoint(repos, measure.id, '2026-02-01', 5);
    await setDataPoint(repos, measure.id, '2026-01-01', 4);
    await addChangeIdea(repos, project.id, 'Bed alarms on for every high-risk patient');
    await startCycle(repos, project.id, { title: 'Bed alarms' });
    await startCycle(repos, project.id, { title: 'Purposeful rounding' });

    const record = await loadProject(repos, project.id);
    expect(record?.sponsor?.name).toBe(priya.name);
    expect(record?.members.map((m) => m.name)).toEqual(['Priya Nandakumar']);
    expect(record?.measures.map((m) => m.measure.name)).toEqual(['Falls per 1,000 patient days', 'Hourly rounding done']);
    expect(record?.measures[0]?.points.map((p) => [p.date, p.value])).toEqual([
      ['2026-01-01', 4],
      ['2026-02-01', 5],
    ]);
    expect(record?.ideas.map((i) => i.text)).toEqual(['Bed alarms on for every high-risk patient']);
    expect(record?.cycles.map((c) => [c.number, c.title])).toEqual([
      [1, 'Bed alarms'],
      [2, 'Purposeful rounding'],
    ]);
    expect(await loadProject(repos, '0190aaaa-0000-7000-8000-00000000ffff')).toBeNull();
  });

  it('keeps one point per measure and date: entering a date again updates it, and a missing point is kept as null', async () => {
    const { measure } = await setUp();
    const first = await setDataPoint(repos, measure.id, '2026-03-02', 3);
    const again = await setDataPoint(repos, measure.id, '2026-03-02', 3.5);
    expect(again.id).toBe(first.id);
    await setDataPoint(repos, measure.id, '2026-03-09', null);
    const points = await repos.db.dataPoints.where('measureId').equals(measure.id).sortBy('date');
    expect(points.map((p) => p.value)).toEqual([3.5, null]);
    await expectValidation(moveDataPoint(repos, first.id, '2026-03-09'), 'date', /already a point on Mar 9, 2026/);
    expect((await moveDataPoint(repos, first.id, '2026-03-03')).date).toBe('2026-03-03');
    await expectValidation(setDataPoint(repos, measure.id, '03/02/2026', 1), 'date', /date like/);
    expect(await repos.db.dataPoints.count()).toBe(2);
  });

  it('imports pasted rows in one transaction, updating dates already entered', async () => {
    const { measure } = await setUp();
    await setDataPoint(repos, measure.id, '2026-01-05', 9);
    const parsed = parsePastedPoints('4\n5\n\n3', { startDate: '2026-01-05', frequency: 'weekly' }, rimWords('en'));
    expect(parsed.errors).toEqual([]);
    const report = await importDataPoints(repos, measure.id, parsed.rows);
    expect(report).toEqual({ created: 3, updated: 1 });
    const points = await repos.db.dataPoints.where('[measureId+date]').between([measure.id, ''], [measure.id, '\uffff']).toArray();
    expect(points.map((p) => [p.date, p.value])).toEqual([
      ['2026-01-05', 4],
      ['2026-01-12', 5],
      ['2026-01-19', null],
      ['2026-01-26', 3],
    ]);
  });

  it('writes nothing when any imported row is invalid', async () => {
    const { measure } = await setUp();
    const error = await importDataPoints(repos, measure.id, [
      { date: '2026-01-05', value: 1, note: '' },
      { date: 'Jan 12', value: 2, note: '' },
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(/row 2: must be a date like/);
    expect(await repos.db.dataPoints.count()).toBe(0);
  });

  it('freezes a baseline only with a reason and enough points, and re-bases with a new period', async () => {
    const { measure } = await setUp();
    await importDataPoints(
      repos,
      measure.id,
      [4, 5, 3, 4].map((value, i) => ({ date: `2026-01-0${i + 1}`, value, note: '' })),
    );
    await expectValidation(freezeBaseline(repos, measure.id, 3, '  '), 'frozenReason', /why/);
    await expectValidation(freezeBaseline(repos, measure.id, 5, 'Before the bed alarms'), 'frozenBaselineCount', /only 4 points/);
    expect((await repos.measures.require(measure.id)).frozenBaselineCount).toBeNull();

    const frozen = await freezeBaseline(repos, measure.id, 4, 'Before the bed alarms');
    expect(frozen).toMatchObject({ frozenBaselineCount: 4, frozenReason: 'Before the bed alarms' });
    expect(frozen.frozenAt).not.toBeNull();
    expect((await unfreezeBaseline(repos, measure.id)).measure.frozenBaselineCount).toBeNull();

    const period = await rebaseMeasure(repos, measure.id, { startsOn: '2026-03-01', reason: 'Bed alarms adopted' });
    expect(period.measureId).toBe(measure.id);
    await expectValidation(rebaseMeasure(repos, measure.id, { startsOn: '2026-03-01', reason: 'Again' }), 'startsOn', /already starts/);
    await expectValidation(rebaseMeasure(repos, measure.id, { startsOn: '2026-04-01', reason: '' }), 'reason', /required|Reason/i);
    expect((await loadProject(repos, measure.projectId))?.measures[0]?.periods).toHaveLength(1);
  });

  it('refuses Do without a prediction, stamps stage dates and lets a cycle step back', async () => {
    const { project, measure } = await setUp();
    const cycle = await startCycle(repos, project.id, { title: 'Bed alarms' });
    expect(cycle).toMatchObject({ number: 1, stage: 'plan' });
    await repos.pdsaCycles.update(cycle.id, { objective: 'Test bed alarms on one shift' });
    await expectValidation(moveCycleTo(repos, cycle.id, 'do'), 'prediction', /prediction/);
    expect((await repos.pdsaCycles.require(cycle.id)).stage).toBe('plan');

    await repos.pdsaCycles.update(cycle.id, { prediction: 'No falls on nights for two weeks' });
    await setCycleMeasure(repos, cycle.id, measure.id, true);
    expect((await moveCycleTo(repos, cycle.id, 'do', '2026-02-01')).stage).toBe('do');
    await expectValidation(moveCycleTo(repos, cycle.id, 'study'), 'observations', /observed/);
    await repos.pdsaCycles.update(cycle.id, { doneAsPlanned: true, observations: 'Two alarms were silenced' });
    expect((await moveCycleTo(repos, cycle.id, 'study', '2026-02-14')).doneOn).toBe('2026-02-14');
    expect((await moveCycleTo(repos, cycle.id, 'do')).stage).toBe('do');
    expect((await moveCycleTo(repos, cycle.id, 'study', '2026-02-20')).doneOn).toBe('2026-02-14');
    await repos.pdsaCycles.update(cycle.id, { results: 'One fall, as predicted fewer', decision: 'adopt' });
    const done = await moveCycleTo(repos, cycle.id, 'done', '2026-02-28');
    expect(done).toMatchObject({ stage: 'done', studiedOn: '2026-02-28', actedOn: '2026-02-28', measureIds: [measure.id] });
  });

  it('spawns the next cycle from an adapted one, once', async () => {
    const { project, measure } = await setUp();
    const cycle = await startCycle(repos, project.id, { title: 'Bed alarms', measureIds: [measure.id] });
    await expectValidation(spawnCycle(repos, cycle.id), 'decision', /adapted/);
    await repos.pdsaCycles.update(cycle.id, {
      objective: 'Alarms',
      prediction: 'Fewer falls',
      decision: 'adapt',
      nextStep: 'Try it on days too',
      stage: 'done',
    });
    const next = await spawnCycle(repos, cycle.id, '2026-03-01');
    expect(next).toMatchObject({
      number: 2,
      what: 'Try it on days too',
      prediction: '',
      stage: 'plan',
      spawnedFromCycleId: cycle.id,
      measureIds: [measure.id],
      plannedOn: '2026-03-01',
    });
    expect((await spawnCycle(repos, cycle.id)).id).toBe(next.id);
    expect(await repos.db.pdsaCycles.count()).toBe(2);
  });

  it('summarises teams: cycles completed, projects not updated for 90 days and Value Compass coverage', async () => {
    // Written on 20 May; the overview is read on 1 June, when only the project last touched in
    // January is past 90 days.
    setClockRunningFrom('2026-05-20T09:00:00');
    const { team, project } = await setUp();
    const old = await createProject(repos, { teamId: team.id, title: 'Shorter discharge', valueCompass: ['best-service'] });
    await repos.db.improvementProjects.update(old.id, { updatedAt: '2026-01-01T00:00:00.000Z' });
    const cycle = await startCycle(repos, project.id);
    await repos.pdsaCycles.update(cycle.id, { stage: 'done' });
    const other = await repos.teams.create({ councilId: team.councilId, name: 'Admitting UBT' });

    const overview = await loadImprovementOverview(repos, '2026-06-01');
    expect(overview.map((t) => t.team.name)).toEqual(['4 West UBT', 'Admitting UBT']);
    const west = overview[0]!;
    expect(west.projects.map((p) => p.project.title)).toEqual(['Fewer falls', 'Shorter discharge']);
    expect(west.progress?.cyclesCompleted).toBe(1);
    expect(west.progress?.staleProjectIds).toEqual([old.id]);
    expect(west.coverage.covered).toEqual(['best-quality', 'best-service']);
    expect(overview[1]).toMatchObject({ team: { id: other.id }, projects: [], progress: undefined });

    // Entering data documents the project: it is no longer flagged.
    const measure = await addMeasure(repos, old.id, { name: 'Discharges before noon', kind: 'outcome', direction: 'up' });
    await repos.db.measures.update(measure.id, { updatedAt: '2026-01-01T00:00:00.000Z' });
    expect((await loadImprovementOverview(repos, '2026-06-01', team.id))[0]?.progress?.staleProjectIds).toEqual([old.id]);
    await setDataPoint(repos, measure.id, '2026-05-30', 40);
    expect((await loadImprovementOverview(repos, '2026-06-01', team.id))[0]?.progress?.staleProjectIds).toEqual([]);
  });
});
