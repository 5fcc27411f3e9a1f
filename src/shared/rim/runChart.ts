/**
 * Run chart analysis for RIM (rapid improvement model) measures.
 *
 * A run chart is a measure plotted over time with its median as the centre line. Two sets of rules
 * tell a team whether the variation it sees is random (common cause: don't react to each wiggle)
 * or a sign that the process changed (special cause: the test of change may be working):
 *
 * - Anhøj rules (Anhøj & Olesen 2014, the rules used by qicharts2): a run longer than
 *   round(log2(n) + 3), or fewer median crossings than the 5th percentile of Binomial(n - 1, 0.5),
 *   where n is the number of useful points (points not on the median). These adapt to the length
 *   of the series, which keeps the false alarm rate near 5-8% however long the chart gets.
 * - IHI rules (Perla, Provost & Murray 2011), which facilitators already know from IHI training:
 *   a shift is 6 or more points in a row on one side of the median, a trend is 5 or more points in
 *   a row all going up or all going down.
 *
 * Missing values: `null`, `NaN` and ±Infinity are treated as missing points (a meeting where the
 * measure was not collected, or a bad import) and skipped, so they neither break nor extend a run
 * or a trend. Points equal to the median are also skipped for runs and crossings, as both rule
 * sets prescribe: a point on the centre line says nothing about which side the process is on.
 *
 * The module is pure and dependency free so it runs the same in the renderer, main and tests; the
 * sentences take the words of the language they are written in.
 */
import type { RimWords } from './words';

export interface RunChartOptions {
  /**
   * The first N non-null points form a frozen baseline: the median is computed from them only, and
   * later points are judged against it (so an improvement shows as a shift away from the old
   * median instead of dragging the median along with it). 0, negative, NaN or missing means no
   * baseline; a fraction is rounded down; more than the available points means all points.
   */
  baseline?: number;
}

export interface RunChartAnalysis {
  median: number; // median of the baseline points, or of all non-null points (mean of the middle two when even)
  useful: number; // non-null points not equal to the median
  longestRun: number; // longest run of useful points on one side of the median
  longestRunLimit: number; // round(log2(useful) + 3)
  crossings: number; // times consecutive useful points are on opposite sides of the median
  crossingsLimit: number; // smallest k with P(X <= k) >= 0.05 for X ~ Binomial(useful - 1, 0.5)
  shiftSignal: boolean; // longestRun > longestRunLimit
  crossingsSignal: boolean; // crossings < crossingsLimit
  nonRandom: boolean; // shiftSignal || crossingsSignal (Anhøj rules)
  ihi: { shift: boolean; trend: boolean }; // IHI: >= 6 useful points in a row on one side; >= 5 points in a row all rising or all falling (equal neighbours count once)
}

/** IHI: this many useful points in a row on one side of the median is a shift. */
export const IHI_SHIFT_POINTS = 6;
/** IHI: this many points in a row all rising or all falling is a trend. */
export const IHI_TREND_POINTS = 5;
/** Anhøj: the crossings limit is the 5th percentile of the number of crossings in a random series. */
const CROSSINGS_ALPHA = 0.05;

export type Side = 'above' | 'below';
export type Direction = 'rising' | 'falling';

/** A stretch of the chart to highlight. Indices point into the values array given, inclusive. */
export interface RunSpan {
  start: number;
  end: number;
  /** Useful points in the run (points on the median and missing points inside it are not counted). */
  length: number;
  side: Side;
}

export interface TrendSpan {
  start: number;
  end: number;
  /** Points in the trend, counting a repeated value once. */
  length: number;
  direction: Direction;
}

export interface SignalSpans {
  /** The longest run (the earliest one when several tie), or null when there are no useful points. */
  longestRun: RunSpan | null;
  /** Every run of IHI_SHIFT_POINTS or more useful points on one side of the median (IHI shifts). */
  shifts: RunSpan[];
  /** Every stretch of IHI_TREND_POINTS or more points all rising or all falling (IHI trends). */
  trends: TrendSpan[];
}

/** Missing points: null, undefined (holes in a sparse array), NaN and ±Infinity. */
const isPoint = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** The baseline size to use, or Infinity for "all points". */
function baselineSize(options: RunChartOptions | undefined): number {
  const b = options?.baseline;
  if (b === undefined || !Number.isFinite(b)) return Infinity; // NaN, ±Infinity: no usable baseline
  const n = Math.floor(b);
  return n >= 1 ? n : Infinity;
}

/**
 * The k-th smallest value (0-based) of `a`, rearranging `a` in place so that everything before
 * index k is <= a[k] (quickselect with a middle pivot: linear on average, and fine on sorted or
 * constant input). A median needs no full sort, which matters for long series.
 */
function selectInPlace(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    // [lo, j] <= pivot, (j, i) == pivot, [i, hi] >= pivot: keep the part that holds k.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k] as number;
}

