import { renderDocumentHtml } from '../minutes/html';
import { renderBlocksText } from '../minutes/plainText';
import type { Translate } from '../i18n/translator';
import type { PreReadDocument } from './preRead';

// The pre-read in each format, the way minutes and council reports are exported: one blocks
// document; the HTML page is the PDF (printed by Chromium in the main process), the Word file
// walks the same blocks, and the text is for pasting into an email to both sides.

export type PreReadFormat = 'pdf' | 'docx' | 'txt';

export const PRE_READ_FORMATS: ReadonlyArray<{ format: PreReadFormat; extension: string }> = [
  { format: 'pdf', extension: 'pdf' },
  { format: 'docx', extension: 'docx' },
  { format: 'txt', extension: 'txt' },
];

export const preReadHtml = (doc: PreReadDocument, t: Translate): string =>
  renderDocumentHtml({ title: doc.title, blocks: doc.blocks, badge: { text: t('preRead.banner'), tone: 'neutral' }, footer: t('preRead.footer') });

export const preReadText = (doc: PreReadDocument): string => renderBlocksText(doc.blocks);

/** Word output loads the docx library on first use: it is large, and most sessions never export. */
export async function preReadDocx(doc: PreReadDocument, t: Translate): Promise<Uint8Array<ArrayBuffer>> {
  // The council report's walker prints blocks with a banner and no minutes status line, which
  // is what an agenda needs too.
  const { renderReportDocx } = await import('../p2p/reportDocx');
  return renderReportDocx({ title: doc.title, banner: t('preRead.banner').toUpperCase(), blocks: doc.blocks });
}

export const preReadFileName = (doc: PreReadDocument, format: PreReadFormat): string =>
  `${doc.fileStem}.${PRE_READ_FORMATS.find((f) => f.format === format)!.extension}`;
