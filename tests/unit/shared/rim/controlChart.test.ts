import { describe, expect, it } from 'vitest';
import { CONTROL_CHART_TYPES, controlChart, describeControlChart, type ControlChart } from '@shared/rim/controlChart';
import {
  CABG_AGES,
  CABG_SURGERIES_BETWEEN_DEATHS,
  CDI_COUNTS,
  CDI_RISK_DAYS,
  HAI_CASES,
  HAI_RISK_DAYS,
  NHS_ATTENDANCES,
  NHS_SEEN,
  QICHARTS2,
} from './qicharts2Reference';
import { rimWords } from '@shared/rim/words';

const EN = rimWords('en');

/** Equal to 12 significant digits: qicharts2's R means sum in long double, ours in double. */
function close(actual: number | null | undefined, expected: number, digits = 12) {
  expect(actual).not.toBeNull();
  const scale = Math.max(Math.abs(expected), 1e-300);
  expect(Math.abs((actual as number) - expected) / scale).toBeLessThan(10 ** -digits);
}

/** 1-based numbers of the points outside the limits, as the chart labels them. */
const outsidePoints = (c: ControlChart) => c.outside.flatMap((o, i) => (o ? [i + 1] : []));
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe('controlChart matches qicharts2 0.8.1 on its own datasets', () => {
  it('C chart of C. difficile infections per month (cdi)', () => {
    const c = controlChart({ type: 'c', values: CDI_COUNTS });
    const q = QICHARTS2.cdiC;
    close(c.centre, q.cl);
    for (let i = 0; i < CDI_COUNTS.length; i++) {
      close(c.cl[i], q.cl);
      close(c.lcl[i], q.lcl);
      close(c.ucl[i], q.ucl);
    }
    expect(c.y).toEqual(CDI_COUNTS);
    expect(outsidePoints(c)).toEqual([3, 31]); // 27 > 26.39 and 3 < 3.28
    // The vignette: the fall in infections after the intervention is a shift the runs analysis finds.
    expect(c.runs?.nonRandom).toBe(true);
  });

  it('C chart with the first 18 months frozen', () => {
    const c = controlChart({ type: 'c', values: CDI_COUNTS, baseline: 18 });
    close(c.centre, QICHARTS2.cdiCFreeze18.cl);
    close(c.lcl[35], QICHARTS2.cdiCFreeze18.lcl);
    close(c.ucl[0], QICHARTS2.cdiCFreeze18.ucl);
    expect(c.baselinePoints).toBe(18);
    expect(c.frozen).toBe(true);
  });

  it("C chart of the last 12 months alone: the vignette's 'average of 7, between 0 and 15 per month'", () => {
    const c = controlChart({ type: 'c', values: CDI_COUNTS.slice(24) });
    expect(c.centre).toBeCloseTo(85 / 12, 12);
    expect(Math.round(c.centre!)).toBe(7);
    expect(c.lcl[0]).toBe(0); // 7.08 - 3 x 2.66 < 0, raised to 0
    expect(Math.round(c.ucl[0]!)).toBe(15);
  });

  it('U chart of infections per risk day, limits per month from its own denominator', () => {
    const c = controlChart({ type: 'u', values: CDI_COUNTS, denominators: CDI_RISK_DAYS });
    const q = QICHARTS2.cdiU;
    close(c.centre, q.cl);
    close(c.y[0], CDI_COUNTS[0]! / CDI_RISK_DAYS[0]!);
    close(c.lcl[0], q.lcl[0]);
    close(c.lcl[35], q.lcl[1]);
    close(c.ucl[0], q.ucl[0]);
    close(c.ucl[35], q.ucl[1]);
    expect(c.ucl[0]).not.toBe(c.ucl[35]);
  });

  it('U chart with the first 18 months frozen', () => {
    const c = controlChart({ type: 'u', values: CDI_COUNTS, denominators: CDI_RISK_DAYS, baseline: 18 });
    const q = QICHARTS2.cdiUFreeze18;
    close(c.centre, q.cl);
    close(c.lcl[0], q.lcl[0]);
    close(c.lcl[35], q.lcl[1]);
    close(c.ucl[0], q.ucl[0]);
    close(c.ucl[35], q.ucl[1]);
  });

  it('P chart of attendances seen within 4 hours: limits so narrow most weeks fall outside (nhs_accidents)', () => {
    const c = controlChart({ type: 'p', values: NHS_SEEN, denominators: NHS_ATTENDANCES });
    const q = QICHARTS2.nhsP;
    close(c.centre, q.cl);
    close(c.lcl[0], q.lcl[0]);
    close(c.lcl[19], q.lcl[1]);
    close(c.ucl[0], q.ucl[0]);
    close(c.ucl[19], q.ucl[1]);
    expect(outsidePoints(c).length).toBe(16);
    expect(c.laneyFactor).toBeNull();
  });

  it("P′ chart of the same data: Laney's limits absorb the over-dispersion and no week is outside", () => {
    const c = controlChart({ type: 'pp', values: NHS_SEEN, denominators: NHS_ATTENDANCES });
    const q = QICHARTS2.nhsPp;
    close(c.centre, q.cl);
    close(c.lcl[0], q.lcl[0]);
    close(c.lcl[19], q.lcl[1]);
    close(c.ucl[0], q.ucl[0]);
    close(c.ucl[19], q.ucl[1]);
    expect(outsidePoints(c)).toEqual([]);
    expect(c.laneyFactor).toBeGreaterThan(10);
  });

  it('P and P′ charts with the first 10 weeks frozen', () => {
    const p = controlChart({ type: 'p', values: NHS_SEEN, denominators: NHS_ATTENDANCES, baseline: 10 });
    close(p.centre, QICHARTS2.nhsPFreeze10.cl);
    close(p.lcl[0], QICHARTS2.nhsPFreeze10.lcl[0]);
    close(p.lcl[19], QICHARTS2.nhsPFreeze10.lcl[1]);
    const pp = controlChart({ type: 'pp', values: NHS_SEEN, denominators: NHS_ATTENDANCES, baseline: 10 });
    const q = QICHARTS2.nhsPpFreeze10;
    close(pp.centre, q.cl);
    close(pp.lcl[0], q.lcl[0]);
    close(pp.lcl[19], q.lcl[1]);
    close(pp.ucl[0], q.ucl[0]);
    close(pp.ucl[19], q.ucl[1]);
  });

  it('I chart of the weekly proportions, the vignette’s check for over-dispersion', () => {
    const ratios = NHS_SEEN.map((r, i) => r / NHS_ATTENDANCES[i]!);
    const c = controlChart({ type: 'i', values: ratios });
    close(c.centre, QICHARTS2.nhsIRatio.cl);
    close(c.lcl[7], QICHARTS2.nhsIRatio.lcl);
    close(c.ucl[7], QICHARTS2.nhsIRatio.ucl);
    const frozen = controlChart({ type: 'i', values: ratios, baseline: 10 });
    close(frozen.centre, QICHARTS2.nhsIRatioFreeze10.cl);
    close(frozen.lcl[0], QICHARTS2.nhsIRatioFreeze10.lcl);
    close(frozen.ucl[19], QICHARTS2.nhsIRatioFreeze10.ucl);
  });

  it('U′ chart of hospital infections per risk day (hospital_infections), whole series and frozen', () => {
    const c = controlChart({ type: 'up', values: HAI_CASES, denominators: HAI_RISK_DAYS });
    const q = QICHARTS2.haiUp;
    close(c.centre, q.cl);
    close(c.lcl[0], q.lcl[0]);
    close(c.lcl[23], q.lcl[1]);
    close(c.ucl[0], q.ucl[0]);
    close(c.ucl[23], q.ucl[1]);
    const f = controlChart({ type: 'up', values: HAI_CASES, denominators: HAI_RISK_DAYS, baseline: 12 });
    const qf = QICHARTS2.haiUpFreeze12;
    close(f.centre, qf.cl);
    close(f.lcl[0], qf.lcl[0]);
    close(f.lcl[23], qf.lcl[1]);
    close(f.ucl[0], qf.ucl[0]);
    close(f.ucl[23], qf.ucl[1]);
  });

  it('I chart of patient ages screens out the huge moving ranges around the 7.9-year-old "patient"', () => {
    const c = controlChart({ type: 'i', values: CABG_AGES });
    const q = QICHARTS2.cabgAgeIScreened;
    close(c.centre, q.cl);
    close(c.ucl[0], q.ucl);
    close(c.lcl[0], 2 * q.cl - q.ucl);
    // qicharts2's 2-sigma line sits two thirds of the way out: the same sigma.
    close(c.sigma, (q.ucl - q.cl) / 3);
    close(c.sigma, (q.ucl95 - q.lcl95) / 4, 11);
    // Without screening the lower limit would be 38.0 (qicharts2 with qic.screenedmr = FALSE).
    expect(Math.abs(c.lcl[0]! - QICHARTS2.cabgAgeIUnscreened.lcl)).toBeGreaterThan(3);
    // The vignette: "Two data points (patients number 45 and 70) are below the lower 3-sigma limit".
    expect(outsidePoints(c)).toEqual([45, 70]);
  });

  it('MR chart of the same ages: three unusually large ranges, no runs analysis', () => {
    const c = controlChart({ type: 'mr', values: CABG_AGES });
    const q = QICHARTS2.cabgAgeMr;
    expect(c.y[0]).toBeNull();
    expect(c.y[1]).toBeCloseTo(7.211, 10);
    close(c.centre, q.cl);
    close(c.ucl[50], q.ucl);
    expect(c.lcl.every((l) => l === 0)).toBe(true);
    // The vignette: "three unusually large ranges, clearly produced by the two unusually young
    // patients": into and out of patient 45's neighbour 46 (36.7 -> 83.0), and around patient 70.
    expect(outsidePoints(c)).toEqual([46, 70, 71]);
    expect(c.runs).toBeNull();
  });

  it('G chart of surgeries between deaths: limits from the mean, centre line at the median', () => {
    const c = controlChart({ type: 'g', values: CABG_SURGERIES_BETWEEN_DEATHS });
    const q = QICHARTS2.cabgG;
    expect(c.centre).toBe(q.cl);
    expect(c.cl.every((v) => v === 24)).toBe(true);
    close(c.ucl[0], q.ucl);
    expect(c.lcl[0]).toBe(q.lcl);
    // The vignette: "Deaths number 24 and 25 are unusually far apart" (183 surgeries between them).
    expect(outsidePoints(c)).toEqual([24]);
    expect(c.runs?.centre).toBe(24);
  });
});

