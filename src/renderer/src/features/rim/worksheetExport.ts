import { renderDocumentHtml } from '@shared/minutes/html';
import { pdsaWorksheetBlocks, type WorksheetInput } from '@shared/rim/worksheet';
import type { RimWords } from '@shared/rim/words';
import type { SaveFileResponse } from '@shared/ipc';
import { bridge } from '../../bridge';

/** What the save dialog says, in the screens' language. */
export interface WorksheetDialogWords {
  title: string;
  pdfFilter: string;
  htmlFilter: string;
}

/**
 * The PDSA worksheet as a PDF (Chromium's printer, as the minutes) or a printable web page, in the
 * language of `words`: the form, its badge and footer, and the document's declared language.
 */
export async function exportWorksheet(input: WorksheetInput, format: 'pdf' | 'html', words: RimWords, dialog: WorksheetDialogWords): Promise<SaveFileResponse> {
  const { t } = words;
  const { title, blocks } = pdsaWorksheetBlocks(input, words);
  const html = renderDocumentHtml({
    title,
    blocks,
    badge: { text: t('worksheet.badge'), tone: 'neutral' },
    footer: t('worksheet.footer', { team: input.teamName, project: input.project.title }),
    lang: words.locale,
  });
  let data: string | Uint8Array<ArrayBuffer> = html;
  if (format === 'pdf') {
    const printed = await bridge.printToPdf({ html });
    if (printed.status !== 'ok') throw new Error(printed.message);
    data = new Uint8Array(printed.data);
  }
  const stem = t('worksheet.fileStem', { project: input.project.title, number: String(input.cycle.number) })
    .replace(/[/\\:*?"<>|]+/g, ' ')
    .trim();
  return bridge.saveFile({
    title: dialog.title,
    suggestedName: `${stem}.${format}`,
    filters: [{ name: format === 'pdf' ? dialog.pdfFilter : dialog.htmlFilter, extensions: [format] }],
    data,
  });
}
