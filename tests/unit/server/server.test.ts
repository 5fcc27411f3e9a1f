import { Writable } from 'node:stream';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { encodeHlc } from '@shared/sync/hlc';
import { MIN_SUPPORTED_SCHEMA_VERSION, PullResponse, PushResponse, type Change, type EnrollResponse } from '@shared/sync/protocol';
import { pullResponseReader } from '@shared/sync/pullPacking';
import { buildServer, type ServerLimits } from '../../../server/app';
import { createLogger } from '../../../server/logger';
import { runAdmin } from '../../../server/adminCli';
import type { Store } from '../../../server/store';
import { T0, backends, bearer, change, enroll, issueCode, type Backend } from './helpers';
import { nowMs } from '@shared/clock';

const CLIENT_1 = '0198c3f0-0000-7000-8000-0000000000a1';
const CLIENT_2 = '0198c3f0-0000-7000-8000-0000000000a2';
const CLIENT_3 = '0198c3f0-0000-7000-8000-0000000000a3';

interface World {
  store: Store;
  app: FastifyInstance;
  councilA: string;
  councilB: string;
  /** Account in council A only. */
  devA: EnrollResponse;
  /** Second device of the same account. */
  devA2: EnrollResponse;
  /** Account in council B only. */
  devB: EnrollResponse;
  /** Account in both councils. */
  devAB: EnrollResponse;
  logs: string[];
}

