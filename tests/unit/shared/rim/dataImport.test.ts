import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DataPointFields } from '@shared/model/rim';
import {
  DATA_IMPORT_MAX_ROWS,
  describeImportError,
  parseDataPointsCsv,
  parseDataPointsFile,
  parseDataPointsXlsx,
  parseDate,
  parsePastedPoints,
  parseValue,
  seriesDate,
} from '@shared/rim/dataImport';
import { rimWords } from '@shared/rim/words';

const EN = rimWords('en');

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

  it.each([
    ['2,5', 2.5],
    ['1.234,5', 1234.5],
    ['1.234', 1234],
    ['1,234', 1.234],
    ['87,5%', 87.5],
    [',5', 0.5],
    ['2.5', 2.5],
    ['N/A', null],
  ])('in Spanish, %j -> %j (a comma is the decimal mark, a dot before three digits groups thousands)', (cell, value) => {
    expect(parseValue(cell, 'es')).toEqual({ ok: true, value });
  });

  it.each(['12,345.75', '1,234.5', 'abc'])('in Spanish, %j is not a number rather than a guess', (cell) => {
    expect(parseValue(cell, 'es')).toEqual({ ok: false });
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
    const r = parsePastedPoints(paste, { startDate: '2026-01-05', frequency: 'weekly' }, EN);
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
    const r = parsePastedPoints('82%\r\n79.5%\r\nabc\r\n1,204\r\n', { startDate: '2026-01-31', frequency: 'monthly' }, EN);
    expect(points(r)).toEqual([
      [1, '2026-01-31', 82],
      [2, '2026-02-28', 79.5],
      [4, '2026-04-30', 1204],
    ]);
    expect(r.errors).toEqual([{ line: 3, message: "'abc' is not a number" }]);
    expect(r.errors.map((e) => describeImportError(e, EN))).toEqual(["line 3: 'abc' is not a number"]);
  });

  it('needs a start date and a frequency for values without dates', () => {
    const r = parsePastedPoints('4\n6\n3', {}, EN);
    expect(r.rows).toEqual([]);
    expect(r.errors).toEqual([{ line: 0, message: expect.stringMatching(/choose the date of the first value/) }]);
    expect(parsePastedPoints('4', { startDate: '3/2/2026', frequency: 'daily' }, EN).errors[0]?.line).toBe(0);
  });

  it('explains a pasted date column without values', () => {
    const r = parsePastedPoints('3/2/2026\n3/9/2026', { startDate: '2026-03-02', frequency: 'weekly' }, EN);
    expect(r.errors[0]?.message).toMatch(/dates but no values/);
  });

  it('reports an empty paste', () => {
    expect(parsePastedPoints(' \n\n', {}, EN).errors).toEqual([{ line: 0, message: 'Nothing was pasted.' }]);
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
    const r = parsePastedPoints(paste, {}, EN);
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
    const r = parsePastedPoints(paste, {}, EN);
    expect(points(r)).toEqual([
      [1, '2026-03-02', 5],
      [6, '2026-03-23', 3],
    ]);
    expect(r.errors.map((e) => describeImportError(e, EN))).toEqual([
      "line 2: 'abc' is not a number",
      "line 3: '31/02/2026' is not a date (use YYYY-MM-DD or month/day/year, like 2026-03-02 or 3/2/2026)",
      'line 4: the date is missing',
      'line 5: Mar 2, 2026 is already on line 1',
    ]);
  });

  it('refuses more than 10,000 rows', () => {
    const paste = Array.from({ length: DATA_IMPORT_MAX_ROWS + 1 }, (_, i) => `${seriesDate('2000-01-01', 'daily', i)}\t${i}`).join('\n');
    const r = parsePastedPoints(paste, {}, EN);
    expect(r.rows).toEqual([]);
    expect(r.errors).toEqual([{ line: 0, message: 'The paste has 10,001 rows; at most 10,000 can be imported at once. Nothing was imported.' }]);
    const ok = parsePastedPoints(`Date\tValue\n${paste.split('\n').slice(1).join('\n')}`, {}, EN);
    expect(ok.rows).toHaveLength(DATA_IMPORT_MAX_ROWS);
    expect(ok.errors).toEqual([]);
  });
});

