/**
 * Running the server for real, in process against both stores: readiness, metrics without
 * personal data, request ids in answers and logs, the resync answer for a cursor from another
 * history of the log, migrations run once by servers starting together, rate limits shared by
 * every instance on one PostgreSQL, and a bounded drain on shutdown.
 */
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EnrollResponse, PullResponse } from '@shared/sync/protocol';
import { pullResponseReader } from '@shared/sync/pullPacking';
import { buildServer, type ReadinessState, type ServerLimits } from '../../../server/app';
import { drainAndClose } from '../../../server/lifecycle';
import { createLogger } from '../../../server/logger';
import { ServerMetrics } from '../../../server/metrics';
import { PostgresStore, SchemaTooNewError, SqliteStore, type Store } from '../../../server/store';
import { MIGRATIONS } from '../../../server/store/schema';
import { backends, bearer, change, enroll, type Backend } from './helpers';
import { skipPostgres, startPostgres, type PgServer } from './pgHarness';

const CLIENT_1 = '0198c3f0-0000-7000-8000-0000000000b1';
const CLIENT_2 = '0198c3f0-0000-7000-8000-0000000000b2';

interface Instance {
  app: FastifyInstance;
  metrics: ServerMetrics;
  readiness: ReadinessState;
  logs: string[];
}

