import { z } from 'zod';
import { CalendarDate, Id, RecordMeta, Timestamp, line, longText, requiredLine } from './common';

// Rapid Improvement Model (RIM): KP's version of the Model for Improvement. Projects, measures,
// measure periods, data points, change ideas and PDSA cycles are each rows of their own, so two
// laptops adding data points or cycles offline merge row by row instead of overwriting arrays.

/** Fractional position: inserting between two rows never renumbers the others (merge-friendly). */
const Position = z.number().finite();

const distinct = <T>(items: readonly T[]) => new Set(items).size === items.length;

export const ValueCompassPoint = z.enum(['best-quality', 'best-service', 'most-affordable', 'best-place-to-work']);
export type ValueCompassPoint = z.infer<typeof ValueCompassPoint>;
export const VALUE_COMPASS_POINTS: readonly ValueCompassPoint[] = ValueCompassPoint.options;
export const VALUE_COMPASS_LABELS: Record<ValueCompassPoint, string> = {
  'best-quality': 'Best quality',
  'best-service': 'Best service',
  'most-affordable': 'Most affordable',
  'best-place-to-work': 'Best place to work',
};

/**
 * planning: aim and measures being worked out; active: PDSA cycles under way; sustaining: changes
 * adopted, the team keeps measuring to hold the gain; closed: finished; abandoned: stopped early.
 */
export const ProjectStatus = z.enum(['planning', 'active', 'sustaining', 'closed', 'abandoned']);
export type ProjectStatus = z.infer<typeof ProjectStatus>;
export const PROJECT_STATUSES: readonly ProjectStatus[] = ProjectStatus.options;
export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = {
  planning: 'Planning',
  active: 'Testing changes',
  sustaining: 'Sustaining',
  closed: 'Closed',
  abandoned: 'Abandoned',
};

export const ImprovementProjectFields = z.object({
  teamId: Id,
  title: requiredLine('Title', 200),
  /** The problem as the team sees it, before it is turned into an aim. */
  problem: longText(4000).default(''),
  /** "What are we trying to accomplish?" A SMART aim: a measure, a target level and a target date. */
  aim: longText(2000).default(''),
  /** Every aim is tagged with at least one Value Compass point (checked in the UI, not here: drafts may lack it). */
  valueCompass: z.array(ValueCompassPoint).max(4).refine(distinct, 'a Value Compass point can be listed only once').default([]),
  sponsorId: Id.nullable().default(null),
  status: ProjectStatus.default('planning'),
  startDate: CalendarDate.nullable().default(null),
  archivedAt: Timestamp.nullable().default(null),
});
export const ImprovementProject = RecordMeta.extend(ImprovementProjectFields.shape);
export type ImprovementProject = z.infer<typeof ImprovementProject>;
export type ImprovementProjectInput = z.input<typeof ImprovementProjectFields>;

/** outcome tracks the aim; process: is the change done as intended; balancing: is it hurting something else. */
export const MeasureKind = z.enum(['outcome', 'process', 'balancing']);
export type MeasureKind = z.infer<typeof MeasureKind>;
export const MEASURE_KINDS: readonly MeasureKind[] = MeasureKind.options;

export const MeasureFrequency = z.enum(['daily', 'weekly', 'biweekly', 'monthly', 'quarterly']);
export type MeasureFrequency = z.infer<typeof MeasureFrequency>;
export const MEASURE_FREQUENCIES: readonly MeasureFrequency[] = MeasureFrequency.options;

/** Which way counts as better: 'up' for satisfaction scores, 'down' for falls or wait times. */
export const MeasureDirection = z.enum(['up', 'down']);
export type MeasureDirection = z.infer<typeof MeasureDirection>;

const measureNumber = z.number().finite({ message: 'must be a number' }).nullable().default(null);

/**
 * What one data point of a measure is, which decides how it is entered and charted:
 * - measurement: one number on a scale per period (minutes to first dose, a survey score, cost);
 * - count: events in equal periods (falls, medication errors per week); a unit can have several;
 * - proportion: numerator units out of denominator units, each unit counted once (patients seen
 *   within 30 minutes out of patients seen), drawn as a percent;
 * - rate: events per N units of exposure (falls per 1,000 patient days);
 * - between-events: cases or days between rare events (surgeries between wound infections).
 * Measures made before numerators and denominators existed are measurements.
 */
export const MeasureValueType = z.enum(['measurement', 'count', 'proportion', 'rate', 'between-events']);
export type MeasureValueType = z.infer<typeof MeasureValueType>;
export const MEASURE_VALUE_TYPES: readonly MeasureValueType[] = MeasureValueType.options;
/** Proportions and rates are entered as a numerator and a denominator; the others as one value. */
export const isRatioValueType = (t: MeasureValueType): t is 'proportion' | 'rate' => t === 'proportion' || t === 'rate';

