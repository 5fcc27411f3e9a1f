import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Frame } from 'playwright-core';
import { OpenTextFileRequest, PrintToPdfRequest, SaveFileRequest, type OpenTextFileResponse, type SaveFileResponse } from '@shared/ipc';
import { REPO_ROOT, trackTempDir } from './paths';

/**
 * The main-process services the e2e bridge calls, after the test's stand-in "dialog" has picked
 * the path. Typed locally so this file compiles whether or not the real modules exist yet.
 */
export interface FileServices {
  /** Reads the chosen file as the main process would (size limit, binary and UTF-8 checks). */
  openTextFile(path: string, request: OpenTextFileRequest): Promise<OpenTextFileResponse>;
  /** Writes the data to the chosen path as the main process would (atomically). */
  saveFile(path: string, request: SaveFileRequest): Promise<SaveFileResponse>;
}

export interface ExposeServicesOptions {
  /** Folder the save "dialog" picks (file name = request.suggestedName). Default: a fresh temp folder, removed by closeAll(). */
  saveDir?: string;
  /** Replace one or both services (default: the REAL modules in src/main/services). */
  services?: Partial<FileServices>;
}

export type ServiceCall =
  | { service: 'openTextFile'; request: unknown; path: string | null; response?: OpenTextFileResponse; error?: string }
  | { service: 'saveFile'; request: unknown; path: string | null; response?: SaveFileResponse; error?: string }
  | { service: 'printToPdf'; request: unknown; path: null };

export interface ServicesControl {
  /** Where saves land unless nextSavePath says otherwise. */
  readonly saveDir: string;
  /** What the next open "dialog" returns: a path, or null for "the user pressed Cancel". Queued. */
  nextOpenPath(path: string | null): void;
  /** Overrides where the next save goes: a full path, or null for Cancel. Queued. */
  nextSavePath(path: string | null): void;
  /** Every call the page made, in order, with what it got back. */
  readonly calls: readonly ServiceCall[];
}

// Real service modules, loaded on first use. Another engineer owns them; the computed
// specifiers keep this file compiling before they exist and fail with a clear message instead.
const REAL_MODULES = {
  read: join(REPO_ROOT, 'src', 'main', 'services', 'readTextFile.ts'),
  write: join(REPO_ROOT, 'src', 'main', 'services', 'atomicWriteFile.ts'),
} as const;

/** What we rely on from src/main/services/readTextFile.ts. */
interface ReadTextFileModule {
  readTextFile?: (path: string, options: OpenTextFileRequest) => Promise<unknown>;
  default?: (path: string, options: OpenTextFileRequest) => Promise<unknown>;
}
/** What we rely on from src/main/services/atomicWriteFile.ts. */
interface AtomicWriteFileModule {
  atomicWriteFile?: (path: string, data: string | Uint8Array) => Promise<unknown>;
  default?: (path: string, data: string | Uint8Array) => Promise<unknown>;
}

async function loadModule<T>(file: string): Promise<T> {
  try {
    return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as T;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = error instanceof Error ? error.message : String(error);
    if (code === 'ERR_MODULE_NOT_FOUND' || /Cannot find module|Failed to load url|does not exist/i.test(message)) {
      throw new Error(`The real main-process service ${file} is not there yet; e2e tests use the real services (or pass options.services).`, { cause: error });
    }
    throw error;
  }
}

/** Maps whatever the read service returns onto the IPC response the renderer expects. */
function toOpenResponse(path: string, result: unknown): OpenTextFileResponse {
  if (typeof result === 'string') return { status: 'ok', name: basename(path), text: result };
  if (result && typeof result === 'object') {
    const r = result as { status?: unknown; name?: unknown; text?: unknown; message?: unknown };
    if (r.status === 'ok' || r.status === 'error' || r.status === 'canceled') return result as OpenTextFileResponse;
    if (typeof r.text === 'string') return { status: 'ok', name: typeof r.name === 'string' ? r.name : basename(path), text: r.text };
  }
  throw new Error(`readTextFile returned an unexpected value for ${path}`);
}

