/**
 * Shewhart control charts for RIM measures, computed the way qicharts2 (Anhøj, the R package QI
 * teams use) computes them, so a chart made here and one made in R from the same numbers agree:
 *
 * - I (individuals): centre line the mean; sigma = average moving range / 1.128, after dropping
 *   moving ranges of 3.267 × the average or more (Nelson 1982), so one wild point does not widen
 *   the limits that should catch it.
 * - MR (moving ranges): centre line the average moving range, upper limit 3.267 × that, lower 0.
 * - C (counts): mean ± 3√mean. U (rates): ū ± 3√(ū/nᵢ). P (proportions): p̄ ± 3√(p̄(1−p̄)/nᵢ), with
 *   ū and p̄ the pooled ratio Σnumerators / Σdenominators and limits per point from its denominator.
 * - P′ and U′ (Laney 2002): the P or U sigma times σz, the average moving range of the points'
 *   z-scores / 1.128 (same screening as I), for very large denominators where plain P and U limits
 *   hug the centre line and flag nearly every point.
 * - G (cases or days between rare events): limits from the mean m, m + 3√(m(m+1)); the centre line
 *   drawn is the median, because the counts are skewed and the runs rules need a median.
 * - Lower limits below 0 become 0 (C, U, P, P′, U′, G); P and P′ upper limits above 1 become 1.
 *
 * Runs analysis (Anhøj rules, as in the run chart) is done against the centre line, except on MR
 * charts, whose points overlap and so are not independent (qicharts2 skips it too).
 *
 * Missing points (null, NaN, ±Infinity) are drawn as gaps and break moving ranges: the range
 * across a gap is not a point-to-point range (qicharts2 does the same). Bad counts (a negative
 * count, a zero or missing denominator, more defectives than units) are left out and listed in
 * `skipped` with the reason, rather than silently drawn or thrown.
 *
 * Baseline: the first `baseline` usable points set the centre line and limits; later points are
 * judged against them (a frozen baseline, qicharts2's `freeze`). As in the run chart, missing and
 * skipped points are not counted, so a measure's frozen baseline covers the same points on both.
 *
 * Where this differs from qicharts2, on purpose: a constant I chart gets limits equal to the centre
 * line (zero variation) instead of none (qicharts2 screens out every moving range and ends with no
 * sigma); P and P′ charts leave out a point with more defectives than units instead of drawing it;
 * a period with a denominator but no numerator is a gap that does not count in the pooled centre
 * line (qicharts2 adds its denominator to the pool, which pulls p̄ and ū down).
 *
 * Pure and dependency free apart from runChart's Anhøj limits, so it runs the same in the
 * renderer, the bench and the tests.
 */
import { crossingsLimitFor, longestRunLimitFor, median, type RunSpan, type Side } from './runChart';
import type { RimWords } from './words';

export type ControlChartType = 'i' | 'mr' | 'c' | 'u' | 'p' | 'pp' | 'up' | 'g';
export const CONTROL_CHART_TYPES: readonly ControlChartType[] = ['i', 'mr', 'c', 'u', 'p', 'pp', 'up', 'g'];

/** Charts whose values are numerators over a denominator. */
export const RATIO_CHART_TYPES: ReadonlySet<ControlChartType> = new Set(['u', 'p', 'pp', 'up']);

/** d2 for moving ranges of two points (qicharts2's rounding, so limits match to the last digit). */
export const D2 = 1.128;
/** D4 for moving ranges of two points: the upper limit of a moving range, as a multiple of the average. */
export const D4 = 3.267;

export interface ControlChartInput {
  type: ControlChartType;
  /** Numerators (or measurements for I/MR, counts for C, cases between events for G); null: missing. */
  values: ReadonlyArray<number | null>;
  /** Denominators for U, P, P′ and U′ (ignored by the other charts), one per value. */
  denominators?: ReadonlyArray<number | null>;
  /**
   * The first N usable points set the centre line and limits (a frozen baseline); all points when
   * absent, 0, negative or NaN. A fraction is rounded down; more than there are means all.
   */
  baseline?: number;
  /**
   * Scale applied to what is drawn (y, centre line, limits, sigma): 100 for percent, 1000 for "per
   * 1,000 patient days". The analysis is unchanged. Default 1.
   */
  multiplier?: number;
}

export type SkipReason = 'negative-value' | 'missing-denominator' | 'zero-denominator' | 'negative-denominator' | 'more-than-denominator';

export interface SkippedPoint {
  /** 0-based index into `values`. */
  index: number;
  /** Why; describeControlChart says it in words a facilitator can act on ("Point 5 is left out: its denominator is 0."). */
  reason: SkipReason;
}