/**
 * The chart a team draws for a measure: a run chart, or a control chart (I with its MR chart, C, U,
 * P, G, Laney's P′ and U′). The MR chart is not chosen on its own: it comes with the I chart.
 */
export const MeasureChartType = z.enum(['run', 'i', 'c', 'u', 'p', 'pp', 'up', 'g']);
export type MeasureChartType = z.infer<typeof MeasureChartType>;
export const MEASURE_CHART_TYPES: readonly MeasureChartType[] = MeasureChartType.options;

const MeasureBase = z.object({
  projectId: Id,
  name: requiredLine('Measure name', 200),
  kind: MeasureKind,
  /** Exactly what is counted and how, so two people counting get the same number. */
  operationalDefinition: longText(4000).default(''),
  unit: line(60).default(''),
  dataSource: line(300).default(''),
  frequency: MeasureFrequency.default('weekly'),
  valueType: MeasureValueType.default('measurement'),
  /** Rates are drawn per this many units of the denominator: 1000 for "falls per 1,000 patient days". */
  ratePer: z.number().finite().positive('a rate is per a positive number of units').default(1000),
  /** What the numerator counts, as the data grid and an imported file's header name it ("Falls"). */
  numeratorLabel: line(120).default(''),
  /** What the denominator counts ("Patient days"). */
  denominatorLabel: line(120).default(''),
  direction: MeasureDirection,
  /** The chart the team chose; null: the one the chart-choice helper suggests for the data (rim/chartChoice.ts). */
  chart: MeasureChartType.nullable().default(null),
  baseline: measureNumber,
  target: measureNumber,
  position: Position,
  /**
   * Freezing the baseline: the first N points of the first period fix the median, so it stops
   * moving as new points arrive. Later periods (MeasurePeriod) carry their own baseline count.
   * null means not frozen: the centre line is the median of all points of the period.
   */
  frozenBaselineCount: z.number().int().min(1, 'a frozen baseline needs at least one point').nullable().default(null),
  frozenReason: longText(1000).default(''),
  frozenAt: Timestamp.nullable().default(null),
});
const frozenNeedsReason = (m: { frozenBaselineCount: number | null; frozenReason: string }, ctx: z.RefinementCtx) => {
  if (m.frozenBaselineCount !== null && m.frozenReason.trim() === '') {
    ctx.addIssue({ code: 'custom', path: ['frozenReason'], message: 'say why the baseline is frozen' });
  }
};
export const MeasureFields = MeasureBase.superRefine(frozenNeedsReason);
export const Measure = RecordMeta.extend(MeasureBase.shape).superRefine(frozenNeedsReason);
export type Measure = z.infer<typeof Measure>;
export type MeasureInput = z.input<typeof MeasureFields>;

/**
 * Re-basing: after an adopted change shifts the process, a new period starts on `startsOn` with its
 * own median (and optionally its own frozen baseline). Points before the first period's start
 * belong to the measure's original period. One row per re-base, so re-bases merge independently.
 */
export const MeasurePeriodFields = z.object({
  measureId: Id,
  startsOn: CalendarDate,
  reason: requiredLine('Reason for the new period', 1000),
  /** Freeze the median of this period on its first N points; null: median of the whole period. */
  baselineCount: z.number().int().min(1, 'a frozen baseline needs at least one point').nullable().default(null),
  /** The PDSA cycle whose adopted change prompted the re-base, when there is one. */
  pdsaCycleId: Id.nullable().default(null),
});
export const MeasurePeriod = RecordMeta.extend(MeasurePeriodFields.shape);
export type MeasurePeriod = z.infer<typeof MeasurePeriod>;
export type MeasurePeriodInput = z.input<typeof MeasurePeriodFields>;

const count = z.number().finite({ message: 'must be a number' }).min(0, 'cannot be negative').nullable().default(null);

/**
 * One row per point. A null value is a missing point (kept so the chart shows the gap).
 *
 * Proportion and rate measures keep the numerator and denominator and leave `value` null: the
 * plotted ratio is worked out when drawn (rim/measureData.ts), never stored, because fields merge
 * one by one on sync and a stored ratio could disagree with a numerator edited on another laptop.
 * A denominator without a numerator is a period that was counted but whose events were not.
 */
export const DataPointFields = z.object({
  measureId: Id,
  date: CalendarDate,
  value: z.number().finite({ message: 'must be a number' }).nullable(),
  numerator: count,
  denominator: count,
  note: line(500).default(''),
});
export const DataPoint = RecordMeta.extend(DataPointFields.shape);
export type DataPoint = z.infer<typeof DataPoint>;
export type DataPointInput = z.input<typeof DataPointFields>;

