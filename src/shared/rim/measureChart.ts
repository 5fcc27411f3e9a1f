import { formatDate } from '../i18n/format';
import type { ChartNote, DataPoint, Measure, MeasurePeriod, PdsaCycle } from '../model/rim';
import { isRatioValueType } from '../model/rim';
import { suggestChart, type ChartKind, type ChartSuggestion } from './chartChoice';
import { cycleDate, cycleLabel } from './chartSeries';
import { controlChart, controlChartSentences, type ControlChart, type ControlChartType } from './controlChart';
import { controlChartInputFor, displayMultiplier, pointValue } from './measureData';
import { analyzeRunChart, describeSignals, findSignalSpans, findTrendSpans, type RunSpan, type TrendSpan } from './runChart';
import type { RimWords } from './words';

// A measure as the chart the team looks at: a run chart or a control chart, split into the
// measure's periods (re-bases), each with its own centre line and limits (frozen on a baseline
// where the team froze one), with what the eye should find marked on it (points outside the
// limits, shifts, trends), the PDSA cycles and chart notes at their dates, and the signals in
// words. One model for the chart on screen and the exported picture, so they cannot disagree; its
// words are in the language of the words it is built with.

/** Shewhart charts: this many points in a row all going up or all going down is a trend (Provost & Murray, rule 3). */
export const CONTROL_TREND_POINTS = 6;

/** "P chart (proportions)". */
export const chartKindLabel = (kind: ChartKind, { t }: RimWords): string => t(`vocab.chart.${kind}`);
/** Short names for pickers and legends: "P chart". */
export const chartKindShort = (kind: ChartKind, { t }: RimWords): string => t(`vocab.chartShort.${kind}`);

/** What a chart's centre line is: the median (run and G charts), the mean, or the average moving range (MR). */
export type CentreKind = 'median' | 'mean' | 'mr';
export const centreKindOf = (kind: ChartKind): CentreKind => (kind === 'run' || kind === 'g' ? 'median' : kind === 'mr' ? 'mr' : 'mean');

type MeasureLike = Pick<Measure, 'id' | 'valueType' | 'ratePer' | 'target' | 'frozenBaselineCount' | 'chart' | 'unit' | 'denominatorLabel'>;
type PointLike = Pick<DataPoint, 'date' | 'value' | 'numerator' | 'denominator'> & Partial<Pick<DataPoint, 'note'>>;
type PeriodLike = Pick<MeasurePeriod, 'startsOn' | 'reason' | 'baselineCount'>;
type CycleLike = Pick<PdsaCycle, 'id' | 'number' | 'title' | 'decision' | 'plannedOn' | 'doneOn' | 'measureIds'>;
type NoteLike = Pick<ChartNote, 'id' | 'date' | 'text' | 'measureId'>;

export interface MeasureChartPoint {
  date: string;
  /** Days since 1970-01-01: where the point sits on a time axis. */
  day: number;
  /** 1-based number of the point on the chart, as the signals in words count them. */
  number: number;
  /** The plotted value (the percentage or rate for ratio measures, the moving range on an MR chart); null: a gap. */
  y: number | null;
  centre: number | null;
  ucl: number | null;
  lcl: number | null;
  /** One of the points that set its period's centre line and limits (every point of a period nothing is frozen in). */
  inBaseline: boolean;
  outside: boolean;
  inTrend: boolean;
  inShift: boolean;
  /** Index into the model's periods. */
  period: number;
  numerator: number | null;
  denominator: number | null;
}

export interface MeasureChartPeriod {
  /** First date of the period; null for the measure's original period. */
  startsOn: string | null;
  reason: string;
  /** Index of the period's first and last point in `points` (last < first: no points). */
  first: number;
  last: number;
  /** The frozen baseline's size; null when the period's centre line uses every point. */
  baselineCount: number | null;
  /** Index in `points` of the last baseline point when the baseline is frozen and later points extend it; else null. */
  baselineLast: number | null;
  centre: number | null;
  /** What the rules found, in words, numbered as the chart numbers its points. */
  signals: string[];
  /** Anything special: a point outside the limits, a shift, too few crossings, a trend. */
  special: boolean;
}

