/**
 * Exported files read back by the real tools people's machines have: LibreOffice opens the Word
 * file, poppler reads the PDFs' text and renders their pages to PNG so they can be looked at.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { trackTempDir } from './paths';
import { SCREENSHOT_DIR, slugify } from './screenshots';

const run = promisify(execFile);

/** The text of a PDF in reading order: a table cell's wrapped lines stay together. */
export async function pdfText(pdfPath: string): Promise<string> {
  const { stdout } = await run('pdftotext', [pdfPath, '-'], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

export async function pdfPageCount(pdfPath: string): Promise<number> {
  const { stdout } = await run('pdfinfo', [pdfPath]);
  return Number(/Pages:\s+(\d+)/.exec(stdout)?.[1] ?? 0);
}

/** Converts a .docx to PDF with LibreOffice in a private profile, so parallel runs never share one. */
export async function docxToPdf(docxPath: string): Promise<string> {
  const out = await mkdtemp(join(tmpdir(), 'cg-lo-out-'));
  const profile = await mkdtemp(join(tmpdir(), 'cg-lo-profile-'));
  trackTempDir(out);
  trackTempDir(profile);
  await run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', out, docxPath], {
    timeout: 120_000,
  });
  const pdf = (await readdir(out)).find((f) => f.endsWith('.pdf'));
  if (!pdf) throw new Error(`LibreOffice did not convert ${basename(docxPath)}`);
  return join(out, pdf);
}

/** Renders PDF pages to test-results/screenshots/<name>-<page>.png (first `pages` pages). */
export async function renderPdfPages(pdfPath: string, name: string, pages = 2): Promise<string[]> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const prefix = join(SCREENSHOT_DIR, slugify(name));
  await run('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', String(pages), pdfPath, prefix]);
  return (await readdir(SCREENSHOT_DIR)).filter((f) => f.startsWith(`${slugify(name)}-`)).map((f) => join(SCREENSHOT_DIR, f));
}