describe('controlChart matches textbook worked examples (Montgomery, Introduction to Statistical Quality Control)', () => {
  it('P chart, orange juice cans (Example 7.1; NIST/SEMATECH e-Handbook 6.3.3.2): p̄ 0.2313, limits 0.0524 to 0.4102', () => {
    // 30 samples of 50 cans (data as shipped with the R package qcc, dataset orangejuice).
    const defective = [12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22, 8, 10, 5, 13, 11, 20, 18, 24, 15, 9, 12, 7, 13, 9, 6];
    const c = controlChart({ type: 'p', values: defective, denominators: defective.map(() => 50) });
    expect(c.centre).toBeCloseTo(0.2313, 4);
    expect(c.ucl[0]).toBeCloseTo(0.4102, 4);
    expect(c.lcl[0]).toBeCloseTo(0.0524, 4);
    // Samples 15 (new batch of cardboard) and 23 (inexperienced operator) are out of control.
    expect(outsidePoints(c)).toEqual([15, 23]);
  });

  it('C chart, nonconformities in printed circuit boards (Example 7.3): c̄ 19.85, limits 6.48 to 33.22', () => {
    const nonconformities = [21, 24, 16, 12, 15, 5, 28, 20, 31, 25, 20, 24, 16, 19, 10, 17, 13, 22, 18, 39, 30, 24, 16, 19, 17, 15];
    const c = controlChart({ type: 'c', values: nonconformities });
    expect(c.centre).toBeCloseTo(19.85, 2);
    // The book rounds c̄ to 19.85 before adding 3√c̄, so its limits differ from exact ones in the third digit.
    expect(Math.abs(c.ucl[0]! - 33.22)).toBeLessThan(0.01);
    expect(Math.abs(c.lcl[0]! - 6.48)).toBeLessThan(0.01);
    expect(outsidePoints(c)).toEqual([6, 20]);
  });

  it('U chart, nonconformities per computer in 20 samples of 5 (Example 7.4): ū 1.93, limits 0.07 to 3.79', () => {
    const nonconformities = [10, 12, 8, 14, 10, 16, 11, 7, 10, 15, 9, 5, 7, 11, 12, 6, 8, 10, 7, 5];
    const c = controlChart({ type: 'u', values: nonconformities, denominators: nonconformities.map(() => 5) });
    expect(c.centre).toBeCloseTo(1.93, 10);
    expect(c.ucl[0]).toBeCloseTo(3.79, 2);
    expect(c.lcl[0]).toBeCloseTo(0.07, 2);
    expect(outsidePoints(c)).toEqual([]);
  });
});

