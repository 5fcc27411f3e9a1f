import { describe, expect, it } from 'vitest';
import {
  analyzeRunChart,
  crossingsLimitFor,
  describeSignals,
  findSignalSpans,
  findTrendSpans,
  longestRunLimitFor,
  median,
  type RunChartAnalysis,
} from '@shared/rim/runChart';
import { rimWords } from '@shared/rim/words';

const EN = rimWords('en');

/** n points alternating -1, 1: median 0 for even n, every point useful, runs of 1, n - 1 crossings. */
const alternating = (n: number): number[] => Array.from({ length: n }, (_, i) => (i % 2 === 0 ? -1 : 1));

/**
 * A series of runs: runs[0] points at +1, runs[1] at -1, runs[2] at +1, ... When the +1 and -1
 * counts are equal the median is 0 and every point is useful, so longest run = max(runs) and
 * crossings = runs.length - 1 by construction.
 */
const fromRuns = (runs: number[]): number[] => runs.flatMap((len, r) => Array<number>(len).fill(r % 2 === 0 ? 1 : -1));

/** Exact Anhøj crossings limit with BigInt: smallest k with 20 * sum_{i<=k} C(n, i) >= 2^n, n = useful - 1. */
function exactCrossingsLimit(useful: number): number {
  const n = useful - 1;
  if (n < 1) return 0;
  const total = 1n << BigInt(n);
  let c = 1n;
  let sum = 1n;
  let k = 0;
  while (20n * sum < total) {
    k += 1;
    c = (c * BigInt(n - k + 1)) / BigInt(k); // exact: C(n, k) = C(n, k - 1) * (n - k + 1) / k
    sum += c;
  }
  return k;
}

