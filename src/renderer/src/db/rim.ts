import type { Person, Team } from '@shared/model';
import { PDSA_STAGES } from '@shared/model/rim';
import type {
  ChangeIdea,
  DataPoint,
  ImprovementProject,
  ImprovementProjectInput,
  Measure,
  MeasureInput,
  MeasurePeriod,
  PdsaCycle,
  PdsaStage,
} from '@shared/model/rim';
import {
  advanceProblems,
  projectProgress,
  spawnNextCycle,
  valueCompassCoverage,
  type ProjectProgress,
  type TeamProgress,
  type ValueCompassCoverage,
} from '@shared/rim/pdsa';
import type { ParsedPoint } from '@shared/rim/dataImport';
import { ValidationError } from './errors';
import { appendToList } from './lists';
import type { Repositories } from './repositories';
import { nowIso, today as todayDate } from '@shared/clock';
import { membersOf } from './roster';

// The Rapid Improvement Model's store: loaders for the Improvement and Project pages, and the
// writes whose rules span rows (one point per measure and date, imports in one transaction,
// frozen baselines with a reason, PDSA stage rules).

const latestOf = (dates: string[]): string | undefined => dates.reduce<string | undefined>((a, b) => (a === undefined || b > a ? b : a), undefined);

// ---------------------------------------------------------------------------------------------
// Loaders

export interface ProjectRow {
  project: ImprovementProject;
  progress: ProjectProgress;
}

export interface TeamImprovement {
  team: Team;
  projects: ProjectRow[];
  progress: TeamProgress | undefined;
  coverage: ValueCompassCoverage;
}

/**
 * Every team's projects with cycles completed, the 90-day documentation flag and Value Compass
 * coverage. Teams without projects are listed too (so a team can start one); archived teams are not.
 */
export async function loadImprovementOverview(repos: Repositories, today: string = todayDate(), teamId?: string): Promise<TeamImprovement[]> {
  const { db } = repos;
  const teams = (teamId ? [await db.teams.get(teamId)] : await db.teams.toArray()).filter((t): t is Team => Boolean(t) && !t!.archivedAt);
  const projects = await db.improvementProjects
    .where('teamId')
    .anyOf(teams.map((t) => t.id))
    .toArray();
  const projectIds = projects.map((p) => p.id);
  const [cycles, measures, ideas] = await Promise.all([
    db.pdsaCycles.where('projectId').anyOf(projectIds).toArray(),
    db.measures.where('projectId').anyOf(projectIds).toArray(),
    db.changeIdeas.where('projectId').anyOf(projectIds).toArray(),
  ]);
  const points = await db.dataPoints
    .where('measureId')
    .anyOf(measures.map((m) => m.id))
    .toArray();

  // Entering data or a change idea is documenting the project too.
  const projectOfMeasure = new Map(measures.map((m) => [m.id, m.projectId]));
  const touched: Record<string, string[]> = {};
  const touch = (projectId: string | undefined, at: string) => {
    if (projectId) (touched[projectId] ??= []).push(at);
  };
  for (const m of measures) touch(m.projectId, m.updatedAt);
  for (const i of ideas) touch(i.projectId, i.updatedAt);
  for (const p of points) touch(projectOfMeasure.get(p.measureId), p.updatedAt);
  const lastUpdated = Object.fromEntries(Object.entries(touched).map(([id, dates]) => [id, latestOf(dates)]));

  const summary = projectProgress(projects, cycles, lastUpdated, today);
  const progressOf = new Map(summary.projects.map((p) => [p.projectId, p]));
  return teams
    .map((team) => {
      const own = projects.filter((p) => p.teamId === team.id && p.archivedAt === null).sort((a, b) => a.title.localeCompare(b.title));
      return {
        team,
        projects: own.map((project) => ({ project, progress: progressOf.get(project.id)! })),
        progress: summary.teams.find((t) => t.teamId === team.id),
        coverage: valueCompassCoverage(own),
      };
    })
    .sort((a, b) => a.team.name.localeCompare(b.team.name));
}