/**
 * A free-text note at a date on a project's charts ("EHR go-live", "flu season", "new triage
 * nurse role"): what else was going on, drawn beside the PDSA marks so the chart explains itself.
 * A row of its own, so notes added on two laptops merge.
 */
export const ChartNoteFields = z.object({
  projectId: Id,
  /** The measure whose chart shows the note; null: every chart of the project (an EHR go-live touches them all). */
  measureId: Id.nullable().default(null),
  date: CalendarDate,
  text: requiredLine('Note', 200),
});
export const ChartNote = RecordMeta.extend(ChartNoteFields.shape);
export type ChartNote = z.infer<typeof ChartNote>;
export type ChartNoteInput = z.input<typeof ChartNoteFields>;

/**
 * The measure's history of baseline decisions, one row per event and never edited, so unfreezing
 * a baseline can never throw away why it was frozen: the reason stays here (and Undo puts it back).
 * - baseline-frozen: the first `baselineCount` points fixed the centre line, for `reason`;
 * - baseline-unfrozen: that frozen baseline was released (its count, reason and freeze time kept);
 * - baseline-restored: an unfreeze was undone, the same baseline is frozen again.
 */
export const MeasureEventKind = z.enum(['baseline-frozen', 'baseline-unfrozen', 'baseline-restored']);
export type MeasureEventKind = z.infer<typeof MeasureEventKind>;
export const MeasureEventFields = z.object({
  measureId: Id,
  kind: MeasureEventKind,
  baselineCount: z.number().int().min(1).nullable().default(null),
  reason: longText(1000).default(''),
  /** When the baseline this event is about was frozen. */
  frozenAt: Timestamp.nullable().default(null),
});
export const MeasureEvent = RecordMeta.extend(MeasureEventFields.shape);
export type MeasureEvent = z.infer<typeof MeasureEvent>;
export type MeasureEventInput = z.input<typeof MeasureEventFields>;

/** "What changes can we make that will result in improvement?" */
export const ChangeIdeaFields = z.object({
  projectId: Id,
  text: requiredLine('Change idea', 500),
  position: Position,
});
export const ChangeIdea = RecordMeta.extend(ChangeIdeaFields.shape);
export type ChangeIdea = z.infer<typeof ChangeIdea>;
export type ChangeIdeaInput = z.input<typeof ChangeIdeaFields>;

export const PdsaStage = z.enum(['plan', 'do', 'study', 'act', 'done']);
export type PdsaStage = z.infer<typeof PdsaStage>;
export const PDSA_STAGES: readonly PdsaStage[] = PdsaStage.options;

/** adopt: scale up with a plan to sustain; adapt: modify and test again; abandon: stop testing it. */
export const PdsaDecision = z.enum(['adopt', 'adapt', 'abandon']);
export type PdsaDecision = z.infer<typeof PdsaDecision>;
export const PDSA_DECISIONS: readonly PdsaDecision[] = PdsaDecision.options;

const text = (max: number) => longText(max).default('');

export const PdsaCycleFields = z.object({
  projectId: Id,
  changeIdeaId: Id.nullable().default(null),
  /** Cycle number within the project, shown as "Cycle 3". */
  number: z.number().int().min(1, 'cycle numbers start at 1'),
  title: line(200).default(''),
  // Plan
  objective: text(2000),
  question: text(2000),
  /** What the team expects to happen. No Do without a prediction: otherwise there is nothing to learn from. */
  prediction: text(2000),
  who: text(1000),
  what: text(2000),
  when: text(500),
  where: text(500),
  dataCollection: text(2000),
  // Do
  /** null: not answered yet. */
  doneAsPlanned: z.boolean().nullable().default(null),
  observations: text(4000),
  // Study
  /** Results compared with the prediction. */
  results: text(4000),
  // Act
  decision: PdsaDecision.nullable().default(null),
  nextStep: text(2000),
  measureIds: z.array(Id).max(50).refine(distinct, 'a measure can be listed only once').default([]),
  /** The meeting at which the team reviewed this cycle. */
  reviewedMeetingId: Id.nullable().default(null),
  /** The adapted cycle this one continues. */
  spawnedFromCycleId: Id.nullable().default(null),
  stage: PdsaStage.default('plan'),
  plannedOn: CalendarDate.nullable().default(null),
  doneOn: CalendarDate.nullable().default(null),
  studiedOn: CalendarDate.nullable().default(null),
  actedOn: CalendarDate.nullable().default(null),
});
export const PdsaCycle = RecordMeta.extend(PdsaCycleFields.shape);
export type PdsaCycle = z.infer<typeof PdsaCycle>;
export type PdsaCycleInput = z.input<typeof PdsaCycleFields>;
