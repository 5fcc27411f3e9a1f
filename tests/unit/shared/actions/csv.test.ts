import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { ACTION_ITEM_CSV_HEADER, actionItemExportRow, renderActionItemsCsv } from '@shared/actions/csv';

const parse = (csv: string) => Papa.parse<string[]>(csv.replace(/^\ufeff/, '').trim()).data;

describe('action items CSV', () => {
  it('carries the meeting date, the council or team and the owner’s side, in spreadsheet-safe cells', () => {
    const csv = renderActionItemsCsv([
      actionItemExportRow(
        { what: 'Draft the two-wave lunch schedule', dueDate: '2026-12-05', status: 'in-progress', measure: 'Every tech gets 30 minutes for 4 weeks' },
        { owner: { name: 'Grace Liu', side: 'management' }, meeting: { startsAt: '2026-11-24T09:00', title: 'November UBT meeting' }, body: 'Pharmacy UBT' },
      ),
      actionItemExportRow(
        { what: '@mention payroll about missed breaks', dueDate: null, status: 'open' },
        { owner: null, meeting: null, body: 'Riverside Local Council' },
      ),
    ]);
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parse(csv);
    expect(rows[0]).toEqual(ACTION_ITEM_CSV_HEADER);
    expect(rows[1]).toEqual([
      'Draft the two-wave lunch schedule',
      'Grace Liu',
      'Management',
      '2026-12-05',
      'In progress',
      'Every tech gets 30 minutes for 4 weeks',
      '2026-11-24',
      'November UBT meeting',
      'Pharmacy UBT',
    ]);
    // A formula-looking cell opens as text; no owner means no side.
    expect(rows[2]).toEqual(["'@mention payroll about missed breaks", 'Unassigned', '', '', 'Open', '', '', '', 'Riverside Local Council']);
  });
});
