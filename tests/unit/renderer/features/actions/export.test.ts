/** The Action items page's CSV: the shared columns, worded in the screens' language, with typed text kept safe from spreadsheet formulas. */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { createI18n, translatorOf, type Translate } from '@shared/i18n/translator';
import type { Person } from '@shared/model';
import type { ActionItem } from '@shared/model/ibps';
import en from '@renderer/i18n/locales/en/actions.json';
import es from '@renderer/i18n/locales/es/actions.json';
import { actionRowsCsv } from '@renderer/features/actions/actionsCsv';
import { actionItemCsvHeader } from '@shared/actions/csv';
import { minutesWords } from '@shared/minutes/words';
import type { ActionRow } from '@renderer/features/actions/queries';

const actionsT = (locale: 'en' | 'es'): Translate => translatorOf(createI18n(locale, { en: { actions: en }, es: { actions: es } }, 'actions'), 'actions');

const ana = { id: 'p-ana', name: 'Ana Torres', side: 'union' } as Person;
const item = (over: Partial<ActionItem>): ActionItem =>
  ({
    id: 'a1',
    bodyKind: 'team',
    bodyId: 't1',
    meetingId: 'm1',
    what: 'Post the schedule',
    ownerId: null,
    dueDate: null,
    status: 'open',
    ...over,
  }) as ActionItem;
const row = (over: Partial<ActionItem>, bodyName = 'Pharmacy UBT'): ActionRow => ({
  item: item(over),
  bodyName,
  meetingTitle: 'October UBT meeting',
  meetingStartsAt: '2026-10-20T09:00',
  overdue: false,
  stale: false,
  daysSinceUpdate: 0,
  recordLocked: false,
});
const parse = (csv: string) => Papa.parse<string[]>(csv.replace(/^\ufeff/, '').trim()).data;

describe('action items CSV', () => {
  const rows = [
    row({ what: 'Ask payroll', ownerId: ana.id, dueDate: '2026-10-27', status: 'in-progress', measure: 'Every tech paid' }),
    row({ id: 'a2', what: '=HYPERLINK("x")', status: 'done' }, ''),
    row({ id: 'a3', what: 'Gone owner', ownerId: 'p-gone', status: 'dropped' }),
  ];

  it('keeps the shared English columns in English', () => {
    const csv = actionRowsCsv(rows, [ana], actionsT('en'), minutesWords('en'));
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(parse(csv)).toEqual([
      ['What', 'Owner', 'Owner side', 'Due', 'Status', 'How we will know it worked', 'Meeting date', 'Meeting', 'Council or team'],
      ['Ask payroll', 'Ana Torres', 'Union', '2026-10-27', 'In progress', 'Every tech paid', '2026-10-20', 'October UBT meeting', 'Pharmacy UBT'],
      ['\'=HYPERLINK("x")', 'Unassigned', '', '', 'Done', '', '2026-10-20', 'October UBT meeting', 'Unknown body'],
      ['Gone owner', 'Unknown person', '', '', 'Dropped', '', '2026-10-20', 'October UBT meeting', 'Pharmacy UBT'],
    ]);
  });

  it('words headers, statuses, sides and missing names in Spanish, and keeps dates a spreadsheet reads', () => {
    const csv = actionRowsCsv(rows, [ana], actionsT('es'), minutesWords('es'));
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(parse(csv)).toEqual([
      // The minutes' columns in Spanish: sheets from both exports paste under one another.
      actionItemCsvHeader(minutesWords('es')),
      ['Ask payroll', 'Ana Torres', 'Sindicato', '2026-10-27', 'En curso', 'Every tech paid', '2026-10-20', 'October UBT meeting', 'Pharmacy UBT'],
      ['\'=HYPERLINK("x")', 'Sin asignar', '', '', 'Hecha', '', '2026-10-20', 'October UBT meeting', 'Consejo o equipo desconocido'],
      ['Gone owner', 'Persona desconocida', '', '', 'Descartada', '', '2026-10-20', 'October UBT meeting', 'Pharmacy UBT'],
    ]);
  });
});
