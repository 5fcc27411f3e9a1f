import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalRegion, importedTotal, latestByRegion, parseAsOf, parseProgramFiguresCsv } from '@shared/p2p/programFigures';
import { formatShare } from '@shared/p2p/rollup';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/${name}`, import.meta.url), 'utf8');

describe('program figures CSV', () => {
  it('reads the eight regional figures of June 2021 and computes the program-wide share', () => {
    const parsed = parseProgramFiguresCsv(fixture('regional-figures-2021-06.csv'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.rows.map((r) => [r.region, r.highPerforming, r.teams])).toEqual([
      ['Colorado', 188, 256],
      ['Georgia', 94, 108],
      ['Hawaii', 54, 60],
      ['Mid-Atlantic States', 213, 277],
      ['Northern California', 1006, 1347],
      ['Northwest', 280, 407],
      ['Southern California', 789, 1115],
      ['Program-wide', 50, 81],
    ]);
    expect(new Set(parsed.rows.map((r) => r.asOf))).toEqual(new Set(['2021-06-30']));
    const total = importedTotal(parsed.rows);
    expect(formatShare(total.share)).toBe('2,674 of 3,651 (73%)');
    expect(total).toMatchObject({ regions: 8, asOf: ['2021-06-30'] });
  });

  it('refuses a file with bad numbers or an unknown region as a whole, naming every bad line', () => {
    const parsed = parseProgramFiguresCsv(fixture('regional-figures-bad.csv'));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.message).toMatch(/3 lines have a problem\. Nothing was imported/);
    expect(parsed.problems).toEqual([
      { line: 3, reason: 'high performing cannot be negative (-4)' },
      { line: 4, reason: 'more high performing (61) than teams (60)' },
      { line: 5, reason: expect.stringMatching(/^unknown region "Atlantis"/) },
    ]);
  });

  it.each([
    ['', /empty/],
    ['region,teams\nColorado,4', /missing: high_performing, as_of/],
    ['region,teams,high_performing,as_of\n', /no figures/],
    ['region,teams,high_performing,as_of\nColorado,ten,4,2021-06-30', /line|problem/],
    ['a\0b', /not a text CSV/],
  ])('refuses %j', (text, message) => {
    const parsed = parseProgramFiguresCsv(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(`${parsed.message} ${parsed.problems.map((p) => p.reason).join(' ')}`).toMatch(message);
  });

  it('reports each problem of a line, duplicates and bad dates', () => {
    const parsed = parseProgramFiguresCsv(
      'Region,UBTs,High performing,As of\nHawaii,6.5,,2021-02-30\nGeorgia,108,94,June 2021\nGeorgia,108,94,2021-06-30\n"Colorado,256,188,2021-06-30',
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toEqual([
      { line: 2, reason: 'teams "6.5" is not a whole number; high performing is missing; as_of "2021-02-30" is not a date (use 2021-06-30)' },
      { line: 4, reason: 'Georgia as of 2021-06-30 is already on line 3' },
      { line: 5, reason: 'unbalanced quotes' },
    ]);
  });

  it('understands the ways reports spell regions and dates', () => {
    expect(canonicalRegion('program-wide DEPARTMENTS')).toBe('Program-wide');
    expect(canonicalRegion('Mid-Atlantic')).toBe('Mid-Atlantic States');
    expect(canonicalRegion('northern california')).toBe('Northern California');
    expect(canonicalRegion('Atlantis')).toBeNull();
    expect(['2021-06-30', '6/30/2021', 'June 2021', 'Feb 2024', 'Feb 2023', '2021-6-31', 'Junes 2021', '1/1/1900'].map(parseAsOf)).toEqual([
      '2021-06-30',
      '2021-06-30',
      '2021-06-30',
      '2024-02-29',
      '2023-02-28',
      null,
      null,
      null,
    ]);
  });

  it('takes the latest figure of each region for the total', () => {
    const figures = [
      { region: 'Hawaii', teams: 60, highPerforming: 54, asOf: '2021-06-30' },
      { region: 'Hawaii', teams: 62, highPerforming: 58, asOf: '2022-06-30' },
      { region: 'Georgia', teams: 108, highPerforming: 94, asOf: '2021-06-30' },
    ];
    expect(latestByRegion(figures).map((f) => [f.region, f.asOf])).toEqual([
      ['Georgia', '2021-06-30'],
      ['Hawaii', '2022-06-30'],
    ]);
    expect(importedTotal(figures)).toMatchObject({ teams: 170, asOf: ['2021-06-30', '2022-06-30'] });
  });
});