describe.each(backends())('operating the server on $name', (backend: Backend) => {
  const opened: Array<{ app: FastifyInstance; store: Store }> = [];

  beforeAll(() => backend.setup(), 60_000);
  afterAll(() => backend.teardown());
  afterEach(async () => {
    for (const o of opened.splice(0)) {
      await o.app.close();
      await o.store.close();
    }
  });

  /** `track`: closed after the test (a test that closes it itself says false). */
  async function instance(store: Store, limits: Partial<ServerLimits> = {}, trustProxy = false, track = true): Promise<Instance> {
    const logs: string[] = [];
    const logger = createLogger({
      level: 'info',
      destination: new Writable({
        write(chunk, _enc, cb) {
          logs.push(String(chunk));
          cb();
        },
      }),
    });
    const metrics = new ServerMetrics();
    const readiness = { draining: false };
    const app = await buildServer({ store, logger, metrics, readiness, trustProxy, limits: { rateLimit: false, enrollRateLimit: false, ...limits } });
    if (track) opened.push({ app, store });
    return { app, metrics, readiness, logs };
  }

  async function council(store: Store, app: FastifyInstance, name = 'Northwest Regional', person = 'Pat Okafor') {
    const councilId = (await store.createCouncil(name)).id;
    const account = await store.createAccount(person);
    await store.addMember(account.id, councilId);
    const device: EnrollResponse = await enroll(app, store, account.id, `${person} laptop`);
    return { councilId, accountId: account.id, device };
  }

  const pull = (app: FastifyInstance, token: string, body: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: '/v1/pull', headers: bearer(token), payload: body });

  it('/health says the process lives; /ready says the database answers, its migrations are done and the instance is not draining', async () => {
    const store = await backend.open();
    const s = await instance(store, {}, false, false);
    expect((await s.app.inject({ method: 'GET', url: '/health' })).json()).toEqual({ ok: true });
    const ready = await s.app.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ ready: true, schemaVersion: MIGRATIONS.length });

    s.readiness.draining = true;
    const draining = await s.app.inject({ method: 'GET', url: '/ready' });
    expect(draining.statusCode).toBe(503);
    expect(draining.json()).toEqual({ ready: false, reason: 'shutting down' });
    s.readiness.draining = false;

    // The database goes away under a running instance: not ready, while /health still answers.
    await store.close();
    const gone = await s.app.inject({ method: 'GET', url: '/ready' });
    expect(gone.statusCode).toBe(503);
    expect(gone.json()).toEqual({ ready: false, reason: 'database unreachable' });
    expect((await s.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    await s.app.close();
  });

  it('counts requests, pushed, refused and pulled changes, rate limiting, page bytes and database time, with no names or ids in labels', async () => {
    const store = await backend.open();
    const s = await instance(store, { rateLimit: { max: 6, timeWindowMs: 60_000 } });
    const a = await council(store, s.app, 'Harbor Regional Council', 'Pat Okafor');
    const b = await council(store, s.app, 'Mid-Atlantic Council', 'Jordan Reyes');
    // Two changes of A's council, and one that claims a row B's council owns (refused: not_owner).
    const own = await s.app.inject({
      method: 'POST',
      url: '/v1/push',
      headers: bearer(b.device.token),
      payload: { clientId: CLIENT_2, schemaVersion: 1, changes: [change(CLIENT_2, b.councilId, { rowId: 'row-b' })] },
    });
    expect(own.statusCode).toBe(200);
    const pushed = await s.app.inject({
      method: 'POST',
      url: '/v1/push',
      headers: bearer(a.device.token),
      payload: {
        clientId: CLIENT_1,
        schemaVersion: 1,
        changes: [
          change(CLIENT_1, a.councilId, { rowId: 'row-a1' }),
          change(CLIENT_1, a.councilId, { rowId: 'row-a2' }),
          change(CLIENT_1, a.councilId, { rowId: 'row-b' }),
        ],
      },
    });
    expect(pushed.statusCode).toBe(200);
    expect(pushed.json()).toMatchObject({ rejected: [expect.objectContaining({ reason: 'not_owner' })] });
    const page = await pull(s.app, a.device.token, { councilId: a.councilId });
    expect(page.statusCode).toBe(200);
    // Past the device's budget (6, the enrollment and the push count too): refused and counted.
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await pull(s.app, a.device.token, { councilId: a.councilId })).statusCode);
    expect(codes.filter((c) => c === 429).length).toBeGreaterThan(0);
    await s.app.inject({ method: 'GET', url: `/v1/councils/${a.councilId}` });

    const text = await s.metrics.text();
    const value = (line: string) => Number(new RegExp(`^${line.replace(/[{}"()/.]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1]);
    expect(value('cg_http_requests_total{route="/v1/push",method="POST",status="200"}')).toBe(2);
    expect(value('cg_http_requests_total{route="/v1/pull",method="POST",status="429"}')).toBe(codes.filter((c) => c === 429).length);
    expect(value('cg_http_requests_total{route="unmatched",method="GET",status="404"}')).toBe(1);
    expect(value('cg_push_changes_total{result="received"}')).toBe(4);
    expect(value('cg_push_changes_total{result="stored"}')).toBe(3);
    expect(value('cg_push_changes_total{result="acknowledged"}')).toBe(3);
    expect(value('cg_rejected_changes_total{reason="not_owner"}')).toBe(1);
    expect(value('cg_pull_changes_total')).toBe(2 * (1 + codes.filter((c) => c === 200).length));
    expect(value('cg_rate_limited_requests_total{limit="device"}')).toBe(codes.filter((c) => c === 429).length);
    expect(value('cg_pull_page_bytes_count')).toBe(1 + codes.filter((c) => c === 200).length);
    expect(value('cg_pull_page_bytes_sum')).toBeGreaterThan(0);
    expect(value('cg_db_operation_duration_seconds_count{operation="push"}')).toBe(2);
    expect(value('cg_db_operation_duration_seconds_count{operation="deviceByTokenHash"}')).toBeGreaterThanOrEqual(9);
    expect(text).toMatch(/^process_resident_memory_bytes /m);

    // Nothing that names or identifies a council, a person, a device or a caller.
    for (const secret of [
      'Harbor',
      'Mid-Atlantic',
      'Pat Okafor',
      'Jordan',
      a.councilId,
      b.councilId,
      a.accountId,
      a.device.deviceId,
      a.device.token,
      CLIENT_1,
      '127.0.0.1',
      'row-a1',
    ])
      expect(text).not.toContain(secret);
  });

  it('names every request by an id, in its answer and its log lines; a proxy may hand one over only when trusted', async () => {
    const store = await backend.open();
    const direct = await instance(store);
    const a = await council(store, direct.app);
    const res = await pull(direct.app, a.device.token, { councilId: a.councilId });
    const id = res.headers['x-request-id'] as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const lines = direct.logs.map((l) => JSON.parse(l) as { reqId?: string; msg: string });
    expect(lines.filter((l) => l.reqId === id).map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
    // An untrusted caller cannot choose what our logs say.
    const forged = await direct.app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'caller-chosen-id' } });
    expect(forged.headers['x-request-id']).not.toBe('caller-chosen-id');

    const behindProxy = await instance(await backend.reopen(), {}, true);
    const fromProxy = await behindProxy.app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'c0ffee00-proxy-id' } });
    expect(fromProxy.headers['x-request-id']).toBe('c0ffee00-proxy-id');
    expect(behindProxy.logs.join('')).toContain('"reqId":"c0ffee00-proxy-id"');
    const malformed = await behindProxy.app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'has spaces and "quotes"' } });
    expect(malformed.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    for (const line of [...direct.logs, ...behindProxy.logs]) {
      expect(line).not.toContain(a.device.token);
      expect(line.toLowerCase()).not.toContain('bearer');
    }
  });

  it('answers resync_required to a cursor from another history of the log, and sends its epoch with every page', async () => {
    const store = await backend.open();
    const s = await instance(store);
    const a = await council(store, s.app);
    await s.app.inject({
      method: 'POST',
      url: '/v1/push',
      headers: bearer(a.device.token),
      payload: {
        clientId: CLIENT_1,
        schemaVersion: 1,
        changes: [change(CLIENT_1, a.councilId, { rowId: 'r1' }), change(CLIENT_1, a.councilId, { rowId: 'r2' })],
      },
    });
    const first = await pull(s.app, a.device.token, { councilId: a.councilId });
    const page = first.json() as PullResponse;
    expect(page.epoch).toBe(store.epoch);
    expect(page.nextCursor).toBe(2);
    const packed = pullResponseReader(a.councilId).safeParse(
      (await pull(s.app, a.device.token, { councilId: a.councilId, format: 'packed', epoch: store.epoch })).json(),
    );
    expect(packed.success && packed.data.epoch).toBe(store.epoch);

    // A laptop that pulled from another history (a log since restored from an older backup).
    const otherHistory = await pull(s.app, a.device.token, { councilId: a.councilId, cursor: 1, epoch: '0198c3f0-0000-7000-8000-00000000e0e0' });
    expect(otherHistory.statusCode).toBe(409);
    expect(otherHistory.json()).toMatchObject({ error: 'resync_required', epoch: store.epoch });
    // A laptop that never heard an epoch, with a cursor past the end of the log.
    const ahead = await pull(s.app, a.device.token, { councilId: a.councilId, cursor: 7 });
    expect(ahead.statusCode).toBe(409);
    expect(ahead.json()).toMatchObject({ error: 'resync_required', epoch: store.epoch });
    const viaGet = await s.app.inject({ method: 'GET', url: `/v1/pull?councilId=${a.councilId}&cursor=9`, headers: bearer(a.device.token) });
    expect(viaGet.statusCode).toBe(409);
    // At the end of the log under the right epoch: an empty page, not a resync.
    const atEnd = await pull(s.app, a.device.token, { councilId: a.councilId, cursor: 2, epoch: store.epoch });
    expect(atEnd.statusCode).toBe(200);
    expect((atEnd.json() as PullResponse).changes).toEqual([]);
    expect(await s.metrics.text()).toMatch(/^cg_resync_required_total 3$/m);
  });

  it('refuses to open a database a newer server has migrated', async () => {
    const store = await backend.open();
    await store.close();
    const raw = await backend.reopen();
    // Another way in than the store: what a newer server's migration leaves behind.
    if (raw instanceof SqliteStore) {
      (raw as unknown as { db: { prepare(s: string): { run(...a: unknown[]): void } } }).db
        .prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)')
        .run(MIGRATIONS.length + 1, 0);
    } else {
      await (raw as unknown as { pool: pg.Pool }).pool.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, 0)', [MIGRATIONS.length + 1]);
    }
    await raw.close();
    const refusal = await backend.reopen().then(
      () => null,
      (e: unknown) => e,
    );
    expect(refusal).toBeInstanceOf(SchemaTooNewError);
    expect((refusal as Error).message).toBe(
      `the database's schema is version ${MIGRATIONS.length + 1}, newer than this server's (${MIGRATIONS.length}): run the newer server (an upgrade is never undone by an older one)`,
    );
  });

  it('drains a push in flight on shutdown before closing the store, and gives up on one that stalls after the timeout', async () => {
    const store = await backend.open();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered: () => void = () => undefined;
    const inPush = new Promise<void>((resolve) => (entered = resolve));
    // The push waits at the store's door until the test opens it: it is in flight when SIGTERM comes.
    const slow: Store = Object.assign(Object.create(store) as Store, {
      push: async (input: Parameters<Store['push']>[0]) => {
        entered();
        await gate;
        return store.push(input);
      },
    });
    const s = await instance(slow, {}, false, false);
    const a = await council(store, s.app);
    await s.app.listen({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${(s.app.server.address() as { port: number }).port}`;
    const pushing = fetch(`${url}/v1/push`, {
      method: 'POST',
      headers: { ...bearer(a.device.token), 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: CLIENT_1, schemaVersion: 1, changes: [change(CLIENT_1, a.councilId)] }),
    });
    await inPush;
    const draining = drainAndClose(s.app, store, s.readiness, 30_000);
    expect(s.readiness.draining).toBe(true);
    // New connections are refused once draining began; the one in flight is answered.
    await expect(fetch(`${url}/health`)).rejects.toThrow();
    release();
    const res = await pushing;
    expect(res.status).toBe(200);
    // Answered while draining: the connection is not kept for another request.
    expect(res.headers.get('connection')).toBe('close');
    expect(((await res.json()) as { acked: string[] }).acked).toHaveLength(1);
    expect(await draining).toEqual({ forced: false });
    // Closed after the push was stored: a reopened store has it.
    const again = await backend.reopen();
    expect(await again.countChanges()).toBe(1);
    await again.close();

    // A push that never gets through: the drain stops waiting after its timeout.
    const stuckStore = await backend.reopen();
    const stuck: Store = Object.assign(Object.create(stuckStore) as Store, {
      push: async () => {
        entered();
        return new Promise<never>(() => undefined);
      },
    });
    const t = await instance(stuck, {}, false, false);
    const b = await council(stuckStore, t.app, 'Colorado Regional', 'Sam Lee');
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const url2 = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
    const inStuckPush = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const hung = fetch(`${url2}/v1/push`, {
      method: 'POST',
      headers: { ...bearer(b.device.token), 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: CLIENT_2, schemaVersion: 1, changes: [change(CLIENT_2, b.councilId)] }),
    });
    await inStuckPush;
    expect(await drainAndClose(t.app, stuckStore, t.readiness, 100)).toEqual({ forced: true });
    // The client never got an acknowledgement, so it keeps the change and sends it again later.
    await expect(hung).rejects.toThrow();
  });
});

