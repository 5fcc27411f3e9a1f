import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RENDERER_DIR, REPO_ROOT } from './paths';

/** The running web-mode server that e2e tests point Chromium at. */
export interface TestServer {
  /** e.g. http://127.0.0.1:41234/ (trailing slash, so `${url}#/roster` is a route). */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** The shape of scripts/web-server.mjs, typed here because a .mjs script ships no declarations. */
interface WebServerModule {
  startWebServer(options: { root?: string; host?: string; port?: number }): Promise<{ url: string; port: number; close(): Promise<void> }>;
}

/**
 * Starts the same static server `npm run serve:web` uses, on a free loopback port, serving the
 * built renderer. Tests run against the build, not the dev server, so they exercise what ships.
 */
export async function startTestServer(options: { root?: string } = {}): Promise<TestServer> {
  const root = options.root ?? RENDERER_DIR;
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`The built renderer is missing (${join(root, 'index.html')}). Build it first: npx electron-vite build (or npm run build).`);
  }
  // A computed specifier: TypeScript does not try to type the .mjs, and Vitest still loads it.
  const specifier = pathToFileURL(join(REPO_ROOT, 'scripts', 'web-server.mjs')).href;
  const { startWebServer } = (await import(/* @vite-ignore */ specifier)) as WebServerModule;
  const server = await startWebServer({ root, host: '127.0.0.1', port: 0 });
  return { url: server.url, port: server.port, close: () => server.close() };
}
