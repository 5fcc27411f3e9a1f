import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, type IncomingHttpHeaders } from 'node:http';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error: a plain .mjs script with no declaration file; the shapes are asserted below.
import { CONTENT_SECURITY_POLICY, isLoopbackHost, resolveRequestPath, startWebServer } from '../../../scripts/web-server.mjs';

interface Server {
  url: string;
  port: number;
  close(): Promise<void>;
}
interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

const EXPECTED_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' http://127.0.0.1:* http://localhost:*; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

let base: string;
let root: string;
let server: Server;

/** Raw HTTP: fetch() and new URL() would normalise `..` and `%2e%2e` before they reach the server. */
function get(path: string, options: { method?: string; host?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        method: options.method ?? 'GET',
        headers: options.host ? { host: options.host } : {},
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'cg-web-server-'));
  root = join(base, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Common Ground</title>');
  await writeFile(join(root, 'assets', 'index-DL19k4Ug.js'), 'console.log(1)');
  await writeFile(join(root, 'assets', 'index-DL19k4Ug.js.map'), '{}');
  await writeFile(join(root, 'assets', 'worker.mjs'), 'export {}');
  await writeFile(join(root, 'assets', 'index-DSOrPKU2.css'), 'body{}');
  await writeFile(join(root, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(join(root, 'assets', 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  await writeFile(join(root, 'assets', 'inter.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  await writeFile(join(root, 'manifest.json'), '{"name":"x"}');
  await writeFile(join(root, 'favicon.ico'), Buffer.from([0, 0, 1, 0]));
  await writeFile(join(root, 'data.bin'), 'raw');
  await writeFile(join(root, '.env'), 'SECRET=1');
  await writeFile(join(base, 'secret.txt'), 'outside the root');
  await symlink(join(base, 'secret.txt'), join(root, 'link.txt'));
  server = (await startWebServer({ root, port: 0 })) as Server;
});

afterAll(async () => {
  await server?.close();
  if (base) await rm(base, { recursive: true, force: true });
});

describe('web-server: startWebServer', () => {
  it('listens on 127.0.0.1 with a port of its own and reports the URL', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });

  it('fails clearly when the renderer is not built', async () => {
    await expect(startWebServer({ root: join(base, 'missing'), port: 0 })).rejects.toThrow(/index\.html is missing.*run npm run build first/i);
  });

  it('refuses a non-loopback interface unless allowRemote is set', async () => {
    await expect(startWebServer({ root, host: '0.0.0.0', port: 0 })).rejects.toThrow(/loopback/);
  });

  it.each([
    ['/', 'text/html; charset=utf-8'],
    ['/index.html', 'text/html; charset=utf-8'],
    ['/assets/index-DL19k4Ug.js', 'text/javascript; charset=utf-8'],
    ['/assets/worker.mjs', 'text/javascript; charset=utf-8'],
    ['/assets/index-DSOrPKU2.css', 'text/css; charset=utf-8'],
    ['/assets/logo.svg', 'image/svg+xml'],
    ['/assets/logo.png', 'image/png'],
    ['/assets/inter.woff2', 'font/woff2'],
    ['/manifest.json', 'application/json; charset=utf-8'],
    ['/assets/index-DL19k4Ug.js.map', 'application/json; charset=utf-8'],
    ['/favicon.ico', 'image/x-icon'],
    ['/data.bin', 'application/octet-stream'],
  ])('serves %s as %s', async (path, type) => {
    const reply = await get(path);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe(type);
  });

  it('ignores the query string', async () => {
    const reply = await get('/assets/index-DSOrPKU2.css?v=2');
    expect(reply.status).toBe(200);
    expect(reply.body).toBe('body{}');
  });

  it('puts the security headers on every response, errors included', async () => {
    for (const reply of [await get('/'), await get('/assets/logo.png'), await get('/nope.js'), await get('/%2e%2e/x'), await get('/', { method: 'POST' })]) {
      expect(reply.headers['content-security-policy']).toBe(EXPECTED_CSP);
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
    }
    expect(CONTENT_SECURITY_POLICY).toBe(EXPECTED_CSP);
  });

  it('never lets the app shell be cached stale, while hashed assets are immutable', async () => {
    expect((await get('/')).headers['cache-control']).toBe('no-cache');
    expect((await get('/index.html')).headers['cache-control']).toBe('no-cache');
    expect((await get('/roster')).headers['cache-control']).toBe('no-cache');
    expect((await get('/assets/index-DL19k4Ug.js')).headers['cache-control']).toContain('immutable');
  });

  it('falls back to index.html for paths without an extension, and 404s missing files', async () => {
    const route = await get('/meetings/42');
    expect(route.status).toBe(200);
    expect(route.body).toContain('<title>Common Ground</title>');
    const missing = await get('/assets/missing-abcdefgh.js');
    expect(missing.status).toBe(404);
    expect(missing.body).not.toContain('Common Ground');
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/secret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/%252e%252e/secret.txt',
    '/..\\secret.txt',
    '/%5c..%5csecret.txt',
    '/index.html%00.png',
    '/%zz',
  ])('refuses traversal %s with 400/404 and never leaks the file', async (path) => {
    const reply = await get(path);
    expect([400, 404]).toContain(reply.status);
    expect(reply.body).not.toContain('outside the root');
  });

  it('does not follow a symlink out of the root, nor serve dotfiles', async () => {
    const link = await get('/link.txt');
    expect(link.status).toBe(404);
    expect(link.body).not.toContain('outside the root');
    const env = await get('/.env');
    expect(env.status).toBe(404);
    expect(env.body).not.toContain('SECRET');
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])('answers %s with 405 and Allow: GET, HEAD', async (method) => {
    const reply = await get('/', { method });
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('GET, HEAD');
  });

  it('answers HEAD with the headers and no body', async () => {
    const reply = await get('/assets/index-DL19k4Ug.js', { method: 'HEAD' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-length']).toBe(String('console.log(1)'.length));
    expect(reply.body).toBe('');
  });

  it('refuses a foreign Host header (DNS rebinding) but accepts loopback names', async () => {
    expect((await get('/', { host: 'evil.example' })).status).toBe(421);
    expect((await get('/', { host: `localhost:${server.port}` })).status).toBe(200);
  });
});

describe('web-server: pure checks', () => {
  it('recognises loopback hosts only', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['0.0.0.0', '192.168.1.10', '::', 'example.com', '127.0.0.256', '']) expect(isLoopbackHost(h)).toBe(false);
  });

  it('refuses raw backslashes and null bytes before decoding', () => {
    expect(resolveRequestPath('/a\\b')).toEqual({ status: 400 });
    expect(resolveRequestPath('/a\0b')).toEqual({ status: 400 });
    expect(resolveRequestPath('relative')).toEqual({ status: 400 });
    expect(resolveRequestPath('/assets/a%20b.js?x=1')).toEqual({ path: '/assets/a b.js' });
  });
});