describe('controlChart: I and MR charts worked by hand', () => {
  // Weekly minutes to first antibiotic dose; week 10 was the night the pharmacy system was down.
  const minutes = [20, 22, 21, 23, 22, 21, 20, 22, 21, 40, 21, 22];

  it('screens out moving ranges of 3.267 x the average or more before estimating sigma', () => {
    // Moving ranges: 2 1 2 1 1 1 2 1 19 19 1, average 50/11 = 4.55, screening limit 14.85:
    // the two 19s go, leaving nine ranges that add up to 12.
    const c = controlChart({ type: 'i', values: minutes });
    const mean = 275 / 12;
    const sigma = 12 / 9 / 1.128;
    expect(c.centre).toBeCloseTo(mean, 12);
    expect(c.sigma).toBeCloseTo(sigma, 12);
    expect(c.ucl.every((u) => Math.abs(u! - (mean + 3 * sigma)) < 1e-12)).toBe(true);
    expect(c.lcl.every((l) => Math.abs(l! - (mean - 3 * sigma)) < 1e-12)).toBe(true);
    expect(outsidePoints(c)).toEqual([10]);
  });

  it('MR chart: the centre line is the unscreened average moving range, the upper limit 3.267 times it', () => {
    const c = controlChart({ type: 'mr', values: minutes });
    expect(c.y).toEqual([null, 2, 1, 2, 1, 1, 1, 2, 1, 19, 19, 1]);
    expect(c.centre).toBeCloseTo(50 / 11, 12);
    expect(c.ucl[5]).toBeCloseTo((3.267 * 50) / 11, 12);
    expect(outsidePoints(c)).toEqual([10, 11]);
  });

  it('a missing week is a gap that breaks the moving range instead of bridging it', () => {
    const c = controlChart({ type: 'i', values: [10, null, 14, 12] });
    // Only 14 -> 12 is a moving range; 10 -> 14 spans the gap.
    expect(c.centre).toBe(12);
    expect(c.sigma).toBeCloseTo(2 / 1.128, 12);
    expect(c.y).toEqual([10, null, 14, 12]);
    expect(c.ucl[1]).toBeCloseTo(12 + 6 / 1.128, 12); // the limits run on across the gap
    expect(c.outside).toEqual([false, false, false, false]);
    expect(c.runs?.useful).toBe(2); // 12 sits on the centre line
    const mr = controlChart({ type: 'mr', values: [10, null, 14, 12] });
    expect(mr.y).toEqual([null, null, null, 2]);
  });

  it('a constant series has limits on the centre line and no signal', () => {
    const c = controlChart({ type: 'i', values: [95, 95, 95, 95, 95] });
    expect(c.centre).toBe(95);
    expect(c.sigma).toBe(0);
    expect(c.ucl).toEqual([95, 95, 95, 95, 95]);
    expect(c.lcl).toEqual([95, 95, 95, 95, 95]);
    expect(c.outside.some(Boolean)).toBe(false);
    expect(c.runs).toMatchObject({ useful: 0, nonRandom: false });
    // A later point off a frozen constant baseline is a signal: the process was never seen to vary.
    const later = controlChart({ type: 'i', values: [95, 95, 95, 95, 90], baseline: 4 });
    expect(outsidePoints(later)).toEqual([5]);
  });

  it('a single point has a centre line but no limits; no points has neither', () => {
    const one = controlChart({ type: 'i', values: [7] });
    expect(one).toMatchObject({ centre: 7, sigma: null, ucl: [null], lcl: [null], outside: [false] });
    const none = controlChart({ type: 'i', values: [null, Number.NaN, Number.POSITIVE_INFINITY] });
    expect(none).toMatchObject({ centre: null, y: [null, null, null], cl: [null, null, null], baselinePoints: 0 });
    expect(controlChart({ type: 'c', values: [] })).toMatchObject({ y: [], cl: [], outside: [], centre: null });
  });

  it('a frozen baseline sets the limits from its own points; later points are judged against them', () => {
    const c = controlChart({ type: 'i', values: [1, 2, 1, 2, 9, 9, 9], baseline: 4 });
    expect(c.centre).toBe(1.5);
    expect(c.sigma).toBeCloseTo(1 / 1.128, 12);
    expect(outsidePoints(c)).toEqual([5, 6, 7]);
    expect(c).toMatchObject({ baselinePoints: 4, frozen: true });
  });

  it('the baseline counts usable points, as the run chart does, so missing weeks do not shorten it', () => {
    // Usable points are at 2, 3, 5, 6 and 7: a 4-point baseline ends at point 6.
    const c = controlChart({ type: 'i', values: [null, 1, 2, null, 1, 2, 50], baseline: 4 });
    expect(c.centre).toBe(1.5);
    expect(c.sigma).toBeCloseTo(1 / 1.128, 12); // 1 -> 2 twice; nothing across the gap
    expect(outsidePoints(c)).toEqual([7]);
  });

  it.each([
    ['larger than the series', 99],
    ['zero', 0],
    ['negative', -3],
    ['not a number', Number.NaN],
  ])('a baseline %s means all points', (_label, baseline) => {
    const all = controlChart({ type: 'i', values: minutes });
    const c = controlChart({ type: 'i', values: minutes, baseline });
    expect(c.centre).toBe(all.centre);
    expect(c).toMatchObject({ baselinePoints: 12, frozen: false });
  });

  it('a fractional baseline is rounded down', () => {
    expect(controlChart({ type: 'i', values: minutes, baseline: 4.9 }).baselinePoints).toBe(4);
  });
});

