import { differenceInCalendarDays, parseISO } from 'date-fns';
import {
  PDSA_STAGES,
  VALUE_COMPASS_POINTS,
  type ImprovementProject,
  type PdsaCycle,
  type PdsaCycleInput,
  type PdsaStage,
  type ValueCompassPoint,
} from '../model/rim';
import type { RimWords } from './words';

// PDSA state rules. Teams may always step back to an earlier stage; moving forward (even skipping
// stages, when a cycle is written up after the fact) needs everything the stages in between need.

export type PdsaProblemField = 'objective' | 'prediction' | 'doneAsPlanned' | 'observations' | 'results' | 'decision' | 'nextStep';

export interface PdsaProblem {
  /** The field to fill in, for highlighting it in the form; each field has one rule, so one message. */
  field: PdsaProblemField;
  message: string;
}

/** The stage rule's message for a field, in the words given. */
export const pdsaProblemMessage = (field: PdsaProblemField, { t }: RimWords): string => t(`pdsa.problem.${field}`);

export type PdsaRuleFields = Pick<PdsaCycle, 'stage' | 'objective' | 'prediction' | 'doneAsPlanned' | 'observations' | 'results' | 'decision' | 'nextStep'>;

const blank = (s: string) => s.trim() === '';
const stageIndex = (s: PdsaStage) => PDSA_STAGES.indexOf(s);

/** The fields a cycle must have filled in before it can be in `stage` (only that stage's own entry rule). */
function entryProblems(cycle: PdsaRuleFields, stage: PdsaStage): PdsaProblemField[] {
  const missing: PdsaProblemField[] = [];
  switch (stage) {
    case 'plan':
      break;
    case 'do':
      if (blank(cycle.objective)) missing.push('objective');
      if (blank(cycle.prediction)) missing.push('prediction');
      break;
    case 'study':
      if (cycle.doneAsPlanned === null) missing.push('doneAsPlanned');
      if (blank(cycle.observations)) missing.push('observations');
      break;
    case 'act':
      if (blank(cycle.results)) missing.push('results');
      break;
    case 'done':
      if (cycle.decision === null) missing.push('decision');
      else if (cycle.decision === 'adapt' && blank(cycle.nextStep)) missing.push('nextStep');
      break;
  }
  return missing;
}

/**
 * Why the cycle cannot move to `to`: the entry rules of every stage after the current one up to and
 * including `to`. Empty when it can: going back, staying, or going forward with everything filled in.
 * No Do without an objective and a prediction; no Study without Do observations and an answer to
 * "done as planned?"; no Act without Study results; no Done without a decision (and, to adapt, a next step).
 */
export function advanceProblems(cycle: PdsaRuleFields, to: PdsaStage, words: RimWords): PdsaProblem[] {
  return missingToAdvance(cycle, to).map((field) => ({ field, message: pdsaProblemMessage(field, words) }));
}

/** The fields to fill in before the cycle can move to `to` (advanceProblems without the words). */
export function missingToAdvance(cycle: PdsaRuleFields, to: PdsaStage): PdsaProblemField[] {
  const from = stageIndex(cycle.stage);
  const target = stageIndex(to);
  if (target <= from) return [];
  return PDSA_STAGES.slice(from + 1, target + 1).flatMap((stage) => entryProblems(cycle, stage));
}

export function canAdvance(cycle: PdsaRuleFields, to: PdsaStage): boolean {
  return missingToAdvance(cycle, to).length === 0;
}

export function nextStage(stage: PdsaStage): PdsaStage | null {
  return PDSA_STAGES[stageIndex(stage) + 1] ?? null;
}

/** Why the cycle cannot move to its next stage; empty when it can, or when it is already done. */
export function nextStageProblems(cycle: PdsaRuleFields, words: RimWords): PdsaProblem[] {
  const next = nextStage(cycle.stage);
  return next ? advanceProblems(cycle, next, words) : [];
}

/**
 * The input for the cycle that follows an adapted one: same project, change idea, measures,
 * objective, question and data collection plan; the adapted cycle's next step becomes the new
 * "what"; the prediction and everything from Do onward start empty. Only an adapted cycle spawns.
 */
export function spawnNextCycle(cycle: PdsaCycle, options: { number: number; plannedOn?: string | null }): PdsaCycleInput {
  if (cycle.decision !== 'adapt') {
    throw new Error(`Only an adapted cycle leads to a next cycle (cycle ${cycle.number} is ${cycle.decision ?? 'undecided'}).`);
  }
  return {
    projectId: cycle.projectId,
    changeIdeaId: cycle.changeIdeaId,
    number: options.number,
    title: cycle.title,
    objective: cycle.objective,
    question: cycle.question,
    prediction: '',
    who: '',
    what: cycle.nextStep,
    when: '',
    where: '',
    dataCollection: cycle.dataCollection,
    doneAsPlanned: null,
    observations: '',
    results: '',
    decision: null,
    nextStep: '',
    measureIds: [...cycle.measureIds],
    reviewedMeetingId: null,
    spawnedFromCycleId: cycle.id,
    stage: 'plan',
    plannedOn: options.plannedOn ?? null,
    doneOn: null,
    studiedOn: null,
    actedOn: null,
  };
}

/** Path to Performance (use of tools, level 4): every project and cycle documented at least every 90 days. */
export const DOCUMENTATION_INTERVAL_DAYS = 90;

