import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type ServerLimits } from '../../../server/app';
import { parseArgs, parseCorsOrigins, serverConfig } from '../../../server/config';
import type { Store } from '../../../server/store';
import { bearer, change, enroll, sqliteBackend } from './helpers';

const WEB = 'http://127.0.0.1:5173';
const OTHER_WEB = 'http://localhost:4000';
const EVIL = 'https://evil.example';
const CLIENT = '0198c3f0-0000-7000-8000-0000000000a1';

describe('CORS for web mode', () => {
  const backend = sqliteBackend();
  const open: Array<{ app: FastifyInstance; store: Store }> = [];
  beforeAll(() => backend.setup());
  afterAll(() => backend.teardown());
  afterEach(async () => {
    for (const o of open.splice(0)) {
      await o.app.close();
      await o.store.close();
    }
  });

  async function world(corsOrigins?: string[], limits: Partial<ServerLimits> = {}) {
    const store = await backend.open();
    const app = await buildServer({ store, corsOrigins, limits: { rateLimit: false, enrollRateLimit: false, ...limits } });
    open.push({ app, store });
    const council = await store.createCouncil('Northwest Regional');
    const account = await store.createAccount('Pat');
    await store.addMember(account.id, council.id);
    return { app, store, councilId: council.id, device: await enroll(app, store, account.id) };
  }

  const preflight = (app: FastifyInstance, origin: string, url = '/v1/push') =>
    app.inject({
      method: 'OPTIONS',
      url,
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });

  const corsHeaders = (headers: Record<string, unknown>) => Object.keys(headers).filter((h) => h.startsWith('access-control-'));

  it('answers an allowed origin’s preflight without auth, and its real push carries the headers', async () => {
    const w = await world([WEB, OTHER_WEB]);
    for (const url of ['/v1/push', '/v1/pull', '/v1/enroll']) {
      const res = await preflight(w.app, WEB, url);
      expect(res.statusCode).toBe(204);
      expect(res.headers).toMatchObject({
        'access-control-allow-origin': WEB,
        'access-control-allow-methods': 'GET, POST',
        'access-control-allow-headers': 'authorization, content-type',
        'access-control-max-age': '600',
      });
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      expect(String(res.headers.vary)).toMatch(/origin/i);
    }
    expect((await preflight(w.app, OTHER_WEB)).headers['access-control-allow-origin']).toBe(OTHER_WEB);

    const push = await w.app.inject({
      method: 'POST',
      url: '/v1/push',
      headers: { origin: WEB, ...bearer(w.device.token) },
      payload: { clientId: CLIENT, schemaVersion: 1, changes: [change(CLIENT, w.councilId)] },
    });
    expect(push.statusCode).toBe(200);
    expect(push.headers['access-control-allow-origin']).toBe(WEB);
    expect(push.headers['access-control-expose-headers']).toBe('retry-after');
    expect(await w.store.countChanges()).toBe(1);
    // Errors too, or the page could not read why it was refused.
    const refused = await w.app.inject({ method: 'POST', url: '/v1/pull', headers: { origin: WEB }, payload: { councilId: w.councilId } });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['access-control-allow-origin']).toBe(WEB);
  });

  it('gives other origins no CORS headers at all', async () => {
    const w = await world([WEB]);
    for (const origin of [EVIL, 'http://127.0.0.1:5174', `${WEB}/`, 'null']) {
      const pre = await preflight(w.app, origin);
      expect(pre.statusCode).toBe(404);
      expect(corsHeaders(pre.headers)).toEqual([]);
      const pull = await w.app.inject({ method: 'POST', url: '/v1/pull', headers: { origin, ...bearer(w.device.token) }, payload: { councilId: w.councilId } });
      // The server still answers (CORS is enforced by the browser), but no browser page may read it.
      expect(pull.statusCode).toBe(200);
      expect(corsHeaders(pull.headers)).toEqual([]);
    }
    // Non-browser clients (the desktop app's main process) send no Origin and are unaffected.
    const desktop = await w.app.inject({ method: 'POST', url: '/v1/pull', headers: bearer(w.device.token), payload: { councilId: w.councilId } });
    expect(desktop.statusCode).toBe(200);
    expect(corsHeaders(desktop.headers)).toEqual([]);
  });

  it('by default there is no CORS at all', async () => {
    const w = await world();
    const pre = await preflight(w.app, WEB);
    expect(pre.statusCode).toBe(404);
    expect(corsHeaders(pre.headers)).toEqual([]);
    const pull = await w.app.inject({
      method: 'POST',
      url: '/v1/pull',
      headers: { origin: WEB, ...bearer(w.device.token) },
      payload: { councilId: w.councilId },
    });
    expect(pull.statusCode).toBe(200);
    expect(corsHeaders(pull.headers)).toEqual([]);
  });

  it('preflights are not rate limited, so they never eat into the push/pull budget', async () => {
    const w = await world([WEB], { rateLimit: { max: 2, timeWindowMs: 60_000 } });
    for (let i = 0; i < 5; i++) expect((await preflight(w.app, WEB, '/v1/pull')).statusCode).toBe(204);
    const pull = () =>
      w.app.inject({ method: 'POST', url: '/v1/pull', headers: { origin: WEB, ...bearer(w.device.token) }, payload: { councilId: w.councilId } });
    expect((await pull()).statusCode).toBe(200);
    expect((await pull()).statusCode).toBe(200);
    const limited = await pull();
    expect(limited.statusCode).toBe(429);
    // The page can read the 429 and when to retry.
    expect(limited.headers['access-control-allow-origin']).toBe(WEB);
    expect(limited.headers['access-control-expose-headers']).toBe('retry-after');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('--cors-origin / CG_CORS_ORIGINS', () => {
  it('is absent by default', () => {
    expect(serverConfig(parseArgs([]), {}).corsOrigins).toBeUndefined();
    expect(serverConfig(parseArgs([]), { CG_CORS_ORIGINS: ' ' }).corsOrigins).toBeUndefined();
  });

  it('takes comma-separated exact origins; the flag wins over the environment', () => {
    expect(serverConfig(parseArgs([]), { CG_CORS_ORIGINS: `${WEB}, ${OTHER_WEB}` }).corsOrigins).toEqual([WEB, OTHER_WEB]);
    expect(serverConfig(parseArgs(['--cors-origin', 'https://cg.example.org']), { CG_CORS_ORIGINS: WEB }).corsOrigins).toEqual(['https://cg.example.org']);
    expect(serverConfig(parseArgs([`--cors-origin=${WEB},${WEB}`]), {}).corsOrigins).toEqual([WEB]);
  });

  it('refuses wildcards, paths, trailing slashes and other schemes at start-up', () => {
    for (const bad of ['*', `${WEB}/`, `${WEB}/app`, '127.0.0.1:5173', 'file://x', 'null']) {
      expect(() => parseCorsOrigins(bad)).toThrow(/invalid CORS origin/);
    }
    expect(() => serverConfig(parseArgs(['--cors-origin', '*']), {})).toThrow(/invalid CORS origin: \*/);
  });
});
