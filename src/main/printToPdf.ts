/**
 * Minutes to PDF with Chromium's own printer, in a window that can do nothing but print the one
 * document it was given. The HTML comes from the renderer (untrusted, and it quotes whatever a
 * member typed), so the hidden window:
 * - runs no JavaScript at all, and has no preload;
 * - lives in its own in-memory session (partition), never the app's profile with IndexedDB;
 * - is served from memory over cg-print:// with its own strict Content-Security-Policy, never
 *   from a file:// page, so it has no file origin from which to read local files;
 * - has every request cancelled by session.webRequest except the document itself (and data:
 *   URLs, the inline run-chart images, which reach no file and no network).
 */
import { BrowserWindow, session, type Session } from 'electron';
import { randomUUID } from 'node:crypto';
import { SECURE_WEB_PREFERENCES, hardenSession } from './security';

const PRINT_SCHEME = 'cg-print';
/** No "persist:" prefix: the session is in memory only, and shares nothing with the app's. */
const PRINT_PARTITION = 'cg-print';

export const PRINT_SCHEME_PRIVILEGES = {
  scheme: PRINT_SCHEME,
  // Standard for proper URL parsing; nothing else (no fetch, no storage, CSP not bypassed).
  privileges: { standard: true },
};

/** Inline styles and data: images are all the minutes use; everything else is refused. */
export const PRINT_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'none'",
  "style-src 'unsafe-inline'",
  'img-src data:',
  'font-src data:',
  "connect-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** The documents being printed right now, by their exact cg-print:// URL. */
const documents = new Map<string, string>();

/** The print window's request filter: the documents being printed and data: URLs, nothing else. */
function isAllowedPrintRequest(url: string, open: ReadonlyMap<string, string> = documents): boolean {
  return open.has(url) || url.startsWith('data:');
}

let printSession: Session | undefined;

function getPrintSession(): Session {
  if (printSession) return printSession;
  const ses = session.fromPartition(PRINT_PARTITION, { cache: false });
  hardenSession(ses);
  ses.protocol.handle(PRINT_SCHEME, (request) => {
    const html = documents.get(request.url);
    if (html === undefined) return new Response(null, { status: 404 });
    return new Response(html, {
      headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': PRINT_CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' },
    });
  });
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedPrintRequest(details.url) }));
  printSession = ses;
  return ses;
}

export async function printHtmlToPdf(html: string): Promise<Uint8Array> {
  const ses = getPrintSession();
  const url = new URL(`${PRINT_SCHEME}://document/${randomUUID()}.html`).href;
  documents.set(url, html);
  const win = new BrowserWindow({
    show: false,
    webPreferences: { ...SECURE_WEB_PREFERENCES, javascript: false, spellcheck: false, session: ses },
  });
  try {
    await win.loadURL(url);
    const pdf = await win.webContents.printToPDF({ printBackground: true, preferCSSPageSize: true });
    return new Uint8Array(pdf);
  } finally {
    documents.delete(url);
    win.destroy();
  }
}
