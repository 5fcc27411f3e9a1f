import Papa from 'papaparse';
import type { Side } from '../model/common';
import type { ActionItem } from '../model/ibps';
import { minutesWords, type MinutesWords } from '../minutes/words';

// Action items as a spreadsheet, for the council's tracker or a sponsor's follow-up: the same
// columns whether exported from one meeting's minutes or from the Action items page, so sheets
// from both can be pasted under one another.

export interface ActionItemExportRow {
  what: string;
  owner: string;
  /** The owner's side (Management, Union, Physician), so follow-up can be balanced by side. */
  ownerSide: string;
  due: string;
  status: string;
  /** How the team will know it worked. */
  measure: string;
  /** yyyy-MM-dd of the meeting that agreed it. */
  meetingDate: string;
  meetingTitle: string;
  /** The council or team it belongs to. */
  body: string;
}

const COLUMNS = ['what', 'owner', 'ownerSide', 'due', 'status', 'measure', 'meetingDate', 'meeting', 'body'] as const;

/** The header row in a language: the minutes' for a meeting's export, the screens' for the Action items page. */
export const actionItemCsvHeader = ({ t }: Pick<MinutesWords, 't'> = minutesWords()): string[] => COLUMNS.map((c) => t(`actions.${c}`));

export const ACTION_ITEM_CSV_HEADER = actionItemCsvHeader();

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab/CR) as a formula; an action item
 * typed as "=HYPERLINK(...)" must open as text, so such cells get a leading apostrophe.
 */
const neutralize = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** Rows as CSV with a header row, UTF-8 with a BOM so Excel reads accents correctly. */
export function renderActionItemsCsv(rows: readonly Partial<ActionItemExportRow>[], words: Pick<MinutesWords, 't'> = minutesWords()): string {
  const data = rows.map((r) =>
    [r.what, r.owner, r.ownerSide, r.due, r.status, r.measure, r.meetingDate, r.meetingTitle, r.body].map((v) => neutralize(v ?? '')),
  );
  return `\ufeff${Papa.unparse({ fields: actionItemCsvHeader(words), data }, { newline: '\r\n', quotes: false })}\r\n`;
}

/** One action item as an export row; the owner and meeting are looked up by the caller. */
export function actionItemExportRow(
  item: Pick<ActionItem, 'what' | 'dueDate' | 'status'> & { measure?: string },
  context: { owner: { name: string; side: Side | null } | null; meeting: { startsAt: string; title: string } | null; body: string },
  { t }: Pick<MinutesWords, 't'> = minutesWords(),
): ActionItemExportRow {
  return {
    what: item.what,
    owner: context.owner?.name ?? t('actions.unassigned'),
    ownerSide: context.owner?.side ? t(`side.${context.owner.side}`) : '',
    due: item.dueDate ?? '',
    status: t(`actions.statuses.${item.status}`),
    measure: item.measure ?? '',
    meetingDate: context.meeting?.startsAt.slice(0, 10) ?? '',
    meetingTitle: context.meeting?.title ?? '',
    body: context.body,
  };
}