describe.each(backends())('sync server on $name', (backend: Backend) => {
  const open: Array<{ app: FastifyInstance; store: Store }> = [];

  beforeAll(() => backend.setup(), 60_000);
  afterAll(() => backend.teardown());
  afterEach(async () => {
    for (const w of open.splice(0)) {
      await w.app.close();
      await w.store.close();
    }
  });

  async function world(limits: Partial<ServerLimits> = {}, now?: () => number, options: { compress?: boolean } = {}): Promise<World> {
    const store = await backend.open();
    const logs: string[] = [];
    const logger = createLogger({
      level: 'debug',
      destination: new Writable({
        write(chunk, _enc, cb) {
          logs.push(String(chunk));
          cb();
        },
      }),
    });
    const app = await buildServer({ store, logger, limits: { rateLimit: false, enrollRateLimit: false, ...limits }, now, ...options });
    open.push({ app, store });
    const councilA = (await store.createCouncil('Northwest Regional')).id;
    const councilB = (await store.createCouncil('Hawaii Local')).id;
    const accA = await store.createAccount('Pat');
    const accB = await store.createAccount('Sam');
    const accAB = await store.createAccount('Lee');
    await store.addMember(accA.id, councilA);
    await store.addMember(accB.id, councilB);
    await store.addMember(accAB.id, councilA);
    await store.addMember(accAB.id, councilB);
    return {
      store,
      app,
      councilA,
      councilB,
      devA: await enroll(app, store, accA.id, 'Pat laptop'),
      devA2: await enroll(app, store, accA.id, 'Pat tablet'),
      devB: await enroll(app, store, accB.id),
      devAB: await enroll(app, store, accAB.id),
      logs,
    };
  }

  const push = (w: World, token: string, body: unknown, headers: Record<string, string> = {}) =>
    w.app.inject({ method: 'POST', url: '/v1/push', headers: { ...bearer(token), ...headers }, payload: body as object });
  const pushChanges = (w: World, token: string, clientId: string, changes: Change[]) => push(w, token, { clientId, schemaVersion: 1, changes });
  const pull = (w: World, token: string, councilId: string, cursor = 0, limit?: number) =>
    w.app.inject({ method: 'POST', url: '/v1/pull', headers: bearer(token), payload: { councilId, cursor, ...(limit ? { limit } : {}) } });

  /** Every refusal must leave the store exactly as it was. */
  async function expectRefused(w: World, res: { statusCode: number; json: () => unknown }, status: number, error: string, message?: RegExp) {
    expect(res.statusCode).toBe(status);
    const body = res.json() as { error: string; message: string };
    expect(body.error).toBe(error);
    expect(typeof body.message).toBe('string');
    if (message) expect(body.message).toMatch(message);
  }

  describe('health and enrollment', () => {
    it('answers /health without auth', async () => {
      const w = await world();
      const res = await w.app.inject({ method: 'GET', url: '/health' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ ok: true });
    });

    it('enrolls with a one-time code and returns the account councils', async () => {
      const w = await world();
      const acc = await w.store.createAccount('Robin');
      await w.store.addMember(acc.id, w.councilB);
      const code = await issueCode(w.store, acc.id);
      // People retype codes: lower case and without dashes still works.
      const typed = code.toLowerCase().replace(/-/g, ' ');
      const res = await w.app.inject({ method: 'POST', url: '/v1/enroll', payload: { code: typed, deviceName: 'Clinic PC' } });
      expect(res.statusCode).toBe(200);
      const body = res.json() as EnrollResponse;
      expect(body.accountId).toBe(acc.id);
      expect(body.councils).toEqual([{ id: w.councilB, name: 'Hawaii Local' }]);
      expect(body.token).toMatch(/^cgd_[A-Za-z0-9_-]{43}$/);
      const again = await w.app.inject({ method: 'POST', url: '/v1/enroll', payload: { code, deviceName: 'Second PC' } });
      await expectRefused(w, again, 401, 'invalid_enrollment_code');
      expect((await w.store.listDevices(acc.id)).map((d) => d.name)).toEqual(['Clinic PC']);
    });

    it('refuses expired, unknown and malformed codes', async () => {
      const w = await world();
      const acc = await w.store.createAccount('Robin');
      const expired = await issueCode(w.store, acc.id, 1000, nowMs() - 10_000);
      await expectRefused(
        w,
        await w.app.inject({ method: 'POST', url: '/v1/enroll', payload: { code: expired, deviceName: 'x' } }),
        401,
        'invalid_enrollment_code',
      );
      await expectRefused(
        w,
        await w.app.inject({ method: 'POST', url: '/v1/enroll', payload: { code: 'AAAA-BBBB-CCCC-DDDD', deviceName: 'x' } }),
        401,
        'invalid_enrollment_code',
      );
      await expectRefused(w, await w.app.inject({ method: 'POST', url: '/v1/enroll', payload: { code: 'AAAA-BBBB' } }), 400, 'bad_request', /deviceName/);
      expect(await w.store.listDevices(acc.id)).toEqual([]);
    });

    if (backend.name === 'sqlite') {
      it('stores tokens and codes only as hashes', async () => {
        const w = await world();
        const acc = await w.store.createAccount('Robin');
        const unused = await issueCode(w.store, acc.id);
        const used = await issueCode(w.store, acc.id);
        const res = await w.app.inject({ method: 'POST', url: '/v1/enroll', payload: { code: used, deviceName: 'x' } });
        const token = (res.json() as EnrollResponse).token;
        await w.store.close();
        const dir = dirname((w.store as unknown as { db: { name: string } }).db.name);
        const bytes = readdirSync(dir)
          .map((f) => readFileSync(`${dir}/${f}`).toString('latin1'))
          .join('');
        for (const secret of [token, token.slice(4), unused, used, unused.replace(/-/g, '')]) expect(bytes.includes(secret)).toBe(false);
      });
    }
  });

  describe('push and pull', () => {
    it('round-trips changes with per-council sequence numbers and paged cursors', async () => {
      const w = await world();
      const changes = Array.from({ length: 7 }, (_, i) => change(CLIENT_1, w.councilA, { rowId: `r${i}`, value: { n: i, text: 'é' } }));
      const res = await pushChanges(w, w.devA.token, CLIENT_1, changes);
      expect(res.statusCode).toBe(200);
      const body = PushResponse.parse(res.json());
      expect(body.acked).toEqual(changes.map((c) => c.opId));
      expect(body.rejected).toEqual([]);

      // A change in the other council has its own sequence.
      const other = change(CLIENT_2, w.councilB);
      expect((await pushChanges(w, w.devB.token, CLIENT_2, [other])).statusCode).toBe(200);

      const pages: PullResponse[] = [];
      let cursor = 0;
      for (;;) {
        const r = await pull(w, w.devA2.token, w.councilA, cursor, 3);
        expect(r.statusCode).toBe(200);
        const page = PullResponse.parse(r.json());
        pages.push(page);
        cursor = page.nextCursor;
        if (!page.hasMore) break;
      }
      expect(pages.map((p) => p.changes.length)).toEqual([3, 3, 1]);
      // Every page says how far the council's log goes, so a client can show progress.
      expect(pages.map((p) => p.lastSeq)).toEqual([7, 7, 7]);
      const pulled = pages.flatMap((p) => p.changes);
      expect(pulled.map((c) => c.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(pulled.map(({ seq: _s, ...c }) => c)).toEqual(changes);
      expect(cursor).toBe(7);

      const empty = PullResponse.parse((await pull(w, w.devA.token, w.councilA, cursor)).json());
      expect(empty).toMatchObject({ changes: [], nextCursor: 7, hasMore: false, lastSeq: 7 });

      const viaGet = await w.app.inject({ method: 'GET', url: `/v1/pull?councilId=${w.councilB}&cursor=0&limit=10`, headers: bearer(w.devB.token) });
      expect(PullResponse.parse(viaGet.json()).changes.map((c) => [c.seq, c.opId])).toEqual([[1, other.opId]]);
    });

    it('answers a packed page when asked: the same changes in a fraction of the bytes', async () => {
      const w = await world();
      // A create (a change per field) of several rows, some edits, a tombstone, a row of another writer.
      const changes: Change[] = [];
      for (let r = 0; r < 12; r++) {
        for (let f = 0; f < 6; f++)
          changes.push(change(CLIENT_1, w.councilA, { rowId: `row-${r}`, field: `field${f}`, value: `value ${r}.${f} é`, counter: changes.length }));
      }
      changes.push(change(CLIENT_1, w.councilA, { rowId: 'row-3', field: 'field1', value: 'edited', baseHlc: changes[19]!.hlc, counter: changes.length }));
      changes.push(
        change(CLIENT_1, w.councilA, {
          rowId: 'row-4',
          field: '_deleted',
          value: { deleted: true, seen: { field0: changes[24]!.hlc } },
          counter: changes.length,
        }),
      );
      expect((await pushChanges(w, w.devA.token, CLIENT_1, changes)).statusCode).toBe(200);
      expect(
        (await pushChanges(w, w.devA2.token, CLIENT_2, [change(CLIENT_2, w.councilA, { rowId: 'row-0', field: 'field2', value: 7, wall: T0 + 5_000 })]))
          .statusCode,
      ).toBe(200);

      const plain = await pull(w, w.devA2.token, w.councilA, 0, 50);
      const packed = await w.app.inject({
        method: 'POST',
        url: '/v1/pull',
        headers: bearer(w.devA2.token),
        payload: { councilId: w.councilA, cursor: 0, limit: 50, format: 'packed' },
      });
      expect(packed.statusCode).toBe(200);
      const body = packed.json() as Record<string, unknown>;
      expect(body).not.toHaveProperty('changes');
      expect(body).toHaveProperty('packed');
      const read = pullResponseReader(w.councilA).safeParse(body);
      expect(read.success).toBe(true);
      expect({ ...read.data, serverTime: 0 }).toEqual({ ...PullResponse.parse(plain.json()), serverTime: 0 });
      expect(packed.body.length).toBeLessThan(plain.body.length / 2);

      // The second page, and GET, behave the same.
      const rest = await w.app.inject({
        method: 'GET',
        url: `/v1/pull?councilId=${w.councilA}&cursor=50&limit=50&format=packed`,
        headers: bearer(w.devA2.token),
      });
      const restPage = pullResponseReader(w.councilA).safeParse(rest.json());
      expect(restPage.data?.changes.map((c) => c.seq)).toEqual(Array.from({ length: 25 }, (_, i) => 51 + i));
      expect(restPage.data?.changes.at(-1)).toMatchObject({ clientId: CLIENT_2, rowId: 'row-0', field: 'field2', value: 7 });
      expect(restPage.data).toMatchObject({ hasMore: false, nextCursor: 75, lastSeq: 75 });

      const badFormat = await w.app.inject({
        method: 'POST',
        url: '/v1/pull',
        headers: bearer(w.devA2.token),
        payload: { councilId: w.councilA, format: 'zip' },
      });
      expect(badFormat.statusCode).toBe(400);
      expect(badFormat.json().message).toMatch(/^format:/);
    });

    it('with compress: compresses large answers for clients that accept it, and never decompresses a request', async () => {
      const w = await world({}, undefined, { compress: true });
      const changes = Array.from({ length: 300 }, (_, i) =>
        change(CLIENT_1, w.councilA, { rowId: `row-${i}`, value: `Staffing huddle notes ${i}`, counter: i }),
      );
      expect((await pushChanges(w, w.devA.token, CLIENT_1, changes)).statusCode).toBe(200);
      const payload = { councilId: w.councilA, limit: 1000, format: 'packed' };
      const plain = await w.app.inject({ method: 'POST', url: '/v1/pull', headers: bearer(w.devA.token), payload });
      expect(plain.headers['content-encoding']).toBeUndefined();
      // Without the option (the default) nothing is compressed, whatever the client accepts.
      const byDefault = await buildServer({ store: w.store, logger: false, limits: { rateLimit: false, enrollRateLimit: false } });
      const uncompressed = await byDefault.inject({
        method: 'POST',
        url: '/v1/pull',
        headers: { ...bearer(w.devA.token), 'accept-encoding': 'br, gzip' },
        payload,
      });
      await byDefault.close();
      expect(uncompressed.statusCode).toBe(200);
      expect(uncompressed.headers['content-encoding']).toBeUndefined();
      expect(uncompressed.rawPayload.length).toBeGreaterThan(16 * 1024);
      for (const [encoding, decode] of [
        ['br', brotliDecompressSync],
        ['gzip', gunzipSync],
      ] as const) {
        const res = await w.app.inject({ method: 'POST', url: '/v1/pull', headers: { ...bearer(w.devA.token), 'accept-encoding': encoding }, payload });
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-encoding']).toBe(encoding);
        expect(res.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
        const body = JSON.parse(decode(res.rawPayload).toString('utf8')) as { packed: unknown; serverTime: number };
        expect({ ...body, serverTime: 0 }).toEqual({ ...(plain.json() as object), serverTime: 0 });
      }
      // Small answers are not worth it.
      const empty = await w.app.inject({
        method: 'POST',
        url: '/v1/pull',
        headers: { ...bearer(w.devA.token), 'accept-encoding': 'br' },
        payload: { ...payload, cursor: 300 },
      });
      expect(empty.headers['content-encoding']).toBeUndefined();
      // A compressed request body is not unpacked (no zip bombs under the body limit): refused, nothing stored.
      const zipped = await w.app.inject({
        method: 'POST',
        url: '/v1/push',
        headers: { ...bearer(w.devA.token), 'content-type': 'application/json', 'content-encoding': 'gzip' },
        payload: gzipSync(JSON.stringify({ clientId: CLIENT_1, schemaVersion: 1, changes: [change(CLIENT_1, w.councilA, { rowId: 'zipped' })] })),
      });
      expect(zipped.statusCode).toBe(400);
      expect(await w.store.countChanges()).toBe(300);
    });

    it('keeps fields and tables it does not know, as opaque pairs', async () => {
      const w = await world();
      const future = change(CLIENT_1, w.councilA, { table: 'rimProjectsV9', field: 'someNewField', value: { nested: [1, { deep: true }] } });
      expect((await pushChanges(w, w.devA.token, CLIENT_1, [future])).statusCode).toBe(200);
      const page = PullResponse.parse((await pull(w, w.devA.token, w.councilA)).json());
      expect(page.changes[0]).toMatchObject({ table: 'rimProjectsV9', field: 'someNewField', value: { nested: [1, { deep: true }] } });
    });

    it('accepts an empty push (clock handshake)', async () => {
      const w = await world();
      const res = await pushChanges(w, w.devA.token, CLIENT_1, []);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ acked: [], rejected: [] });
    });

    it('allocates gap-free sequences under concurrent pushes, also from a second server on the same database', async () => {
      const w = await world();
      const store2 = await backend.reopen();
      const app2 = await buildServer({ store: store2, limits: { rateLimit: false } });
      open.push({ app: app2, store: store2 });
      const clients = Array.from({ length: 8 }, (_, i) => `0198c3f0-0000-7000-8000-0000000001${String(i).padStart(2, '0')}`);
      const tokens = [w.devA.token, w.devA2.token, w.devAB.token];
      // Each clientId is bound to the device that first pushes it, so give each client one device.
      const deviceOf = clients.map((_, i) => tokens[i % tokens.length]!);
      const sent: Change[] = [];
      await Promise.all(
        clients.map(async (clientId, i) => {
          for (let round = 0; round < 3; round++) {
            const batch = Array.from({ length: 10 }, (_, k) => change(clientId, w.councilA, { rowId: `c${i}-r${round}-${k}` }));
            sent.push(...batch);
            const target = (i + round) % 2 === 0 ? w.app : app2;
            const res = await target.inject({
              method: 'POST',
              url: '/v1/push',
              headers: bearer(deviceOf[i]!),
              payload: { clientId, schemaVersion: 1, changes: batch },
            });
            expect(res.statusCode, res.body).toBe(200);
          }
        }),
      );
      const page = PullResponse.parse((await pull(w, w.devA.token, w.councilA, 0, 1000)).json());
      expect(page.changes.map((c) => c.seq)).toEqual(Array.from({ length: sent.length }, (_, i) => i + 1));
      expect(new Set(page.changes.map((c) => c.opId))).toEqual(new Set(sent.map((c) => c.opId)));
      // Each client's changes keep their push order.
      for (const clientId of clients) {
        const mine = page.changes.filter((c) => c.clientId === clientId).map((c) => c.opId);
        expect(mine).toEqual(sent.filter((c) => c.clientId === clientId).map((c) => c.opId));
      }
    });

    it('keeps a push that failed half-way out entirely, and takes the retry', async () => {
      const w = await world();
      const batch = Array.from({ length: 5 }, (_, i) => change(CLIENT_1, w.councilA, { rowId: `r${i}` }));
      w.store.hooks.beforePushCommit = () => {
        throw new Error('simulated crash before commit');
      };
      const res = await pushChanges(w, w.devA.token, CLIENT_1, batch);
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({ error: 'internal', message: 'internal server error' });
      expect(await w.store.countChanges()).toBe(0);
      w.store.hooks.beforePushCommit = undefined;
      expect((await pushChanges(w, w.devA.token, CLIENT_1, batch)).statusCode).toBe(200);
      expect(await w.store.countChanges()).toBe(5);
      const page = PullResponse.parse((await pull(w, w.devA.token, w.councilA)).json());
      expect(page.changes.map((c) => c.seq)).toEqual([1, 2, 3, 4, 5]);
    });

    it('serves real HTTP on 127.0.0.1 with port 0', async () => {
      const w = await world();
      await w.app.listen({ host: '127.0.0.1', port: 0 });
      const { port } = w.app.server.address() as { port: number };
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(health.status).toBe(200);
      const c = change(CLIENT_1, w.councilA);
      const res = await fetch(`http://127.0.0.1:${port}/v1/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer(w.devA.token) },
        body: JSON.stringify({ clientId: CLIENT_1, schemaVersion: 1, changes: [c] }),
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { acked: string[] }).acked).toEqual([c.opId]);
    });
  });

  describe('adversarial requests change nothing', () => {
    it('duplicate pushes are acknowledged again and stored once', async () => {
      const w = await world();
      const batch = [change(CLIENT_1, w.councilA), change(CLIENT_1, w.councilA, { field: 'location', value: 'Room 4' })];
      const first = PushResponse.parse((await pushChanges(w, w.devA.token, CLIENT_1, batch)).json());
      const count = await w.store.countChanges();
      const second = PushResponse.parse((await pushChanges(w, w.devA.token, CLIENT_1, batch)).json());
      const doubled = PushResponse.parse((await pushChanges(w, w.devA.token, CLIENT_1, [...batch, ...batch])).json());
      expect(second.acked).toEqual(first.acked);
      expect(doubled.acked).toEqual(first.acked);
      expect(await w.store.countChanges()).toBe(count);
      expect(PullResponse.parse((await pull(w, w.devA.token, w.councilA)).json()).nextCursor).toBe(2);
    });

    it('replayed old changes after newer ones get no new sequence number', async () => {
      const w = await world();
      const old = change(CLIENT_1, w.councilA, { value: 'old' });
      await pushChanges(w, w.devA.token, CLIENT_1, [old]);
      await pushChanges(w, w.devA.token, CLIENT_1, [change(CLIENT_1, w.councilA, { value: 'new', baseHlc: old.hlc, wall: nowMs() + 5 })]);
      const count = await w.store.countChanges();
      const replay = await pushChanges(w, w.devA.token, CLIENT_1, [old]);
      expect(PushResponse.parse(replay.json()).acked).toEqual([old.opId]);
      expect(await w.store.countChanges()).toBe(count);
      const page = PullResponse.parse((await pull(w, w.devA.token, w.councilA)).json());
      expect(page.changes.map((c) => [c.seq, c.value])).toEqual([
        [1, 'old'],
        [2, 'new'],
      ]);
    });

    it('an opId reused with different content is rejected, not acknowledged', async () => {
      const w = await world();
      const original = change(CLIENT_1, w.councilA, { value: 'original' });
      await pushChanges(w, w.devA.token, CLIENT_1, [original]);
      const count = await w.store.countChanges();
      // Same client, tampered value; and another device trying to pre-empt the opId.
      const tampered = { ...original, value: 'tampered' };
      const r1 = PushResponse.parse((await pushChanges(w, w.devA.token, CLIENT_1, [tampered])).json());
      expect(r1.acked).toEqual([]);
      expect(r1.rejected).toEqual([{ opId: original.opId, reason: 'op_id_conflict', message: expect.any(String) }]);
      const stolen = change(CLIENT_3, w.councilA, { opId: original.opId });
      const r2 = PushResponse.parse((await pushChanges(w, w.devAB.token, CLIENT_3, [stolen])).json());
      expect(r2.rejected.map((r) => r.opId)).toEqual([original.opId]);
      expect(await w.store.countChanges()).toBe(count);
    });

    it('a batch with ANY change for a council the account is not in is refused whole', async () => {
      const w = await world();
      const batch = [change(CLIENT_1, w.councilA), change(CLIENT_1, w.councilB), change(CLIENT_1, w.councilA)];
      await expectRefused(w, await pushChanges(w, w.devA.token, CLIENT_1, batch), 403, 'not_member', /^changes\.1\.councilId/);
      const unknownCouncil = change(CLIENT_1, '0198c3f0-0000-7000-8000-00000000dead');
      await expectRefused(w, await pushChanges(w, w.devA.token, CLIENT_1, [unknownCouncil]), 403, 'not_member');
      expect(await w.store.countChanges()).toBe(0);
      await expectRefused(w, await pull(w, w.devA.token, w.councilB), 403, 'not_member');
      await expectRefused(w, await pull(w, w.devA.token, unknownCouncil.councilId), 403, 'not_member');
    });

    it('a row cannot be moved into another council by tagging it differently', async () => {
      const w = await world();
      await pushChanges(w, w.devAB.token, CLIENT_3, [change(CLIENT_3, w.councilA, { rowId: 'shared-row' })]);
      const count = await w.store.countChanges();
      const other = change(CLIENT_3, w.councilB, { rowId: 'other' });
      const moved = change(CLIENT_3, w.councilB, { rowId: 'shared-row' });
      // Refused change by change: the honest change beside it is stored, the move is not.
      const res = PushResponse.parse((await pushChanges(w, w.devAB.token, CLIENT_3, [other, moved])).json());
      expect(res.acked).toEqual([other.opId]);
      expect(res.rejected).toEqual([{ opId: moved.opId, reason: 'not_owner', message: expect.stringMatching(/another council/) }]);
      expect(await w.store.countChanges()).toBe(count + 1);
      const pageB = PullResponse.parse((await pull(w, w.devB.token, w.councilB)).json());
      expect(pageB.changes.map((c) => c.rowId)).toEqual(['other']);
    });

    it('forged client ids are refused: one bound to another device, or changes under another client id', async () => {
      const w = await world();
      await pushChanges(w, w.devA.token, CLIENT_1, [change(CLIENT_1, w.councilA)]);
      const count = await w.store.countChanges();
      // Same account, other device, reusing CLIENT_1.
      await expectRefused(w, await pushChanges(w, w.devA2.token, CLIENT_1, [change(CLIENT_1, w.councilA)]), 403, 'client_id_mismatch');
      // Empty batch still binds nothing for the forger.
      await expectRefused(w, await pushChanges(w, w.devAB.token, CLIENT_1, []), 403, 'client_id_mismatch');
      // A change claiming to be from another client inside one's own push.
      const res = await pushChanges(w, w.devA2.token, CLIENT_2, [change(CLIENT_2, w.councilA), change(CLIENT_1, w.councilA)]);
      await expectRefused(w, res, 403, 'client_id_mismatch', /^changes\.1\.clientId/);
      expect(await w.store.countChanges()).toBe(count);
    });

    it('oversized bodies get 413', async () => {
      const w = await world({ bodyLimitBytes: 20_000 });
      const big = Array.from({ length: 60 }, () => change(CLIENT_1, w.councilA, { value: 'x'.repeat(400) }));
      await expectRefused(w, await pushChanges(w, w.devA.token, CLIENT_1, big), 413, 'payload_too_large');
      // Without a valid token the body is never read: 401, not 413.
      await expectRefused(w, await pushChanges(w, `cgd_${'B'.repeat(43)}`, CLIENT_1, big), 401, 'unauthorized');
      expect(await w.store.countChanges()).toBe(0);
    });

    it('too many changes in one batch get 400', async () => {
      const w = await world({ maxBatch: 3 });
      const batch = Array.from({ length: 4 }, () => change(CLIENT_1, w.councilA));
      await expectRefused(w, await pushChanges(w, w.devA.token, CLIENT_1, batch), 400, 'bad_request', /at most 3/);
      expect(await w.store.countChanges()).toBe(0);
    });

    it('malformed and schema-invalid bodies get 400 naming the problem', async () => {
      const w = await world();
      const raw = (payload: string, type = 'application/json') =>
        w.app.inject({ method: 'POST', url: '/v1/push', headers: { ...bearer(w.devA.token), 'content-type': type }, payload });
      await expectRefused(w, await raw('{"clientId": '), 400, 'invalid_json');
      await expectRefused(w, await raw(''), 400, 'invalid_json');
      await expectRefused(w, await raw('{"__proto__": {"x": 1}}'), 400, 'invalid_json');
      await expectRefused(w, await raw('clientId=1', 'text/plain'), 415, 'unsupported_media_type');
      const good = change(CLIENT_1, w.councilA);
      const cases: Array<[unknown, RegExp]> = [
        [{ clientId: CLIENT_1, changes: [good] }, /^schemaVersion:/],
        [{ clientId: 'me', schemaVersion: 1, changes: [good] }, /^clientId: must be a UUID/],
        [{ clientId: CLIENT_1, schemaVersion: 1, changes: [{ ...good, hlc: 'tomorrow' }] }, /^changes\.0\.hlc: must be a hybrid logical clock timestamp/],
        [{ clientId: CLIENT_1, schemaVersion: 1, changes: [good, { ...good, opId: undefined }] }, /^changes\.1\.opId/],
        [{ clientId: CLIENT_1, schemaVersion: 1, changes: [{ ...good, field: '_deleted', value: 'yes' }] }, /^changes\.0\.value: must be a tombstone/],
        [
          { clientId: CLIENT_1, schemaVersion: 1, changes: [{ ...good, baseHlc: encodeHlc({ wall: nowMs() + 60_000, counter: 0, clientId: CLIENT_1 }) }] },
          /^changes\.0\.baseHlc: must be older than hlc/,
        ],
        [[1, 2, 3], /expected object/],
      ];
      for (const [body, message] of cases) await expectRefused(w, await push(w, w.devA.token, body), 400, 'bad_request', message);
      const badPull = await w.app.inject({ method: 'POST', url: '/v1/pull', headers: bearer(w.devA.token), payload: { councilId: w.councilA, cursor: -1 } });
      await expectRefused(w, badPull, 400, 'bad_request', /^cursor:/);
      expect(await w.store.countChanges()).toBe(0);
    });

    it('missing, invalid and revoked tokens get 401', async () => {
      const w = await world();
      const body = { clientId: CLIENT_1, schemaVersion: 1, changes: [change(CLIENT_1, w.councilA)] };
      const noAuth = await w.app.inject({ method: 'POST', url: '/v1/push', payload: body });
      await expectRefused(w, noAuth, 401, 'unauthorized');
      await expectRefused(
        w,
        await w.app.inject({ method: 'POST', url: '/v1/push', headers: { authorization: 'Basic abc' }, payload: body }),
        401,
        'unauthorized',
      );
      await expectRefused(w, await push(w, `cgd_${'A'.repeat(43)}`, body), 401, 'unauthorized');
      await expectRefused(w, await push(w, w.devA.token.slice(0, -1), body), 401, 'unauthorized');
      expect(await w.store.revokeDevice(w.devA.deviceId, nowMs())).toBe(true);
      await expectRefused(w, await push(w, w.devA.token, body), 401, 'unauthorized', /invalid or revoked/);
      await expectRefused(w, await pull(w, w.devA.token, w.councilA), 401, 'unauthorized');
      // The account's other device is unaffected.
      expect((await pull(w, w.devA2.token, w.councilA)).statusCode).toBe(200);
      expect(await w.store.countChanges()).toBe(0);
    });

    it('an outdated client is told to update (426) and nothing is stored', async () => {
      const w = await world();
      const oldVersion = MIN_SUPPORTED_SCHEMA_VERSION - 1;
      // An old client may send a body today's schema would not accept; it still hears "update".
      const res = await push(w, w.devA.token, { clientId: CLIENT_1, schemaVersion: oldVersion, changes: [{ legacy: true }] });
      await expectRefused(w, res, 426, 'client_outdated', /update/);
      expect((res.json() as { minSchemaVersion: number }).minSchemaVersion).toBe(MIN_SUPPORTED_SCHEMA_VERSION);
      const pullRes = await w.app.inject({ method: 'GET', url: `/v1/pull?councilId=${w.councilA}&schemaVersion=${oldVersion}`, headers: bearer(w.devA.token) });
      expect(pullRes.statusCode).toBe(426);
      expect(await w.store.countChanges()).toBe(0);
    });

    it('timestamps too far in the future get 400 clock_ahead with the server time', async () => {
      let serverNow = nowMs();
      const w = await world({ maxFutureMs: 5 * 60_000 }, () => serverNow);
      const ahead = change(CLIENT_1, w.councilA, { wall: serverNow + 86_400_000 });
      const res = await pushChanges(w, w.devA.token, CLIENT_1, [change(CLIENT_1, w.councilA), ahead]);
      await expectRefused(w, res, 400, 'clock_ahead', /^changes\.1\.hlc/);
      expect(res.json()).toMatchObject({ serverTime: serverNow, maxFutureMs: 300_000 });
      expect(await w.store.countChanges()).toBe(0);
      // A day later on the server clock, the same change is fine.
      serverNow += 86_400_000;
      expect((await pushChanges(w, w.devA.token, CLIENT_1, [ahead])).statusCode).toBe(200);
    });

    it('too many requests get 429, counted per token', async () => {
      const w = await world({ rateLimit: { max: 3, timeWindowMs: 60_000 } });
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await pull(w, w.devA.token, w.councilA)).statusCode);
      expect(codes).toEqual([200, 200, 200, 429, 429]);
      const limited = await pushChanges(w, w.devA.token, CLIENT_1, [change(CLIENT_1, w.councilA)]);
      await expectRefused(w, limited, 429, 'rate_limited');
      expect((await pull(w, w.devA2.token, w.councilA)).statusCode).toBe(200);
      expect(await w.store.countChanges()).toBe(0);
    });

    it('rate-limits enrollment attempts per IP', async () => {
      // The fixture itself enrolls 4 devices from the same address.
      const w = await world({ enrollRateLimit: { max: 6, timeWindowMs: 60_000 } });
      const codes: number[] = [];
      for (let i = 0; i < 4; i++)
        codes.push((await w.app.inject({ method: 'POST', url: '/v1/enroll', payload: { code: 'AAAA-BBBB-CCCC-DDDD', deviceName: 'x' } })).statusCode);
      expect(codes).toEqual([401, 401, 429, 429]);
    });

    it('unknown endpoints get 404 in the error shape', async () => {
      const w = await world();
      const res = await w.app.inject({ method: 'GET', url: '/v1/nothing' });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: 'not_found' });
    });
  });

  describe('logs', () => {
    it('never contain tokens, codes or the Authorization header', async () => {
      const w = await world();
      const acc = await w.store.createAccount('Robin');
      await w.store.addMember(acc.id, w.councilA);
      const code = await issueCode(w.store, acc.id);
      const res = await w.app.inject({ method: 'POST', url: '/v1/enroll', payload: { code, deviceName: 'x' } });
      const token = (res.json() as EnrollResponse).token;
      await pushChanges(w, token, CLIENT_1, [change(CLIENT_1, w.councilA)]);
      await push(w, 'cgd_not-a-real-token-but-long-enough', {});
      const text = w.logs.join('');
      expect(text).toContain('"msg":"push"');
      for (const secret of [token, code, code.replace(/-/g, ''), w.devA.token, 'cgd_not-a-real-token']) expect(text).not.toContain(secret);
      expect(text.toLowerCase()).not.toContain('bearer');
    });

    it('redacts secrets even if a log call passes them', () => {
      const lines: string[] = [];
      const logger = createLogger({ destination: new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }) });
      logger.info(
        { req: { headers: { authorization: 'Bearer cgd_secret1' } }, token: 'cgd_secret2', device: { token: 'cgd_secret3' }, body: { code: 'CODE-1234' } },
        'oops',
      );
      expect(lines.join('')).not.toMatch(/cgd_secret|CODE-1234/);
      expect(lines.join('')).toContain('[redacted]');
    });
  });

  describe('admin CLI', () => {
    it('creates councils, accounts and members, issues a one-time code, lists and revokes devices', async () => {
      const w = await world();
      const out: string[] = [];
      const err: string[] = [];
      const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
      // Reuse the test's store; the CLI closes what it opens, so hand it a handle whose close is a no-op.
      const handle = () => Promise.resolve(Object.assign(Object.create(w.store) as Store, { close: async () => undefined }));
      const admin = async (...argv: string[]) => {
        out.length = 0;
        const code = await runAdmin(argv, {}, io, handle);
        return { code, text: out.join('\n') };
      };
      const council = (await admin('create-council', 'Colorado', 'Regional')).text.trim();
      expect((await w.store.listCouncils()).find((c) => c.id === council)?.name).toBe('Colorado Regional');
      const account = (await admin('create-account', 'Alex')).text.trim();
      expect((await admin('add-member', account, council)).code).toBe(0);
      expect((await admin('add-member', account, '0198c3f0-0000-7000-8000-00000000dead')).code).toBe(1);
      const issued = await admin('issue-enrollment-code', account, '--ttl-hours', '2');
      const code = issued.text.split('\n')[0]!;
      expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      const res = await w.app.inject({ method: 'POST', url: '/v1/enroll', payload: { code, deviceName: 'Alex laptop' } });
      expect(res.statusCode).toBe(200);
      const enrolled = res.json() as EnrollResponse;
      expect(enrolled.councils.map((c) => c.id)).toEqual([council]);
      const listed = await admin('list-devices', '--account', account, '--json');
      expect(JSON.parse(listed.text)).toEqual([expect.objectContaining({ id: enrolled.deviceId, name: 'Alex laptop', revokedAt: null })]);
      expect((await admin('revoke-device', enrolled.deviceId)).code).toBe(0);
      expect((await admin('revoke-device', enrolled.deviceId)).code).toBe(1);
      expect((await pull(w, enrolled.token, council)).statusCode).toBe(401);
      expect((await admin('bogus')).code).toBe(2);
      expect((await admin('add-member', account)).code).toBe(2);
      expect((await admin('issue-enrollment-code', account, '--ttl-hours', '-1')).code).toBe(2);
    });
  });
});
