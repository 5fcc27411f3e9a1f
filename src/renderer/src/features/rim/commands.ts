import { PDSA_STAGES, isRatioValueType } from '@shared/model/rim';
import type {
  ChangeIdea,
  ChartNote,
  ChartNoteInput,
  DataPoint,
  ImprovementProject,
  ImprovementProjectInput,
  Measure,
  MeasureInput,
  MeasureChartType,
  MeasurePeriod,
  PdsaCycle,
  PdsaStage,
} from '@shared/model/rim';
import { missingToAdvance, spawnNextCycle } from '@shared/rim/pdsa';
import { pointValue } from '@shared/rim/measureData';
import type { ParsedPoint } from '@shared/rim/dataImport';
import { ValidationError } from '../../db/errors';
import { refusalProblem, refuse, type Refusal } from './refusals';
import { appendToList } from '../../db/lists';
import type { Repositories } from '../../db/repositories';
import { assertRecordOpen, lockTables } from '../minutes/recordLock';
import { nowIso, today as todayDate } from '@shared/clock';

// The Rapid Improvement Model's use cases: every write the Improvement and Project pages make, and
// the rules that span rows (one point per measure and date, imports in one transaction,
// frozen baselines with a reason, PDSA stage rules). Refusals carry their meaning (refusals.ts), so
// the screen says them in the person's language.

// ---------------------------------------------------------------------------------------------
// Loaders

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

/** What a data-grid cell or an import sets on a point; a field left out is kept as stored. */
export interface PointPatch {
  value?: number | null;
  numerator?: number | null;
  denominator?: number | null;
  note?: string;
}

const definedOnly = (patch: PointPatch): PointPatch => Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));

/**
 * Set fields of the point on a date: updates the point already on that date instead of adding a
 * second (one point per measure and date). A numerator and a denominator are typed one cell at a
 * time, so either may be set alone; the chart leaves a half-entered point out and says why.
 */
export async function setPoint(repos: Repositories, measureId: string, date: string, patch: PointPatch): Promise<DataPoint> {
  const { db } = repos;
  const fields = definedOnly(patch);
  return db.transaction('rw', db.dataPoints, async () => {
    const existing = await pointOn(repos, measureId, date);
    if (existing) return repos.dataPoints.update(existing.id, fields);
    return repos.dataPoints.create({ measureId, date, value: null, note: '', ...fields });
  });
}

/** Enter a value for a date: updates the point already on that date instead of adding a second. null: a missing point. */
export const setDataPoint = (repos: Repositories, measureId: string, date: string, value: number | null, note?: string): Promise<DataPoint> =>
  setPoint(repos, measureId, date, { value, note });

/** Move a point to another date (the grid's date cell); refused when that date already has a point. */
export async function moveDataPoint(repos: Repositories, pointId: string, date: string): Promise<DataPoint> {
  const { db } = repos;
  return db.transaction('rw', db.dataPoints, async () => {
    const point = await repos.dataPoints.require(pointId);
    if (point.date === date) return point;
    const clash = await pointOn(repos, point.measureId, date);
    if (clash) throw refuse('date', { code: 'pointTaken', date });
    return repos.dataPoints.update(pointId, { date });
  });
}

export const removeDataPoint = (repos: Repositories, pointId: string): Promise<DataPoint | undefined> => repos.dataPoints.remove(pointId);

/** Undo of a removed point: refused if another point took its date meanwhile (one point per measure and date). */
export async function restoreDataPoint(repos: Repositories, point: DataPoint): Promise<DataPoint> {
  const { db } = repos;
  return db.transaction('rw', db.dataPoints, async () => {
    const taken = await pointOn(repos, point.measureId, point.date);
    if (taken && taken.id !== point.id) throw refuse('date', { code: 'pointTakenRestore', date: point.date });
    return repos.dataPoints.restore(point);
  });
}

export interface PointImportReport {
  created: number;
  updated: number;
}

