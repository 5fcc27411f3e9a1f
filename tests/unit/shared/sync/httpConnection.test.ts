import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SyncConnection } from '@shared/sync/connection';
import {
  INSECURE_STORAGE_MESSAGE,
  INVALID_CODE_MESSAGE,
  createHttpSyncConnection,
  normaliseServerUrl,
  retryAfterMs,
  type CredentialStore,
  type LoadedCredentials,
  type StoredCredentials,
  type TokenStorage,
} from '@shared/sync/httpConnection';
import { buildServer, type ServerLimits } from '../../../../server/app';
import type { Store } from '../../../../server/store';
import { change, issueCode, sqliteBackend } from '../../server/helpers';
import { nowMs } from '@shared/clock';

const CLIENT_1 = '0198c3f0-0000-7000-8000-0000000000a1';
const COUNCIL_OLD = '0198c3f0-0000-7000-8000-0000000000c9';
const CLIENT_2 = '0198c3f0-0000-7000-8000-0000000000a2';
const FAKE_TOKEN = `cgd_${'T'.repeat(43)}`;

/** An in-memory CredentialStore; `mode` plays the OS: a keyring, or plain text only. */
function memoryCredentials(mode: 'keyring' | 'plain-only' | 'keyring-lost-at-save' = 'keyring', initial: LoadedCredentials | null = null) {
  let stored: LoadedCredentials | null = initial;
  const outcome = (allowPlainText: boolean, secure: boolean) =>
    secure
      ? ({ status: 'saved', tokenStorage: 'encrypted' } as const)
      : allowPlainText
        ? ({ status: 'saved', tokenStorage: 'plain-text-agreed' } as const)
        : ({ status: 'insecure_storage' } as const);
  const store = {
    stored: () => stored,
    check: vi.fn(async ({ allowPlainText }: { allowPlainText: boolean }) => outcome(allowPlainText, mode !== 'plain-only')),
    save: vi.fn(async (credentials: StoredCredentials, { allowPlainText }: { allowPlainText: boolean }) => {
      const result = outcome(allowPlainText, mode === 'keyring');
      if (result.status === 'saved') stored = { ...credentials, tokenStorage: result.tokenStorage };
      return result;
    }),
    load: async () => stored,
    clear: async () => {
      stored = null;
    },
  } satisfies CredentialStore & { stored(): LoadedCredentials | null };
  return store;
}

function seeded(serverUrl: string, tokenStorage: TokenStorage = 'encrypted'): LoadedCredentials {
  return {
    token: FAKE_TOKEN,
    tokenStorage,
    account: { serverUrl, deviceId: CLIENT_1, accountId: CLIENT_2, deviceName: 'laptop', councils: [], enrolledAt: '2026-01-01T00:00:00.000Z' },
  };
}

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A tiny HTTP server answering with `respond`, recording what it received. */
async function tinyServer(respond: (req: Received, res: ServerResponse) => void): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const r = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      received.push(r);
      respond(r, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  tiny.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, server };
}
const tiny: Server[] = [];

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

