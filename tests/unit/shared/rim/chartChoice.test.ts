import { describe, expect, it } from 'vitest';
import { CHARTS_FOR, CONTROL_CHART_MIN_POINTS, suggestChart } from '@shared/rim/chartChoice';
import { MEASURE_VALUE_TYPES } from '@shared/model/rim';
import { CABG_SURGERIES_BETWEEN_DEATHS, CDI_COUNTS, CDI_RISK_DAYS, NHS_ATTENDANCES, NHS_SEEN } from './qicharts2Reference';
import { rimWords } from '@shared/rim/words';

const EN = rimWords('en');

const series = (n: number, value = 5) => Array.from({ length: n }, () => value);

describe('suggestChart', () => {
  it('continuous measurements: I chart with its MR chart', () => {
    const s = suggestChart({ valueType: 'measurement', values: series(24, 42) }, EN);
    expect(s).toMatchObject({ chart: 'i', controlChart: 'i', companion: 'mr', advice: null });
    expect(s.reason).toMatch(/^A measurement on a scale/);
  });

  it('defectives with denominators: P chart; with very large denominators: Laney P′', () => {
    const small = suggestChart({ valueType: 'proportion', values: series(24, 12), denominators: series(24, 60) }, EN);
    expect(small).toMatchObject({ chart: 'p', companion: null });
    expect(small.reason).toMatch(/defectives/);
    const large = suggestChart({ valueType: 'proportion', values: [...NHS_SEEN, ...NHS_SEEN], denominators: [...NHS_ATTENDANCES, ...NHS_ATTENDANCES] }, EN);
    expect(large.chart).toBe('pp');
    expect(large.reason).toMatch(/^A proportion with very large denominators \(about 279,\d{3} a period\)/);
  });

  it('defects: C chart for counts in equal periods, U chart when the exposure varies', () => {
    expect(suggestChart({ valueType: 'count', values: CDI_COUNTS }, EN)).toMatchObject({ chart: 'c', controlChart: 'c' });
    const u = suggestChart({ valueType: 'rate', values: CDI_COUNTS, denominators: CDI_RISK_DAYS }, EN);
    expect(u).toMatchObject({ chart: 'u', advice: null });
    expect(u.reason).toMatch(/per 1,000 patient days/);
    expect(suggestChart({ valueType: 'rate', values: series(24, 1500), denominators: series(24, 300_000) }, EN).chart).toBe('up');
  });

  it('rare events: G chart of the cases between them, and a nudge towards it for sparse counts', () => {
    expect(suggestChart({ valueType: 'between-events', values: CABG_SURGERIES_BETWEEN_DEATHS }, EN)).toMatchObject({ chart: 'g', controlChart: 'g' });
    const sparse = suggestChart({ valueType: 'count', values: [0, 1, 0, 0, 2, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1] }, EN);
    expect(sparse.chart).toBe('c');
    expect(sparse.advice).toMatch(/^The events are rare \(0\.3 a period on average\).*G chart/);
  });

  it('keeps a run chart below 20 points, naming the control chart to move to and why', () => {
    const s = suggestChart({ valueType: 'proportion', values: [3, null, 4, 5], denominators: [40, 40, 40, 40] }, EN);
    expect(s).toMatchObject({ chart: 'run', controlChart: 'p' });
    expect(s.reason).toMatch(/^A run chart for now: with 3 points, control limits would move with every new point\. At 20 points, switch to the P chart/);
    expect(suggestChart({ valueType: 'measurement', values: series(CONTROL_CHART_MIN_POINTS - 1) }, EN).chart).toBe('run');
    expect(suggestChart({ valueType: 'measurement', values: series(CONTROL_CHART_MIN_POINTS) }, EN).chart).toBe('i');
    expect(suggestChart({ valueType: 'measurement', values: [1] }, EN).reason).toMatch(/with 1 point,/);
  });

  it('counts missing points out when deciding there are enough', () => {
    const values = [...series(19), null, null];
    expect(suggestChart({ valueType: 'measurement', values }, EN).chart).toBe('run');
  });
});

describe('CHARTS_FOR', () => {
  it('offers for each kind of data the run chart, the I chart and the control chart suggested for it, and no chart without its inputs', () => {
    for (const valueType of MEASURE_VALUE_TYPES) {
      const suggested = suggestChart({ valueType, values: series(30, 5), denominators: series(30, valueType === 'proportion' ? 5000 : 50) }, EN).controlChart;
      expect(CHARTS_FOR[valueType]).toContain(suggested);
      expect(CHARTS_FOR[valueType].slice(0, 1)).toEqual(['run']);
      expect(CHARTS_FOR[valueType]).toContain('i');
    }
    // Denominators only where there are denominators.
    for (const valueType of ['measurement', 'count', 'between-events'] as const) {
      expect(CHARTS_FOR[valueType].filter((c) => ['p', 'pp', 'u', 'up'].includes(c))).toEqual([]);
    }
  });
});