/** An imported row: a value, or for proportion and rate measures a numerator and/or a denominator (absent: kept). */
export type ImportRow = Pick<ParsedPoint, 'date' | 'value' | 'note'> & Partial<Pick<ParsedPoint, 'numerator' | 'denominator'>>;

/**
 * Import parsed points in ONE transaction: every row is validated first, so a bad row stops the
 * import before anything is written. A date that already has a point gets the imported value
 * (or counts). A proportion or rate measure takes numerators and denominators: rows of values
 * alone are refused rather than stored where the chart would never draw them, and its points'
 * values (kept from before the measure became a ratio) are left as they were.
 */
export async function importDataPoints(repos: Repositories, measureId: string, rows: readonly ImportRow[]): Promise<PointImportReport> {
  const { db } = repos;
  const measure = await repos.measures.require(measureId);
  const ratio = isRatioValueType(measure.valueType);
  const patchOf = (r: ImportRow): PointPatch =>
    ratio
      ? definedOnly({ numerator: r.numerator, denominator: r.denominator })
      : { value: r.value, ...definedOnly({ numerator: r.numerator, denominator: r.denominator }) };
  rows.forEach((r, i) => {
    if (ratio && r.numerator === undefined && r.denominator === undefined) {
      throw refuse('value', { code: 'rowNeedsCounts', row: i + 1, measure: measure.name });
    }
    try {
      repos.dataPoints.validate({ measureId, date: r.date, value: null, note: r.note, ...patchOf(r) });
    } catch (e) {
      if (e instanceof ValidationError)
        throw new ValidationError(e.problems.map((p) => refusalProblem(p.path, { code: 'rowProblem', row: i + 1, message: p.message })));
      throw e;
    }
  });
  return db.transaction('rw', db.dataPoints, async () => {
    const report = { created: 0, updated: 0 };
    for (const r of rows) {
      const existing = await pointOn(repos, measureId, r.date);
      if (existing) {
        await repos.dataPoints.update(existing.id, { ...patchOf(r), note: r.note || existing.note });
        report.updated += 1;
      } else {
        await repos.dataPoints.create({ measureId, date: r.date, value: null, note: r.note, ...patchOf(r) });
        report.created += 1;
      }
    }
    return report;
  });
}

// ---------------------------------------------------------------------------------------------
// Baselines and periods

/** Points of the measure's original period (before its first re-base) that have a value. */
async function originalPeriodValues(repos: Repositories, measure: Measure): Promise<number> {
  const { db } = repos;
  const measureId = measure.id;
  const periods = await db.measurePeriods.where('measureId').equals(measureId).toArray();
  const firstRebase = periods.map((p) => p.startsOn).sort()[0] ?? '\uffff';
  const points = await db.dataPoints.where('[measureId+date]').between([measureId, ''], [measureId, firstRebase]).toArray();
  return points.filter((p) => pointValue(measure, p) !== null).length;
}

/** Why `count` points cannot be frozen on this measure, or null when they can. */
async function baselineProblem(repos: Repositories, measure: Measure, count: number): Promise<Refusal | null> {
  const available = await originalPeriodValues(repos, measure);
  if (!Number.isInteger(count) || count < 1) return { code: 'freezeAtLeastOne' };
  if (count > available) return { code: 'freezeTooMany', available };
  return null;
}

/**
 * Freeze the median on the first `count` points so it stops moving as new points arrive. The
 * reason is required (it is the record of why the team chose this baseline).
 */
