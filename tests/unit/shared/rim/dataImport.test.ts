import { describe, expect, it } from 'vitest';
import { DataPointFields } from '@shared/model/rim';
import { DATA_IMPORT_MAX_ROWS, describeImportError, parseDataPointsCsv, parseDate, parsePastedPoints, parseValue, seriesDate } from '@shared/rim/dataImport';

const points = (r: ReturnType<typeof parsePastedPoints>) => r.rows.map((p) => [p.line, p.date, p.value]);

describe('parseValue', () => {
  it.each([
    ['42', 42],
    [' 3.5 ', 3.5],
    ['-2', -2],
    ['1,234', 1234],
    ['12,345.75', 12345.75],
    ['87.5%', 87.5],
    ['.5', 0.5],
    ['', null],
    ['N/A', null],
    ['#N/A', null],
  ])('%j -> %j', (cell, value) => {
    expect(parseValue(cell)).toEqual({ ok: true, value });
  });

  it.each(['abc', '1,5', '12,34', '3 falls', '1.2.3', '%', '--4'])('%j is not a number', (cell) => {
    expect(parseValue(cell)).toEqual({ ok: false });
  });
});

describe('parseDate', () => {
  it.each([
    ['2026-03-02', '2026-03-02'],
    ['2026-3-2', '2026-03-02'],
    ['3/2/2026', '2026-03-02'],
    ['12/31/25', '2025-12-31'],
    ['Mar 3, 2026', '2026-03-03'],
    ['September 30 2026', '2026-09-30'],
    ['Sept. 1, 2026', '2026-09-01'],
    ['2-Mar-26', '2026-03-02'],
    ['2024-02-29', '2024-02-29'],
  ])('%j -> %s', (cell, date) => {
    expect(parseDate(cell)).toBe(date);
  });

  it.each(['31/02/2026', '2026-02-30', '2025-02-29', '13/1/2026', 'Mrz 3, 2026', 'Ma 3, 2026', 'week 4', '45352', '2026/03/02'])('%j is not a date', (cell) => {
    expect(parseDate(cell)).toBeNull();
  });
});

describe('parsePastedPoints: one column of values', () => {
  it('assigns weekly dates from the start date, skips the header and keeps blank cells as missing points', () => {
    const paste = 'Falls\n4\n6\n\n3\n5\n';
    const r = parsePastedPoints(paste, { startDate: '2026-01-05', frequency: 'weekly' });
    expect(r.errors).toEqual([]);
    expect(points(r)).toEqual([
      [2, '2026-01-05', 4],
      [3, '2026-01-12', 6],
      [4, '2026-01-19', null],
      [5, '2026-01-26', 3],
      [6, '2026-02-02', 5],
    ]);
    // every row is a valid DataPoint input
    for (const p of r.rows) expect(DataPointFields.safeParse({ measureId: '0190a000-0000-7000-8000-000000000020', ...p }).success).toBe(true);
  });

  it('reports bad values by line and keeps the good ones with their place in the series', () => {
    const r = parsePastedPoints('82%\r\n79.5%\r\nabc\r\n1,204\r\n', { startDate: '2026-01-31', frequency: 'monthly' });
    expect(points(r)).toEqual([
      [1, '2026-01-31', 82],
      [2, '2026-02-28', 79.5],
      [4, '2026-04-30', 1204],
    ]);
    expect(r.errors).toEqual([{ line: 3, message: "'abc' is not a number" }]);
    expect(r.errors.map(describeImportError)).toEqual(["line 3: 'abc' is not a number"]);
  });

  it('needs a start date and a frequency for values without dates', () => {
    const r = parsePastedPoints('4\n6\n3');
    expect(r.rows).toEqual([]);
    expect(r.errors).toEqual([{ line: 0, message: expect.stringMatching(/choose the date of the first value/) }]);
    expect(parsePastedPoints('4', { startDate: '3/2/2026', frequency: 'daily' }).errors[0]?.line).toBe(0);
  });

  it('explains a pasted date column without values', () => {
    const r = parsePastedPoints('3/2/2026\n3/9/2026', { startDate: '2026-03-02', frequency: 'weekly' });
    expect(r.errors[0]?.message).toMatch(/dates but no values/);
  });

  it('reports an empty paste', () => {
    expect(parsePastedPoints(' \n\n').errors).toEqual([{ line: 0, message: 'Nothing was pasted.' }]);
  });
});

