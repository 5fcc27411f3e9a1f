import { approvalBlocks, contentHash, type ApprovalView } from './approval';
import type { Block } from './blocks';
import { renderMinutesActionItemsCsv } from './csv';
import type { MinutesDocument } from './document';
import type { Rasterize } from './docx';
import { renderMinutesHtml } from './html';
import { renderBlocksMarkdown } from './markdown';
import { minutesWords, type MinutesWords } from './words';

// One place that turns a minutes document plus its approval into each export format, so the
// preview, the single-meeting export and the date-range zip can never disagree.

export type MinutesFormat = 'md' | 'docx' | 'pdf' | 'html' | 'csv';

export const MINUTES_FORMATS: ReadonlyArray<{ format: MinutesFormat; label: string; extension: string; filter: string }> = [
  { format: 'pdf', label: 'PDF', extension: 'pdf', filter: 'PDF document' },
  { format: 'docx', label: 'Word', extension: 'docx', filter: 'Word document' },
  { format: 'md', label: 'Markdown', extension: 'md', filter: 'Markdown' },
  { format: 'html', label: 'HTML', extension: 'html', filter: 'Web page' },
  { format: 'csv', label: 'Action items (CSV)', extension: 'csv', filter: 'CSV' },
];

/** The hash co-leads approve: the content only, not the approval section that records them. */
export const documentHash = (doc: Pick<MinutesDocument, 'blocks'>): string => contentHash(renderBlocksMarkdown(doc.blocks));

/** The words a document is written in: its meeting's language (English for versions approved before languages existed). */
export const wordsOf = (doc: Pick<MinutesDocument, 'language'>): MinutesWords => minutesWords(doc.language ?? 'en');

const allBlocks = (doc: MinutesDocument, approval: ApprovalView): Block[] => [...doc.blocks, ...approvalBlocks(approval, wordsOf(doc))];

export const minutesMarkdown = (doc: MinutesDocument, approval: ApprovalView): string => renderBlocksMarkdown(allBlocks(doc, approval));

export const minutesHtml = (doc: MinutesDocument, approval: ApprovalView): string =>
  renderMinutesHtml({
    title: doc.title,
    blocks: allBlocks(doc, approval),
    status: approval.status,
    footer: wordsOf(doc).t('approval.footer', { version: approval.version }),
    words: wordsOf(doc),
  });

/** Word output loads the docx library on first use: it is large, and most sessions never export. */
export async function minutesDocx(doc: MinutesDocument, approval: ApprovalView, rasterize?: Rasterize): Promise<Uint8Array<ArrayBuffer>> {
  const { renderMinutesDocx } = await import('./docx');
  return renderMinutesDocx({ title: doc.title, blocks: allBlocks(doc, approval), status: approval.status, words: wordsOf(doc) }, rasterize);
}

export const minutesCsv = (doc: MinutesDocument): string => renderMinutesActionItemsCsv(doc.actionItems, wordsOf(doc));

/** File name for one format, e.g. "2026-03-14 Pharmacy UBT (draft).md" or "... action items.csv". */
export function minutesFileName(doc: MinutesDocument, approval: ApprovalView, format: MinutesFormat): string {
  const ext = MINUTES_FORMATS.find((f) => f.format === format)!.extension;
  if (format === 'csv') return `${doc.fileStem} action items.${ext}`;
  const suffix = approval.status === 'draft' ? ' (draft)' : approval.version > 1 ? ` (v${approval.version})` : '';
  return `${doc.fileStem}${suffix}.${ext}`;
}
