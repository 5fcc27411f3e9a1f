import { zipSync, strToU8 } from 'fflate';
import type { SaveFileResponse } from '@shared/ipc';
import type { ApprovalView } from '@shared/minutes/approval';
import type { MinutesDocument } from '@shared/minutes/document';
import { MINUTES_FORMATS, minutesCsv, minutesDocx, minutesFileName, minutesHtml, minutesMarkdown, type MinutesFormat } from '@shared/minutes/exports';
import { bridge } from '../../bridge';
import { svgToPng } from '../../components/chartExport';
import { loadMinutes, meetingsInRange, minutesState } from './queries';
import type { Repositories } from '../../db/repositories';

/** The bytes (or text) of one format. PDF goes through the main process's Chromium printer. */
export async function minutesFile(doc: MinutesDocument, approval: ApprovalView, format: MinutesFormat): Promise<string | Uint8Array<ArrayBuffer>> {
  switch (format) {
    case 'md':
      return minutesMarkdown(doc, approval);
    case 'html':
      return minutesHtml(doc, approval);
    case 'csv':
      return minutesCsv(doc);
    case 'docx':
      // Word shows run charts as pictures: the renderer draws each chart's SVG to a PNG.
      return minutesDocx(doc, approval, (svg, width, height) => svgToPng(svg, width, height));
    case 'pdf': {
      const result = await bridge.printToPdf({ html: minutesHtml(doc, approval) });
      if (result.status !== 'ok') throw new Error(result.message);
      return new Uint8Array(result.data);
    }
  }
}

const filterOf = (format: MinutesFormat) => {
  const f = MINUTES_FORMATS.find((x) => x.format === format)!;
  return [{ name: f.filter, extensions: [f.extension] }];
};

/**
 * Web mode has no printer of its own to make a PDF file: the browser's print dialog makes it
 * ("Save as PDF"), from the same HTML the preview shows. The page prints in a hidden frame whose
 * own content policy runs nothing; the frame goes away once the dialog closes.
 */
export function printInBrowser(html: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const frame = document.createElement('iframe');
    frame.title = 'Minutes for printing';
    frame.setAttribute('aria-hidden', 'true');
    frame.style.cssText = 'position:fixed;right:0;bottom:0;width:0;height:0;border:0;visibility:hidden';
    frame.onload = () => {
      const win = frame.contentWindow;
      if (!win) {
        frame.remove();
        reject(new Error('The browser could not prepare the page for printing.'));
        return;
      }
      win.addEventListener('afterprint', () => frame.remove(), { once: true });
      // Chrome's print() returns when the dialog closes; a browser that returns at once removes it on afterprint.
      win.focus();
      win.print();
      resolve();
    };
    frame.srcdoc = html;
    document.body.appendChild(frame);
  });
}

export type ExportResult = SaveFileResponse | { status: 'print-dialog' };

/** Export one meeting's minutes in one format to a file the user chooses (PDF in web mode: the print dialog). */
export async function exportMinutes(
  doc: MinutesDocument,
  approval: ApprovalView,
  format: MinutesFormat,
  dialogTitle = 'Export minutes',
): Promise<ExportResult> {
  if (format === 'pdf') {
    const html = minutesHtml(doc, approval);
    const result = await bridge.printToPdf({ html });
    if (result.status === 'unsupported') {
      await printInBrowser(html);
      return { status: 'print-dialog' };
    }
    if (result.status !== 'ok') return { status: 'error', message: result.message };
    const data = new Uint8Array(result.data);
    return bridge.saveFile({ title: dialogTitle, suggestedName: minutesFileName(doc, approval, format), filters: filterOf(format), data });
  }
  const data = await minutesFile(doc, approval, format);
  return bridge.saveFile({ title: dialogTitle, suggestedName: minutesFileName(doc, approval, format), filters: filterOf(format), data });
}

export interface BatchProgress {
  done: number;
  total: number;
  /** What is being done now, for the screen to say in its language. */
  step: { kind: 'reading' } | { kind: 'meeting'; title: string; format: MinutesFormat } | { kind: 'zip' };
}

/** The save dialog's words, in the screens' language. */
export interface BatchDialogWords {
  title: string;
  zipFilter: string;
  /** The suggested file name, without ".zip". */
  zipName: (body: string, from: string, to: string) => string;
}

const ENGLISH_DIALOG: BatchDialogWords = {
  title: 'Export minutes',
  zipFilter: 'Zip archive',
  zipName: (body, from, to) => `${body} minutes ${from} to ${to}`,
};

/**
 * Every meeting of a body in a date range, in the chosen formats, as one zip. Approved minutes
 * export as approved (the frozen version); drafts are marked draft in the file and its name.
 */
export async function exportMinutesRange(
  repos: Repositories,
  input: { bodyId: string; bodyName: string; from: string; to: string; formats: MinutesFormat[] },
  onProgress: (p: BatchProgress) => void,
  dialog: BatchDialogWords = ENGLISH_DIALOG,
): Promise<SaveFileResponse | { status: 'empty' }> {
  const meetings = await meetingsInRange(repos, input.bodyId, input.from, input.to);
  if (meetings.length === 0) return { status: 'empty' };
  const files: Record<string, Uint8Array> = {};
  const total = meetings.length * input.formats.length;
  let done = 0;
  for (const meeting of meetings) {
    const loaded = await loadMinutes(repos, meeting.id);
    if (!loaded) continue;
    const { document, approval } = minutesState(loaded);
    for (const format of input.formats) {
      onProgress({ done, total, step: { kind: 'meeting', title: meeting.title, format } });
      const data = await minutesFile(document, approval, format);
      let name = minutesFileName(document, approval, format);
      // Two meetings with the same date and title still get two files.
      for (let n = 2; files[name]; n++) name = name.replace(/(\.\w+)$/, ` ${n}$1`);
      files[name] = typeof data === 'string' ? strToU8(data) : data;
      done += 1;
    }
  }
  onProgress({ done, total, step: { kind: 'zip' } });
  const zip = zipSync(files, { level: 6 });
  return bridge.saveFile({
    title: dialog.title,
    suggestedName: `${dialog.zipName(input.bodyName.replace(/[/\\:*?"<>|]+/g, ' ').trim(), input.from, input.to)}.zip`,
    filters: [{ name: dialog.zipFilter, extensions: ['zip'] }],
    data: zip,
  });
}