describe('parseDataPointsCsv', () => {
  it('reads date,value,note with a header, quoted notes and a BOM', () => {
    const csv = '\uFEFFdate,value,note\r\n2026-01-05,12,\r\n2026-01-12,"1,150","Huddle check started, cycle 1"\r\n1/19/2026,,Unit closed for flooring\r\n\r\n';
    const r = parseDataPointsCsv(csv, {}, EN);
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([
      { line: 2, date: '2026-01-05', value: 12, note: '' },
      { line: 3, date: '2026-01-12', value: 1150, note: 'Huddle check started, cycle 1' },
      { line: 4, date: '2026-01-19', value: null, note: 'Unit closed for flooring' },
    ]);
  });

  it('finds columns by name in any order', () => {
    const r = parseDataPointsCsv('Comments,Rate,Week\nFlu season,4.2,2026-01-05\n,3.9,2026-01-12\n', {}, EN);
    expect(r.rows.map((p) => [p.date, p.value, p.note])).toEqual([
      ['2026-01-05', 4.2, 'Flu season'],
      ['2026-01-12', 3.9, ''],
    ]);
  });

  it('works without a header and reports bad lines', () => {
    const r = parseDataPointsCsv('3/2/2026,5\n3/9/2026,five\n2026-13-01,4\n3/23/2026,6.5%\n', {}, EN);
    expect(points(r)).toEqual([
      [1, '2026-03-02', 5],
      [4, '2026-03-23', 6.5],
    ]);
    expect(r.errors.map((e) => describeImportError(e, EN))).toEqual([
      "line 2: 'five' is not a number",
      "line 3: '2026-13-01' is not a date (use YYYY-MM-DD or month/day/year, like 2026-03-02 or 3/2/2026)",
    ]);
  });

  it('refuses empty, binary and oversized files', () => {
    expect(parseDataPointsCsv('  \n', {}, EN).errors[0]?.message).toBe('The file is empty. Nothing was imported.');
    expect(parseDataPointsCsv('PK\0\0', {}, EN).errors[0]?.message).toMatch(/not a text CSV/);
    const big = 'date,value\n' + Array.from({ length: 10_500 }, (_, i) => `${seriesDate('2000-01-01', 'daily', i)},1`).join('\n');
    const r = parseDataPointsCsv(big, {}, EN);
    expect(r.rows).toEqual([]);
    expect(r.errors[0]?.message).toBe('The file has 10,500 rows; at most 10,000 can be imported at once. Nothing was imported.');
  });
});

const counts = (r: ReturnType<typeof parseDataPointsCsv>) => r.rows.map((p) => [p.line, p.date, p.numerator, p.denominator]);
const measureId = '0190a000-0000-7000-8000-000000000021';

