import { describe, expect, it } from 'vitest';
import { seriesDate } from '@shared/rim/dataImport';
import { buildMeasureChart, chartUnit, dayNumber, dayToDate, legendEntries, sharedDomain, type MeasureChartInput } from '@shared/rim/measureChart';
import { rimWords } from '@shared/rim/words';

const EN = rimWords('en');

type MeasureArg = MeasureChartInput['measure'];
const measure = (over: Partial<MeasureArg> = {}): MeasureArg => ({
  id: 'm1',
  valueType: 'measurement',
  ratePer: 1000,
  target: null,
  frozenBaselineCount: null,
  chart: null,
  unit: 'minutes',
  denominatorLabel: '',
  ...over,
});
const weekly = (values: readonly (number | null)[], start = '2026-01-05') =>
  values.map((value, i) => ({ date: seriesDate(start, 'weekly', i), value, numerator: null, denominator: null }));
const counts = (pairs: readonly [number | null, number | null][], start = '2026-01-05') =>
  pairs.map(([numerator, denominator], i) => ({ date: seriesDate(start, 'weekly', i), value: null, numerator, denominator }));

// 24 weeks of patients seen within 30 minutes: about 80% of 50, and week 17 at 40%.
const SEEN: [number, number][] = Array.from({ length: 24 }, (_, i) => [i === 16 ? 20 : 40 + ((i * 7) % 5) - 2, 50]);