/** Median of finite numbers; 0 for none, so an empty chart still has a drawable centre line. */
export function median(xs: ReadonlyArray<number>): number {
  if (xs.length === 0) return 0;
  const a = Float64Array.from(xs);
  const mid = a.length >> 1;
  const hi = selectInPlace(a, mid);
  if (a.length % 2 === 1) return hi;
  // Everything before `mid` is now <= hi, so the lower middle value is the largest of them.
  let lo = a[0] as number;
  for (let i = 1; i < mid; i++) if ((a[i] as number) > lo) lo = a[i] as number;
  const mean = (lo + hi) / 2;
  // lo + hi can overflow for values near Number.MAX_VALUE; halving first cannot.
  return Number.isFinite(mean) ? mean : lo / 2 + hi / 2;
}

/**
 * Anhøj longest run limit: round(log2(useful) + 3). With no useful points log2 is -Infinity,
 * so we return 0 (there is no run to judge, and 0 keeps the result free of NaN/Infinity).
 */
export function longestRunLimitFor(useful: number): number {
  if (!(useful >= 1)) return 0;
  return Math.round(Math.log2(useful) + 3);
}

const crossingsLimitCache = new Map<number, number>();

/**
 * Anhøj crossings limit: the smallest k with P(X <= k) >= 0.05 for X ~ Binomial(useful - 1, 0.5).
 * With fewer than 2 useful points there are no gaps to cross (n = useful - 1 <= 0), so the limit
 * is 0 and crossings < limit can never fire.
 *
 * The pmf is walked upward from k = 0 in log space: log C(n, k) grows by log((n - k + 1) / k), so
 * no factorials or big numbers are needed, and the walk stops below the median of X, i.e. after
 * about n / 2 steps (a fraction of a millisecond for n = 10,000). The first terms underflow to 0
 * for large n, which is harmless: their true values are far below 1e-300. The tests check the
 * result against exact BigInt arithmetic.
 */
export function crossingsLimitFor(useful: number): number {
  const n = Math.floor(useful) - 1;
  if (!(n >= 1)) return 0;
  const known = crossingsLimitCache.get(n);
  if (known !== undefined) return known;
  let logPmf = -n * Math.LN2; // log P(X = 0) = log(0.5^n)
  let cdf = Math.exp(logPmf);
  let k = 0;
  while (cdf < CROSSINGS_ALPHA && k < n) {
    k += 1;
    logPmf += Math.log((n - k + 1) / k);
    cdf += Math.exp(logPmf);
  }
  // Charts are re-analysed on every edit with the same few lengths; remember them (bounded).
  if (crossingsLimitCache.size >= 1000) crossingsLimitCache.clear();
  crossingsLimitCache.set(n, k);
  return k;
}

interface Scan {
  analysis: RunChartAnalysis;
  spans: SignalSpans;
}

/** One pass over the points for runs and crossings, one for trends; shared by both exports. */
function scan(values: ReadonlyArray<number | null>, options?: RunChartOptions): Scan {
  const indices: number[] = [];
  const points: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (isPoint(v)) {
      indices.push(i);
      points.push(v);
    }
  }

  const size = baselineSize(options);
  const centre = median(size < points.length ? points.slice(0, size) : points);

  // Runs and crossings over all points against the (possibly frozen) median.
  let useful = 0;
  let crossings = 0;
  let prevSide: Side | null = null;
  let run: RunSpan | null = null;
  let longest: RunSpan | null = null;
  const shifts: RunSpan[] = [];
  const closeRun = (r: RunSpan | null): void => {
    if (!r) return;
    if (!longest || r.length > longest.length) longest = r; // strict: the earliest of equal runs wins
    if (r.length >= IHI_SHIFT_POINTS) shifts.push(r);
  };
  for (let j = 0; j < points.length; j++) {
    const v = points[j] as number;
    if (v === centre) continue; // on the median: neither breaks nor extends a run
    const i = indices[j] as number;
    const side: Side = v > centre ? 'above' : 'below';
    useful += 1;
    if (side === prevSide && run) {
      run.end = i;
      run.length += 1;
    } else {
      if (prevSide !== null) crossings += 1;
      closeRun(run);
      run = { start: i, end: i, length: 1, side };
    }
    prevSide = side;
  }
  closeRun(run);
  const longestRunSpan = longest as RunSpan | null; // TS narrows the closure-assigned `let` to null
  const longestRun = longestRunSpan?.length ?? 0;

  const trends = findTrends(indices, points);

  const longestRunLimit = longestRunLimitFor(useful);
  const crossingsLimit = crossingsLimitFor(useful);
  // With fewer than 2 useful points there is nothing to compare, so no signal is reported
  // (the limits above already make that true; the guard states the intent).
  const enough = useful >= 2;
  const shiftSignal = enough && longestRun > longestRunLimit;
  const crossingsSignal = enough && crossings < crossingsLimit;

  return {
    analysis: {
      median: centre,
      useful,
      longestRun,
      longestRunLimit,
      crossings,
      crossingsLimit,
      shiftSignal,
      crossingsSignal,
      nonRandom: shiftSignal || crossingsSignal,
      ihi: { shift: longestRun >= IHI_SHIFT_POINTS, trend: trends.length > 0 },
    },
    spans: { longestRun: longestRunSpan, shifts, trends },
  };
}

