import { describe, expect, it } from 'vitest';
import { controlChart } from '@shared/rim/controlChart';
import { controlChartInputFor, displayMultiplier, pointProblem, pointValue } from '@shared/rim/measureData';
import { rimWords } from '@shared/rim/words';

const EN = rimWords('en');

const proportion = { valueType: 'proportion', ratePer: 1000 } as const;
const rate = { valueType: 'rate', ratePer: 1000 } as const;
const measurement = { valueType: 'measurement', ratePer: 1000 } as const;
const count = { valueType: 'count', ratePer: 1000 } as const;
const pt = (value: number | null, numerator: number | null = null, denominator: number | null = null) => ({ value, numerator, denominator });

describe('pointValue', () => {
  it('draws a proportion as a percent and a rate per N units', () => {
    expect(pointValue(proportion, pt(null, 45, 60))).toBe(75);
    expect(pointValue(rate, pt(null, 3, 1500))).toBeCloseTo(2, 12); // 3 falls in 1,500 patient days: 2 per 1,000
    expect(pointValue({ valueType: 'rate', ratePer: 10_000 }, pt(null, 3, 1500))).toBeCloseTo(20, 12);
    expect(displayMultiplier(measurement)).toBe(1);
  });

  it('uses the stored value for measurements, counts and cases between events', () => {
    expect(pointValue(measurement, pt(42.5))).toBe(42.5);
    expect(pointValue(count, pt(3, 99, 99))).toBe(3);
    expect(pointValue({ valueType: 'between-events', ratePer: 1 }, pt(17))).toBe(17);
  });

  it('gives null for a point that cannot be worked out, and pointProblem says why', () => {
    expect(pointValue(proportion, pt(null))).toBeNull();
    expect(pointProblem(proportion, pt(null), EN)).toBeNull(); // a blank week is a missing point, not a mistake
    expect(pointValue(proportion, pt(null, 5, null))).toBeNull();
    expect(pointProblem(proportion, pt(null, 5, null), EN)).toBe('Enter the denominator too.');
    expect(pointValue(rate, pt(null, 2, 0))).toBeNull();
    expect(pointProblem(rate, pt(null, 2, 0), EN)).toBe('The denominator is 0, so there is nothing to divide by.');
    expect(pointProblem(rate, pt(null, 0, 0), EN)).toBeNull(); // nobody on the unit, nothing happened
    expect(pointValue(proportion, pt(null, 12, 10))).toBeNull();
    expect(pointProblem(proportion, pt(null, 12, 10), EN)).toBe('The numerator (12) is larger than the denominator (10): a proportion cannot be over 100%.');
    expect(pointProblem(rate, pt(null, 12, 10), EN)).toBeNull(); // 12 falls in 10 days is possible
    expect(pointProblem(count, pt(-1), EN)).toBe('A count cannot be negative.');
    expect(pointProblem(measurement, pt(-4.5), EN)).toBeNull(); // a change in weight can be negative
  });
});

describe('controlChartInputFor', () => {
  const points = [pt(null, 45, 60), pt(null, 50, 60), pt(null, null, 58), pt(null, 40, 50)];

  it('gives a P chart the numerators and denominators and draws it in percent', () => {
    const input = controlChartInputFor(proportion, points, 'p', 2);
    expect(input).toEqual({ type: 'p', values: [45, 50, null, 40], denominators: [60, 60, 58, 50], baseline: 2, multiplier: 100 });
    const c = controlChart(input);
    expect(c.centre).toBeCloseTo((95 / 120) * 100, 12);
    expect(c.y[3]).toBeCloseTo(80, 12);
  });

  it('gives an I chart the plotted percentages', () => {
    expect(controlChartInputFor(proportion, points, 'i')).toEqual({ type: 'i', values: [75, (50 / 60) * 100, null, 80], baseline: undefined });
  });

  it('gives a ratio chart of a single-value measure no denominators, so every point is left out with a reason', () => {
    const c = controlChart(controlChartInputFor(count, [pt(3), pt(4)], 'u'));
    expect(c.centre).toBeNull();
    expect(c.skipped.map((s) => s.reason)).toEqual(['missing-denominator', 'missing-denominator']);
  });
});