export interface MeasureRecord {
  measure: Measure;
  /** In date order. */
  points: DataPoint[];
  /** Re-bases, in start-date order. */
  periods: MeasurePeriod[];
}

export interface ProjectRecord {
  project: ImprovementProject;
  team: Team | undefined;
  /** Team members: who can sponsor. */
  members: Person[];
  sponsor: Person | undefined;
  measures: MeasureRecord[];
  ideas: ChangeIdea[];
  /** By cycle number. */
  cycles: PdsaCycle[];
}

export async function loadProject(repos: Repositories, projectId: string): Promise<ProjectRecord | null> {
  const { db } = repos;
  const project = await db.improvementProjects.get(projectId);
  if (!project) return null;
  const [team, members, measures, ideas, cycles, sponsor] = await Promise.all([
    db.teams.get(project.teamId),
    membersOf(repos, project.teamId),
    db.measures.where('[projectId+position]').between([projectId, -Infinity], [projectId, Infinity]).toArray(),
    db.changeIdeas.where('[projectId+position]').between([projectId, -Infinity], [projectId, Infinity]).toArray(),
    db.pdsaCycles.where('projectId').equals(projectId).toArray(),
    project.sponsorId ? db.people.get(project.sponsorId) : Promise.resolve(undefined),
  ]);
  const records = await Promise.all(
    measures.map(async (measure) => ({
      measure,
      points: await db.dataPoints.where('[measureId+date]').between([measure.id, ''], [measure.id, '\uffff']).toArray(),
      periods: (await db.measurePeriods.where('measureId').equals(measure.id).toArray()).sort((a, b) => a.startsOn.localeCompare(b.startsOn)),
    })),
  );
  return { project, team, members, sponsor, measures: records, ideas, cycles: cycles.sort((a, b) => a.number - b.number) };
}

// ---------------------------------------------------------------------------------------------
// Projects, measures, change ideas

export const createProject = (repos: Repositories, input: ImprovementProjectInput) => repos.improvementProjects.create({ startDate: todayDate(), ...input });

export function addMeasure(repos: Repositories, projectId: string, input: Omit<MeasureInput, 'projectId' | 'position'>): Promise<Measure> {
  return appendToList(repos.db.measures, 'projectId', projectId, (position) => repos.measures.create({ ...input, projectId, position }));
}

export function addChangeIdea(repos: Repositories, projectId: string, text: string): Promise<ChangeIdea> {
  return appendToList(repos.db.changeIdeas, 'projectId', projectId, (position) => repos.changeIdeas.create({ projectId, text, position }));
}

// ---------------------------------------------------------------------------------------------
// Data points

/** The point of a measure on a date; several laptops may add one offline, the newest wins. */
async function pointOn(repos: Repositories, measureId: string, date: string): Promise<DataPoint | undefined> {
  const rows = await repos.db.dataPoints.where('[measureId+date]').equals([measureId, date]).toArray();
  return rows.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
}

/** Enter a value for a date: updates the point already on that date instead of adding a second. null: a missing point. */
export async function setDataPoint(repos: Repositories, measureId: string, date: string, value: number | null, note?: string): Promise<DataPoint> {
  const { db } = repos;
  return db.transaction('rw', db.dataPoints, async () => {
    const existing = await pointOn(repos, measureId, date);
    if (existing) return repos.dataPoints.update(existing.id, { value, ...(note === undefined ? {} : { note }) });
    return repos.dataPoints.create({ measureId, date, value, note: note ?? '' });
  });
}

/** Move a point to another date (the grid's date cell); refused when that date already has a point. */
export async function moveDataPoint(repos: Repositories, pointId: string, date: string): Promise<DataPoint> {
  const { db } = repos;
  return db.transaction('rw', db.dataPoints, async () => {
    const point = await repos.dataPoints.require(pointId);
    if (point.date === date) return point;
    const clash = await pointOn(repos, point.measureId, date);
    if (clash) throw new ValidationError([{ path: 'date', message: `There is already a point on ${date}. Change that one instead.` }]);
    return repos.dataPoints.update(pointId, { date });
  });
}