describe('numerator and denominator columns (proportions and rates)', () => {
  it('reads date, numerator, denominator and note from a CSV file; each point has counts and no stored value', () => {
    const csv = 'Week,Falls,Patient days,Note\n2026-01-05,3,1210,\n2026-01-12,1,"1,188",bed alarm pilot starts\n2026-01-19,,,\n2026-01-26,0,0,unit closed\n';
    const r = parseDataPointsCsv(csv, { valueType: 'rate' }, EN);
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([
      { line: 2, date: '2026-01-05', value: null, numerator: 3, denominator: 1210, note: '' },
      { line: 3, date: '2026-01-12', value: null, numerator: 1, denominator: 1188, note: 'bed alarm pilot starts' },
      { line: 4, date: '2026-01-19', value: null, numerator: null, denominator: null, note: '' },
      { line: 5, date: '2026-01-26', value: null, numerator: 0, denominator: 0, note: 'unit closed' },
    ]);
    for (const p of r.rows) expect(DataPointFields.safeParse({ measureId, ...p }).success).toBe(true);
  });

  it("finds the columns by the measure's own labels, in any order", () => {
    const csv = 'Patients seen,Comment,Month,Seen within 30 min\n412,,2026-01-01,301\n388,flu surge,2026-02-01,290\n';
    const r = parseDataPointsCsv(csv, { valueType: 'proportion', numeratorLabel: 'Seen within 30 min', denominatorLabel: 'Patients seen' }, EN);
    expect(r.errors).toEqual([]);
    expect(r.rows.map((p) => [p.date, p.numerator, p.denominator, p.note])).toEqual([
      ['2026-01-01', 301, 412, ''],
      ['2026-02-01', 290, 388, 'flu surge'],
    ]);
    // Generic names work without labels.
    const generic = parseDataPointsCsv('denominator,numerator,date\n50,12,2026-03-02\n', { valueType: 'proportion' }, EN);
    expect(counts(generic)).toEqual([[2, '2026-03-02', 12, 50]]);
  });

  it('reports each bad row by line and keeps the good ones', () => {
    const csv = [
      '3/2/2026,5,40',
      '3/9/2026,five,40',
      '3/16/2026,41,40',
      '3/23/2026,4,',
      '3/30/2026,2,0',
      '4/6/2026,-1,40',
      '4/13/2026,85%,40',
      '4/20/2026,3,forty',
      '3/2/2026,6,40',
      '4/27/2026,,40',
    ].join('\n');
    const r = parseDataPointsCsv(csv, { valueType: 'proportion' }, EN);
    expect(counts(r)).toEqual([
      [1, '2026-03-02', 5, 40],
      [10, '2026-04-27', null, 40], // counted, events not recorded: a missing point that keeps its denominator
    ]);
    expect(r.errors.map((e) => describeImportError(e, EN))).toEqual([
      "line 2: 'five' is not a number (the numerator)",
      'line 3: the numerator (41) is larger than the denominator (40)',
      'line 4: the denominator is missing',
      'line 5: the denominator is 0 but the numerator is 2',
      'line 6: the numerator cannot be negative',
      "line 7: '85%' is a percentage: give the numerator as a number, not a percent",
      "line 8: 'forty' is not a number (the denominator)",
      'line 9: Mar 2, 2026 is already on line 1',
    ]);
    // A rate may have more events than units of exposure.
    expect(parseDataPointsCsv('3/16/2026,41,40', { valueType: 'rate' }, EN).errors).toEqual([]);
  });

  it('reads a paste of date, numerator and denominator columns, skipping a header row', () => {
    const paste = 'Week\tFalls\tPatient days\n1/5/2026\t3\t1210\n1/12/2026\t1\t1188\tbed alarm pilot\n\n1/19/2026\t2\t\n';
    const r = parsePastedPoints(paste, { valueType: 'rate' }, EN);
    expect(counts(r)).toEqual([
      [2, '2026-01-05', 3, 1210],
      [3, '2026-01-12', 1, 1188],
    ]);
    expect(r.rows[1]?.note).toBe('bed alarm pilot');
    expect(r.errors).toEqual([{ line: 5, message: 'the denominator is missing' }]);
  });

  it('reads a paste of numerator and denominator without dates from a start date and frequency', () => {
    const r = parsePastedPoints('301\t412\n290\t388\n', { valueType: 'proportion', startDate: '2026-01-01', frequency: 'monthly' }, EN);
    expect(counts(r)).toEqual([
      [1, '2026-01-01', 301, 412],
      [2, '2026-02-01', 290, 388],
    ]);
    expect(parsePastedPoints('301\t412', { valueType: 'proportion' }, EN).errors[0]?.message).toMatch(/choose the date of the first row/);
    expect(parsePastedPoints('301\n290', { valueType: 'proportion', startDate: '2026-01-01', frequency: 'monthly' }, EN).errors[0]?.message).toMatch(
      /^Paste two columns, the numerator and the denominator/,
    );
  });
});

// Workbooks saved by LibreOffice Calc 7.4 from the CSV files of the same name (Calc turns the
// dates into date cells, as Excel does), so the reader is tested on files a spreadsheet app wrote.
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));