describe('controlChart: counts, proportions and rates at their boundaries', () => {
  it('P chart: a zero denominator leaves the point out, with no limits there, and says why', () => {
    const c = controlChart({ type: 'p', values: [3, 0, 4, 2], denominators: [30, 0, 40, 20] });
    const p = 9 / 90;
    expect(c.centre).toBeCloseTo(p, 15);
    expect(c.y).toEqual([0.1, null, 0.1, 0.1]);
    expect(c.ucl[1]).toBeNull();
    expect(c.lcl[1]).toBeNull();
    expect(c.ucl[0]).toBeCloseTo(p + 3 * Math.sqrt((p * (1 - p)) / 30), 15);
    expect(c.skipped).toEqual([{ index: 1, reason: 'zero-denominator' }]);
    expect(describeControlChart(c, EN)).toContain('Point 2 is left out: its denominator is 0.');
  });

  it('P chart: bad rows are left out with a reason each; a missing numerator is a gap with limits', () => {
    const c = controlChart({
      type: 'p',
      values: [5, 12, -1, 3, null, 4],
      denominators: [20, 10, 20, null, 20, -5],
    });
    expect(c.skipped.map((s) => [s.index, s.reason])).toEqual([
      [1, 'more-than-denominator'],
      [2, 'negative-value'],
      [3, 'missing-denominator'],
      [5, 'negative-denominator'],
    ]);
    expect(c.y).toEqual([0.25, null, null, null, null, null]);
    expect(c.centre).toBe(0.25);
    expect(c.ucl[4]).not.toBeNull(); // the week was counted (20 patients), only the numerator is missing
    expect(c.ucl[3]).toBeNull();
  });

  it('P chart: an upper limit above 1 is set to 1 and a lower limit below 0 to 0', () => {
    const high = controlChart({ type: 'p', values: [9, 10, 8], denominators: [10, 10, 10] });
    expect(high.ucl).toEqual([1, 1, 1]);
    expect(high.lcl[0]).toBeCloseTo(0.9 - 3 * Math.sqrt(0.09 / 10), 15);
    expect(high.outside).toEqual([false, false, false]);
    const low = controlChart({ type: 'p', values: [1, 0, 2], denominators: [10, 10, 10] });
    expect(low.lcl).toEqual([0, 0, 0]);
  });

  it('P and P′ charts of a process always at 0% or 100%: limits on the centre line, nothing outside', () => {
    for (const type of ['p', 'pp'] as const) {
      const none = controlChart({ type, values: [0, 0, 0], denominators: [12, 15, 9] });
      expect(none).toMatchObject({ centre: 0, ucl: [0, 0, 0], lcl: [0, 0, 0], outside: [false, false, false] });
      const all = controlChart({ type, values: [12, 15, 9], denominators: [12, 15, 9] });
      expect(all).toMatchObject({ centre: 1, ucl: [1, 1, 1], lcl: [1, 1, 1], outside: [false, false, false], laneyFactor: null });
    }
  });

  it('P′ chart: σz is the average moving range of the z-scores / 1.128, worked by hand', () => {
    // p̄ = 60/400 = 0.15; every sample has n = 100, so sigma = √(0.15 × 0.85 / 100) for each.
    const c = controlChart({ type: 'pp', values: [10, 20, 12, 18], denominators: [100, 100, 100, 100] });
    const s = Math.sqrt((0.15 * 0.85) / 100);
    const z = [-0.05 / s, 0.05 / s, -0.03 / s, 0.03 / s];
    const ranges = [Math.abs(z[1]! - z[0]!), Math.abs(z[2]! - z[1]!), Math.abs(z[3]! - z[2]!)];
    const factor = sum(ranges) / 3 / 1.128; // no range reaches 3.267 x the average
    expect(c.laneyFactor).toBeCloseTo(factor, 12);
    expect(c.ucl[0]).toBeCloseTo(0.15 + 3 * s * factor, 12);
    expect(0.15 - 3 * s * factor).toBeLessThan(0);
    expect(c.lcl[0]).toBe(0); // widened below 0, raised to 0 as on a P chart
  });

  it('P′ and U′ need two neighbouring points to estimate σz; with one there are no limits', () => {
    const c = controlChart({ type: 'up', values: [4, null, 6], denominators: [100, 100, 100] });
    expect(c.centre).toBeCloseTo(0.05, 15);
    expect(c.ucl).toEqual([null, null, null]);
    expect(c.laneyFactor).toBeNull();
  });

  it('U chart: rates may exceed 1 (3 falls in 2 patient days), and a rate of 0 has limits on 0', () => {
    const c = controlChart({ type: 'u', values: [3, 1], denominators: [2, 4] });
    expect(c.y).toEqual([1.5, 0.25]);
    expect(c.skipped).toEqual([]);
    const zero = controlChart({ type: 'u', values: [0, 0], denominators: [50, 60] });
    expect(zero).toMatchObject({ centre: 0, ucl: [0, 0], lcl: [0, 0] });
  });

  it('ratio charts without denominators leave every point out instead of guessing', () => {
    const c = controlChart({ type: 'u', values: [3, 4] });
    expect(c.centre).toBeNull();
    expect(c.skipped.map((s) => s.reason)).toEqual(['missing-denominator', 'missing-denominator']);
    // One sentence for the reason, not one per point.
    expect(describeControlChart(c, EN)).toEqual(['Points 1 and 2 are left out: their denominators are missing.']);
    const many = controlChart({ type: 'p', values: Array.from({ length: 500 }, () => 3) });
    expect(describeControlChart(many, EN)).toEqual(['Points 1 to 500 are left out: their denominators are missing.']);
  });

  it('C and G charts leave negative counts out; denominators are ignored', () => {
    const c = controlChart({ type: 'c', values: [4, -2, 6], denominators: [0, 0, 0] });
    expect(c.centre).toBe(5);
    expect(c.skipped).toEqual([{ index: 1, reason: 'negative-value' }]);
    expect(describeControlChart(c, EN)).toContain('Point 2 is left out: a count cannot be negative.');
    expect(c.ucl[0]).toBeCloseTo(5 + 3 * Math.sqrt(5), 15);
    expect(c.lcl[0]).toBe(0);
    const g = controlChart({ type: 'g', values: [-1, 8] });
    expect(g.skipped.map((s) => s.index)).toEqual([0]);
  });

  it('G chart with a frozen baseline: limits from the baseline mean, centre line at its median', () => {
    const c = controlChart({ type: 'g', values: [10, 20, 30, 60, 500], baseline: 4 });
    const mean = 30;
    expect(c.centre).toBe(25);
    expect(c.ucl[4]).toBeCloseTo(mean + 3 * Math.sqrt(mean * (mean + 1)), 12);
    expect(c.lcl[4]).toBe(0);
    expect(outsidePoints(c)).toEqual([5]);
    expect(c.runs?.centre).toBe(25);
  });

  it('C chart of a constant count, and of all zeros', () => {
    const c = controlChart({ type: 'c', values: [4, 4, 4, 4] });
    expect(c).toMatchObject({ centre: 4, ucl: [10, 10, 10, 10], lcl: [0, 0, 0, 0] });
    const zeros = controlChart({ type: 'c', values: [0, 0, 0] });
    expect(zeros).toMatchObject({ centre: 0, ucl: [0, 0, 0], lcl: [0, 0, 0], outside: [false, false, false] });
  });

  it('a multiplier scales what is drawn (percent, per 1,000) without changing the analysis', () => {
    const plain = controlChart({ type: 'p', values: NHS_SEEN, denominators: NHS_ATTENDANCES });
    const percent = controlChart({ type: 'p', values: NHS_SEEN, denominators: NHS_ATTENDANCES, multiplier: 100 });
    close(percent.centre, plain.centre! * 100);
    close(percent.y[3], plain.y[3]! * 100);
    close(percent.ucl[3], plain.ucl[3]! * 100);
    close(percent.lcl[3], plain.lcl[3]! * 100);
    close(percent.runs?.centre, plain.centre! * 100);
    expect(percent.outside).toEqual(plain.outside);
    expect(percent.runs?.crossings).toBe(plain.runs?.crossings);
  });

  it('every chart type returns one entry per input point in every array', () => {
    const values = [3, null, 5, 4, 6, 2];
    const denominators = [10, 10, 10, 10, 10, 10];
    for (const type of CONTROL_CHART_TYPES) {
      const c = controlChart({ type, values, denominators });
      for (const key of ['y', 'cl', 'ucl', 'lcl', 'outside'] as const) expect(c[key]).toHaveLength(values.length);
    }
  });
});