export interface ControlChartRuns {
  /** The line the runs are counted against: the mean (the median on G charts). */
  centre: number;
  /** Points off the centre line. */
  useful: number;
  longestRun: number;
  /** round(log2(useful) + 3) */
  longestRunLimit: number;
  crossings: number;
  /** 5th percentile of Binomial(useful − 1, 0.5) */
  crossingsLimit: number;
  shiftSignal: boolean;
  crossingsSignal: boolean;
  /** shiftSignal || crossingsSignal */
  nonRandom: boolean;
  /** The longest run (the earliest of equal ones), null with no useful points. */
  longestRunSpan: RunSpan | null;
}

export interface ControlChart {
  type: ControlChartType;
  /** The plotted value per input point: the ratio for P/U charts, the moving range for MR; null: a gap. */
  y: (number | null)[];
  /** Centre line per point; null everywhere when no point is usable. */
  cl: (number | null)[];
  /** Upper control limit per point; null where it does not exist (too few points, no denominator). */
  ucl: (number | null)[];
  /** Lower control limit per point; null where it does not exist. */
  lcl: (number | null)[];
  /** The point is above its upper or below its lower limit (Shewhart's 3-sigma rule). */
  outside: boolean[];
  /** The centre line (constant over the chart); null when no point is usable. */
  centre: number | null;
  /** The process sigma for I, C and G charts (and the MR chart's sigma of the values); null for P/U, whose sigma varies by point. */
  sigma: number | null;
  /** Laney's σz for P′ and U′ (1 means no over-dispersion); null for the other charts or when it cannot be estimated. */
  laneyFactor: number | null;
  /** How many usable points set the centre line and limits. */
  baselinePoints: number;
  /** Usable points after the baseline: judged against limits they did not help set. */
  frozen: boolean;
  /** Runs analysis against the centre line; null on MR charts. */
  runs: ControlChartRuns | null;
  /** Points left out for bad data, in input order. */
  skipped: SkippedPoint[];
}

const isNumber = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

function baselineSize(b: number | undefined): number {
  if (b === undefined || !Number.isFinite(b)) return Infinity;
  const n = Math.floor(b);
  return n >= 1 ? n : Infinity;
}

/** Mean of a moving-range list after Nelson's screening; NaN for none. */
function screenedAverage(ranges: Float64Array, count: number): number {
  if (count === 0) return NaN;
  let sum = 0;
  for (let k = 0; k < count; k++) sum += ranges[k] as number;
  const average = sum / count;
  // A zero average has nothing to screen (and "< 0" would drop every range).
  if (!(average > 0)) return average;
  const limit = D4 * average;
  let kept = 0;
  let keptSum = 0;
  for (let k = 0; k < count; k++) {
    const r = ranges[k] as number;
    if (r < limit) {
      kept += 1;
      keptSum += r;
    }
  }
  return kept > 0 ? keptSum / kept : NaN;
}

/** Moving ranges of consecutive present points at indices 1..end (a gap breaks the range). */
function movingRanges(y: ArrayLike<number>, present: Uint8Array, end: number): { ranges: Float64Array; count: number } {
  const ranges = new Float64Array(Math.max(end, 0));
  let count = 0;
  for (let k = 1; k <= end; k++) {
    if (present[k] && present[k - 1]) ranges[count++] = Math.abs((y[k] as number) - (y[k - 1] as number));
  }
  return { ranges, count };
}

function runsAgainst(y: Float64Array, present: Uint8Array, n: number, centre: number): ControlChartRuns {
  let useful = 0;
  let crossings = 0;
  let prevSide: Side | null = null;
  let runStart = -1;
  let runEnd = -1;
  let runLength = 0;
  let runSide: Side = 'above';
  let longest: RunSpan | null = null;
  const close = () => {
    if (runLength > 0 && (!longest || runLength > longest.length)) longest = { start: runStart, end: runEnd, length: runLength, side: runSide };
  };
  for (let i = 0; i < n; i++) {
    if (!present[i]) continue;
    const v = y[i] as number;
    if (v === centre) continue; // on the centre line: neither breaks nor extends a run
    const side: Side = v > centre ? 'above' : 'below';
    useful += 1;
    if (side === prevSide) {
      runEnd = i;
      runLength += 1;
    } else {
      if (prevSide !== null) crossings += 1;
      close();
      runStart = i;
      runEnd = i;
      runLength = 1;
      runSide = side;
    }
    prevSide = side;
  }
  close();
  const span = longest as RunSpan | null;
  const longestRun = span?.length ?? 0;
  const longestRunLimit = longestRunLimitFor(useful);
  const crossingsLimit = crossingsLimitFor(useful);
  const enough = useful >= 2;
  const shiftSignal = enough && longestRun > longestRunLimit;
  const crossingsSignal = enough && crossings < crossingsLimit;
  return {
    centre,
    useful,
    longestRun,
    longestRunLimit,
    crossings,
    crossingsLimit,
    shiftSignal,
    crossingsSignal,
    nonRandom: shiftSignal || crossingsSignal,
    longestRunSpan: span,
  };
}