describe('parsePastedPoints: date and value columns', () => {
  it('reads tab-separated date, value and note, with a header row, mixed date forms and missing values', () => {
    const paste = [
      'Week of\tMinutes to first lab draw\tNote',
      '1/5/2026\t42',
      '2026-01-12\t38\tNew phlebotomist started',
      'Jan 19, 2026\t',
      '1/26/2026\t31%',
      '',
      '2/2/2026\t1,045',
    ].join('\n');
    const r = parsePastedPoints(paste);
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([
      { line: 2, date: '2026-01-05', value: 42, note: '' },
      { line: 3, date: '2026-01-12', value: 38, note: 'New phlebotomist started' },
      { line: 4, date: '2026-01-19', value: null, note: '' },
      { line: 5, date: '2026-01-26', value: 31, note: '' },
      { line: 7, date: '2026-02-02', value: 1045, note: '' },
    ]);
  });

  it('gives a reason per bad line', () => {
    const paste = ['2026-03-02\t5', '2026-03-09\tabc', '31/02/2026\t4', '\t6', '2026-03-02\t7', 'Mar 23, 2026\t3'].join('\n');
    const r = parsePastedPoints(paste);
    expect(points(r)).toEqual([
      [1, '2026-03-02', 5],
      [6, '2026-03-23', 3],
    ]);
    expect(r.errors.map(describeImportError)).toEqual([
      "line 2: 'abc' is not a number",
      "line 3: '31/02/2026' is not a date (use YYYY-MM-DD or month/day/year, like 2026-03-02 or 3/2/2026)",
      'line 4: the date is missing',
      'line 5: 2026-03-02 is already on line 1',
    ]);
  });

  it('refuses more than 10,000 rows', () => {
    const paste = Array.from({ length: DATA_IMPORT_MAX_ROWS + 1 }, (_, i) => `${seriesDate('2000-01-01', 'daily', i)}\t${i}`).join('\n');
    const r = parsePastedPoints(paste);
    expect(r.rows).toEqual([]);
    expect(r.errors).toEqual([{ line: 0, message: 'The paste has 10,001 rows; at most 10,000 can be imported at once. Nothing was imported.' }]);
    const ok = parsePastedPoints(`Date\tValue\n${paste.split('\n').slice(1).join('\n')}`);
    expect(ok.rows).toHaveLength(DATA_IMPORT_MAX_ROWS);
    expect(ok.errors).toEqual([]);
  });
});

describe('parseDataPointsCsv', () => {
  it('reads date,value,note with a header, quoted notes and a BOM', () => {
    const csv = '\uFEFFdate,value,note\r\n2026-01-05,12,\r\n2026-01-12,"1,150","Huddle check started, cycle 1"\r\n1/19/2026,,Unit closed for flooring\r\n\r\n';
    const r = parseDataPointsCsv(csv);
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([
      { line: 2, date: '2026-01-05', value: 12, note: '' },
      { line: 3, date: '2026-01-12', value: 1150, note: 'Huddle check started, cycle 1' },
      { line: 4, date: '2026-01-19', value: null, note: 'Unit closed for flooring' },
    ]);
  });

  it('finds columns by name in any order', () => {
    const r = parseDataPointsCsv('Comments,Rate,Week\nFlu season,4.2,2026-01-05\n,3.9,2026-01-12\n');
    expect(r.rows.map((p) => [p.date, p.value, p.note])).toEqual([
      ['2026-01-05', 4.2, 'Flu season'],
      ['2026-01-12', 3.9, ''],
    ]);
  });

  it('works without a header and reports bad lines', () => {
    const r = parseDataPointsCsv('3/2/2026,5\n3/9/2026,five\n2026-13-01,4\n3/23/2026,6.5%\n');
    expect(points(r)).toEqual([
      [1, '2026-03-02', 5],
      [4, '2026-03-23', 6.5],
    ]);
    expect(r.errors.map(describeImportError)).toEqual([
      "line 2: 'five' is not a number",
      "line 3: '2026-13-01' is not a date (use YYYY-MM-DD or month/day/year, like 2026-03-02 or 3/2/2026)",
    ]);
  });

  it('refuses empty, binary and oversized files', () => {
    expect(parseDataPointsCsv('  \n').errors[0]?.message).toBe('The file is empty. Nothing was imported.');
    expect(parseDataPointsCsv('PK\0\0').errors[0]?.message).toMatch(/not a text CSV/);
    const big = 'date,value\n' + Array.from({ length: 10_500 }, (_, i) => `${seriesDate('2000-01-01', 'daily', i)},1`).join('\n');
    const r = parseDataPointsCsv(big);
    expect(r.rows).toEqual([]);
    expect(r.errors[0]?.message).toBe('The file has 10,500 rows; at most 10,000 can be imported at once. Nothing was imported.');
  });
});

describe('seriesDate', () => {
  it('steps by frequency from the start each time', () => {
    expect([0, 1, 2, 3].map((i) => seriesDate('2026-01-31', 'monthly', i))).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']);
    expect(seriesDate('2026-03-02', 'biweekly', 2)).toBe('2026-03-30');
    expect(seriesDate('2026-01-01', 'quarterly', 3)).toBe('2026-10-01');
    expect(seriesDate('2026-03-07', 'daily', 2)).toBe('2026-03-09');
  });
});
