// Web mode's static server: serves the built renderer (out/renderer) over http://127.0.0.1 so the
// app runs in a plain browser (the desktop app's fallback, and how e2e tests drive real Chromium;
// Chromium refuses module scripts from file://). node:http only, no framework: the surface is
// small enough to read in one sitting, and every branch below is a threat we decided about.
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, resolve, sep } from 'node:path';

/**
 * Header policy added on top of the <meta> CSP in index.html (both apply, the stricter wins per
 * directive). connect-src allows loopback so web mode can later talk to a local sync server;
 * frame-ancestors can only be set by a header, which is one reason this exists at all.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' http://127.0.0.1:* http://localhost:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const MIME_TYPES = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
});

const BASE_HEADERS = Object.freeze({
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  // With nosniff and exact types, a file can never be reinterpreted as script or HTML.
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
});

/** Vite's content-hashed output (assets/index-DL19k4Ug.js) never changes under the same name. */
const HASHED_ASSET = /^\/assets\/[^/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

/** True for names that can only reach this machine: 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(host) {
  if (typeof host !== 'string') return false;
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return m !== null && m.slice(1).every((n) => Number(n) <= 255);
}

/**
 * Maps a raw request target to a path relative to the root, or an HTTP status to refuse it.
 * Checks run on the RAW target and again after decoding: URL parsers normalise `/../` and
 * `%2e%2e` away, which would hide the attempt instead of refusing it.
 * Exported for unit tests.
 */
export function resolveRequestPath(rawTarget) {
  if (typeof rawTarget !== 'string' || !rawTarget.startsWith('/')) return { status: 400 };
  const rawPath = rawTarget.split(/[?#]/, 1)[0];
  if (rawPath.includes('\\') || rawPath.includes('\0')) return { status: 400 };
  let decoded;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { status: 400 };
  }
  // %5c and %00 decode to the same dangers; a second layer of encoding (%252e) is refused too,
  // so no later decode anywhere can turn an accepted path into a traversal.
  if (decoded.includes('\\') || decoded.includes('\0') || /%(2e|2f|5c|00)/i.test(decoded)) return { status: 400 };
  const segments = decoded.split('/').slice(1);
  if (segments.some((s) => s === '..' || s === '.')) return { status: 400 };
  // Dotfiles (.git, .env, .DS_Store) are never part of a build.
  if (segments.some((s) => s.startsWith('.'))) return { status: 404 };
  return { path: decoded };
}

function send(res, status, headers, body, method) {
  const text = body ?? '';
  res.writeHead(status, {
    ...BASE_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache',
    ...headers,
  });
  res.end(method === 'HEAD' ? undefined : text);
}

async function fileIfInside(realRoot, candidate) {
  try {
    // realpath so a symlink inside the root cannot point outside it.
    const real = await realpath(candidate);
    if (real !== realRoot && !real.startsWith(realRoot + sep)) return null;
    const info = await stat(real);
    return info.isFile() ? { path: real, size: info.size, mtime: info.mtime } : null;
  } catch {
    return null;
  }
}

/**
 * Starts the static server for the built renderer.
 * @param {{ root?: string, host?: string, port?: number, allowRemote?: boolean }} [options]
 * @returns {Promise<{ url: string, port: number, host: string, root: string, close(): Promise<void> }>}
 */
export async function startWebServer({ root = 'out/renderer', host = '127.0.0.1', port = 0, allowRemote = false } = {}) {
  if (!allowRemote && !isLoopbackHost(host)) {
    throw new Error(`Refusing to serve on ${host}: web mode binds to loopback (127.0.0.1) only. Pass allowRemote to override.`);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port: ${port}`);
  const absRoot = isAbsolute(root) ? root : resolve(process.cwd(), root);
  const indexPath = join(absRoot, 'index.html');
  try {
    const info = await stat(indexPath);
    if (!info.isFile()) throw new Error('not a file');
  } catch {
    throw new Error(`${indexPath} is missing: the renderer is not built. Run npm run build first.`);
  }
  const realRoot = await realpath(absRoot);
  let actualPort = port;

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, {}, 'Internal Server Error\n', req.method);
      else res.destroy();
    });
  });

  async function handle(req, res) {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      send(res, 405, { Allow: 'GET, HEAD' }, 'Method Not Allowed\n', method);
      return;
    }
    // DNS rebinding: a page on evil.example re-pointed at 127.0.0.1 would arrive with its own
    // Host header. Loopback-only servers answer loopback names only.
    if (!allowRemote) {
      const hostHeader = (req.headers.host ?? '').replace(/:\d+$/, '');
      if (!isLoopbackHost(hostHeader)) {
        send(res, 421, {}, 'Misdirected Request\n', method);
        return;
      }
    }
    const target = resolveRequestPath(req.url);
    if (target.status) {
      send(res, target.status, {}, target.status === 400 ? 'Bad Request\n' : 'Not Found\n', method);
      return;
    }
    let urlPath = target.path;
    if (urlPath.endsWith('/')) urlPath += 'index.html';
    const candidate = resolve(realRoot, '.' + urlPath);
    if (candidate !== realRoot && !candidate.startsWith(realRoot + sep)) {
      send(res, 404, {}, 'Not Found\n', method);
      return;
    }
    let file = await fileIfInside(realRoot, candidate);
    let isIndex = file?.path === join(realRoot, 'index.html');
    if (!file) {
      // Client-side routes (/roster, /meetings/42) get the app; a missing asset gets a 404 so a
      // broken build fails loudly instead of returning HTML as JavaScript.
      const lastSegment = urlPath.slice(urlPath.lastIndexOf('/') + 1);
      if (extname(lastSegment) === '') {
        file = await fileIfInside(realRoot, join(realRoot, 'index.html'));
        isIndex = true;
      }
    }
    if (!file) {
      send(res, 404, {}, 'Not Found\n', method);
      return;
    }
    const type = MIME_TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream';
    const cache = !isIndex && HASHED_ASSET.test(urlPath) ? 'public, max-age=31536000, immutable' : 'no-cache';
    res.writeHead(200, {
      ...BASE_HEADERS,
      'Content-Type': type,
      'Content-Length': file.size,
      'Cache-Control': cache,
      'Last-Modified': file.mtime.toUTCString(),
    });
    if (method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(file.path);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  }

  await new Promise((resolvePromise, reject) => {
    const onError = (error) => {
      server.off('listening', onListening);
      if (error && error.code === 'EADDRINUSE') {
        reject(new Error(`Port ${port} on ${host} is already in use; choose another with --port (0 picks a free one).`));
      } else reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolvePromise();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
  const address = server.address();
  if (address && typeof address === 'object') actualPort = address.port;
  const urlHost = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  let closing;

  return {
    url: `http://${urlHost}:${actualPort}/`,
    port: actualPort,
    host,
    root: realRoot,
    close() {
      closing ??= new Promise((resolveClose) => {
        server.close(() => resolveClose());
        // Browsers keep connections alive; without this close() waits for their idle timeout.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
