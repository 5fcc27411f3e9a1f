/**
 * Minutes to PDF with Chromium's own printer: the exported HTML is loaded into a hidden window
 * with JavaScript off (it has none, and must never run any) and printed with printToPDF.
 */
import { BrowserWindow } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SECURE_WEB_PREFERENCES } from './security';

export async function printHtmlToPdf(html: string): Promise<Uint8Array> {
  // A temp file rather than a data: URL, which has length limits for long minutes.
  const dir = await mkdtemp(join(tmpdir(), 'cg-print-'));
  const file = join(dir, 'minutes.html');
  const win = new BrowserWindow({ show: false, webPreferences: { ...SECURE_WEB_PREFERENCES, javascript: false } });
  try {
    await writeFile(file, html, 'utf8');
    await win.loadFile(file);
    const pdf = await win.webContents.printToPDF({ printBackground: true, preferCSSPageSize: true });
    return new Uint8Array(pdf);
  } finally {
    win.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}