export async function freezeBaseline(repos: Repositories, measureId: string, count: number, reason: string): Promise<Measure> {
  const { db } = repos;
  return db.transaction('rw', [db.measures, db.measurePeriods, db.dataPoints, db.measureHistory], async () => {
    const measure = await repos.measures.require(measureId);
    const problems = [];
    if (reason.trim() === '') problems.push(refusalProblem('frozenReason', { code: 'frozenReasonMissing' }));
    const countProblem = await baselineProblem(repos, measure, count);
    if (countProblem) problems.push(refusalProblem('frozenBaselineCount', countProblem));
    if (problems.length) throw new ValidationError(problems);
    const frozenAt = nowIso();
    await repos.measureHistory.create({ measureId, kind: 'baseline-frozen', baselineCount: count, reason: reason.trim(), frozenAt });
    return repos.measures.update(measureId, { frozenBaselineCount: count, frozenReason: reason.trim(), frozenAt });
  });
}

/** A frozen baseline as it was before an unfreeze: what Undo puts back. */
export type FrozenBaseline = Pick<Measure, 'frozenBaselineCount' | 'frozenReason' | 'frozenAt'>;

/**
 * Release a frozen baseline (the centre line goes back to every point). The baseline, its reason
 * and when it was frozen are kept in the measure's history, and answered for Undo.
 */
export async function unfreezeBaseline(repos: Repositories, measureId: string): Promise<{ measure: Measure; unfrozen: FrozenBaseline }> {
  const { db } = repos;
  return db.transaction('rw', [db.measures, db.measureHistory], async () => {
    const stored = await repos.measures.require(measureId);
    if (stored.frozenBaselineCount === null) throw refuse('frozenBaselineCount', { code: 'notFrozen' });
    const unfrozen: FrozenBaseline = { frozenBaselineCount: stored.frozenBaselineCount, frozenReason: stored.frozenReason, frozenAt: stored.frozenAt };
    await repos.measureHistory.create({
      measureId,
      kind: 'baseline-unfrozen',
      baselineCount: stored.frozenBaselineCount,
      reason: stored.frozenReason,
      frozenAt: stored.frozenAt,
    });
    const measure = await repos.measures.update(measureId, { frozenBaselineCount: null, frozenReason: '', frozenAt: null });
    return { measure, unfrozen };
  });
}

/**
 * Undo of an unfreeze: the same baseline (count, reason, time frozen) is frozen again. Refused
 * when another baseline was frozen meanwhile (on another laptop, say), or when points were removed
 * so the baseline no longer has its points; a second Undo of the same unfreeze changes nothing.
 */
export async function restoreFrozenBaseline(repos: Repositories, measureId: string, baseline: FrozenBaseline): Promise<Measure> {
  const { db } = repos;
  return db.transaction('rw', [db.measures, db.measurePeriods, db.dataPoints, db.measureHistory], async () => {
    const stored = await repos.measures.require(measureId);
    const same =
      stored.frozenBaselineCount === baseline.frozenBaselineCount && stored.frozenReason === baseline.frozenReason && stored.frozenAt === baseline.frozenAt;
    if (same) return stored;
    if (stored.frozenBaselineCount !== null) {
      throw refuse('frozenBaselineCount', { code: 'otherFrozen', count: stored.frozenBaselineCount });
    }
    if (baseline.frozenBaselineCount === null) return stored;
    const problem = await baselineProblem(repos, stored, baseline.frozenBaselineCount);
    if (problem) throw refuse('frozenBaselineCount', problem);
    await repos.measureHistory.create({
      measureId,
      kind: 'baseline-restored',
      baselineCount: baseline.frozenBaselineCount,
      reason: baseline.frozenReason,
      frozenAt: baseline.frozenAt,
    });
    return repos.measures.update(measureId, baseline);
  });
}

/** The chart a team draws for a measure; null goes back to the suggested one. */
export const setMeasureChart = (repos: Repositories, measureId: string, chart: MeasureChartType | null): Promise<Measure> =>
  repos.measures.update(measureId, { chart });

// ---------------------------------------------------------------------------------------------
// Chart notes