describe('buildMeasureChart', () => {
  it('keeps a run chart under 20 points and says which control chart comes at 20, and why', () => {
    const model = buildMeasureChart({ measure: measure({ valueType: 'proportion', unit: '' }), points: counts(SEEN.slice(0, 12)) }, EN);
    expect(model.kind).toBe('run');
    expect(model.title).toBe('Run chart');
    expect(model.centreName).toBe('Median');
    expect(model.hasLimits).toBe(false);
    expect(model.suggestion).toMatchObject({ chart: 'run', controlChart: 'p' });
    expect(model.suggestion.reason).toMatch(/run chart for now: with 12 points.*At 20 points, switch to the P chart/);
    // Proportions are drawn as percentages.
    expect(model.unit).toBe('%');
    expect(model.points[0]!.y).toBeCloseTo(76, 10);
  });

  it('a P chart from numerators and denominators flags the point outside its limits, in words and on the point', () => {
    const model = buildMeasureChart({ measure: measure({ valueType: 'proportion' }), points: counts(SEEN) }, EN);
    expect(model.kind).toBe('p');
    expect(model.chosen).toBe(false);
    expect(model.points.filter((p) => p.outside).map((p) => p.number)).toEqual([17]);
    const p17 = model.points[16]!;
    expect(p17.y).toBe(40);
    expect(p17.lcl).toBeGreaterThan(40);
    expect(model.signals[0]).toBe('Point 17 is below the lower control limit: a special cause. Look for what was different at that time.');
    // Limits per point from its denominator, in percent, never above 100.
    expect(model.points.every((p) => p.ucl !== null && p.ucl <= 100 && p.lcl !== null && p.lcl >= 0)).toBe(true);
    expect(legendEntries(model, EN).map((e) => e.key)).toEqual(['points', 'centre', 'limits', 'outside']);
  });

  it("draws the team's chosen chart instead of the suggestion, and says so", () => {
    const model = buildMeasureChart({ measure: measure({ valueType: 'proportion', chart: 'run' }), points: counts(SEEN) }, EN);
    expect(model.kind).toBe('run');
    expect(model.chosen).toBe(true);
    expect(model.suggestion.chart).toBe('p');
    // A preview of another chart is not the team's choice.
    expect(buildMeasureChart({ measure: measure({ valueType: 'proportion', chart: 'run' }), points: counts(SEEN), chart: 'pp' }, EN).chosen).toBe(false);
  });

  it('an I chart comes with its MR chart; both number their points the same way', () => {
    const values = [10, 12, 11, 13, 12, 30, 11, 12, 10, 11, 12, 13, 11, 12, 10, 11, 12, 11, 13, 12];
    const model = buildMeasureChart({ measure: measure(), points: weekly(values) }, EN);
    expect(model.kind).toBe('i');
    expect(model.centreName).toBe('Mean');
    expect(model.companion?.kind).toBe('mr');
    expect(model.companion?.unit).toBe('moving range, minutes');
    expect(model.companion?.points.map((p) => p.y)).toEqual([null, ...values.slice(1).map((v, i) => Math.abs(v - values[i]!))]);
    expect(model.signals[0]).toMatch(/^Point 6 is above the upper control limit/);
    expect(model.companion?.signals[0]).toMatch(/^Points 6 and 7 are above the upper control limit: an unusually large jump/);
    expect(model.companion?.target).toBeNull();
  });

  it('a frozen baseline sets the limits on its points; later points extend them (solid, then dashed where they meet)', () => {
    const values = [5, 6, 5, 7, 6, 5, 6, 7, 5, 6, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2];
    const model = buildMeasureChart({ measure: measure({ frozenBaselineCount: 10 }), points: weekly([null, ...values]) }, EN);
    const period = model.periods[0]!;
    // The missing first week is not a baseline point: the 10th value is point 11.
    expect(period.baselineLast).toBe(10);
    expect(model.points.slice(0, 11).every((p) => p.inBaseline)).toBe(true);
    expect(model.points.slice(11).some((p) => p.inBaseline)).toBe(false);
    expect(period.centre).toBeCloseTo(5.8, 10);
    // Every point is judged against the frozen limits.
    expect(new Set(model.points.map((p) => p.centre))).toEqual(new Set([period.centre]));
    // The improvement is a shift against the frozen centre line.
    expect(model.spans.some((s) => s.kind === 'shift' && s.start === 11)).toBe(true);
    expect(legendEntries(model, EN).map((e) => e.key)).toContain('extension');
  });

  it('re-bases into periods, each with its own centre line and signals numbered across the whole chart', () => {
    const before = [6, 7, 5, 6, 8, 5, 7, 6, 5, 7, 6, 8];
    const after = [4, 3, 4, 3, 2, 3, 4, 3, 2, 3, 4, 3];
    const points = weekly([...before, ...after]);
    const model = buildMeasureChart(
      {
        measure: measure({ chart: 'run' }),
        points,
        periods: [{ startsOn: points[12]!.date, reason: 'Bed alarms adopted', baselineCount: null }],
      },
      EN,
    );
    expect(model.periods.map((p) => [p.first, p.last, p.centre])).toEqual([
      [0, 11, 6],
      [12, 23, 3],
    ]);
    expect(model.points[12]!.period).toBe(1);
    expect(model.signals.every((s) => s.startsWith('First period: ') || s.startsWith('From Mar 30, 2026 (Bed alarms adopted): '))).toBe(true);
    expect(model.points.slice(0, 12).every((p) => p.centre === 6)).toBe(true);
    expect(model.points.slice(12).every((p) => p.centre === 3)).toBe(true);
  });

  it('marks trends: 5 points all going one way on a run chart (IHI), 6 on a control chart', () => {
    const run = buildMeasureChart({ measure: measure(), points: weekly([6, 5, 7, 6, 5, 6, 7, 6, 5, 6, 5, 4, 3, 2]) }, EN);
    expect(run.kind).toBe('run');
    expect(run.spans.filter((s) => s.kind === 'trend')).toEqual([{ kind: 'trend', start: 9, end: 13, label: 'Trend: 5 points going down' }]);
    expect(run.points.filter((p) => p.inTrend).map((p) => p.number)).toEqual([10, 11, 12, 13, 14]);
    expect(run.signals.join(' ')).toMatch(/5 points in a row all going down \(points 10 to 14\): a trend by the IHI rule/);

    const base = [10, 12, 11, 13, 12, 11, 12, 10, 11, 12, 13, 11, 12, 10, 11, 12, 11];
    const i = buildMeasureChart({ measure: measure(), points: weekly([...base, 9, 10, 11, 12, 13, 14]) }, EN);
    expect(i.kind).toBe('i');
    const trends = i.spans.filter((s) => s.kind === 'trend');
    expect(trends.map((t) => [t.start + 1, t.end + 1])).toEqual([[18, 23]]);
    expect(i.signals).toContain('6 points in a row all going up (points 18 to 23): a trend (6 or more in a row).');
    // Five in a row is no trend on a control chart.
    const five = buildMeasureChart({ measure: measure(), points: weekly([...base, 9, 10, 11, 12, 13]) }, EN);
    expect(five.spans.filter((s) => s.kind === 'trend')).toEqual([]);
    expect(five.signals.join(' ')).not.toMatch(/trend/);
  });

  it('lines up the PDSA cycles of this measure and the notes for it or for every chart', () => {
    const points = weekly([1, 2, 3, 4]);
    const model = buildMeasureChart(
      {
        measure: measure(),
        points,
        cycles: [
          { id: 'c2', number: 2, title: 'Visitor sign', decision: 'adopt', plannedOn: '2026-01-01', doneOn: '2026-01-20', measureIds: ['m1'] },
          { id: 'c1', number: 1, title: 'Bed alarms', decision: 'adapt', plannedOn: '2026-01-08', doneOn: null, measureIds: ['m1', 'm2'] },
          { id: 'c3', number: 3, title: 'Elsewhere', decision: null, plannedOn: '2026-01-08', doneOn: null, measureIds: ['m2'] },
        ],
        notes: [
          { id: 'n2', date: '2026-01-15', text: 'Flu season', measureId: 'm1' },
          { id: 'n1', date: '2026-01-06', text: 'EHR go-live', measureId: null },
          { id: 'n3', date: '2026-01-07', text: 'Other chart', measureId: 'm2' },
        ],
      },
      EN,
    );
    expect(model.cycles.map((c) => [c.short, c.label, c.date])).toEqual([
      ['PDSA 1', 'PDSA 1: Bed alarms (adapt)', '2026-01-08'],
      ['PDSA 2', 'PDSA 2: Visitor sign (adopt)', '2026-01-20'],
    ]);
    expect(model.notes.map((n) => [n.short, n.label, n.day])).toEqual([
      ['Note 1', 'EHR go-live', dayNumber('2026-01-06')],
      ['Note 2', 'Flu season', dayNumber('2026-01-15')],
    ]);
    expect(legendEntries(model, EN).map((e) => e.key)).toEqual(['points', 'centre', 'pdsa', 'note']);
  });

  it('leaves out counts it cannot divide and says why; an empty measure draws nothing', () => {
    const pairs: [number | null, number | null][] = [...SEEN.slice(0, 22), [12, 0], [12, null]];
    const model = buildMeasureChart({ measure: measure({ valueType: 'proportion' }), points: counts(pairs) }, EN);
    expect(model.points.slice(22).map((p) => p.y)).toEqual([null, null]);
    expect(model.signals).toContain('Point 23 is left out: its denominator is 0.');
    expect(model.signals).toContain('Point 24 is left out: its denominator is missing.');
    expect(model.dateRange).toEqual({ from: '2026-01-05', to: seriesDate('2026-01-05', 'weekly', 23) });

    const empty = buildMeasureChart({ measure: measure(), points: [] }, EN);
    expect(empty).toMatchObject({ kind: 'run', points: [], signals: [], dateRange: null, hasLimits: false });
  });
});