/**
 * Analyse a control chart. One entry per input value in every array, so index i of `y`, `cl`,
 * `ucl`, `lcl` and `outside` is the chart's point i + 1.
 */
export function controlChart(input: ControlChartInput): ControlChart {
  const { type, values } = input;
  const n = values.length;
  const ratio = RATIO_CHART_TYPES.has(type);
  const counts = type !== 'i' && type !== 'mr';
  const multiplier = isNumber(input.multiplier) && input.multiplier !== 0 ? input.multiplier : 1;

  const y = new Float64Array(n);
  const present = new Uint8Array(n); // y[i] is a point
  const denominator = new Float64Array(n); // ratio charts: a valid (> 0) denominator, else NaN
  const num = new Float64Array(n);
  const skipped: SkippedPoint[] = [];
  const skip = (index: number, reason: SkipReason) => skipped.push({ index, reason });

  const usable: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const hasValue = isNumber(v);
    denominator[i] = NaN;
    if (ratio) {
      const d = input.denominators?.[i];
      const hasDenominator = isNumber(d);
      if (hasDenominator && d > 0) denominator[i] = d;
      if (!hasValue) continue;
      if (v < 0) skip(i, 'negative-value');
      else if (!hasDenominator) skip(i, 'missing-denominator');
      else if (d === 0) skip(i, 'zero-denominator');
      else if (d < 0) skip(i, 'negative-denominator');
      else if ((type === 'p' || type === 'pp') && v > d) skip(i, 'more-than-denominator');
      else {
        num[i] = v;
        y[i] = v / d;
        present[i] = 1;
        usable.push(i);
      }
      continue;
    }
    if (!hasValue) continue;
    if (counts && v < 0) {
      skip(i, 'negative-value');
      continue;
    }
    y[i] = v;
    present[i] = 1;
    usable.push(i);
  }

  // MR charts plot the moving ranges of the values; the baseline still counts the values.
  if (type === 'mr') {
    const ranges = new Float64Array(n);
    const rangePresent = new Uint8Array(n);
    for (let i = 1; i < n; i++) {
      if (present[i] && present[i - 1]) {
        ranges[i] = Math.abs((y[i] as number) - (y[i - 1] as number));
        rangePresent[i] = 1;
      }
    }
    y.set(ranges);
    present.set(rangePresent);
  }

  const baseCount = Math.min(baselineSize(input.baseline), usable.length);
  /** Last index of the baseline (inclusive); -1 with no usable point. */
  const baseEnd = baseCount > 0 ? (usable[baseCount - 1] as number) : -1;

  let centre: number | null = null; // the centre line drawn
  let mean = NaN; // what the limits are computed from
  let sigma: number | null = null;
  let laneyFactor: number | null = null;
  const ucl: (number | null)[] = new Array<number | null>(n).fill(null);
  const lcl: (number | null)[] = new Array<number | null>(n).fill(null);
  const constantLimits = (upper: number, lower: number) => {
    ucl.fill(upper);
    lcl.fill(lower);
  };

  if (baseCount > 0) {
    if (type === 'i' || type === 'c' || type === 'g') {
      let sum = 0;
      const base: number[] = [];
      for (let i = 0; i <= baseEnd; i++) {
        if (present[i]) {
          sum += y[i] as number;
          base.push(y[i] as number);
        }
      }
      mean = sum / base.length;
      centre = type === 'g' ? median(base) : mean;
      if (type === 'i') {
        const { ranges, count } = movingRanges(y, present, baseEnd);
        const average = screenedAverage(ranges, count);
        if (Number.isFinite(average)) sigma = average / D2;
      } else if (type === 'c') {
        sigma = Math.sqrt(mean);
      } else {
        sigma = Math.sqrt(mean * (mean + 1));
      }
      if (sigma !== null) constantLimits(mean + 3 * sigma, type === 'i' ? mean - 3 * sigma : Math.max(0, mean - 3 * sigma));
    } else if (type === 'mr') {
      let sum = 0;
      let count = 0;
      for (let i = 1; i <= baseEnd; i++) {
        if (present[i]) {
          sum += y[i] as number;
          count += 1;
        }
      }
      if (count > 0) {
        mean = sum / count;
        centre = mean;
        sigma = mean / D2;
        constantLimits(D4 * mean, 0);
      }
    } else {
      // P, U, P′, U′: the pooled ratio of the baseline, limits per point from its own denominator.
      let numerators = 0;
      let denominators = 0;
      for (let i = 0; i <= baseEnd; i++) {
        if (present[i]) {
          numerators += num[i] as number;
          denominators += denominator[i] as number;
        }
      }
      mean = numerators / denominators;
      centre = mean;
      const proportion = type === 'p' || type === 'pp';
      const spread = proportion ? mean * (1 - mean) : mean;
      const pointSigma = (i: number) => Math.sqrt(spread / (denominator[i] as number));
      let factor = 1;
      if (type === 'pp' || type === 'up') {
        factor = NaN;
        if (spread > 0) {
          // z-scores of the baseline points against their own binomial/Poisson sigma.
          const z = new Float64Array(baseEnd + 1);
          for (let i = 0; i <= baseEnd; i++) if (present[i]) z[i] = ((y[i] as number) - mean) / pointSigma(i);
          const { ranges, count } = movingRanges(z, present, baseEnd);
          factor = screenedAverage(ranges, count) / D2;
          if (Number.isFinite(factor)) laneyFactor = factor;
        } else {
          factor = 1; // p̄ of 0 or 1 (or ū of 0): no spread to scale, limits sit on the centre line
        }
      }
      if (Number.isFinite(factor)) {
        for (let i = 0; i < n; i++) {
          if (Number.isNaN(denominator[i])) continue; // no denominator: no limit at this point
          const s = pointSigma(i) * factor;
          ucl[i] = proportion ? Math.min(1, mean + 3 * s) : mean + 3 * s;
          lcl[i] = Math.max(0, mean - 3 * s);
        }
      }
    }
  }

  const outside: boolean[] = new Array<boolean>(n);
  for (let i = 0; i < n; i++) {
    const u = ucl[i] ?? null;
    const l = lcl[i] ?? null;
    const v = y[i] as number;
    outside[i] = present[i] === 1 && ((u !== null && v > u) || (l !== null && v < l));
  }

  const runs = type === 'mr' ? null : centre === null ? runsAgainst(y, present, 0, 0) : runsAgainst(y, present, n, centre);

  const scale = (v: number | null) => (v === null ? null : v * multiplier);
  const yOut: (number | null)[] = new Array<number | null>(n);
  for (let i = 0; i < n; i++) yOut[i] = present[i] ? (y[i] as number) * multiplier : null;
  if (multiplier !== 1) {
    for (let i = 0; i < n; i++) {
      ucl[i] = scale(ucl[i] ?? null);
      lcl[i] = scale(lcl[i] ?? null);
    }
  }
  const drawnCentre = scale(centre);
  return {
    type,
    y: yOut,
    cl: new Array<number | null>(n).fill(drawnCentre),
    ucl,
    lcl,
    outside,
    centre: drawnCentre,
    sigma: scale(sigma),
    laneyFactor,
    baselinePoints: baseCount,
    frozen: baseCount > 0 && baseCount < usable.length,
    runs: runs && drawnCentre !== null && multiplier !== 1 ? { ...runs, centre: drawnCentre } : runs,
    skipped,
  };
}