/** Checks that a note's measure (when it names one) is a measure of the note's project. */
async function checkNoteMeasure(repos: Repositories, projectId: string, measureId: string | null | undefined): Promise<void> {
  if (!measureId) return;
  const measure = await repos.measures.get(measureId);
  if (!measure || measure.projectId !== projectId) throw refuse('measureId', { code: 'noteMeasure' });
}

/** A free-text note at a date, on one measure's chart or (measureId null) on every chart of the project. */
export async function addChartNote(repos: Repositories, projectId: string, input: Omit<ChartNoteInput, 'projectId'>): Promise<ChartNote> {
  const { db } = repos;
  return db.transaction('rw', [db.improvementProjects, db.measures, db.chartNotes], async () => {
    await repos.improvementProjects.require(projectId);
    await checkNoteMeasure(repos, projectId, input.measureId);
    return repos.chartNotes.create({ ...input, text: input.text.trim(), projectId });
  });
}

export async function updateChartNote(repos: Repositories, noteId: string, patch: Partial<Pick<ChartNote, 'date' | 'text' | 'measureId'>>): Promise<ChartNote> {
  const { db } = repos;
  return db.transaction('rw', [db.measures, db.chartNotes], async () => {
    const note = await repos.chartNotes.require(noteId);
    if (patch.measureId !== undefined) await checkNoteMeasure(repos, note.projectId, patch.measureId);
    return repos.chartNotes.update(noteId, patch.text === undefined ? patch : { ...patch, text: patch.text.trim() });
  });
}

export const removeChartNote = (repos: Repositories, noteId: string): Promise<ChartNote | undefined> => repos.chartNotes.remove(noteId);
export const restoreChartNote = (repos: Repositories, note: ChartNote): Promise<ChartNote> => repos.chartNotes.restore(note);

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
      throw refuse('startsOn', { code: 'periodTaken', date: input.startsOn });
    }
    return repos.measurePeriods.create({ measureId, ...input });
  });
}

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
    const missing = missingToAdvance(cycle, to);
    if (missing.length) throw new ValidationError(missing.map((field) => refusalProblem(field, { code: 'stage', field })));
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
    if (cycle.decision !== 'adapt') throw refuse('decision', { code: 'spawnNotAdapted' });
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

// ---------------------------------------------------------------------------------------------
// Field edits from the project page

type Editable<R> = Partial<Omit<R, 'id' | 'createdAt' | 'updatedAt'>>;

export const updateProject = (repos: Repositories, projectId: string, patch: Editable<Omit<ImprovementProject, 'teamId'>>): Promise<ImprovementProject> =>
  repos.improvementProjects.update(projectId, patch);

export const updateMeasure = (repos: Repositories, measureId: string, patch: Editable<Omit<Measure, 'projectId'>>): Promise<Measure> =>
  repos.measures.update(measureId, patch);

/** A cycle's typed fields; moving between stages goes through moveCycleTo, which checks the method. */
export async function updateCycle(
  repos: Repositories,
  cycleId: string,
  patch: Editable<Omit<PdsaCycle, 'projectId' | 'stage' | 'number'>>,
): Promise<PdsaCycle> {
  if (patch.reviewedMeetingId === undefined) return repos.pdsaCycles.update(cycleId, patch);
  // Which meeting reviewed a cycle is printed in that meeting's minutes: neither the meeting it
  // leaves nor the one it joins may have approved minutes.
  const { db } = repos;
  return db.transaction('rw', [db.pdsaCycles, ...lockTables(repos)], async () => {
    await assertRecordOpen(repos, (await repos.pdsaCycles.require(cycleId)).reviewedMeetingId);
    await assertRecordOpen(repos, patch.reviewedMeetingId);
    return repos.pdsaCycles.update(cycleId, patch);
  });
}

export const removeChangeIdea = (repos: Repositories, id: string): Promise<ChangeIdea | undefined> => repos.changeIdeas.remove(id);
export const restoreChangeIdea = (repos: Repositories, row: ChangeIdea): Promise<ChangeIdea> => repos.changeIdeas.restore(row);