describe('controlChart: runs analysis on the centre line', () => {
  it('finds a shift as a run longer than the Anhøj limit and says where it is', () => {
    // 10 weeks around 30 minutes, then 10 weeks around 20 after a change: the mean sits between.
    const values = [30, 31, 29, 30, 32, 31, 30, 29, 31, 30, 20, 21, 19, 20, 22, 21, 20, 19, 21, 20];
    const c = controlChart({ type: 'i', values });
    expect(c.runs).toMatchObject({ useful: 20, longestRun: 10, longestRunLimit: 7, crossings: 1, shiftSignal: true, nonRandom: true });
    expect(c.runs?.longestRunSpan).toEqual({ start: 0, end: 9, length: 10, side: 'above' });
    expect(describeControlChart(c, EN)).toContain(
      '10 points in a row above the centre line (points 1 to 10): a shift. Runs longer than 7 are unlikely by chance with 20 points, so the process has probably changed.',
    );
  });

  it('random-looking data gives no runs signal', () => {
    const values = [5, 7, 4, 6, 8, 5, 7, 4, 6, 5, 7, 6, 4, 8, 5, 6, 7, 5, 6, 4];
    const c = controlChart({ type: 'c', values });
    expect(c.runs?.nonRandom).toBe(false);
    expect(describeControlChart(c, EN)[0]).toMatch(/^No signals: every point is inside the control limits/);
  });
});

