import { describe, expect, it } from 'vitest';
import {
  addQuarters,
  isQuarter,
  lastQuarters,
  parseQuarter,
  previousQuarter,
  quarterBounds,
  quarterLabel,
  quarterOf,
  quartersBetween,
} from '@shared/p2p/quarters';

describe('quarters', () => {
  it('finds the quarter of a date, at the edges of each quarter', () => {
    expect(['2026-01-01', '2026-03-31', '2026-04-01', '2026-06-30', '2026-07-01', '2026-09-30', '2026-10-01', '2026-12-31'].map(quarterOf)).toEqual([
      '2026-Q1',
      '2026-Q1',
      '2026-Q2',
      '2026-Q2',
      '2026-Q3',
      '2026-Q3',
      '2026-Q4',
      '2026-Q4',
    ]);
    expect(() => quarterOf('2026-13-01')).toThrow(/Not a date/);
    expect(() => quarterOf('soon')).toThrow(/Not a date/);
  });

  it('steps across year ends and counts quarters between', () => {
    expect(previousQuarter('2027-Q1')).toBe('2026-Q4');
    expect(addQuarters('2026-Q4', 1)).toBe('2027-Q1');
    expect(addQuarters('2026-Q2', -9)).toBe('2024-Q1');
    expect(quartersBetween('2025-Q3', '2027-Q1')).toBe(6);
    expect(quartersBetween('2027-Q1', '2025-Q3')).toBe(-6);
    expect(lastQuarters('2027-Q2', 8)).toEqual(['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', '2027-Q1', '2027-Q2']);
    expect(lastQuarters('2027-Q2', 0)).toEqual([]);
  });

  it('gives bounds and labels, and refuses what is not a quarter', () => {
    expect(quarterBounds('2021-Q2')).toEqual({ start: '2021-04-01', end: '2021-06-30' });
    expect(quarterBounds('2024-Q1')).toEqual({ start: '2024-01-01', end: '2024-03-31' });
    expect(quarterBounds('2026-Q4')).toEqual({ start: '2026-10-01', end: '2026-12-31' });
    expect(quarterLabel('2026-Q4')).toBe('Q4 2026');
    expect(parseQuarter('2019-Q2')).toEqual({ year: 2019, q: 2 });
    expect(isQuarter('2026-Q5')).toBe(false);
    expect(() => parseQuarter('Q4 2026')).toThrow(/Not a quarter/);
  });
});