/** Deterministic pseudo-random numbers (LCG), so failures reproduce. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const noSignals = {
  shiftSignal: false,
  crossingsSignal: false,
  nonRandom: false,
  ihi: { shift: false, trend: false },
};

describe('Anhøj limits', () => {
  // Anhøj & Olesen (2014), table of limits by number of useful points.
  const table: Array<[n: number, run: number, crossings: number]> = [
    [10, 6, 2],
    [20, 7, 6],
    [30, 8, 10],
    [50, 9, 19],
    [100, 10, 41],
  ];

  it.each(table)('n = %i useful points: longest run limit %i, crossings limit %i', (n, run, crossings) => {
    expect(longestRunLimitFor(n)).toBe(run);
    expect(crossingsLimitFor(n)).toBe(crossings);

    const a = analyzeRunChart(alternating(n));
    expect(a.median).toBe(0);
    expect(a.useful).toBe(n);
    expect(a.longestRunLimit).toBe(run);
    expect(a.crossingsLimit).toBe(crossings);
    // A perfectly alternating series has the most crossings possible: random-looking, no signal.
    expect(a.longestRun).toBe(1);
    expect(a.crossings).toBe(n - 1);
    expect(a).toMatchObject(noSignals);
  });

  it('matches exact binomial arithmetic for every n from 0 to 400 and for large n', () => {
    for (let n = 0; n <= 400; n++) expect(crossingsLimitFor(n), `n = ${n}`).toBe(exactCrossingsLimit(n));
    for (const n of [1000, 2500, 5001, 10_000]) expect(crossingsLimitFor(n), `n = ${n}`).toBe(exactCrossingsLimit(n));
  });

  it('has finite limits of 0 when there is nothing to judge', () => {
    expect(longestRunLimitFor(0)).toBe(0); // log2(0) would be -Infinity
    expect(crossingsLimitFor(0)).toBe(0);
    expect(longestRunLimitFor(1)).toBe(3); // round(log2(1) + 3)
    expect(crossingsLimitFor(1)).toBe(0); // Binomial(0, 0.5): P(X <= 0) = 1
    expect(crossingsLimitFor(2)).toBe(0); // Binomial(1, 0.5): P(X <= 0) = 0.5
  });

  it('flags a run one longer than the limit, and not a run at the limit (n = 30, limit 8)', () => {
    // 8 runs of +1 (8 + 7 * 1 = 15) and 8 runs of -1 (7 * 1 + 8 = 15): 16 runs, 15 crossings.
    const atLimit = analyzeRunChart(fromRuns([8, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 8]));
    expect(atLimit).toMatchObject({ useful: 30, longestRun: 8, longestRunLimit: 8, crossings: 15, ...noSignals, ihi: { shift: true, trend: false } });

    // 7 runs of +1 (9 + 6 = 15) and 7 of -1 (6 + 9 = 15): 14 runs, 13 crossings (>= 10, so only the run signals).
    const over = analyzeRunChart(fromRuns([9, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 9]));
    expect(over).toMatchObject({ useful: 30, longestRun: 9, crossings: 13, shiftSignal: true, crossingsSignal: false, nonRandom: true });
  });

  it('flags one crossing fewer than the limit, and not crossings at the limit (n = 30, limit 10)', () => {
    // +1 runs 3,3,3,2,2,2 = 15 and -1 runs 3,3,3,3,3 = 15: 11 runs, 10 crossings.
    const atLimit = analyzeRunChart(fromRuns([3, 3, 3, 3, 3, 3, 2, 3, 2, 3, 2]));
    expect(atLimit).toMatchObject({ useful: 30, longestRun: 3, crossings: 10, crossingsLimit: 10, ...noSignals });

    // Ten runs of 3: 9 crossings. The runs are short, but the line hugs each side too long.
    const under = analyzeRunChart(fromRuns([3, 3, 3, 3, 3, 3, 3, 3, 3, 3]));
    expect(under).toMatchObject({ useful: 30, longestRun: 3, crossings: 9, shiftSignal: false, crossingsSignal: true, nonRandom: true });
  });
});

describe('analyzeRunChart: hand-worked examples', () => {
  it('counts runs and crossings, skipping points on the median', () => {
    const values = [3, 5, 4, 7, 6, 2, 8, 9, 5, 10, 1, 5];
    // Sorted: 1 2 3 4 5 5 5 6 7 8 9 10 -> 12 points, middle two 5 and 5 -> median 5.
    // Sides (B below, A above, - on the median):
    //   3 B, 5 -, 4 B, 7 A, 6 A, 2 B, 8 A, 9 A, 5 -, 10 A, 1 B, 5 -
    // Useful: 9. Runs: BB | AA | B | AAA (8, 9, 10: the 5 between 9 and 10 does not break it) | B
    // -> longest run 3, crossings 4.
    // Limits for 9 useful: round(log2(9) + 3) = round(6.17) = 6;
    // Binomial(8, 0.5): P(X <= 1) = 9/256 = 0.035, P(X <= 2) = 37/256 = 0.145 -> 2.
    const a = analyzeRunChart(values);
    expect(a).toEqual({
      median: 5,
      useful: 9,
      longestRun: 3,
      longestRunLimit: 6,
      crossings: 4,
      crossingsLimit: 2,
      ...noSignals,
    });
    expect(findSignalSpans(values).longestRun).toEqual({ start: 6, end: 9, length: 3, side: 'above' });
  });

  it('treats null, NaN and Infinity as missing points', () => {
    const values = [1, null, 1, Number.NaN, 9, 9, Number.POSITIVE_INFINITY, 9, 1, Number.NEGATIVE_INFINITY];
    // Points: 1 1 9 9 9 1 -> sorted 1 1 1 9 9 9 -> median (1 + 9) / 2 = 5.
    // Sides: B B A A A B -> runs 2, 3, 1 -> longest 3, crossings 2. Missing points do not break runs.
    const a = analyzeRunChart(values);
    expect(a).toMatchObject({ median: 5, useful: 6, longestRun: 3, crossings: 2, ...noSignals });
    // The above-run is points at indices 4, 5 and 7; the Infinity at 6 is skipped inside it.
    expect(findSignalSpans(values).longestRun).toEqual({ start: 4, end: 7, length: 3, side: 'above' });
    expect(analyzeRunChart(values)).toEqual(analyzeRunChart([1, 1, 9, 9, 9, 1]));
  });

  it('does not let ties on the median break or extend a run, or count as a crossing', () => {
    const values = [1, 2, 3, 2, 3, 2, 1];
    // Sorted 1 1 2 2 2 3 3 -> median 2. Sides: B - A - A - B -> B | AA | B.
    // Useful 4, longest run 2 (the 3s at indices 2 and 4), crossings 2.
    const a = analyzeRunChart(values);
    expect(a).toMatchObject({ median: 2, useful: 4, longestRun: 2, crossings: 2 });
    expect(findSignalSpans(values).longestRun).toEqual({ start: 2, end: 4, length: 2, side: 'above' });
  });

  it('takes the mean of the middle two points for an even count', () => {
    expect(analyzeRunChart([10, 1, 4, 7]).median).toBe(5.5); // 1 4 7 10 -> (4 + 7) / 2
    expect(median([3, 1, 2])).toBe(2);
    expect(median([])).toBe(0);
    expect(Math.abs(median([1.5e308, 1.7e308]) - 1.6e308) / 1.6e308).toBeLessThan(1e-15); // no overflow to Infinity
  });

  it('finds the median without sorting, for any order and many ties', () => {
    const sortedMedian = (xs: number[]): number => {
      const s = [...xs].sort((x, y) => x - y);
      const mid = s.length >> 1;
      return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
    };
    const rand = lcg(3);
    const inputs: number[][] = [
      Array.from({ length: 1001 }, (_, i) => i),
      Array.from({ length: 1000 }, (_, i) => -i),
      Array<number>(999).fill(2),
      [2, 1],
      [-0.5, 7, 7, 7, -0.5, 3.25],
    ];
    for (let t = 0; t < 100; t++) {
      inputs.push(Array.from({ length: 1 + Math.floor(rand() * 60) }, () => Math.floor(rand() * (t % 2 ? 4 : 1000))));
    }
    for (const xs of inputs) expect(median(xs)).toBe(sortedMedian(xs));
  });

  it('matches a straightforward reference on random series with ties and gaps', () => {
    const rand = lcg(42);
    for (let trial = 0; trial < 200; trial++) {
      const len = Math.floor(rand() * 40);
      const values = Array.from({ length: len }, () => (rand() < 0.1 ? null : Math.floor(rand() * 5)));
      const points = values.filter((v): v is number => v !== null);
      const sorted = [...points].sort((x, y) => x - y);
      const m =
        sorted.length === 0 ? 0 : sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
      const sides = points.filter((v) => v !== m).map((v) => Math.sign(v - m));
      const runs: number[] = [];
      sides.forEach((s, i) => (i > 0 && s === sides[i - 1] ? (runs[runs.length - 1]! += 1) : runs.push(1)));

      const a = analyzeRunChart(values);
      expect(a.median).toBe(m);
      expect(a.useful).toBe(sides.length);
      expect(a.longestRun).toBe(runs.length ? Math.max(...runs) : 0);
      expect(a.crossings).toBe(Math.max(runs.length - 1, 0));
      expect(a.ihi.shift).toBe(a.longestRun >= 6);
      expect(a.nonRandom).toBe(a.shiftSignal || a.crossingsSignal);
    }
  });
});

describe('analyzeRunChart: edge cases', () => {
  const empty: RunChartAnalysis = {
    median: 0,
    useful: 0,
    longestRun: 0,
    longestRunLimit: 0,
    crossings: 0,
    crossingsLimit: 0,
    ...noSignals,
  };

  it('gives median 0, useful 0 and no signals for an empty or all-missing series', () => {
    expect(analyzeRunChart([])).toEqual(empty);
    expect(analyzeRunChart([null, null, Number.NaN, Number.POSITIVE_INFINITY])).toEqual(empty);
    expect(findSignalSpans([])).toEqual({ longestRun: null, shifts: [], trends: [] });
  });

  it('has no useful points for a constant series, however long', () => {
    const a = analyzeRunChart(Array<number>(50).fill(7));
    expect(a).toEqual({ ...empty, median: 7 });
  });

  it('handles a single point and very short series without signals', () => {
    expect(analyzeRunChart([4])).toEqual({ ...empty, median: 4 });
    // One useful point (9); 5 and 5 are on the median.
    expect(analyzeRunChart([5, 5, 9])).toEqual({ ...empty, median: 5, useful: 1, longestRun: 1, longestRunLimit: 3 });
    // Two useful points: median 2, one crossing; limits round(1 + 3) = 4 and Binomial(1, 0.5) -> 0.
    expect(analyzeRunChart([1, 3])).toEqual({ ...empty, median: 2, useful: 2, longestRun: 1, longestRunLimit: 4, crossings: 1 });
  });

  it('never returns NaN or Infinity', () => {
    const series: Array<Array<number | null>> = [[], [null], [0], [1, 1], [Number.MAX_VALUE, Number.MAX_VALUE, 1], [-0, 0, 1e-320]];
    for (const values of series) {
      for (const v of Object.values(analyzeRunChart(values))) {
        if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
      }
    }
  });

  it('analyses 10,000 points in a few milliseconds', () => {
    const rand = lcg(7);
    const values = Array.from({ length: 10_000 }, () => rand() * 100);
    let best = Infinity;
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      const a = analyzeRunChart(values);
      best = Math.min(best, performance.now() - t0);
      expect(a.useful).toBe(10_000);
    }
    // The target is well under 5 ms; the bound is loose so a busy CI machine does not flake.
    expect(best).toBeLessThan(25);
  });
});

describe('analyzeRunChart: frozen baseline', () => {
  // Baseline 3 1 3 1 -> median 2. Then 4, missing, 2 (on the median), and five more 4s.
  const values = [3, 1, 3, 1, 4, null, 2, 4, 4, Number.NaN, 4, 4, 4];

  it('takes the median from the first N non-null points and judges every point against it', () => {
    const a = analyzeRunChart(values, { baseline: 4 });
    // Sides: A B A B | A - A A A A A -> useful 10, last run 6 above, crossings 4.
    expect(a).toMatchObject({ median: 2, useful: 10, longestRun: 6, crossings: 4, longestRunLimit: 6, crossingsLimit: 2 });
    // 6 in a row is an IHI shift, but Anhøj needs more than 6 with 10 useful points.
    expect(a).toMatchObject({ shiftSignal: false, crossingsSignal: false, nonRandom: false, ihi: { shift: true, trend: false } });
    expect(findSignalSpans(values, { baseline: 4 }).shifts).toEqual([{ start: 4, end: 12, length: 6, side: 'above' }]);
  });

  it('lets the improvement drag the median along without a baseline', () => {
    // Points 3 1 3 1 4 2 4 4 4 4 4 -> sorted 1 1 2 3 3 4 4 4 4 4 4 -> median 4: the six 4s sit on the
    // median and are skipped, leaving 3 1 3 1 2, all below: one run of 5, no crossings, no shift.
    const a = analyzeRunChart(values);
    expect(a).toMatchObject({ median: 4, useful: 5, longestRun: 5, crossings: 0, ihi: { shift: false, trend: false } });
  });

  it('counts baseline points after skipping missing ones', () => {
    // First 3 non-null points are 1, 2, 3 -> median 2; the 100s are judged against it.
    expect(analyzeRunChart([null, 1, Number.NaN, 2, 3, 100, 100], { baseline: 3 }).median).toBe(2);
  });

  it('uses all points when the baseline is larger than the data, zero, negative or not a number', () => {
    const all = analyzeRunChart(values);
    for (const baseline of [13, 1000, 0, -3, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(analyzeRunChart(values, { baseline }), `baseline ${baseline}`).toEqual(all);
    }
    expect(analyzeRunChart(values, {})).toEqual(all);
  });

  it('rounds a fractional baseline down', () => {
    expect(analyzeRunChart([1, 3, 100, 100, 100], { baseline: 2.9 }).median).toBe(2);
    expect(analyzeRunChart([1, 3, 100], { baseline: 0.5 }).median).toBe(3); // floors to 0: no baseline
  });
});

describe('IHI trend', () => {
  it('counts an equal neighbour once: it neither breaks nor extends a trend', () => {
    expect(analyzeRunChart([1, 2, 2, 3, 4, 5]).ihi.trend).toBe(true); // 1 2 3 4 5
    expect(analyzeRunChart([1, 2, 2, 3, 4]).ihi.trend).toBe(false); // only 1 2 3 4
    expect(analyzeRunChart([1, 2, 2, 2, 2, 2, 3]).ihi.trend).toBe(false); // a long plateau is not a trend
    expect(findSignalSpans([1, 2, 2, 3, 4, 5]).trends).toEqual([{ start: 0, end: 5, length: 5, direction: 'rising' }]);
  });

  it('finds falling trends across missing points', () => {
    const values = [5, 4, 4, 4, 3, null, 2, 1];
    expect(analyzeRunChart(values).ihi.trend).toBe(true);
    expect(findSignalSpans(values).trends).toEqual([{ start: 0, end: 7, length: 5, direction: 'falling' }]);
  });

  it('highlights from where the movement starts to where it stops', () => {
    // The leading 1 1 and trailing 5 5 are flat: the span is the last 1 to the first 5.
    expect(findSignalSpans([1, 1, 2, 3, 4, 5, 5]).trends).toEqual([{ start: 1, end: 5, length: 5, direction: 'rising' }]);
  });

  it('shares the turning point between a rise and a fall', () => {
    expect(findSignalSpans([1, 2, 3, 4, 5, 4, 3, 2, 1]).trends).toEqual([
      { start: 0, end: 4, length: 5, direction: 'rising' },
      { start: 4, end: 8, length: 5, direction: 'falling' },
    ]);
  });

  it('is broken by a reversal', () => {
    // 1 2 3 (rise of 3), 3 2 (fall of 2), 2 4 5 6 (rise of 4): no 5 in a row.
    expect(analyzeRunChart([1, 2, 3, 2, 4, 5, 6]).ihi.trend).toBe(false);
    expect(findSignalSpans([1, 2, 3, 2, 4, 5, 6]).trends).toEqual([]);
  });

  it('does not depend on the median: points on it count for trends', () => {
    // Median 3: the 3 is on the median but still part of the rise 1 2 3 4 5.
    expect(analyzeRunChart([1, 2, 3, 4, 5]).ihi.trend).toBe(true);
  });
});

describe('IHI shift', () => {
  it('needs 6 useful points in a row on one side', () => {
    // Runs 6 above, 6 below: IHI shift; 12 useful points, limit round(log2(12) + 3) = 7, so no Anhøj shift.
    const six = analyzeRunChart(fromRuns([6, 6]));
    expect(six).toMatchObject({ useful: 12, longestRun: 6, longestRunLimit: 7, shiftSignal: false, ihi: { shift: true } });
    expect(analyzeRunChart(fromRuns([5, 1, 1, 5])).ihi.shift).toBe(false);
  });

  it('counts through points on the median and missing points', () => {
    // Baseline 1 3 -> median 2, then above: 4 4 2 4 null 4 4 4 -> 6 useful points above.
    const values = [1, 3, 4, 4, 2, 4, null, 4, 4, 4];
    expect(analyzeRunChart(values, { baseline: 2 })).toMatchObject({ longestRun: 7, ihi: { shift: true } }); // 3 is above too
    expect(findSignalSpans(values, { baseline: 2 }).shifts).toEqual([{ start: 1, end: 9, length: 7, side: 'above' }]);
  });

  it('reports the earliest of equally long runs as the longest', () => {
    expect(findSignalSpans(fromRuns([6, 6])).longestRun).toEqual({ start: 0, end: 5, length: 6, side: 'above' });
    expect(findSignalSpans(fromRuns([6, 6])).shifts.map((s) => s.side)).toEqual(['above', 'below']);
  });
});

describe('describeSignals', () => {
  it('names the side and points of a shift when given the spans', () => {
    const values = fromRuns([9, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 9]);
    const lines = describeSignals(analyzeRunChart(values), EN, findSignalSpans(values));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('9 points in a row above the median (points 1 to 9): a shift');
    expect(lines[0]).toContain('longer than 8');
  });

  it('still explains a shift without spans', () => {
    const [line] = describeSignals(analyzeRunChart(fromRuns([9, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 9])), EN);
    expect(line).toContain('9 points in a row on one side of the median: a shift');
  });

  it('explains too few crossings', () => {
    const lines = describeSignals(analyzeRunChart(fromRuns([3, 3, 3, 3, 3, 3, 3, 3, 3, 3])), EN);
    expect(lines).toEqual([
      'The line crosses the median only 9 times: fewer than the 10 expected by chance with 30 points, so the process has probably changed.',
    ]);
  });

  it('explains IHI shifts and trends that are not Anhøj signals', () => {
    const values = [3, 1, 3, 1, 4, null, 2, 4, 4, Number.NaN, 4, 4, 4];
    const lines = describeSignals(analyzeRunChart(values, { baseline: 4 }), EN, findSignalSpans(values, { baseline: 4 }));
    expect(lines[0]).toBe('6 points in a row above the median (points 5 to 13): a shift by the IHI rule (6 or more in a row).');

    const rising = [5, 1, 5, 1, 5, 1, 2, 3, 4, 5, 1];
    const trendLines = describeSignals(analyzeRunChart(rising), EN, findSignalSpans(rising));
    expect(trendLines).toContain('5 points in a row all going up (points 6 to 10): a trend by the IHI rule (5 or more in a row).');
  });

  it('says when there is no signal, and when there is too little data', () => {
    expect(describeSignals(analyzeRunChart(alternating(20)), EN)).toEqual([expect.stringMatching(/^No signals/)]);
    expect(describeSignals(analyzeRunChart([]), EN)).toEqual([expect.stringMatching(/^Not enough points/)]);
    const few = describeSignals(analyzeRunChart(alternating(6)), EN);
    expect(few).toHaveLength(2);
    expect(few[1]).toContain('Only 6 points off the median');
  });
});

describe('findTrendSpans', () => {
  it('finds stretches of at least the given length, skipping missing points and counting repeats once', () => {
    const values = [5, 4, null, 3, 3, 2, 1, 2, 3, 4, 5, 6, 7];
    expect(findTrendSpans(values, 5)).toEqual([
      { start: 0, end: 6, length: 5, direction: 'falling' },
      { start: 6, end: 12, length: 7, direction: 'rising' },
    ]);
    expect(findTrendSpans(values, 6)).toEqual([{ start: 6, end: 12, length: 7, direction: 'rising' }]);
    // The default is the IHI run-chart rule, as findSignalSpans finds them.
    expect(findTrendSpans(values)).toEqual(findSignalSpans(values).trends);
    expect(findTrendSpans([], 6)).toEqual([]);
  });
});