/** The real services, adapted to FileServices. The one place to touch if their signatures change. */
export function realServices(): FileServices {
  return {
    async openTextFile(path, request) {
      const mod = await loadModule<ReadTextFileModule>(REAL_MODULES.read);
      const read = mod.readTextFile ?? mod.default;
      if (typeof read !== 'function') throw new Error(`${REAL_MODULES.read} exports no readTextFile function`);
      try {
        return toOpenResponse(path, await read(path, request));
      } catch (error) {
        // A service that throws (instead of answering {status: 'error'}) still reaches the user
        // as a message, as main's IPC handler would report it.
        return { status: 'error', message: error instanceof Error ? error.message : String(error) };
      }
    },
    async saveFile(path, request) {
      const mod = await loadModule<AtomicWriteFileModule>(REAL_MODULES.write);
      const write = mod.atomicWriteFile ?? mod.default;
      if (typeof write !== 'function') throw new Error(`${REAL_MODULES.write} exports no atomicWriteFile function`);
      try {
        await write(path, request.data);
        return { status: 'saved', path };
      } catch (error) {
        return { status: 'error', message: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}

/** Only the app's own top-level document may call the services, as main checks the sender frame. */
function assertTrustedCaller(frame: Frame): void {
  const url = frame.url();
  if (frame.parentFrame() !== null || !/^http:\/\/(127\.0\.0\.1|localhost):\d+\//.test(url)) {
    throw new Error(`cgServices: refused a call from ${url || 'an unknown frame'}`);
  }
}

/** The bridge converts bytes to number[] to cross the binding; turn them back into bytes. */
function reviveSaveRequest(raw: unknown): unknown {
  if (raw && typeof raw === 'object' && Array.isArray((raw as { data?: unknown }).data)) {
    const data = (raw as { data: unknown[] }).data;
    if (!data.every((b) => Number.isInteger(b) && (b as number) >= 0 && (b as number) <= 255)) {
      throw new Error('cgServices.saveFile: data must be bytes');
    }
    return { ...(raw as object), data: Uint8Array.from(data as number[]) };
  }
  return raw;
}

/**
 * Wires the real main-process services (running in this Node process) into the page as
 * window.cgServices.openTextFile / saveFile, which the browser bridge prefers over its
 * file-input and download fallbacks. Only Electron's IPC transport is swapped out: payloads are
 * validated with the same zod schemas main uses, and the test plays the OS dialog
 * (nextOpenPath / saveDir / nextSavePath).
 *
 * Bindings install for documents created AFTER this call: reload or navigate the page next.
 * Call it once per context (Playwright refuses to expose the same name twice).
 */
export async function exposeServices(context: BrowserContext, options: ExposeServicesOptions = {}): Promise<ServicesControl> {
  const real = realServices();
  const services: FileServices = {
    openTextFile: options.services?.openTextFile ?? real.openTextFile,
    saveFile: options.services?.saveFile ?? real.saveFile,
  };
  let saveDir = options.saveDir;
  if (!saveDir) {
    saveDir = await mkdtemp(join(tmpdir(), 'cg-e2e-saves-'));
    trackTempDir(saveDir);
  }
  const openQueue: (string | null)[] = [];
  const saveQueue: (string | null)[] = [];
  const calls: ServiceCall[] = [];
  const targetDir = saveDir;

  await context.exposeBinding('__cgOpenTextFile', async (source, raw: unknown): Promise<OpenTextFileResponse> => {
    assertTrustedCaller(source.frame);
    const call: ServiceCall = { service: 'openTextFile', request: raw, path: null };
    calls.push(call);
    try {
      const request = OpenTextFileRequest.parse(raw);
      // An empty queue is a dialog the user dismissed: the honest default, and visible in `calls`.
      const path = openQueue.length ? (openQueue.shift() as string | null) : null;
      call.path = path;
      call.response = path === null ? { status: 'canceled' } : await services.openTextFile(path, request);
      return call.response;
    } catch (error) {
      call.error = error instanceof Error ? error.message : String(error);
      throw error;
    }
  });

  await context.exposeBinding('__cgSaveFile', async (source, raw: unknown): Promise<SaveFileResponse> => {
    assertTrustedCaller(source.frame);
    const call: ServiceCall = { service: 'saveFile', request: raw, path: null };
    calls.push(call);
    try {
      const request = SaveFileRequest.parse(reviveSaveRequest(raw));
      const path = saveQueue.length ? (saveQueue.shift() as string | null) : join(targetDir, request.suggestedName);
      call.path = path;
      call.response = path === null ? { status: 'canceled' } : await services.saveFile(path, request);
      return call.response;
    } catch (error) {
      call.error = error instanceof Error ? error.message : String(error);
      throw error;
    }
  });

  // Electron prints the minutes with webContents.printToPDF; here the same Chromium printer is
  // reached through the DevTools protocol (page.pdf) on a scratch page of the same browser.
  await context.exposeBinding('__cgPrintToPdf', async (source, raw: unknown) => {
    assertTrustedCaller(source.frame);
    const { html } = PrintToPdfRequest.parse(raw);
    const scratch = await context.newPage();
    try {
      await scratch.setContent(html, { waitUntil: 'load' });
      const pdf = await scratch.pdf({ preferCSSPageSize: true, printBackground: true });
      calls.push({ service: 'printToPdf', request: { html: `${html.length} characters` }, path: null });
      return { status: 'ok', data: Array.from(pdf) };
    } catch (error) {
      return { status: 'error', message: error instanceof Error ? error.message : String(error) };
    } finally {
      await scratch.close();
    }
  });

  await context.addInitScript(() => {
    type Binding = (request: unknown) => Promise<unknown>;
    const w = globalThis as unknown as { __cgOpenTextFile: Binding; __cgSaveFile: Binding; __cgPrintToPdf: Binding };
    // Frozen and non-writable: app code can call the services, not swap them.
    Object.defineProperty(globalThis, 'cgServices', {
      value: Object.freeze({
        openTextFile: (request: unknown) => w.__cgOpenTextFile(request),
        saveFile: (request: unknown) => w.__cgSaveFile(request),
        printToPdf: (request: unknown) => w.__cgPrintToPdf(request),
      }),
      writable: false,
      configurable: false,
    });
  });

  return {
    saveDir: targetDir,
    nextOpenPath(path) {
      openQueue.push(path);
    },
    nextSavePath(path) {
      saveQueue.push(path);
    },
    calls,
  };
}
