import { renderActionItemsCsv } from '../actions/csv';
import type { ActionItemRow } from './document';
import type { MinutesWords } from './words';

/**
 * The minutes' action items as CSV, in the Action items page's columns. A version approved
 * before those columns existed names its meeting only as "agreed in": that becomes the meeting.
 */
export function renderMinutesActionItemsCsv(rows: readonly ActionItemRow[], words?: MinutesWords): string {
  return renderActionItemsCsv(
    rows.map(({ agreedIn, ...r }) => ({ ...r, meetingTitle: r.meetingTitle ?? agreedIn ?? '' })),
    words,
  );
}