export const removeDataPoint = (repos: Repositories, pointId: string) => repos.dataPoints.remove(pointId);

export interface PointImportReport {
  created: number;
  updated: number;
}

/**
 * Import parsed points in ONE transaction: every row is validated first, so a bad row stops the
 * import before anything is written. A date that already has a point gets the imported value.
 */
export async function importDataPoints(
  repos: Repositories,
  measureId: string,
  rows: readonly Pick<ParsedPoint, 'date' | 'value' | 'note'>[],
): Promise<PointImportReport> {
  const { db } = repos;
  await repos.measures.require(measureId);
  rows.forEach((r, i) => {
    try {
      repos.dataPoints.validate({ measureId, date: r.date, value: r.value, note: r.note });
    } catch (e) {
      if (e instanceof ValidationError) throw new ValidationError(e.problems.map((p) => ({ ...p, message: `row ${i + 1}: ${p.message}` })));
      throw e;
    }
  });
  return db.transaction('rw', db.dataPoints, async () => {
    const report = { created: 0, updated: 0 };
    for (const r of rows) {
      const existing = await pointOn(repos, measureId, r.date);
      if (existing) {
        await repos.dataPoints.update(existing.id, { value: r.value, note: r.note || existing.note });
        report.updated += 1;
      } else {
        await repos.dataPoints.create({ measureId, date: r.date, value: r.value, note: r.note });
        report.created += 1;
      }
    }
    return report;
  });
}

// ---------------------------------------------------------------------------------------------
// Baselines and periods

/** Points of the measure's original period (before its first re-base) that have a value. */
async function originalPeriodValues(repos: Repositories, measureId: string): Promise<number> {
  const { db } = repos;
  const periods = await db.measurePeriods.where('measureId').equals(measureId).toArray();
  const firstRebase = periods.map((p) => p.startsOn).sort()[0] ?? '\uffff';
  const points = await db.dataPoints.where('[measureId+date]').between([measureId, ''], [measureId, firstRebase]).toArray();
  return points.filter((p) => p.value !== null).length;
}

/**
 * Freeze the median on the first `count` points so it stops moving as new points arrive. The
 * reason is required (it is the record of why the team chose this baseline).
 */
export async function freezeBaseline(repos: Repositories, measureId: string, count: number, reason: string): Promise<Measure> {
  const { db } = repos;
  return db.transaction('rw', [db.measures, db.measurePeriods, db.dataPoints], async () => {
    const problems = [];
    if (reason.trim() === '') problems.push({ path: 'frozenReason', message: 'Say why the baseline is frozen.' });
    const available = await originalPeriodValues(repos, measureId);
    if (!Number.isInteger(count) || count < 1) problems.push({ path: 'frozenBaselineCount', message: 'Freeze at least one point.' });
    else if (count > available)
      problems.push({
        path: 'frozenBaselineCount',
        message: `There ${available === 1 ? 'is' : 'are'} only ${available} point${available === 1 ? '' : 's'} with a value to freeze.`,
      });
    if (problems.length) throw new ValidationError(problems);
    return repos.measures.update(measureId, { frozenBaselineCount: count, frozenReason: reason.trim(), frozenAt: nowIso() });
  });
}

export const unfreezeBaseline = (repos: Repositories, measureId: string) =>
  repos.measures.update(measureId, { frozenBaselineCount: null, frozenReason: '', frozenAt: null });

/** Re-base: a new period starts on `startsOn` with its own median (after an adopted change shifted the process). */
export async function rebaseMeasure(
  repos: Repositories,
  measureId: string,
  input: { startsOn: string; reason: string; baselineCount?: number | null; pdsaCycleId?: string | null },
): Promise<MeasurePeriod> {
  const { db } = repos;
  return db.transaction('rw', [db.measures, db.measurePeriods], async () => {
    await repos.measures.require(measureId);
    const periods = await db.measurePeriods.where('measureId').equals(measureId).toArray();
    if (periods.some((p) => p.startsOn === input.startsOn)) {
      throw new ValidationError([{ path: 'startsOn', message: `A period already starts on ${input.startsOn}.` }]);
    }
    return repos.measurePeriods.create({ measureId, ...input });
  });
}