describe.skipIf(skipPostgres)('several instances on one PostgreSQL', () => {
  let server: PgServer;
  let n = 0;
  const stores: Store[] = [];
  const apps: FastifyInstance[] = [];
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
    for (const store of stores.splice(0)) await store.close();
  });
  afterAll(() => server?.stop());

  async function database(): Promise<string> {
    return server.createDatabase(`ops_${process.pid}_${++n}`);
  }

  it('run the migrations once when they all start together on an empty database', async () => {
    const url = await database();
    const opened = await Promise.all(Array.from({ length: 6 }, () => PostgresStore.open(url)));
    stores.push(...opened);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version');
    await client.end();
    expect(rows.map((r) => Number(r.version))).toEqual(MIGRATIONS.map((_, i) => i + 1));
    // One history: every instance answers with the same epoch.
    expect(new Set(opened.map((s) => s.epoch)).size).toBe(1);
  });

  /** Two instances on one database, as behind the proxy: a request may land on either. */
  async function twoInstances(limits: Partial<ServerLimits>) {
    const url = await database();
    const first = await PostgresStore.open(url);
    const second = await PostgresStore.open(url);
    stores.push(first, second);
    const make = (store: Store) => buildServer({ store, limits: { rateLimit: false, enrollRateLimit: false, authFailureLimit: false, ...limits } });
    const both = [await make(first), await make(second)];
    apps.push(...both);
    return { both, store: first };
  }

  it('share one budget per device: requests alternating between instances are limited as if they met one', async () => {
    const { both, store } = await twoInstances({ rateLimit: { max: 8, timeWindowMs: 60_000 } });
    const councilId = (await store.createCouncil('Georgia Regional')).id;
    const account = await store.createAccount('Kim Facilitator');
    await store.addMember(account.id, councilId);
    const device = await enroll(both[0]!, store, account.id);
    const codes: number[] = [];
    // The enrollment counted once against the address, not the device.
    for (let i = 0; i < 12; i++)
      codes.push((await both[i % 2]!.inject({ method: 'POST', url: '/v1/pull', headers: bearer(device.token), payload: { councilId } })).statusCode);
    expect(codes).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 429, 429, 429, 429]);
    expect(store.counters?.shared).toBe(true);
  });

  it('share one budget of failed sign-ins per address, and one of enrollments', async () => {
    const { both } = await twoInstances({ authFailureLimit: { max: 5, timeWindowMs: 60_000 } });
    const codes: number[] = [];
    for (let i = 0; i < 8; i++)
      codes.push(
        (
          await both[i % 2]!.inject({
            method: 'POST',
            url: '/v1/pull',
            headers: bearer(`cgd_invented-token-number-${i}`),
            payload: { councilId: '0198c3f0-0000-7000-8000-000000000001' },
          })
        ).statusCode,
      );
    expect(codes).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    // The address's budget is spent on both: enrollment too is refused before any lookup.
    const enrollment = await both[1]!.inject({ method: 'POST', url: '/v1/enroll', payload: { code: 'AAAA-BBBB-CCCC-DDDD', deviceName: 'x' } });
    expect(enrollment.statusCode).toBe(429);

    const enrolling = await twoInstances({ enrollRateLimit: { max: 3, timeWindowMs: 60_000 } });
    const enrollCodes: number[] = [];
    for (let i = 0; i < 6; i++)
      enrollCodes.push(
        (await enrolling.both[i % 2]!.inject({ method: 'POST', url: '/v1/enroll', payload: { code: 'AAAA-BBBB-CCCC-DDDD', deviceName: 'x' } })).statusCode,
      );
    expect(enrollCodes).toEqual([401, 401, 401, 429, 429, 429]);
  });
});
