import Papa from 'papaparse';
import type { ActionItemRow } from './document';

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab/CR) as a formula; an action item
 * typed as "=HYPERLINK(...)" must open as text, so such cells get a leading apostrophe.
 */
const neutralize = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** The action items as CSV with a header row, UTF-8 with a BOM so Excel reads accents correctly. */
export function renderActionItemsCsv(rows: readonly ActionItemRow[]): string {
  const data = rows.map((r) => [r.what, r.owner, r.due, r.status, r.agreedIn].map(neutralize));
  return `\ufeff${Papa.unparse({ fields: ['What', 'Owner', 'Due', 'Status', 'Agreed in'], data }, { newline: '\r\n', quotes: false })}\r\n`;
}
