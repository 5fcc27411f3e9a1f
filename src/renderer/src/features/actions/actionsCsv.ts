import type { Person } from '@shared/model';
import type { Translate } from '@shared/i18n/translator';
import { actionItemExportRow, renderActionItemsCsv } from '@shared/actions/csv';
import type { MinutesWords } from '@shared/minutes/words';
import type { ActionRow } from './queries';

/**
 * The rows on screen (as filtered) as CSV text. The columns, statuses, sides and "Unassigned" are
 * the minutes' action-item words (`words`, in the screens' language), so a sheet exported here and
 * one exported from a meeting's minutes in the same language can be pasted under one another.
 * Dates stay yyyy-MM-dd, the form every spreadsheet reads as a date and sorts.
 */
export function actionRowsCsv(rows: readonly ActionRow[], people: readonly Person[], t: Translate, words: MinutesWords): string {
  const byId = new Map(people.map((p) => [p.id, p]));
  return renderActionItemsCsv(
    rows.map(({ item, bodyName, meetingTitle, meetingStartsAt }) => {
      const owner = item.ownerId ? byId.get(item.ownerId) : undefined;
      return actionItemExportRow(
        item,
        {
          owner: owner ? { name: owner.name, side: owner.side } : item.ownerId ? { name: words.t('unknownPerson'), side: null } : null,
          meeting: meetingStartsAt ? { startsAt: meetingStartsAt, title: meetingTitle } : null,
          body: bodyName || t('page.unknownBody'),
        },
        words,
      );
    }),
    words,
  );
}