describe('describeControlChart', () => {
  it('names the points outside the limits, as facilitators count them', () => {
    const c = controlChart({ type: 'i', values: CABG_AGES });
    expect(describeControlChart(c, EN)[0]).toBe(
      'Points 45 and 70 are below the lower control limit: a special cause. Look for what was different at that time.',
    );
    const g = controlChart({ type: 'g', values: CABG_SURGERIES_BETWEEN_DEATHS });
    expect(describeControlChart(g, EN)[0]).toBe('Point 24 is above the upper control limit: a special cause. Look for what was different at that time.');
  });

  it("says when limits are provisional, explains Laney's correction and lists points left out", () => {
    const c = controlChart({ type: 'pp', values: [10, 20, 12, 18, 3], denominators: [100, 100, 100, 100, 0] });
    const words = describeControlChart(c, EN);
    expect(words).toContain('The limits rest on only 4 points: with fewer than 20 they are provisional.');
    expect(words.some((w) => w.startsWith("Laney's correction: the points vary"))).toBe(true);
    expect(words.at(-1)).toBe('Point 5 is left out: its denominator is 0.');
  });

  it('asks for more data when there are no limits yet, and for data when there is none', () => {
    expect(describeControlChart(controlChart({ type: 'i', values: [4] }), EN)).toEqual(['Not enough points to set control limits yet: keep collecting data.']);
    expect(describeControlChart(controlChart({ type: 'i', values: [] }), EN)).toEqual(['No points yet: enter data to draw the chart.']);
  });
});

