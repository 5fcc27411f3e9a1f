import type { DataPoint, Measure, MeasurePeriod, PdsaCycle } from '../model/rim';
import { pointValue } from './measureData';
import { analyzeRunChart, describeSignals, findSignalSpans, type RunChartAnalysis, type SignalSpans } from './runChart';
import { rimWords, type RimWords } from './words';

// Turns a measure's stored rows into what a run chart draws: one row per point with the centre
// line of the period it belongs to, the analysis of each period, and the PDSA annotations. Pure,
// so the chart component stays a thin wrapper around the chart library.

export interface ChartRow {
  date: string;
  /** null: a missing point, drawn as a gap. */
  value: number | null;
  /** The centre line of the point's period. */
  median: number | null;
  target: number | null;
  /** 1-based index of the point on the chart, as facilitators count it. */
  index: number;
}

export interface ChartPeriod {
  /** First date of the period; null for the measure's original period. */
  startsOn: string | null;
  reason: string;
  /** Frozen baseline size for this period; null when the median is of the whole period. */
  baselineCount: number | null;
  analysis: RunChartAnalysis;
  spans: SignalSpans;
  /** The signals in plain words (point numbers count within the period). */
  signals: string[];
  pointCount: number;
}

export interface ChartAnnotation {
  cycleId: string;
  date: string;
  /**
   * Where to draw it on a chart whose x axis is the point dates: the first point on or after the
   * cycle's date (the first point that could show the change), else the last point; null on an
   * empty chart.
   */
  at: string | null;
  /** "PDSA 2: Bed alarms (adopt)", for the list under the chart. */
  label: string;
  /** "PDSA 2", drawn on the chart, where long labels would overlap. */
  short: string;
}

export interface RunChartModel {
  rows: ChartRow[];
  periods: ChartPeriod[];
  annotations: ChartAnnotation[];
}

type PointLike = Pick<DataPoint, 'date' | 'value'> & Partial<Pick<DataPoint, 'numerator' | 'denominator'>>;
/** A proportion or rate measure (valueType) is drawn from its numerators and denominators. */
type MeasureLike = Pick<Measure, 'target' | 'frozenBaselineCount'> & Partial<Pick<Measure, 'valueType' | 'ratePer'>>;
type PeriodLike = Pick<MeasurePeriod, 'startsOn' | 'reason' | 'baselineCount'>;
type CycleLike = Pick<PdsaCycle, 'id' | 'number' | 'title' | 'stage' | 'decision' | 'plannedOn' | 'doneOn' | 'measureIds'>;

function snapToPoint(rows: readonly ChartRow[], date: string): string | null {
  return rows.find((r) => r.date >= date)?.date ?? rows.at(-1)?.date ?? null;
}

/** The date a cycle is drawn at: when the test was carried out, else when it was planned. */
export const cycleDate = (c: Pick<PdsaCycle, 'doneOn' | 'plannedOn'>): string | null => c.doneOn ?? c.plannedOn;

/** "PDSA 2: Bed alarms (adopt)", in the language of `words`. */
export function cycleLabel(c: Pick<PdsaCycle, 'number' | 'title' | 'decision'>, { t }: RimWords): string {
  const values = { number: String(c.number), title: c.title, decision: c.decision ? t(`vocab.decisionInLabel.${c.decision}`) : '' };
  if (c.title) return t(c.decision ? 'chart.cycleTitledDecided' : 'chart.cycleTitled', values);
  return t(c.decision ? 'chart.cycleDecided' : 'chart.cycle', values);
}

/**
 * Split points into periods (the original one, then one per re-base, by start date), analyse each
 * against its own median (frozen baseline where set) and line up the PDSA cycles linked to the
 * measure at their dates. The signals and labels are in the language of `words` (English unless
 * given: the minutes' improvement section passes its meeting's language).
 */
export function buildRunChart(
  measureId: string,
  measure: MeasureLike,
  points: readonly PointLike[],
  periods: readonly PeriodLike[],
  cycles: readonly CycleLike[],
  words: RimWords = rimWords('en'),
): RunChartModel {
  const { valueType, ratePer } = measure;
  const drawn = (p: PointLike): number | null =>
    valueType
      ? pointValue({ valueType, ratePer: ratePer ?? 1000 }, { value: p.value, numerator: p.numerator ?? null, denominator: p.denominator ?? null })
      : p.value;
  const sorted = [...points].sort((a, b) => a.date.localeCompare(b.date)).map((p) => ({ date: p.date, value: drawn(p) }));
  const rebases = [...periods].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  const bounds: (Omit<PeriodLike, 'startsOn'> & { startsOn: string | null })[] = [
    { startsOn: null, reason: '', baselineCount: measure.frozenBaselineCount },
    ...rebases,
  ];

  const rows: ChartRow[] = [];
  const chartPeriods: ChartPeriod[] = bounds.map((period, i) => {
    const next = rebases[i]?.startsOn ?? null; // bounds[i + 1] is rebases[i]
    const own = sorted.filter((p) => (period.startsOn === null || p.date >= period.startsOn) && (next === null || p.date < next));
    const values = own.map((p) => p.value);
    const options = period.baselineCount ? { baseline: period.baselineCount } : undefined;
    const analysis = analyzeRunChart(values, options);
    const spans = findSignalSpans(values, options);
    const hasPoints = values.some((v) => v !== null);
    for (const p of own) {
      rows.push({ date: p.date, value: p.value, median: hasPoints ? analysis.median : null, target: measure.target, index: rows.length + 1 });
    }
    return {
      startsOn: period.startsOn,
      reason: period.reason,
      baselineCount: period.baselineCount,
      analysis,
      spans,
      signals: describeSignals(analysis, words, spans),
      pointCount: own.length,
    };
  });

  const annotations = cycles
    .filter((c) => c.measureIds.includes(measureId))
    .map((c) => ({ cycle: c, date: cycleDate(c) }))
    .filter((x): x is { cycle: CycleLike; date: string } => x.date !== null)
    .sort((a, b) => a.date.localeCompare(b.date) || a.cycle.number - b.cycle.number)
    .map(({ cycle, date }) => ({
      cycleId: cycle.id,
      date,
      label: cycleLabel(cycle, words),
      short: words.t('chart.pdsaShort', { number: String(cycle.number) }),
    }));

  return { rows, periods: chartPeriods, annotations: annotations.map((a) => ({ ...a, at: snapToPoint(rows, a.date) })) };
}
