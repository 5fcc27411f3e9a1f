import type { Locale } from '@shared/i18n/locales';
import type { Translate } from '@shared/i18n/translator';
import { buildPreRead } from '@shared/meetings/preRead';
import { preReadDocx, preReadFileName, preReadHtml, preReadText, type PreReadFormat } from '@shared/meetings/preReadExports';
import { bridge } from '../../bridge';
import type { Repositories } from '../../db/repositories';
import { printInBrowser, type ExportResult } from '../minutes/exportMinutes';
import { preReadInputOf } from './queries';

const FILTER_KEYS: Record<PreReadFormat, string> = { pdf: 'export.pdfFilter', docx: 'export.docxFilter', txt: 'export.txtFilter' };

/**
 * Export a meeting's agenda pre-read to a file the user chooses. PDF is Chromium's print of the
 * pre-read's HTML, as for minutes (in web mode, the browser's print dialog).
 */
export async function exportPreRead(repos: Repositories, meetingId: string, format: PreReadFormat, t: Translate, locale: Locale): Promise<ExportResult> {
  const input = await preReadInputOf(repos, meetingId);
  if (!input) return { status: 'error', message: t('export.failed', { message: t('export.meetingGone') }) };
  const doc = buildPreRead(input, t, locale);
  const save = (data: string | Uint8Array<ArrayBuffer>) =>
    bridge.saveFile({
      title: t('export.dialogTitle'),
      suggestedName: preReadFileName(doc, format),
      filters: [{ name: t(FILTER_KEYS[format]), extensions: [format] }],
      data,
    });
  if (format === 'txt') return save(preReadText(doc));
  if (format === 'docx') return save(await preReadDocx(doc, t));
  const html = preReadHtml(doc, t);
  const result = await bridge.printToPdf({ html });
  if (result.status === 'unsupported') {
    await printInBrowser(html);
    return { status: 'print-dialog' };
  }
  if (result.status !== 'ok') return { status: 'error', message: result.message };
  return save(new Uint8Array(result.data));
}