describe('HTTP sync connection against a real sync server', () => {
  const backend = sqliteBackend();
  const running: Array<{ app: FastifyInstance; store: Store }> = [];

  beforeAll(() => backend.setup());
  afterAll(() => backend.teardown());
  afterEach(async () => {
    for (const r of running.splice(0)) {
      await r.app.close();
      await r.store.close();
    }
    for (const s of tiny.splice(0)) {
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    }
  });

  async function world(limits: Partial<ServerLimits> = {}, now?: () => number) {
    const store = await backend.open();
    const app = await buildServer({ store, limits: { rateLimit: false, enrollRateLimit: false, ...limits }, now });
    running.push({ app, store });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const serverUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const councilA = await store.createCouncil('Northwest Regional');
    const councilB = await store.createCouncil('Hawaii Local');
    const account = await store.createAccount('Pat');
    await store.addMember(account.id, councilA.id);
    return { store, app, serverUrl, councilA: councilA.id, councilB: councilB.id, accountId: account.id };
  }

  type World = Awaited<ReturnType<typeof world>>;

  async function enrolled(w: World, deviceName = 'Pat laptop'): Promise<{ sync: SyncConnection; credentials: ReturnType<typeof memoryCredentials> }> {
    const credentials = memoryCredentials();
    const sync = createHttpSyncConnection({ fetch, credentials });
    const result = await sync.syncEnroll({ serverUrl: w.serverUrl, code: await issueCode(w.store, w.accountId), deviceName });
    if (result.status !== 'enrolled') throw new Error(`enroll failed: ${result.message}`);
    return { sync, credentials };
  }

  describe('enrollment', () => {
    it('enrolls with a real code, keeps the token in the store and reports the account without it', async () => {
      const w = await world();
      const credentials = memoryCredentials();
      const sync = createHttpSyncConnection({ fetch, credentials, now: () => new Date('2026-03-01T12:00:00.000Z') });
      expect(await sync.syncStatus()).toEqual({ enrolled: false });
      const code = await issueCode(w.store, w.accountId);
      // Retyped by a person: trailing slash on the address, lower case and spaces in the code.
      const result = await sync.syncEnroll({ serverUrl: `${w.serverUrl}/`, code: ` ${code.toLowerCase().replace(/-/g, ' ')} `, deviceName: ' Pat laptop ' });
      expect(result).toMatchObject({ status: 'enrolled' });
      if (result.status !== 'enrolled') return;
      const devices = await w.store.listDevices(w.accountId);
      expect(devices.map((d) => d.name)).toEqual(['Pat laptop']);
      expect(result.account).toEqual({
        serverUrl: w.serverUrl,
        deviceId: devices[0]!.id,
        accountId: w.accountId,
        deviceName: 'Pat laptop',
        councils: [{ id: w.councilA, name: 'Northwest Regional' }],
        enrolledAt: '2026-03-01T12:00:00.000Z',
        tokenStorage: 'encrypted',
      });
      const token = credentials.stored()!.token;
      expect(token).toMatch(/^cgd_[A-Za-z0-9_-]{43}$/);
      const status = await sync.syncStatus();
      expect(status).toEqual({ enrolled: true, account: result.account });
      expect(JSON.stringify(status)).not.toContain(token);
      expect(JSON.stringify(result)).not.toContain(token);

      expect(await sync.syncForget()).toEqual({ status: 'forgotten' });
      expect(await sync.syncStatus()).toEqual({ enrolled: false });
      expect(credentials.stored()).toBeNull();
    });

    it('a bad code gets a sentence the facilitator can act on, and nothing is stored', async () => {
      const w = await world();
      const credentials = memoryCredentials();
      const sync = createHttpSyncConnection({ fetch, credentials });
      const result = await sync.syncEnroll({ serverUrl: w.serverUrl, code: 'AAAA-BBBB-CCCC-DDDD', deviceName: 'Pat laptop' });
      expect(result).toEqual({
        status: 'error',
        kind: 'rejected',
        message: INVALID_CODE_MESSAGE,
        httpStatus: 401,
        body: { error: 'invalid_enrollment_code', message: expect.any(String) },
      });
      expect(INVALID_CODE_MESSAGE).toBe(
        "That enrollment code is not valid: it may be mistyped, already used or expired. Ask your council's sync administrator for a new one.",
      );
      expect(credentials.save).not.toHaveBeenCalled();
      expect(credentials.stored()).toBeNull();
    });

    it('a used code is refused the same way', async () => {
      const w = await world();
      const code = await issueCode(w.store, w.accountId);
      const first = createHttpSyncConnection({ fetch, credentials: memoryCredentials() });
      expect((await first.syncEnroll({ serverUrl: w.serverUrl, code, deviceName: 'one' })).status).toBe('enrolled');
      const second = createHttpSyncConnection({ fetch, credentials: memoryCredentials() });
      expect(await second.syncEnroll({ serverUrl: w.serverUrl, code, deviceName: 'two' })).toMatchObject({ kind: 'rejected', message: INVALID_CODE_MESSAGE });
    });

    it('refuses bad input with clear messages before contacting anyone', async () => {
      const spy = vi.fn(fetch);
      const sync = createHttpSyncConnection({ fetch: spy, credentials: memoryCredentials() });
      expect(await sync.syncEnroll({ serverUrl: 'sync.example.org', code: 'AAAA-BBBB', deviceName: 'laptop' })).toEqual({
        status: 'error',
        kind: 'rejected',
        message: 'The server address must start with http:// or https://.',
      });
      const both = await sync.syncEnroll({ serverUrl: '', code: '', deviceName: '' });
      expect(both).toMatchObject({ kind: 'rejected' });
      expect(both.status === 'error' && both.message).toMatch(/Enter the server address.*Enter the enrollment code.*Name this device/);
      expect(await sync.syncEnroll({ serverUrl: 'https://x.org', code: 'AAAA-BBBB', deviceName: 'x'.repeat(101) })).toMatchObject({
        message: 'Device names are at most 100 characters.',
      });
      expect(spy).not.toHaveBeenCalled();
    });

    it('without a keyring and without consent: explains, stores nothing, and does not use up the code', async () => {
      const w = await world();
      const credentials = memoryCredentials('plain-only');
      const sync = createHttpSyncConnection({ fetch, credentials });
      const code = await issueCode(w.store, w.accountId);
      const refused = await sync.syncEnroll({ serverUrl: w.serverUrl, code, deviceName: 'Pat laptop' });
      expect(refused).toEqual({ status: 'error', kind: 'insecure_storage', message: INSECURE_STORAGE_MESSAGE });
      expect(INSECURE_STORAGE_MESSAGE).toMatch(/keyring/);
      expect(INSECURE_STORAGE_MESSAGE).toMatch(/unencrypted/);
      expect(credentials.save).not.toHaveBeenCalled();
      expect(credentials.stored()).toBeNull();
      expect(await w.store.listDevices(w.accountId)).toEqual([]);
      // The person agrees: the same code still works.
      const agreed = await sync.syncEnroll({ serverUrl: w.serverUrl, code, deviceName: 'Pat laptop', allowPlainTextStorage: true });
      expect(agreed).toMatchObject({ status: 'enrolled', account: { tokenStorage: 'plain-text-agreed' } });
      expect(await sync.syncStatus()).toMatchObject({ enrolled: true, account: { tokenStorage: 'plain-text-agreed' } });
    });

    it('if the keyring disappears between the check and the save, still stores nothing', async () => {
      const w = await world();
      const credentials = memoryCredentials('keyring-lost-at-save');
      const sync = createHttpSyncConnection({ fetch, credentials });
      const result = await sync.syncEnroll({ serverUrl: w.serverUrl, code: await issueCode(w.store, w.accountId), deviceName: 'Pat laptop' });
      expect(result).toEqual({ status: 'error', kind: 'insecure_storage', message: INSECURE_STORAGE_MESSAGE });
      expect(credentials.stored()).toBeNull();
    });

    it('a server that is not a sync server is reported as such', async () => {
      const other = await tinyServer((_r, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ hello: 'world' })));
      const credentials = memoryCredentials();
      const sync = createHttpSyncConnection({ fetch, credentials });
      expect(await sync.syncEnroll({ serverUrl: other.url, code: 'AAAA-BBBB', deviceName: 'laptop' })).toMatchObject({
        status: 'error',
        kind: 'server',
        httpStatus: 200,
      });
      expect(credentials.stored()).toBeNull();
    });
  });

  describe('push and pull', () => {
    it('round-trips changes between two enrolled devices', async () => {
      const w = await world();
      const laptop = await enrolled(w, 'Pat laptop');
      const tablet = await enrolled(w, 'Pat tablet');
      const handshake = await laptop.sync.syncPush({ clientId: CLIENT_1, schemaVersion: 1, changes: [] });
      expect(handshake).toMatchObject({ status: 'ok', body: { acked: [], rejected: [] } });

      const edits = [change(CLIENT_1, w.councilA, { value: 'Weekend coverage' }), change(CLIENT_1, w.councilA, { field: 'location', value: 'Room 4' })];
      const pushed = await laptop.sync.syncPush({ clientId: CLIENT_1, schemaVersion: 1, changes: edits });
      expect(pushed).toMatchObject({ status: 'ok', body: { acked: edits.map((e) => e.opId), rejected: [] } });

      const page1 = await tablet.sync.syncPull({ councilId: w.councilA, limit: 1 });
      expect(page1).toMatchObject({ status: 'ok', body: { nextCursor: 1, hasMore: true, changes: [{ ...edits[0], seq: 1 }] } });
      const page2 = await tablet.sync.syncPull({ councilId: w.councilA, cursor: 1 });
      expect(page2).toMatchObject({ status: 'ok', body: { nextCursor: 2, hasMore: false, changes: [{ ...edits[1], seq: 2 }] } });
      if (page2.status === 'ok') expect(typeof page2.body.serverTime).toBe('number');

      // A replay is acknowledged again (the outbox may be re-sent after a lost answer).
      expect(await laptop.sync.syncPush({ clientId: CLIENT_1, schemaVersion: 1, changes: edits })).toMatchObject({
        status: 'ok',
        body: { acked: edits.map((e) => e.opId) },
      });
      expect(await w.store.countChanges()).toBe(2);
    });

    it('sends the token as a Bearer header with JSON to the enrolled address only', async () => {
      const answer = { acked: [], rejected: [], serverTime: 5 };
      const server = await tinyServer((_r, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer)));
      const sync = createHttpSyncConnection({ fetch, credentials: memoryCredentials('keyring', seeded(server.url)) });
      expect(await sync.syncPush({ clientId: CLIENT_1, schemaVersion: 1, changes: [] })).toEqual({ status: 'ok', body: answer });
      expect(server.received).toHaveLength(1);
      const [req] = server.received;
      expect(req).toMatchObject({ method: 'POST', url: '/v1/push', headers: { authorization: `Bearer ${FAKE_TOKEN}`, 'content-type': 'application/json' } });
      expect(JSON.parse(req!.body)).toEqual({ clientId: CLIENT_1, schemaVersion: 1, changes: [] });
      expect(req!.headers.cookie).toBeUndefined();
    });

    it('asks for packed pages, and reads a server that predates them (change objects)', async () => {
      const w = await world();
      const laptop = await enrolled(w, 'Pat laptop');
      const edits = [change(CLIENT_1, w.councilA, { value: 'Weekend coverage' }), change(CLIENT_1, w.councilA, { field: 'location', value: 'Room 4' })];
      expect((await laptop.sync.syncPush({ clientId: CLIENT_1, schemaVersion: 1, changes: edits })).status).toBe('ok');
      const packed = await laptop.sync.syncPull({ councilId: w.councilA });
      expect(packed).toMatchObject({ status: 'ok', body: { changes: edits.map((e, i) => ({ ...e, seq: i + 1 })), nextCursor: 2 } });

      // An older server drops the format key and answers as it always did.
      const old = { changes: edits.map((e, i) => ({ ...e, councilId: COUNCIL_OLD, seq: i + 1 })), nextCursor: 2, hasMore: false, serverTime: 5 };
      const server = await tinyServer((_r, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(old)));
      const sync = createHttpSyncConnection({ fetch, credentials: memoryCredentials('keyring', seeded(server.url)) });
      expect(await sync.syncPull({ councilId: COUNCIL_OLD, cursor: 0, limit: 1000 })).toEqual({ status: 'ok', body: old });
      expect(JSON.parse(server.received[0]!.body)).toMatchObject({ councilId: COUNCIL_OLD, cursor: 0, limit: 1000, format: 'packed' });

      // A packed answer that does not hold together is "an answer this app does not understand".
      const broken = await tinyServer((_r, res) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            nextCursor: 2,
            hasMore: false,
            serverTime: 5,
            packed: { k: [], w: 0, r: [['meetings', 'r1', 1, [['title', 'x', [0, 0, 3], 'op', null]]]] },
          }),
        ),
      );
      const confused = createHttpSyncConnection({ fetch, credentials: memoryCredentials('keyring', seeded(broken.url)) });
      const answer = await confused.syncPull({ councilId: COUNCIL_OLD });
      expect(answer).toMatchObject({ status: 'error', kind: 'server' });
      expect(answer.status === 'error' && answer.message).toMatch(/does not understand \(packed\.r\.0\.3\.0\.2\.2: must be the index of a listed writer\)/);
    });

    it('without credentials: not_enrolled, and no request is made', async () => {
      const spy = vi.fn(fetch);
      const sync = createHttpSyncConnection({ fetch: spy, credentials: memoryCredentials() });
      expect(await sync.syncPush({ clientId: CLIENT_1, schemaVersion: 1, changes: [] })).toMatchObject({ status: 'error', kind: 'not_enrolled' });
      expect(await sync.syncPull({ councilId: CLIENT_2 })).toMatchObject({ status: 'error', kind: 'not_enrolled' });
      const broken = createHttpSyncConnection({ fetch: spy, credentials: { ...memoryCredentials(), load: () => Promise.reject(new Error('disk')) } });
      expect(await broken.syncPull({ councilId: CLIENT_2 })).toMatchObject({ kind: 'not_enrolled' });
      expect(await broken.syncStatus()).toEqual({ enrolled: false });
      expect(spy).not.toHaveBeenCalled();
    });

    it('a revoked device is unauthorized, and the message never quotes the token', async () => {
      const w = await world();
      const { sync, credentials } = await enrolled(w);
      const deviceId = credentials.stored()!.account.deviceId;
      expect(await w.store.revokeDevice(deviceId, nowMs())).toBe(true);
      const push = await sync.syncPush({ clientId: CLIENT_1, schemaVersion: 1, changes: [change(CLIENT_1, w.councilA)] });
      expect(push).toMatchObject({ status: 'error', kind: 'unauthorized', httpStatus: 401, body: { error: 'unauthorized' } });
      expect(push.status === 'error' && push.message).toMatch(/Enroll this device again/);
      expect(JSON.stringify(push)).not.toContain(credentials.stored()!.token);
      expect(await sync.syncPull({ councilId: w.councilA })).toMatchObject({ kind: 'unauthorized' });
      expect(await w.store.countChanges()).toBe(0);
    });

    it('a council the account is not a member of is forbidden', async () => {
      const w = await world();
      const { sync } = await enrolled(w);
      expect(await sync.syncPull({ councilId: w.councilB })).toMatchObject({
        status: 'error',
        kind: 'forbidden',
        httpStatus: 403,
        body: { error: 'not_member' },
      });
      expect(await sync.syncPush({ clientId: CLIENT_1, schemaVersion: 1, changes: [change(CLIENT_1, w.councilB)] })).toMatchObject({
        kind: 'forbidden',
        body: { error: 'not_member' },
      });
    });

    it('an outdated schema version is "update the app" (426) with the minimum version', async () => {
      const w = await world();
      const { sync } = await enrolled(w);
      const result = await sync.syncPush({ clientId: CLIENT_1, schemaVersion: 0, changes: [] });
      expect(result).toMatchObject({ status: 'error', kind: 'outdated', httpStatus: 426, body: { error: 'client_outdated', minSchemaVersion: 1 } });
      expect(result.status === 'error' && result.message).toMatch(/Update the app/);
      expect(await sync.syncPull({ councilId: w.councilA, schemaVersion: 0 })).toMatchObject({ kind: 'outdated' });
    });

    it('a clock far ahead gets clock_ahead with the server time to re-stamp from', async () => {
      const serverNow = nowMs();
      const w = await world({ maxFutureMs: 5 * 60_000 }, () => serverNow);
      const { sync } = await enrolled(w);
      const result = await sync.syncPush({ clientId: CLIENT_1, schemaVersion: 1, changes: [change(CLIENT_1, w.councilA, { wall: serverNow + 86_400_000 })] });
      expect(result).toMatchObject({
        status: 'error',
        kind: 'clock_ahead',
        httpStatus: 400,
        body: { error: 'clock_ahead', serverTime: serverNow, maxFutureMs: 300_000 },
      });
      expect(await w.store.countChanges()).toBe(0);
    });

    it('a request the server refuses as malformed is rejected with its message', async () => {
      const w = await world();
      const { sync } = await enrolled(w);
      const bad = { clientId: CLIENT_1, schemaVersion: 1, changes: [{ ...change(CLIENT_1, w.councilA), table: 'Not A Table' }] };
      const result = await sync.syncPush(bad);
      expect(result).toMatchObject({ status: 'error', kind: 'rejected', httpStatus: 400, body: { error: 'bad_request' } });
      expect(result.status === 'error' && result.message).toMatch(/changes\.0\.table/);
    });

    it('too many requests: rate_limited with the wait from Retry-After', async () => {
      const w = await world({ rateLimit: { max: 2, timeWindowMs: 60_000 } });
      const { sync } = await enrolled(w);
      expect((await sync.syncPull({ councilId: w.councilA })).status).toBe('ok');
      expect((await sync.syncPull({ councilId: w.councilA })).status).toBe('ok');
      const limited = await sync.syncPull({ councilId: w.councilA });
      expect(limited).toMatchObject({ status: 'error', kind: 'rate_limited', httpStatus: 429, body: { error: 'rate_limited' } });
      if (limited.status !== 'error') return;
      expect(limited.retryAfterMs).toBeGreaterThan(0);
      expect(limited.retryAfterMs).toBeLessThanOrEqual(60_000);
      expect(limited.message).toMatch(/trying again in \d+ seconds/);
    });

    it('unreachable server (closed port): offline', async () => {
      const url = await closedPortUrl();
      const sync = createHttpSyncConnection({ fetch, credentials: memoryCredentials('keyring', seeded(url)) });
      const result = await sync.syncPush({ clientId: CLIENT_1, schemaVersion: 1, changes: [] });
      expect(result).toMatchObject({ status: 'error', kind: 'offline' });
      expect(result.status === 'error' && result.message).toMatch(/Could not reach the sync server.*ECONNREFUSED/);
      expect(JSON.stringify(result)).not.toContain(FAKE_TOKEN);
      const enrolling = createHttpSyncConnection({ fetch, credentials: memoryCredentials() });
      expect(await enrolling.syncEnroll({ serverUrl: url, code: 'AAAA-BBBB', deviceName: 'x' })).toMatchObject({
        kind: 'offline',
        message: expect.stringMatching(/Check the address/),
      });
    });

    it('a server that never answers times out as offline', async () => {
      const silent = await tinyServer(() => undefined);
      const sync = createHttpSyncConnection({ fetch, credentials: memoryCredentials('keyring', seeded(silent.url)), timeoutMs: 150 });
      const started = performance.now();
      const result = await sync.syncPull({ councilId: CLIENT_2 });
      expect(result).toMatchObject({ status: 'error', kind: 'offline' });
      expect(result.status === 'error' && result.message).toMatch(/did not answer within 1 second/);
      expect(performance.now() - started).toBeLessThan(5_000);
    });

    it('a 200 that is not the protocol is a server problem', async () => {
      const answers = ['not json at all', JSON.stringify({ acked: 'nope' }), ''];
      let i = 0;
      const server = await tinyServer((_r, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(answers[i++ % answers.length]));
      const sync = createHttpSyncConnection({ fetch, credentials: memoryCredentials('keyring', seeded(server.url)) });
      for (let n = 0; n < answers.length; n++) {
        expect(await sync.syncPush({ clientId: CLIENT_1, schemaVersion: 1, changes: [] })).toMatchObject({ status: 'error', kind: 'server', httpStatus: 200 });
      }
      const pull = await sync.syncPull({ councilId: CLIENT_2 });
      expect(pull).toMatchObject({ kind: 'server' });
    });

    it('5xx is a server problem, with the error body when there is one', async () => {
      const bodies = [JSON.stringify({ error: 'internal', message: 'internal server error' }), '<html>Bad Gateway</html>'];
      let i = 0;
      const server = await tinyServer((_r, res) => res.writeHead(i === 0 ? 500 : 502).end(bodies[i++]));
      const sync = createHttpSyncConnection({ fetch, credentials: memoryCredentials('keyring', seeded(server.url)) });
      expect(await sync.syncPush({ clientId: CLIENT_1, schemaVersion: 1, changes: [] })).toMatchObject({
        kind: 'server',
        httpStatus: 500,
        body: { error: 'internal', message: 'internal server error' },
      });
      const gateway = await sync.syncPush({ clientId: CLIENT_1, schemaVersion: 1, changes: [] });
      expect(gateway).toMatchObject({ kind: 'server', httpStatus: 502 });
      expect(gateway.status === 'error' && gateway.body).toBeUndefined();
    });

    it('does not follow a redirect, so the token cannot be carried to another server', async () => {
      const elsewhere = await tinyServer((_r, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
      const redirecting = await tinyServer((_r, res) => res.writeHead(307, { location: `${elsewhere.url}/v1/push` }).end());
      const sync = createHttpSyncConnection({ fetch, credentials: memoryCredentials('keyring', seeded(redirecting.url)) });
      const result = await sync.syncPush({ clientId: CLIENT_1, schemaVersion: 1, changes: [] });
      expect(result).toMatchObject({ status: 'error', kind: 'rejected', httpStatus: 307 });
      expect(result.status === 'error' && result.message).toMatch(/redirect/);
      expect(redirecting.received).toHaveLength(1);
      expect(elsewhere.received).toHaveLength(0);
    });
  });
});

describe('helpers', () => {
  it('normalises the server address', () => {
    expect(normaliseServerUrl(' https://sync.example.org/ ')).toBe('https://sync.example.org');
    expect(normaliseServerUrl('https://sync.example.org/cg//')).toBe('https://sync.example.org/cg');
  });

  it('reads Retry-After as seconds or a date, else the limiter message', () => {
    const now = new Date('2026-01-01T00:00:00.000Z');
    expect(retryAfterMs('30', undefined, now)).toBe(30_000);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:45 GMT', undefined, now)).toBe(45_000);
    expect(retryAfterMs(null, 'too many requests; retry in 1 minute', now)).toBe(60_000);
    expect(retryAfterMs(null, 'too many requests; retry in 12 seconds', now)).toBe(12_000);
    expect(retryAfterMs(null, 'slow down', now)).toBeUndefined();
  });
});