export interface ProjectProgress {
  projectId: string;
  teamId: string;
  cyclesCompleted: number;
  cyclesInProgress: number;
  /** Calendar date (YYYY-MM-DD) of the latest update known for the project or its cycles. */
  lastUpdated: string;
  daysSinceUpdate: number;
  /** Open (not closed or abandoned) and not updated for more than 90 days. */
  stale: boolean;
  /** Unfinished cycles not updated for more than 90 days. */
  staleCycleIds: string[];
}

export interface TeamProgress {
  teamId: string;
  projectCount: number;
  openProjectCount: number;
  cyclesCompleted: number;
  staleProjectIds: string[];
  /** Use of tools, level 3: the team uses RIM and has completed 2 test cycles. */
  meetsLevel3Cycles: boolean;
  /** Use of tools, level 4: 3+ cycles and nothing undocumented for more than 90 days. */
  meetsLevel4Cycles: boolean;
}

export interface ProgressSummary {
  projects: ProjectProgress[];
  teams: TeamProgress[];
}

type ProgressProject = Pick<ImprovementProject, 'id' | 'teamId' | 'status' | 'archivedAt' | 'updatedAt'>;
type ProgressCycle = Pick<PdsaCycle, 'id' | 'projectId' | 'stage' | 'updatedAt'>;

const toDate = (s: string) => s.slice(0, 10);
const latest = (dates: string[]) => dates.map(toDate).reduce((a, b) => (b > a ? b : a));
const isOpen = (p: ProgressProject) => p.status !== 'closed' && p.status !== 'abandoned';

/**
 * Cycles completed per project and per team, and the projects and cycles overdue for documentation.
 * `lastUpdatedByProject` holds what the caller knows beyond the rows given (data points, measures,
 * notes: timestamps or calendar dates); the latest of it, the project's and its cycles' updatedAt
 * counts. `today` is a calendar date. Archived projects (and their cycles) are left out.
 */
export function projectProgress(
  projects: readonly ProgressProject[],
  cycles: readonly ProgressCycle[],
  lastUpdatedByProject: Readonly<Record<string, string | undefined>>,
  today: string,
): ProgressSummary {
  const todayDate = parseISO(toDate(today));
  const daysSince = (date: string) => differenceInCalendarDays(todayDate, parseISO(date));
  const live = projects.filter((p) => p.archivedAt === null);

  const projectRows = live.map((p): ProjectProgress => {
    const own = cycles.filter((c) => c.projectId === p.id);
    const extra = lastUpdatedByProject[p.id];
    const lastUpdated = latest([p.updatedAt, ...own.map((c) => c.updatedAt), ...(extra ? [extra] : [])]);
    const daysSinceUpdate = daysSince(lastUpdated);
    return {
      projectId: p.id,
      teamId: p.teamId,
      cyclesCompleted: own.filter((c) => c.stage === 'done').length,
      cyclesInProgress: own.filter((c) => c.stage !== 'done').length,
      lastUpdated,
      daysSinceUpdate,
      stale: isOpen(p) && daysSinceUpdate > DOCUMENTATION_INTERVAL_DAYS,
      staleCycleIds: isOpen(p) ? own.filter((c) => c.stage !== 'done' && daysSince(toDate(c.updatedAt)) > DOCUMENTATION_INTERVAL_DAYS).map((c) => c.id) : [],
    };
  });

  const teamIds = [...new Set(live.map((p) => p.teamId))];
  const teams = teamIds.map((teamId): TeamProgress => {
    const rows = projectRows.filter((r) => r.teamId === teamId);
    const cyclesCompleted = rows.reduce((n, r) => n + r.cyclesCompleted, 0);
    const staleProjectIds = rows.filter((r) => r.stale).map((r) => r.projectId);
    const anyStaleCycle = rows.some((r) => r.staleCycleIds.length > 0);
    return {
      teamId,
      projectCount: rows.length,
      openProjectCount: live.filter((p) => p.teamId === teamId && isOpen(p)).length,
      cyclesCompleted,
      staleProjectIds,
      meetsLevel3Cycles: cyclesCompleted >= 2,
      meetsLevel4Cycles: cyclesCompleted >= 3 && staleProjectIds.length === 0 && !anyStaleCycle,
    };
  });

  return { projects: projectRows, teams };
}

export interface ValueCompassCoverage {
  /** Projects tagged with each point. */
  counts: Record<ValueCompassPoint, number>;
  covered: ValueCompassPoint[];
  missing: ValueCompassPoint[];
  /** Every point has at least one project (level 5 asks for targets met across all four). */
  allFour: boolean;
}

/** Value Compass points covered by a team's projects, leaving out archived and abandoned ones. */
export function valueCompassCoverage(projects: readonly Pick<ImprovementProject, 'valueCompass' | 'status' | 'archivedAt'>[]): ValueCompassCoverage {
  const counts = Object.fromEntries(VALUE_COMPASS_POINTS.map((p) => [p, 0])) as Record<ValueCompassPoint, number>;
  for (const project of projects) {
    if (project.archivedAt !== null || project.status === 'abandoned') continue;
    for (const point of new Set(project.valueCompass)) counts[point] += 1;
  }
  const covered = VALUE_COMPASS_POINTS.filter((p) => counts[p] > 0);
  const missing = VALUE_COMPASS_POINTS.filter((p) => counts[p] === 0);
  return { counts, covered, missing, allFour: missing.length === 0 };
}