describe('parseDataPointsXlsx', () => {
  it('reads a rate workbook: date cells, counts, a blank row and bad rows by worksheet row', async () => {
    const r = await parseDataPointsXlsx(
      fixture('falls-per-1000-patient-days.xlsx'),
      {
        valueType: 'rate',
        numeratorLabel: 'Falls',
        denominatorLabel: 'Patient days',
      },
      EN,
    );
    expect(counts(r)).toEqual([
      [2, '2026-01-05', 3, 1210],
      [3, '2026-01-12', 1, 1188],
      [4, '2026-01-19', null, null],
      [7, '2026-02-09', 0, 1175],
      [10, '2026-02-23', 2, 1230],
    ]);
    expect(r.rows[1]?.note).toBe('bed alarm pilot starts');
    expect(r.errors.map((e) => describeImportError(e, EN))).toEqual([
      'line 5: the denominator is 0 but the numerator is 2',
      "line 6: 'twelve' is not a number (the numerator)",
      'line 8: Feb 9, 2026 is already on line 7',
      'line 9: the denominator is missing',
    ]);
  });

  it('reads a proportion workbook whose denominator column comes first, by the measure labels', async () => {
    const r = await parseDataPointsXlsx(
      fixture('seen-within-30-minutes.xlsx'),
      {
        valueType: 'proportion',
        numeratorLabel: 'Seen within 30 min',
        denominatorLabel: 'Patients seen',
      },
      EN,
    );
    expect(counts(r)).toEqual([
      [2, '2026-01-01', 301, 412],
      [4, '2026-03-01', 322, 405],
      [5, '2026-04-01', null, null],
      [7, '2026-06-01', 350, 431],
    ]);
    expect(r.rows[1]?.note).toBe('new triage nurse role');
    expect(r.errors.map((e) => describeImportError(e, EN))).toEqual([
      'line 3: the numerator (402) is larger than the denominator (388)',
      'line 6: the numerator cannot be negative',
    ]);
  });

  it('reads a single-value workbook as the CSV import does', async () => {
    const r = await parseDataPointsXlsx(fixture('minutes-to-first-dose.xlsx'), {}, EN);
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([
      { line: 2, date: '2026-03-02', value: 42, note: '' },
      { line: 3, date: '2026-03-09', value: 38.5, note: '' },
      { line: 4, date: '2026-03-16', value: null, note: '' },
      { line: 5, date: '2026-03-23', value: null, note: '' },
      { line: 6, date: '2026-03-30', value: 29, note: '' },
    ]);
  });

  it('accepts the bytes as an ArrayBuffer, as a browser file read gives them', async () => {
    const bytes = fixture('minutes-to-first-dose.xlsx');
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    expect((await parseDataPointsXlsx(buffer, {}, EN)).rows).toHaveLength(5);
  });

  it('refuses an old .xls, a damaged workbook, a file that is not a workbook and an empty file, importing nothing', async () => {
    const only = async (bytes: Uint8Array) => {
      const r = await parseDataPointsXlsx(bytes, {}, EN);
      expect(r.rows).toEqual([]);
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]?.line).toBe(0);
      return r.errors[0]!.message;
    };
    expect(await only(fixture('minutes-to-first-dose.xls'))).toMatch(/^This is an old Excel file \(\.xls\).*Save it as \.xlsx/);
    expect(await only(fixture('minutes-to-first-dose.xlsx').slice(0, 2000))).toMatch(/^The workbook could not be read: it may be damaged/);
    expect(await only(new TextEncoder().encode('date,value\n2026-01-05,4\n'))).toBe('The file is not an Excel workbook (.xlsx). Nothing was imported.');
    expect(await only(new Uint8Array())).toBe('The file is empty. Nothing was imported.');
    expect(await only(fixture('empty-sheet.xlsx'))).toBe('The first worksheet is empty. Nothing was imported.');
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

describe('parseDataPointsFile', () => {
  const shape = { valueType: 'proportion' as const, numeratorLabel: 'Seen within 30 min', denominatorLabel: 'Patients seen' };

  it('reads a workbook and a CSV file of the same data to the same points and problems', async () => {
    const fromXlsx = await parseDataPointsFile('seen.xlsx', fixture('seen-within-30-minutes.xlsx'), shape, EN);
    const fromCsv = await parseDataPointsFile('seen.csv', fixture('seen-within-30-minutes.csv'), shape, EN);
    expect(counts(fromXlsx)).toEqual(counts(fromCsv));
    expect(fromXlsx.errors).toEqual(fromCsv.errors);
    expect(counts(fromCsv)[0]).toEqual([2, '2026-01-01', 301, 412]);
  });

  it('goes by what the file is, not only its name: a workbook saved as .csv is read as a workbook', async () => {
    const r = await parseDataPointsFile('minutes.csv', fixture('minutes-to-first-dose.xlsx'), {}, EN);
    expect(r.rows[0]).toEqual({ line: 2, date: '2026-03-02', value: 42, note: '' });
  });

  it('refuses an old .xls, a binary file and a CSV that is not UTF-8, with what to do instead', async () => {
    const only = async (name: string, bytes: Uint8Array) => {
      const r = await parseDataPointsFile(name, bytes, {}, EN);
      expect(r.rows).toEqual([]);
      return r.errors.map((e) => `${e.line}: ${e.message}`);
    };
    expect(await only('dose.xls', fixture('minutes-to-first-dose.xls'))).toEqual([expect.stringMatching(/^0: This is an old Excel file \(\.xls\)/)]);
    expect(await only('photo.csv', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]))).toEqual([
      '0: photo.csv is not a text CSV file or an Excel workbook (.xlsx). Nothing was imported.',
    ]);
    // "Caf\xe9" in Latin-1: Excel's old "CSV" on Windows.
    expect(await only('old.csv', Uint8Array.from([0x64, 0x61, 0x74, 0x65, 0x2c, 0x43, 0x61, 0x66, 0xe9, 0x0a]))).toEqual([
      '0: old.csv is not UTF-8 text. Save it as "CSV UTF-8" (or as an Excel workbook) and import that. Nothing was imported.',
    ]);
  });
});