/** Control limits set on fewer points than this are provisional (the usual advice is 20 to 25). */
export const PROVISIONAL_LIMIT_POINTS = 20;

/** At most this many groups of point numbers are listed in a sentence; the rest are counted. */
const LISTED_GROUPS = 8;

/**
 * "3", "3 and 31", "3, 17 and 31", "13 to 22 and 40": point numbers as facilitators count them
 * (from `first`), three or more in a row as a range, and a long list cut short with a count, so a
 * 500-point chart's sentence still fits under an exported picture.
 */
function pointList(indices: readonly number[], { t }: RimWords, first = 1): string {
  const groups: { from: number; to: number }[] = [];
  for (const i of indices) {
    const last = groups.at(-1);
    if (last && i === last.to + 1) last.to = i;
    else groups.push({ from: i, to: i });
  }
  // Two in a row are listed as two numbers; three or more as a range.
  const words = groups.flatMap((g) => {
    const a = { text: String(g.from + first), points: 1 };
    if (g.to === g.from) return [a];
    if (g.to === g.from + 1) return [a, { text: String(g.to + first), points: 1 }];
    return [{ text: t('points.range', { from: String(g.from + first), to: String(g.to + first) }), points: g.to - g.from + 1 }];
  });
  if (words.length > LISTED_GROUPS) {
    const shown = words.slice(0, LISTED_GROUPS - 1);
    const rest = indices.length - shown.reduce((n, w) => n + w.points, 0);
    return t('points.more', { listed: shown.map((w) => w.text).join(', '), count: rest });
  }
  const texts = words.map((w) => w.text);
  return texts.length === 1 ? texts[0]! : t('points.list', { rest: texts.slice(0, -1).join(', '), last: texts.at(-1)! });
}