export const removePeriod = (repos: Repositories, periodId: string) => repos.measurePeriods.remove(periodId);

// ---------------------------------------------------------------------------------------------
// PDSA cycles

async function nextCycleNumber(repos: Repositories, projectId: string): Promise<number> {
  const cycles = await repos.db.pdsaCycles.where('projectId').equals(projectId).toArray();
  return cycles.reduce((n, c) => Math.max(n, c.number), 0) + 1;
}

export async function startCycle(
  repos: Repositories,
  projectId: string,
  input: { title?: string; changeIdeaId?: string | null; measureIds?: string[] } = {},
): Promise<PdsaCycle> {
  const { db } = repos;
  return db.transaction('rw', db.pdsaCycles, async () =>
    repos.pdsaCycles.create({ projectId, number: await nextCycleNumber(repos, projectId), plannedOn: todayDate(), ...input }),
  );
}

/** The date field stamped when a cycle enters a stage (the day the previous stage was finished). */
const STAMP: Partial<Record<PdsaStage, 'doneOn' | 'studiedOn' | 'actedOn'>> = { study: 'doneOn', act: 'studiedOn', done: 'actedOn' };

/**
 * Move a cycle to a stage. Going back is always allowed; going forward needs what the stages in
 * between need (no Do without a prediction), refused with the problems by field.
 */
export async function moveCycleTo(repos: Repositories, cycleId: string, to: PdsaStage, today: string = todayDate()): Promise<PdsaCycle> {
  const { db } = repos;
  return db.transaction('rw', db.pdsaCycles, async () => {
    const cycle = await repos.pdsaCycles.require(cycleId);
    const problems = advanceProblems(cycle, to);
    if (problems.length) throw new ValidationError(problems.map((p) => ({ path: p.field, message: p.message })));
    // Skipping stages (a cycle written up after the fact) stamps every stage passed.
    const passed = PDSA_STAGES.slice(PDSA_STAGES.indexOf(cycle.stage) + 1, PDSA_STAGES.indexOf(to) + 1);
    const stamps = Object.fromEntries(
      passed
        .map((s) => STAMP[s])
        .filter((f): f is NonNullable<typeof f> => Boolean(f) && cycle[f!] === null)
        .map((f) => [f, today]),
    );
    return repos.pdsaCycles.update(cycleId, { stage: to, ...stamps });
  });
}

/** Start the cycle that follows an adapted one, pre-filled from it; only once per adapted cycle. */
export async function spawnCycle(repos: Repositories, cycleId: string, today: string = todayDate()): Promise<PdsaCycle> {
  const { db } = repos;
  return db.transaction('rw', db.pdsaCycles, async () => {
    const cycle = await repos.pdsaCycles.require(cycleId);
    if (cycle.decision !== 'adapt') throw new ValidationError([{ path: 'decision', message: 'Only an adapted cycle leads to a next cycle.' }]);
    const existing = await db.pdsaCycles
      .where('projectId')
      .equals(cycle.projectId)
      .filter((c) => c.spawnedFromCycleId === cycleId)
      .first();
    if (existing) return existing;
    return repos.pdsaCycles.create(spawnNextCycle(cycle, { number: await nextCycleNumber(repos, cycle.projectId), plannedOn: today }));
  });
}

export async function setCycleMeasure(repos: Repositories, cycleId: string, measureId: string, linked: boolean): Promise<PdsaCycle> {
  const { db } = repos;
  return db.transaction('rw', db.pdsaCycles, async () => {
    const cycle = await repos.pdsaCycles.require(cycleId);
    const others = cycle.measureIds.filter((id) => id !== measureId);
    return repos.pdsaCycles.update(cycleId, { measureIds: linked ? [...others, measureId] : others });
  });
}
