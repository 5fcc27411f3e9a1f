/**
 * The app:// scheme serving the built renderer. A fixed, privileged origin (app://common-ground)
 * keeps IndexedDB in the same place across upgrades and install paths, so data is never orphaned.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Protocol } from 'electron';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from './security';

export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  // Not bypassCSP: the renderer's policy must hold.
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
};

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export type ResolvedPath = { path: string } | { status: 400 | 404 };

/**
 * Map an app:// URL to a file under the renderer root. Anything that could leave the root
 * (.., encoded dots, backslashes, NUL) is refused; unknown routes without an extension get
 * index.html (the renderer routes by hash, but a reload may carry a path).
 */
export function resolveAppPath(rendererRoot: string, requestUrl: string): ResolvedPath {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { status: 400 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { status: 404 };
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { status: 400 };
  }
  if (pathname.includes('\0') || pathname.includes('\\') || pathname.split('/').some((seg) => seg === '..')) return { status: 400 };
  const relative = pathname.replace(/^\/+/, '') || 'index.html';
  const root = normalize(rendererRoot);
  const full = normalize(join(root, relative));
  if (full !== root && !full.startsWith(root.endsWith(sep) ? root : root + sep)) return { status: 400 };
  if (!extname(relative)) return { path: join(root, 'index.html') };
  return { path: full };
}

export function mimeTypeOf(path: string): string {
  return MIME[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export function handleAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const resolved = resolveAppPath(rendererRoot, request.url);
    if ('status' in resolved) return new Response(null, { status: resolved.status });
    try {
      const body = await readFile(resolved.path);
      return new Response(body, {
        headers: { 'Content-Type': mimeTypeOf(resolved.path), 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' },
      });
    } catch {
      return new Response(null, { status: 404 });
    }
  });
}