describe('describeControlChart: point numbers in sentences', () => {
  it('lists three or more points in a row as a range, and counts the rest of a long list', () => {
    // Points 5-9, 12, 13 and 20 far above a flat baseline of 20 points.
    const flat = Array.from({ length: 20 }, (_, i) => 10 + (i % 3));
    const high = new Set([24, 25, 26, 27, 28, 31, 32, 39]);
    const values = [...flat, ...Array.from({ length: 20 }, (_, i) => (high.has(20 + i) ? 30 : 10 + (i % 3)))];
    const c = controlChart({ type: 'i', values, baseline: 20 });
    expect(describeControlChart(c, EN)[0]).toMatch(/^Points 25 to 29, 32, 33 and 40 are above the upper control limit/);
    // Numbered across a chart of periods: this period starts at point 101.
    expect(describeControlChart(c, EN, { firstPoint: 101 })[0]).toMatch(/^Points 125 to 129, 132, 133 and 140 are above/);

    const scattered = Array.from({ length: 60 }, (_, i) => (i >= 20 && i % 2 === 0 ? 30 : 10 + (i % 3)));
    const many = controlChart({ type: 'i', values: scattered, baseline: 20 });
    expect(describeControlChart(many, EN)[0]).toBe(
      'Points 21, 23, 25, 27, 29, 31, 33 and 13 more are above the upper control limit: a special cause. Look for what was different at that time.',
    );
  });

  it('numbers points left out across the chart too', () => {
    const c = controlChart({ type: 'p', values: [5, 6, 4, 5], denominators: [10, 0, 10, 10] });
    expect(describeControlChart(c, EN)).toContain('Point 2 is left out: its denominator is 0.');
    expect(describeControlChart(c, EN, { firstPoint: 31 })).toContain('Point 32 is left out: its denominator is 0.');
  });
});