describe('chart helpers', () => {
  it('names the unit a chart is drawn in', () => {
    expect(chartUnit({ valueType: 'proportion', ratePer: 1000, unit: 'patients', denominatorLabel: '' }, EN)).toBe('%');
    expect(chartUnit({ valueType: 'rate', ratePer: 1000, unit: '', denominatorLabel: 'Patient days' }, EN)).toBe('per 1,000 patient days');
    expect(chartUnit({ valueType: 'rate', ratePer: 100, unit: '', denominatorLabel: '' }, EN)).toBe('per 100 units');
    expect(chartUnit({ valueType: 'count', ratePer: 1000, unit: 'falls', denominatorLabel: '' }, EN)).toBe('falls');
  });

  it('turns dates into days and back, whatever the time zone', () => {
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayToDate(dayNumber('2026-03-29'))).toBe('2026-03-29');
    expect(dayNumber('2026-03-30') - dayNumber('2026-03-29')).toBe(1);
  });

  it('gives several charts one time axis: from the earliest point of any to the latest', () => {
    const a = buildMeasureChart({ measure: measure(), points: weekly([1, 2, 3], '2026-02-02') }, EN);
    const b = buildMeasureChart({ measure: measure(), points: weekly([1, 2], '2025-12-01') }, EN);
    const empty = buildMeasureChart({ measure: measure(), points: [] }, EN);
    expect(sharedDomain([a, b, empty])).toEqual([dayNumber('2025-12-01'), dayNumber('2026-02-16')]);
    expect(sharedDomain([empty])).toBeNull();
  });
});
