import { beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The print window with `electron` mocked at its one seam: the fake session records the protocol
 * handler and the request filter the module installs, and the fake window "loads" its URL
 * through that handler, as Chromium would.
 */
type Handler = (request: { url: string }) => Response | Promise<Response>;
type Filter = (details: { url: string }, callback: (answer: { cancel: boolean }) => void) => void;

const state = vi.hoisted(() => ({
  partitions: [] as Array<{ partition: string; options: unknown }>,
  protocolHandlers: new Map<string, Handler>(),
  filter: null as Filter | null,
  permissionsDenied: false,
  windows: [] as Array<{ options: { show: boolean; webPreferences: Record<string, unknown> }; url: string; loaded: Response | null; destroyed: boolean }>,
  printFails: false,
  /** Runs while the page is loaded and printing, as Chromium would ask the filter then. */
  whilePrinting: null as null | ((documentUrl: string) => void),
}));

vi.mock('electron', () => {
  const printSession = {
    protocol: { handle: (scheme: string, handler: Handler) => state.protocolHandlers.set(scheme, handler) },
    webRequest: { onBeforeRequest: (filter: Filter) => (state.filter = filter) },
    setPermissionRequestHandler: () => (state.permissionsDenied = true),
    setPermissionCheckHandler: () => undefined,
  };
  class BrowserWindow {
    options: { show: boolean; webPreferences: Record<string, unknown> };
    url = '';
    loaded: Response | null = null;
    destroyed = false;
    webContents = {
      printToPDF: async () => {
        state.whilePrinting?.(this.url);
        if (state.printFails) throw new Error('printing failed');
        return Buffer.from(`%PDF-1.7 ${await this.loaded!.clone().text()}`);
      },
    };
    constructor(options: { show: boolean; webPreferences: Record<string, unknown> }) {
      this.options = options;
      state.windows.push(this);
    }
    async loadURL(url: string) {
      this.url = url;
      const scheme = new URL(url).protocol.slice(0, -1);
      this.loaded = await state.protocolHandlers.get(scheme)!({ url });
    }
    destroy() {
      this.destroyed = true;
    }
  }
  return {
    BrowserWindow,
    session: {
      fromPartition: (partition: string, options: unknown) => {
        state.partitions.push({ partition, options });
        return printSession;
      },
    },
  };
});

const { PRINT_CONTENT_SECURITY_POLICY, printHtmlToPdf } = await import('../../../src/main/printToPdf');

const allowed = (url: string): boolean => {
  let answer: boolean | undefined;
  state.filter!({ url }, ({ cancel }) => (answer = !cancel));
  return answer!;
};

beforeEach(() => {
  state.windows.length = 0;
  state.printFails = false;
  state.whilePrinting = null;
});

describe('print to PDF', () => {
  it('prints the document from memory in a hidden, script-less window of its own in-memory session', async () => {
    const pdf = await printHtmlToPdf('<h1>Minutes</h1>');
    expect(new TextDecoder().decode(pdf)).toBe('%PDF-1.7 <h1>Minutes</h1>');
    expect(state.partitions).toEqual([{ partition: 'cg-print', options: { cache: false } }]);
    expect(state.permissionsDenied).toBe(true);
    const [win] = state.windows;
    expect(win!.options.show).toBe(false);
    expect(win!.options.webPreferences).toMatchObject({ javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
    expect(win!.options.webPreferences.preload).toBeUndefined();
    // Never a file:// page: a file origin is what could read other local files.
    expect(win!.url).toMatch(/^cg-print:\/\/document\/[0-9a-f-]{36}\.html$/);
    expect(win!.destroyed).toBe(true);
  });

  it('serves the document with its own strict content policy', async () => {
    await printHtmlToPdf('<p>x</p>');
    const response = state.windows[0]!.loaded!;
    expect(response.headers.get('Content-Security-Policy')).toBe(PRINT_CONTENT_SECURITY_POLICY);
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(PRINT_CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(PRINT_CONTENT_SECURITY_POLICY).toContain("script-src 'none'");
    expect(PRINT_CONTENT_SECURITY_POLICY).not.toMatch(/'self'|file:|https?:|\*/);
  });

  it('cancels every request but the document itself, while it prints and after', async () => {
    const probes = [
      'file:///etc/passwd',
      'file:///home/facilitator/.config/Common%20Ground/sync-credentials.json',
      'https://tracker.example/p.png',
      'http://127.0.0.1:8787/',
      'app://common-ground/index.html',
      'cg-print://document/another.html',
      'data:image/svg+xml,%3Csvg%3E',
    ];
    let doc = '';
    let during: Record<string, boolean> = {};
    state.whilePrinting = (url) => {
      doc = url;
      during = Object.fromEntries([url, ...probes].map((u) => [u, allowed(u)]));
    };
    await printHtmlToPdf('<img src="file:///etc/passwd"><img src="https://tracker.example/p.png">');
    expect(during).toEqual({
      [doc]: true,
      'file:///etc/passwd': false,
      'file:///home/facilitator/.config/Common%20Ground/sync-credentials.json': false,
      'https://tracker.example/p.png': false,
      'http://127.0.0.1:8787/': false,
      'app://common-ground/index.html': false,
      'cg-print://document/another.html': false,
      'data:image/svg+xml,%3Csvg%3E': true,
    });
    // Once printed, the document is gone: neither the filter nor the scheme hands it out again.
    expect(allowed(doc)).toBe(false);
    expect((await state.protocolHandlers.get('cg-print')!({ url: doc })).status).toBe(404);
  });

  it('cleans up when printing fails', async () => {
    state.printFails = true;
    await expect(printHtmlToPdf('<p>x</p>')).rejects.toThrow('printing failed');
    const doc = state.windows[0]!.url;
    expect(state.windows[0]!.destroyed).toBe(true);
    expect(allowed(doc)).toBe(false);
    // One session for every print: installed once, not once per document.
    expect(state.partitions).toHaveLength(1);
  });
});
