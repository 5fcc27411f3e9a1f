import { describe, expect, it } from 'vitest';
import { rimWords } from '@shared/rim/words';
import { buildRunChart, cycleLabel } from '@shared/rim/chartSeries';

const EN = rimWords('en');

const pts = (start: number, values: (number | null)[]) => values.map((value, i) => ({ date: `2026-${String(start + i).padStart(2, '0')}-01`, value }));
const measure = { target: 2, frozenBaselineCount: null };
const cycle = (over: Partial<Parameters<typeof buildRunChart>[4][number]>) => ({
  id: 'c1',
  number: 1,
  title: 'Bed alarms',
  stage: 'done' as const,
  decision: null,
  plannedOn: null,
  doneOn: null,
  measureIds: ['m'],
  ...over,
});

describe('buildRunChart', () => {
  it('draws every point with its period median and the target, points in date order', () => {
    const model = buildRunChart('m', measure, [...pts(1, [4, 5, 5]).reverse()], [], []);
    expect(model.rows.map((r) => [r.date, r.value, r.median, r.target, r.index])).toEqual([
      ['2026-01-01', 4, 5, 2, 1],
      ['2026-02-01', 5, 5, 2, 2],
      ['2026-03-01', 5, 5, 2, 3],
    ]);
    expect(model.periods).toHaveLength(1);
    expect(model.periods[0]?.signals[0]).toMatch(/Not enough points/);
  });

  it('a frozen baseline fixes the median so a later shift shows as a signal', () => {
    const values = [5, 6, 5, 6, 5, 6, 2, 2, 2, 2, 2, 2, 2, 2];
    const model = buildRunChart(
      'm',
      { target: null, frozenBaselineCount: 6 },
      pts(1, values.slice(0, 12)).concat([
        { date: '2027-01-01', value: 2 },
        { date: '2027-02-01', value: 2 },
      ]),
      [],
      [],
    );
    expect(model.rows.every((r) => r.median === 5.5)).toBe(true);
    expect(model.periods[0]?.analysis.shiftSignal).toBe(true);
    expect(model.periods[0]?.signals.join(' ')).toMatch(/8 points in a row below the median \(points 7 to 14\): a shift/);
  });

  it('a re-base starts a new period with its own median; missing points stay as gaps', () => {
    const model = buildRunChart('m', measure, pts(1, [10, 12, null, 11, 3, 4, 5]), [{ startsOn: '2026-05-01', reason: 'Adopted', baselineCount: null }], []);
    expect(model.periods.map((p) => [p.startsOn, p.pointCount, p.analysis.median])).toEqual([
      [null, 4, 11],
      ['2026-05-01', 3, 4],
    ]);
    expect(model.rows.map((r) => r.median)).toEqual([11, 11, 11, 11, 4, 4, 4]);
    expect(model.rows[2]?.value).toBeNull();
  });

  it('places linked PDSA cycles at the first point on or after their date', () => {
    const model = buildRunChart(
      'm',
      measure,
      pts(1, [4, 5, 6]),
      [],
      [
        cycle({ id: 'a', number: 2, doneOn: '2026-02-15', decision: 'adopt' }),
        cycle({ id: 'b', number: 1, plannedOn: '2026-01-01' }),
        cycle({ id: 'c', number: 3, plannedOn: '2026-09-01' }),
        cycle({ id: 'd', number: 4, plannedOn: '2026-01-01', measureIds: ['other'] }),
        cycle({ id: 'e', number: 5 }),
      ],
    );
    expect(model.annotations.map((a) => [a.cycleId, a.date, a.at, a.label])).toEqual([
      ['b', '2026-01-01', '2026-01-01', 'PDSA 1: Bed alarms'],
      ['a', '2026-02-15', '2026-03-01', 'PDSA 2: Bed alarms (adopt)'],
      ['c', '2026-09-01', '2026-03-01', 'PDSA 3: Bed alarms'],
    ]);
    expect(cycleLabel({ number: 7, title: '', decision: null }, EN)).toBe('PDSA 7');
    expect(buildRunChart('m', measure, [], [], [cycle({ plannedOn: '2026-01-01' })]).annotations[0]?.at).toBeNull();
  });
});

describe('buildRunChart of a proportion or a rate (the minutes chart)', () => {
  it('draws the ratio of numerator to denominator, in percent or per N, and leaves a half-entered point out', () => {
    const counts = [
      { date: '2026-01-01', value: null, numerator: 30, denominator: 40 },
      { date: '2026-02-01', value: null, numerator: 9, denominator: 10 },
      { date: '2026-03-01', value: null, numerator: 5, denominator: null },
    ];
    const proportion = buildRunChart('m', { target: 90, frozenBaselineCount: null, valueType: 'proportion', ratePer: 1000 }, counts, [], []);
    expect(proportion.rows.map((r) => r.value)).toEqual([75, 90, null]);
    const rate = buildRunChart('m', { target: null, frozenBaselineCount: null, valueType: 'rate', ratePer: 1000 }, counts, [], []);
    expect(rate.rows.map((r) => r.value)).toEqual([750, 900, null]);
    // A measure stored before value types keeps drawing its values.
    expect(buildRunChart('m', measure, pts(1, [4, 5]), [], []).rows.map((r) => r.value)).toEqual([4, 5]);
  });
});