export interface ChartMark {
  id: string;
  date: string;
  day: number;
  /** Drawn on the chart where space is short: "PDSA 2", "Note 1". */
  short: string;
  /** Listed under the chart: "PDSA 2: Bed alarms (adopt)", "EHR go-live". */
  label: string;
}

export interface SpanMark {
  kind: 'trend' | 'shift';
  /** Indices into `points`, inclusive. */
  start: number;
  end: number;
  /** "6 points going up", "9 points below the centre line". */
  label: string;
}

export interface MeasureChartModel {
  kind: ChartKind;
  /** "P chart (proportions)" */
  title: string;
  /** The suggestion for this measure's data, with its reason (shown beside the picker). */
  suggestion: ChartSuggestion;
  /** The team chose this chart rather than taking the suggestion. */
  chosen: boolean;
  /** What the y axis is in: "%", "per 1,000 patient days", the measure's unit. */
  unit: string;
  /** What the values are, as a heading says it: "in %", "in minutes", "per 1,000 patient days"; empty with no unit. */
  unitPhrase: string;
  centre: CentreKind;
  /** "Median", "Mean", "Average moving range". */
  centreName: string;
  hasLimits: boolean;
  points: MeasureChartPoint[];
  periods: MeasureChartPeriod[];
  spans: SpanMark[];
  cycles: ChartMark[];
  notes: ChartMark[];
  target: number | null;
  /** The MR chart drawn under an I chart; null otherwise. */
  companion: MeasureChartModel | null;
  /** First and last date with a point; null on an empty chart. */
  dateRange: { from: string; to: string } | null;
  /** The signals of every period, headed by the period where there are several. */
  signals: string[];
}

export interface MeasureChartInput {
  measure: MeasureLike;
  /** Any order; drawn by date. */
  points: readonly PointLike[];
  periods?: readonly PeriodLike[];
  cycles?: readonly CycleLike[];
  /** The project's notes: those for this measure and those for every measure are drawn. */
  notes?: readonly NoteLike[];
  /** Draw this chart instead of the measure's own choice (a preview in the picker). */
  chart?: ChartKind;
}

/** YYYY-MM-DD as whole days since 1970-01-01 (UTC, so no time zone moves a point). */
export function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Math.round(Date.UTC(y!, m! - 1, d!) / 86_400_000);
}