/**
 * IHI trends over the non-missing points. A repeated value counts once: it neither breaks nor
 * extends a trend (1 2 2 3 4 5 is a 5-point rise). Neighbouring trends share their turning point
 * (1 2 3 4 5 4 3 2 1 rises through 5 points, then falls through 5).
 *
 * A span runs from where the movement starts (the last repeat of the first value) to where it
 * ends (the first occurrence of the last value), so a flat stretch before or after is not
 * highlighted as part of the trend.
 */
function findTrends(indices: ReadonlyArray<number>, points: ReadonlyArray<number>, minPoints: number = IHI_TREND_POINTS): TrendSpan[] {
  const trends: TrendSpan[] = [];
  if (points.length === 0) return trends;
  let last = points[0] as number;
  let lastFirst = indices[0] as number; // first index of the current plateau of `last`
  let lastLatest = lastFirst; // latest index of the current plateau of `last`
  let dir = 0; // +1 rising, -1 falling, 0 not moving yet
  let start = lastFirst;
  let length = 1;
  const close = (): void => {
    if (dir !== 0 && length >= minPoints) {
      trends.push({ start, end: lastFirst, length, direction: dir > 0 ? 'rising' : 'falling' });
    }
  };
  for (let j = 1; j < points.length; j++) {
    const v = points[j] as number;
    const i = indices[j] as number;
    if (v === last) {
      lastLatest = i; // an equal neighbour counts once
      continue;
    }
    const d = v > last ? 1 : -1;
    if (d === dir) {
      length += 1;
    } else {
      close();
      dir = d;
      start = lastLatest; // the turning point belongs to both the old and the new trend
      length = 2;
    }
    last = v;
    lastFirst = i;
    lastLatest = i;
  }
  close();
  return trends;
}

/**
 * Every stretch of `minPoints` or more points all rising or all falling (missing points skipped,
 * a repeated value counted once), as index ranges into `values`: the IHI run-chart trend with 5,
 * the Shewhart-chart trend rule of Provost & Murray (The Health Care Data Guide) with 6.
 */
export function findTrendSpans(values: ReadonlyArray<number | null>, minPoints: number = IHI_TREND_POINTS): TrendSpan[] {
  const indices: number[] = [];
  const points: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (isPoint(v)) {
      indices.push(i);
      points.push(v);
    }
  }
  return findTrends(indices, points, Math.max(2, Math.floor(minPoints)));
}

/**
 * Analyse a run chart with the Anhøj and IHI rules. `values` are in time order; null, NaN and
 * ±Infinity are missing points.
 *
 * Edge cases: an empty or all-missing series has median 0, useful 0 and no signals; with fewer
 * than 2 useful points (a single point, or a constant series where every point is the median) no
 * Anhøj signal is reported, and the limits are 0 for 0 useful points.
 */
export function analyzeRunChart(values: ReadonlyArray<number | null>, options?: RunChartOptions): RunChartAnalysis {
  return scan(values, options).analysis;
}

/** Where the signals are, as index ranges into `values`, so a chart can highlight them. */
export function findSignalSpans(values: ReadonlyArray<number | null>, options?: RunChartOptions): SignalSpans {
  return scan(values, options).spans;
}

/** Facilitators count points from 1, as they appear on the chart. */
const pointRange = (s: { start: number; end: number }) => ({ from: String(s.start + 1), to: String(s.end + 1) });

/** With fewer useful points than this, the rules rarely fire: the sentences say so. */
const FEW_POINTS = 10;

/**
 * The signals in plain words, for a facilitator to read to the team, in the language of `words`.
 * Pass the spans from findSignalSpans (for the same values and options) to say which side and
 * which points; without them the sentences still say what was found.
 */
export function describeSignals(a: RunChartAnalysis, words: RimWords, spans?: SignalSpans): string[] {
  const { t } = words;
  if (a.useful < 2) return [t('run.notEnough')];
  const out: string[] = [];
  const run = spans?.longestRun;
  const shift = { length: a.longestRun, limit: a.longestRunLimit, useful: a.useful, rule: IHI_SHIFT_POINTS };

  if (a.shiftSignal) out.push(run ? t('run.shiftAt', { ...shift, side: run.side, ...pointRange(run) }) : t('run.shift', shift));
  if (a.crossingsSignal) out.push(t('run.crossings', { crossings: a.crossings, limit: a.crossingsLimit, useful: a.useful }));
  if (a.ihi.shift && !a.shiftSignal) out.push(run ? t('run.ihiShiftAt', { ...shift, side: run.side, ...pointRange(run) }) : t('run.ihiShift', shift));
  if (a.ihi.trend) {
    const trends = spans?.trends ?? [];
    if (trends.length === 0) out.push(t('run.trendAny', { rule: IHI_TREND_POINTS }));
    for (const tr of trends) out.push(t('run.trend', { length: tr.length, direction: tr.direction, rule: IHI_TREND_POINTS, ...pointRange(tr) }));
  }
  if (out.length === 0) out.push(t('run.noSignals'));
  if (a.useful < FEW_POINTS) out.push(t('run.few', { useful: a.useful, min: FEW_POINTS }));
  return out;
}
