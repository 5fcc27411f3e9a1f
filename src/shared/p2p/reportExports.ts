import type { Rasterize } from '../minutes/docx';
import { renderDocumentHtml } from '../minutes/html';
import type { ReportDocument } from './report';

// The report in each format, the way minutes are exported: one blocks document; the HTML page is
// the PDF (printed by Chromium in the main process) and the Word file walks the same blocks.

export type ReportFormat = 'pdf' | 'docx';

/** `filter` is the key of the file dialog's name for the format, in the report's words. */
export const REPORT_FORMATS: ReadonlyArray<{ format: ReportFormat; label: string; extension: string; filter: string }> = [
  { format: 'pdf', label: 'PDF', extension: 'pdf', filter: 'report.pdfFilter' },
  { format: 'docx', label: 'Word', extension: 'docx', filter: 'report.wordFilter' },
];

/**
 * The minutes page's print style, tightened: a council report is read on one or two pages, so
 * type, spacing and margins are smaller than in minutes, which are read line by line.
 */
const COMPACT = `<style>
@page { size: Letter; margin: 13mm 14mm; }
body { font-size: 9.5pt; line-height: 1.35; }
h1 { font-size: 16pt; margin-bottom: .2em; }
h2 { font-size: 12pt; margin: 1em 0 .35em; }
p { margin: .25em 0; }
table { font-size: 8.5pt; margin: .3em 0 .5em; }
th, td { padding: .18em .45em; }
figure { margin: .2em 0 .3em; }
footer { margin-top: 1.2em; }
</style>`;

export const reportHtml = (doc: ReportDocument): string =>
  renderDocumentHtml({
    title: doc.title,
    blocks: doc.blocks,
    badge: { text: doc.words.t('report.banner'), tone: 'neutral' },
    footer: doc.words.t('report.footer'),
  })
    // The page says which language it is in, so Chromium hyphenates and a screen reader reads it right.
    .replace('<html lang="en">', `<html lang="${doc.words.locale}">`)
    .replace('</head>', `${COMPACT}\n</head>`);

/** Word output loads the docx library on first use: it is large, and most sessions never export. */
export async function reportDocx(doc: ReportDocument, rasterize?: Rasterize): Promise<Uint8Array<ArrayBuffer>> {
  const { renderReportDocx } = await import('./reportDocx');
  const { t } = doc.words;
  return renderReportDocx(
    {
      title: doc.title,
      banner: t('report.banner').toLocaleUpperCase(doc.words.locale),
      blocks: doc.blocks,
      chart: t('report.chart'),
      missingChart: (alt) => t('report.chartMissing', { alt }),
      page: (title, page, pages) => t('report.page', { title, page, pages }),
    },
    rasterize,
  );
}

export function reportFileName(doc: ReportDocument, format: ReportFormat): string {
  return `${doc.fileStem}.${REPORT_FORMATS.find((f) => f.format === format)!.extension}`;
}