/**
 * What a sentence about a chart is: a signal (something the team should look into), the plain
 * "no signals" verdict, or a caveat about the chart itself (provisional limits, Laney's factor,
 * points left out). A chart that adds signals of its own (a trend) drops the verdict and puts its
 * signals before the caveats.
 */
export type ChartSentenceKind = 'signal' | 'verdict' | 'caveat';

export interface ChartSentence {
  kind: ChartSentenceKind;
  text: string;
}

/** describeControlChart's sentences with what each one is. */
export function controlChartSentences(chart: ControlChart, words: RimWords, options: { firstPoint?: number } = {}): ChartSentence[] {
  const { t } = words;
  // A chart drawn in periods numbers its points across the whole chart: period 2 may start at point 21.
  const first = options.firstPoint ?? 1;
  // One sentence per reason, however many points it leaves out (a P chart of a measure with no
  // denominators would otherwise say the same thing 500 times).
  const reasons = [...new Set(chart.skipped.map((s) => s.reason))];
  const skippedWords = reasons.map((reason): ChartSentence => {
    const indices = chart.skipped.filter((s) => s.reason === reason).map((s) => s.index);
    return {
      kind: 'caveat',
      text:
        indices.length === 1
          ? t(`control.skipped.one.${reason}`, { point: String(indices[0]! + first) })
          : t(`control.skipped.many.${reason}`, { points: pointList(indices, words, first) }),
    };
  });
  if (chart.centre === null) {
    return skippedWords.length ? skippedWords : [{ kind: 'caveat', text: t('control.noPoints') }];
  }
  const out: ChartSentence[] = [];
  const signal = (text: string) => out.push({ kind: 'signal', text });
  const hasLimits = chart.ucl.some((u) => u !== null);
  const above: number[] = [];
  const below: number[] = [];
  chart.outside.forEach((o, i) => {
    if (!o) return;
    const u = chart.ucl[i];
    if (u !== null && u !== undefined && (chart.y[i] as number) > u) above.push(i);
    else below.push(i);
  });
  if (above.length) signal(t('control.above', { count: above.length, points: pointList(above, words, first), mr: chart.type === 'mr' ? 'yes' : 'no' }));
  if (below.length) signal(t('control.below', { count: below.length, points: pointList(below, words, first) }));

  const runs = chart.runs;
  if (runs?.shiftSignal && runs.longestRunSpan) {
    const r = runs.longestRunSpan;
    signal(
      t('control.shift', {
        length: r.length,
        side: r.side,
        from: String(r.start + first),
        to: String(r.end + first),
        limit: runs.longestRunLimit,
        useful: runs.useful,
      }),
    );
  }
  if (runs?.crossingsSignal) signal(t('control.crossings', { crossings: runs.crossings, limit: runs.crossingsLimit, useful: runs.useful }));
  if (!hasLimits) {
    out.push({ kind: 'caveat', text: t('control.noLimits') });
  } else if (out.length === 0) {
    out.push({ kind: 'verdict', text: t(chart.type === 'mr' ? 'control.noSignalsMr' : 'control.noSignals') });
  }
  if (hasLimits && chart.baselinePoints < PROVISIONAL_LIMIT_POINTS) {
    out.push({ kind: 'caveat', text: t('control.provisional', { count: chart.baselinePoints, min: PROVISIONAL_LIMIT_POINTS }) });
  }
  if (chart.laneyFactor !== null) out.push({ kind: 'caveat', text: t('control.laney', { factor: chart.laneyFactor }) });
  out.push(...skippedWords);
  return out;
}

/**
 * The chart's signals in plain words, in the language of `words`, for a facilitator to read to the
 * team or to print under an exported chart: points outside the limits, runs signals, points left
 * out, provisional limits.
 */
export function describeControlChart(chart: ControlChart, words: RimWords, options: { firstPoint?: number } = {}): string[] {
  return controlChartSentences(chart, words, options).map((s) => s.text);
}
