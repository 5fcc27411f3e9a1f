import { describe, expect, it } from 'vitest';
import { parseRosterCsv, ROSTER_MAX_ROWS } from '@shared/roster/csvImport';

const HEADER = 'name,side,union,local,email,role_titles,council,team';

describe('parseRosterCsv', () => {
  it('parses good rows with aliases, quoted commas, semicolon role titles and a BOM', () => {
    const csv =
      '\uFEFF' +
      [
        HEADER,
        'Ana Torres,Union,SEIU-UHW,250,ana.torres@example.org,RN;Union co-lead,,ICU UBT',
        '"Okafor, Ben",mgmt,,,BEN.OKAFOR@example.org,Nurse manager,Local Council,',
        'Dr. Priya Nair,physician,,,,,,ICU UBT',
        '',
      ].join('\r\n');
    const result = parseRosterCsv(csv);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => [r.line, r.person.name, r.person.side])).toEqual([
      [2, 'Ana Torres', 'union'],
      [3, 'Okafor, Ben', 'management'],
      [4, 'Dr. Priya Nair', 'physician'],
    ]);
    expect(result.rows[0]!.person.roleTitles).toEqual(['RN', 'Union co-lead']);
    expect(result.rows[0]!.teamName).toBe('ICU UBT');
    expect(result.rows[1]!.councilName).toBe('Local Council');
  });

  it('reports each bad row by line with the reason and keeps the good rows', () => {
    const csv = [
      HEADER,
      'Ana Torres,union,SEIU-UHW,250,ana@example.org,,,',
      ',management,,,,,,',
      'Sam Lee,contractor,,,,,,',
      'Kim Park,management,SEIU,,,,,',
      'Lee Chen,union,,,not-an-email,,,',
      'Too,many,values,in,this,row,here,x,y',
      'Jo Diaz,management,,,jo@example.org,,,',
    ].join('\n');
    const result = parseRosterCsv(csv);
    if (!result.ok) throw new Error(result.message);
    expect(result.rows.map((r) => r.line)).toEqual([2, 8]);
    expect(result.errors).toEqual([
      { line: 3, reason: 'Name is required' },
      { line: 4, reason: 'side "contractor" is not management, union or physician' },
      { line: 5, reason: 'union and local apply only to union-side people' },
      { line: 6, reason: 'email must be a valid email address' },
      { line: 7, reason: '9 values but the header has 8 columns (an unquoted comma?)' },
    ]);
  });

  it('rejects a file that is empty, binary, has no roster header or is huge, with a clear message', () => {
    expect(parseRosterCsv('')).toEqual({ ok: false, message: 'The file is empty. Nothing was imported.' });
    expect(parseRosterCsv('  \n\n')).toMatchObject({ ok: false, message: expect.stringMatching(/empty/) });
    expect(parseRosterCsv('PK\u0003\u0004\0\0binary')).toMatchObject({ ok: false, message: expect.stringMatching(/not a text CSV/) });
    expect(parseRosterCsv('{"people": []}')).toMatchObject({ ok: false, message: expect.stringMatching(/must name the columns/) });
    const many = [HEADER, ...Array.from({ length: ROSTER_MAX_ROWS + 1 }, (_, i) => `Person ${i},union,,,,,,`)].join('\n');
    expect(parseRosterCsv(many)).toMatchObject({ ok: false, message: expect.stringMatching(/at most 10000/) });
    expect(parseRosterCsv('x'.repeat(3 * 1024 * 1024))).toMatchObject({ ok: false, message: expect.stringMatching(/too large/) });
  });

  it('accepts headers in any order and case, and reports unknown columns', () => {
    const result = parseRosterCsv('Side,Name,Badge Number\nunion,Ana Torres,123\n');
    if (!result.ok) throw new Error(result.message);
    expect(result.rows[0]!.person).toMatchObject({ name: 'Ana Torres', side: 'union' });
    expect(result.ignoredColumns).toEqual(['badge_number']);
  });
});
