import Papa from 'papaparse';
import type { Person } from '@shared/model';
import type { Translate } from '@shared/i18n/translator';
import { ACTION_ITEM_CSV_HEADER, actionItemExportRow, renderActionItemsCsv } from '@shared/actions/csv';
import type { ActionRow } from './queries';

/** The CSV's columns' words (export.col.<key>), in ACTION_ITEM_CSV_HEADER's order. */
const COLUMN_KEYS = ['what', 'owner', 'ownerSide', 'due', 'status', 'measure', 'meetingDate', 'meeting', 'body'] as const;

/**
 * The rows on screen (as filtered) as CSV text, in the minutes' action-item
 * columns, worded in the screens' language (`t`: the `actions` namespace): headers, status, side.
 * Dates stay yyyy-MM-dd, the form every spreadsheet reads as a date and sorts.
 */
export function actionRowsCsv(rows: readonly ActionRow[], people: readonly Person[], t: Translate): string {
  const byId = new Map(people.map((p) => [p.id, p]));
  const csv = renderActionItemsCsv(
    rows.map(({ item, bodyName, meetingTitle, meetingStartsAt }) => {
      const owner = item.ownerId ? byId.get(item.ownerId) : undefined;
      const row = actionItemExportRow(item, {
        owner: owner ? { name: owner.name, side: owner.side } : item.ownerId ? { name: t('export.unknownPerson'), side: null } : null,
        meeting: meetingStartsAt ? { startsAt: meetingStartsAt, title: meetingTitle } : null,
        body: bodyName || t('page.unknownBody'),
      });
      return {
        ...row,
        owner: item.ownerId ? row.owner : t('export.unassigned'),
        ownerSide: owner?.side ? t(`side.${owner.side}`) : '',
        status: t(`status.${item.status}`),
      };
    }),
  );
  // The shared renderer writes the English header (the rows' cells are neutralized there, as
  // spreadsheet formulas must be): its first line is swapped for the header in the screens' words.
  const english = ACTION_ITEM_CSV_HEADER.join(',');
  const header = Papa.unparse([COLUMN_KEYS.map((key) => t(`export.col.${key}`))], { newline: '\r\n' });
  return csv.startsWith(`\ufeff${english}\r\n`) ? `\ufeff${header}${csv.slice(1 + english.length)}` : csv;
}