/** Whole days since 1970-01-01 back to YYYY-MM-DD. */
export function dayToDate(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** What the y axis of a measure's chart is in. */
export function chartUnit(m: Pick<Measure, 'valueType' | 'ratePer' | 'unit' | 'denominatorLabel'>, { t }: RimWords): string {
  if (m.valueType === 'proportion') return '%';
  if (m.valueType === 'rate') {
    const per = displayMultiplier(m);
    const of = m.denominatorLabel.trim().toLowerCase();
    return of ? t('chart.unitPer', { per, of }) : t('chart.unitPerUnits', { per });
  }
  return m.unit;
}

/** The chart a measure is drawn with: the team's choice, else the suggestion for its data. */
export function chartSuggestionFor(measure: Pick<Measure, 'valueType'>, points: readonly PointLike[], words: RimWords): ChartSuggestion {
  const ratio = isRatioValueType(measure.valueType);
  return suggestChart(
    {
      valueType: measure.valueType,
      values: points.map((p) => (ratio ? p.numerator : p.value)),
      denominators: ratio ? points.map((p) => p.denominator) : undefined,
    },
    words,
  );
}

const withOffset = <T extends { start: number; end: number }>(s: T, offset: number): T => ({ ...s, start: s.start + offset, end: s.end + offset });

function trendSentence(tr: TrendSpan, rule: number, { t }: RimWords): string {
  return t('control.trend', { length: tr.length, direction: tr.direction, from: String(tr.start + 1), to: String(tr.end + 1), rule });
}

interface PeriodSlice {
  startsOn: string | null;
  reason: string;
  baselineCount: number | null;
  first: number;
  last: number;
}

function slicePeriods(sorted: readonly PointLike[], measure: MeasureLike, periods: readonly PeriodLike[]): PeriodSlice[] {
  const rebases = [...periods].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  const bounds = [{ startsOn: null as string | null, reason: '', baselineCount: measure.frozenBaselineCount }, ...rebases];
  let at = 0;
  return bounds.map((b, i) => {
    const next = rebases[i]?.startsOn ?? null;
    const first = at;
    while (at < sorted.length && (next === null || sorted[at]!.date < next)) at++;
    return { startsOn: b.startsOn, reason: b.reason, baselineCount: b.baselineCount, first, last: at - 1 };
  });
}

/** The n-th (1-based) index at which `present` holds, or null. */
function nthPresent(present: readonly boolean[], n: number): number | null {
  let seen = 0;
  for (let i = 0; i < present.length; i++) if (present[i] && ++seen === n) return i;
  return null;
}

/**
 * Build the chart of a measure. Points are sorted by date; each period is analysed on its own
 * points (frozen baseline where set); point numbers in the signals count across the whole chart.
 */
export function buildMeasureChart(input: MeasureChartInput, words: RimWords): MeasureChartModel {
  const { measure } = input;
  const sorted = [...input.points].sort((a, b) => a.date.localeCompare(b.date));
  const suggestion = chartSuggestionFor(measure, sorted, words);
  const kind: ChartKind = input.chart ?? measure.chart ?? suggestion.chart;
  const model = buildKind(kind, input, sorted, words);
  const companion = kind === 'i' ? buildKind('mr', input, sorted, words) : null;
  return {
    ...model,
    suggestion,
    chosen: input.chart === undefined && measure.chart !== null,
    companion: companion ? { ...companion, suggestion, chosen: false, companion: null } : null,
  };
}

function buildKind(
  kind: ChartKind,
  input: MeasureChartInput,
  sorted: readonly PointLike[],
  words: RimWords,
): Omit<MeasureChartModel, 'suggestion' | 'chosen' | 'companion'> {
  const { measure } = input;
  const { t } = words;
  const slices = slicePeriods(sorted, measure, input.periods ?? []);
  const points: MeasureChartPoint[] = sorted.map((p, i) => ({
    date: p.date,
    day: dayNumber(p.date),
    number: i + 1,
    y: null,
    centre: null,
    ucl: null,
    lcl: null,
    inBaseline: true,
    outside: false,
    inTrend: false,
    inShift: false,
    period: 0,
    numerator: finite(p.numerator) ? p.numerator : null,
    denominator: finite(p.denominator) ? p.denominator : null,
  }));
  const spans: SpanMark[] = [];
  const several = slices.filter((s) => s.last >= s.first).length > 1;

  const periods: MeasureChartPeriod[] = slices.map((slice, k) => {
    const own = sorted.slice(slice.first, slice.last + 1);
    const offset = slice.first;
    for (let i = slice.first; i <= slice.last; i++) points[i]!.period = k;
    const result = kind === 'run' ? runPeriod(measure, own, slice, words) : controlPeriod(kind, measure, own, slice, words);
    result.y.forEach((y, j) => {
      const p = points[offset + j]!;
      p.y = y;
      p.centre = result.centre[j] ?? null;
      p.ucl = result.ucl[j] ?? null;
      p.lcl = result.lcl[j] ?? null;
      p.outside = result.outside[j] ?? false;
      p.inBaseline = result.baselineLast === null || j <= result.baselineLast;
    });
    for (const s of result.spans) {
      const shifted = withOffset(s, offset);
      spans.push(shifted);
      for (let i = shifted.start; i <= shifted.end; i++) {
        if (s.kind === 'trend') points[i]!.inTrend = true;
        else points[i]!.inShift = true;
      }
    }
    return {
      startsOn: slice.startsOn,
      reason: slice.reason,
      first: slice.first,
      last: slice.last,
      baselineCount: slice.baselineCount,
      baselineLast: result.baselineLast === null ? null : offset + result.baselineLast,
      centre: result.centreValue,
      signals: result.signals(offset + 1),
      special: result.special,
    };
  });

  const signals = periods.flatMap((p, k) => {
    if (p.last < p.first) return [];
    if (!several) return p.signals;
    const date = p.startsOn ? formatDate(p.startsOn, words.locale) : '';
    return p.signals.map((signal) =>
      k === 0
        ? t('chart.firstPeriod', { signal })
        : p.reason
          ? t('chart.fromPeriodBecause', { date, reason: p.reason, signal })
          : t('chart.fromPeriod', { date, signal }),
    );
  });

  const firstDay = points[0]?.day ?? null;
  const lastDay = points.at(-1)?.day ?? null;
  const cycles: ChartMark[] = (input.cycles ?? [])
    .filter((c) => c.measureIds.includes(measure.id))
    .map((c) => ({ c, date: cycleDate(c) }))
    .filter((x): x is { c: CycleLike; date: string } => x.date !== null)
    .sort((a, b) => a.date.localeCompare(b.date) || a.c.number - b.c.number)
    .map(({ c, date }) => ({ id: c.id, date, day: dayNumber(date), short: t('chart.pdsaShort', { number: String(c.number) }), label: cycleLabel(c, words) }));
  const notes: ChartMark[] = (input.notes ?? [])
    .filter((n) => n.measureId === null || n.measureId === measure.id)
    .slice()
    .sort((a, b) => a.date.localeCompare(b.date) || a.text.localeCompare(b.text))
    .map((n, i) => ({ id: n.id, date: n.date, day: dayNumber(n.date), short: t('chart.noteShort', { number: String(i + 1) }), label: n.text }));

  const hasLimits = points.some((p) => p.ucl !== null || p.lcl !== null);
  const measureUnit = chartUnit(measure, words);
  const unit = kind === 'mr' ? (measureUnit ? t('chart.movingRangeOf', { unit: measureUnit }) : t('chart.movingRange')) : measureUnit;
  const centre = centreKindOf(kind);
  return {
    kind,
    title: chartKindLabel(kind, words),
    unit,
    // "per 1,000 patient days" reads as it is; other units are what the values are in.
    unitPhrase: !unit ? '' : (measure.valueType === 'rate' && kind !== 'mr') || /^(?:per|por)\s/i.test(unit) ? unit : t('chart.unitIn', { unit }),
    centre,
    centreName: t(`vocab.centre.${centre}`),
    hasLimits,
    points,
    periods,
    spans: spans.sort((a, b) => a.start - b.start),
    cycles,
    notes,
    target: kind === 'mr' ? null : measure.target,
    dateRange: firstDay === null || lastDay === null ? null : { from: points[0]!.date, to: points.at(-1)!.date },
    signals,
  };
}

interface PeriodResult {
  y: (number | null)[];
  centre: (number | null)[];
  ucl: (number | null)[];
  lcl: (number | null)[];
  outside: boolean[];
  centreValue: number | null;
  /** Index within the period of the last baseline point when frozen (extension after it), else null. */
  baselineLast: number | null;
  spans: SpanMark[];
  special: boolean;
  signals: (firstPoint: number) => string[];
}

function runPeriod(measure: MeasureLike, own: readonly PointLike[], slice: PeriodSlice, words: RimWords): PeriodResult {
  const y = own.map((p) => pointValue(measure, p));
  const present = y.map(finite);
  const valued = present.filter(Boolean).length;
  const options = slice.baselineCount ? { baseline: slice.baselineCount } : undefined;
  const analysis = analyzeRunChart(y, options);
  const found = findSignalSpans(y, options);
  const centre = valued ? analysis.median : null;
  const frozen = slice.baselineCount !== null && slice.baselineCount < valued;
  const spans: SpanMark[] = [];
  const run = found.longestRun;
  if (run && (analysis.shiftSignal || analysis.ihi.shift)) spans.push(shiftMark(run, 'median', words));
  for (const tr of found.trends) spans.push(trendMark(tr, words));
  return {
    y,
    centre: y.map(() => centre),
    ucl: y.map(() => null),
    lcl: y.map(() => null),
    outside: y.map(() => false),
    centreValue: centre,
    baselineLast: frozen ? nthPresent(present, slice.baselineCount!) : null,
    spans,
    special: analysis.nonRandom || analysis.ihi.shift || analysis.ihi.trend,
    signals: (first) =>
      valued === 0
        ? []
        : describeSignals(analysis, words, {
            longestRun: found.longestRun && withOffset(found.longestRun, first - 1),
            shifts: found.shifts.map((s) => withOffset(s, first - 1)),
            trends: found.trends.map((tr) => withOffset(tr, first - 1)),
          }),
  };
}

function controlPeriod(kind: ControlChartType, measure: MeasureLike, own: readonly PointLike[], slice: PeriodSlice, words: RimWords): PeriodResult {
  const chart: ControlChart = controlChart(controlChartInputFor(measure, own, kind, slice.baselineCount));
  // The points the baseline counts: the values themselves (an MR chart's baseline counts values, not ranges).
  const present =
    kind === 'mr' ? controlChart(controlChartInputFor(measure, own, 'i', null)).y.map(finite) : chart.y.map((v) => v !== null && Number.isFinite(v));
  const trends = kind === 'mr' ? [] : findTrendSpans(chart.y, CONTROL_TREND_POINTS);
  const spans: SpanMark[] = [];
  const runs = chart.runs;
  if (runs?.shiftSignal && runs.longestRunSpan) spans.push(shiftMark(runs.longestRunSpan, 'centre', words));
  for (const tr of trends) spans.push(trendMark(tr, words));
  return {
    y: chart.y,
    centre: chart.cl,
    ucl: chart.ucl,
    lcl: chart.lcl,
    outside: chart.outside,
    centreValue: chart.centre,
    baselineLast: chart.frozen ? nthPresent(present, chart.baselinePoints) : null,
    spans,
    special: chart.outside.some(Boolean) || Boolean(runs?.nonRandom) || trends.length > 0,
    signals: (first) => {
      if (own.length === 0) return [];
      const sentences = controlChartSentences(chart, words, { firstPoint: first });
      const trendWords = trends.map((tr) => trendSentence(withOffset(tr, first - 1), CONTROL_TREND_POINTS, words));
      // "No signals" would be wrong next to a trend: drop it when there is one.
      const kept = trendWords.length ? sentences.filter((w) => w.kind !== 'verdict') : sentences;
      // Signals first, then the caveats (provisional limits, Laney's factor, points left out).
      const caveat = kept.findIndex((w) => w.kind === 'caveat');
      const at = caveat < 0 ? kept.length : caveat;
      const text = (xs: typeof kept) => xs.map((w) => w.text);
      return [...text(kept.slice(0, at)), ...trendWords, ...text(kept.slice(at))];
    },
  };
}

function shiftMark(run: RunSpan, line: 'median' | 'centre', { t }: RimWords): SpanMark {
  return { kind: 'shift', start: run.start, end: run.end, label: t('chart.shiftMark', { length: run.length, side: run.side, line }) };
}

function trendMark(tr: TrendSpan, { t }: RimWords): SpanMark {
  return { kind: 'trend', start: tr.start, end: tr.end, label: t('chart.trendMark', { length: tr.length, direction: tr.direction }) };
}

/** What a chart's legend lists, in order: only what the chart shows. */
export type LegendKey = 'points' | 'centre' | 'limits' | 'extension' | 'outside' | 'shift' | 'trend' | 'target' | 'pdsa' | 'note';

export function legendEntries(model: MeasureChartModel, { t }: RimWords): { key: LegendKey; label: string }[] {
  const keys: LegendKey[] = ['points', 'centre'];
  if (model.hasLimits) keys.push('limits');
  if (model.periods.some((p) => p.baselineLast !== null)) keys.push('extension');
  if (model.points.some((p) => p.outside)) keys.push('outside');
  if (model.spans.some((s) => s.kind === 'shift')) keys.push('shift');
  if (model.spans.some((s) => s.kind === 'trend')) keys.push('trend');
  if (model.target !== null) keys.push('target');
  if (model.cycles.length) keys.push('pdsa');
  if (model.notes.length) keys.push('note');
  return keys.map((key) => ({ key, label: t(`chart.legend.${key}`, { centre: model.centre }) }));
}

/** The first and last day of any point of these charts: a time axis they can share. */
export function sharedDomain(models: readonly Pick<MeasureChartModel, 'points'>[]): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const m of models) {
    const first = m.points[0];
    const last = m.points.at(-1);
    if (first && last) {
      lo = Math.min(lo, first.day);
      hi = Math.max(hi, last.day);
    }
  }
  return lo <= hi ? [lo, hi] : null;
}
