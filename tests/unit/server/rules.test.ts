/**
 * The server enforces the shared sync registry (src/shared/sync/appRegistry.ts), on SQLite and
 * PostgreSQL: each case of the probe that found the holes (issue "Sync that no member can break")
 * with the answer it gets now. Two councils, three accounts: Pat (council A), Sam (council B),
 * Lee (both).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_VALUE_BYTES, PullResponse, PushResponse, type Change, type EnrollResponse } from '@shared/sync/protocol';
import { buildServer, type ServerLimits } from '../../../server/app';
import type { Store } from '../../../server/store';
import { CHANGE_OVERHEAD_BYTES } from '../../../server/store/common';
import { backends, bearer, change, enroll, issueCode, type Backend } from './helpers';
import { nowMs } from '@shared/clock';

const PAT_LAPTOP = '0198c3f0-0000-7000-8000-0000000000b1';
const SAM_LAPTOP = '0198c3f0-0000-7000-8000-0000000000b2';
const LEE_LAPTOP = '0198c3f0-0000-7000-8000-0000000000b3';
const PAT_SECOND = '0198c3f0-0000-7000-8000-0000000000b4';

interface World {
  store: Store;
  app: FastifyInstance;
  councilA: string;
  councilB: string;
  pat: EnrollResponse;
  patSecond: EnrollResponse;
  sam: EnrollResponse;
  lee: EnrollResponse;
}

describe.each(backends())('the server enforces the sync registry on $name', (backend: Backend) => {
  const open: Array<{ app: FastifyInstance; store: Store }> = [];
  beforeAll(() => backend.setup(), 60_000);
  afterAll(() => backend.teardown());
  afterEach(async () => {
    for (const w of open.splice(0)) {
      await w.app.close();
      await w.store.close();
    }
  });

  async function world(limits: Partial<ServerLimits> = {}): Promise<World> {
    const store = await backend.open();
    const app = await buildServer({ store, limits: { rateLimit: false, enrollRateLimit: false, authFailureLimit: false, ...limits } });
    open.push({ app, store });
    const councilA = (await store.createCouncil('Northwest Regional')).id;
    const councilB = (await store.createCouncil('Hawaii Local')).id;
    const pat = await store.createAccount('Pat Okafor');
    const sam = await store.createAccount('Sam Reyes');
    const lee = await store.createAccount('Lee Tanaka');
    await store.addMember(pat.id, councilA);
    await store.addMember(sam.id, councilB);
    await store.addMember(lee.id, councilA);
    await store.addMember(lee.id, councilB);
    return {
      store,
      app,
      councilA,
      councilB,
      pat: await enroll(app, store, pat.id, 'Pat laptop'),
      patSecond: await enroll(app, store, pat.id, 'Pat tablet'),
      sam: await enroll(app, store, sam.id, 'Sam laptop'),
      lee: await enroll(app, store, lee.id, 'Lee laptop'),
    };
  }

  const pushAs = async (w: World, token: string, clientId: string, changes: Change[]) => {
    const res = await w.app.inject({ method: 'POST', url: '/v1/push', headers: bearer(token), payload: { clientId, schemaVersion: 1, changes } });
    expect(res.statusCode, res.body).toBe(200);
    return PushResponse.parse(res.json());
  };
  const pullAll = async (w: World, token: string, councilId: string, limit = 1000) => {
    const pages: PullResponse[] = [];
    let cursor = 0;
    for (;;) {
      const res = await w.app.inject({ method: 'POST', url: '/v1/pull', headers: bearer(token), payload: { councilId, cursor, limit } });
      expect(res.statusCode, res.body).toBe(200);
      const page = PullResponse.parse(res.json());
      pages.push(page);
      cursor = page.nextCursor;
      if (!page.hasMore) return pages;
    }
  };

  /** An approved minutes version of council A, written by Pat's laptop in one push. */
  async function approvedVersion(w: World, rowId = 'version-1') {
    const fields = { meetingId: 'meeting-1', number: 1, markdown: '# Minutes as approved', approvedAt: '2026-11-20T10:00:00.000Z' };
    const changes = Object.entries(fields).map(([field, value], i) =>
      change(PAT_LAPTOP, w.councilA, { table: 'minutesVersions', rowId, field, value, wall: nowMs() - 60_000, counter: i }),
    );
    expect((await pushAs(w, w.pat.token, PAT_LAPTOP, changes)).acked).toHaveLength(changes.length);
    return changes;
  }

  describe('approved minutes (write-once) are never altered, from any laptop', () => {
    it('refuses an overwrite with no baseHlc, an edit, a delete and a new field from another member, per change with a reason', async () => {
      const w = await world();
      const version = await approvedVersion(w);
      const markdown = version.find((c) => c.field === 'markdown')!;
      const count = await w.store.countChanges();
      const forged = [
        change(LEE_LAPTOP, w.councilA, { table: 'minutesVersions', rowId: 'version-1', field: 'markdown', value: '# Rewritten', baseHlc: null }),
        change(LEE_LAPTOP, w.councilA, {
          table: 'minutesVersions',
          rowId: 'version-1',
          field: 'approvedAt',
          value: '2026-11-01T00:00:00.000Z',
          baseHlc: markdown.hlc,
        }),
        change(LEE_LAPTOP, w.councilA, { table: 'minutesVersions', rowId: 'version-1', field: '_deleted', value: { deleted: true, seen: {} } }),
        change(LEE_LAPTOP, w.councilA, { table: 'minutesVersions', rowId: 'version-1', field: 'amendmentReason', value: 'Added later' }),
      ];
      // An honest change in the same push still goes through.
      const honest = change(LEE_LAPTOP, w.councilA, { table: 'meetings', rowId: 'meeting-1', field: 'title', value: 'December council' });
      const res = await pushAs(w, w.lee.token, LEE_LAPTOP, [...forged, honest]);
      expect(res.acked).toEqual([honest.opId]);
      expect(res.rejected.map((r) => [r.opId, r.reason])).toEqual(forged.map((c) => [c.opId, 'write_once']));
      expect(res.rejected.map((r) => r.message)).toEqual([
        expect.stringMatching(/already written/),
        expect.stringMatching(/already written/),
        expect.stringMatching(/never deleted/),
        expect.stringMatching(/only the account that wrote/),
      ]);
      expect(await w.store.countChanges()).toBe(count + 1);
      const log = (await pullAll(w, w.pat.token, w.councilA)).flatMap((p) => p.changes);
      expect(log.filter((c) => c.table === 'minutesVersions').map((c) => c.opId)).toEqual(version.map((c) => c.opId));
    });

    it('refuses the same from the approving account itself (another laptop, or a later push), but lets it finish writing the row', async () => {
      const w = await world();
      await approvedVersion(w);
      const again = change(PAT_SECOND, w.councilA, { table: 'minutesVersions', rowId: 'version-1', field: 'markdown', value: '# Second thoughts' });
      expect((await pushAs(w, w.patSecond.token, PAT_SECOND, [again])).rejected.map((r) => r.reason)).toEqual(['write_once']);
      // A version too large for one push arrives in two: the same account adds its missing fields once.
      const late = change(PAT_LAPTOP, w.councilA, { table: 'minutesVersions', rowId: 'version-1', field: 'contentHash', value: 'abc123' });
      expect((await pushAs(w, w.pat.token, PAT_LAPTOP, [late])).acked).toEqual([late.opId]);
      const twice = change(PAT_LAPTOP, w.councilA, { table: 'minutesVersions', rowId: 'version-1', field: 'contentHash', value: 'abc124' });
      expect((await pushAs(w, w.pat.token, PAT_LAPTOP, [twice])).rejected.map((r) => r.reason)).toEqual(['write_once']);
      // A replay of what was stored is still acknowledged (an answer lost on the way).
      expect((await pushAs(w, w.pat.token, PAT_LAPTOP, [late])).acked).toEqual([late.opId]);
    });

    it('acknowledges the same value written again, from any account, and stores nothing: two laptops froze the same version', async () => {
      const w = await world();
      const at = '2026-11-20T10:00:00.000Z';
      const approvals = [{ side: 'union', name: 'Jordan Lee', approvedAt: at, recordedByAccount: { id: 'acc-1', name: 'Pat Okafor' } }];
      const fields: Record<string, Change['value']> = { meetingId: 'meeting-1', number: 1, markdown: '# Minutes as approved', approvals, createdAt: at };
      const version = Object.entries(fields).map(([field, value], i) =>
        change(PAT_LAPTOP, w.councilA, { table: 'minutesVersions', rowId: 'version-1', field, value, wall: nowMs() - 60_000, counter: i }),
      );
      expect((await pushAs(w, w.pat.token, PAT_LAPTOP, version)).acked).toHaveLength(version.length);
      const count = await w.store.countChanges();

      // Lee's laptop froze the same version: its own opIds and HLCs, the same values (an object's
      // keys in another order is the same value), and its own moment of freezing in createdAt.
      const reordered = approvals.map((a) => ({
        recordedByAccount: { name: a.recordedByAccount.name, id: a.recordedByAccount.id },
        approvedAt: a.approvedAt,
        name: a.name,
        side: a.side,
      }));
      const copy = Object.entries({ ...fields, approvals: reordered, createdAt: '2026-11-20T10:00:02.345Z' }).map(([field, value], i) =>
        change(LEE_LAPTOP, w.councilA, { table: 'minutesVersions', rowId: 'version-1', field, value, counter: i }),
      );
      const res = await pushAs(w, w.lee.token, LEE_LAPTOP, copy);
      expect(res.rejected).toEqual([]);
      expect(res.acked).toEqual(copy.map((c) => c.opId));
      expect(await w.store.countChanges()).toBe(count);
      // Again (the answer was lost), and from the approving account's other laptop: the same.
      expect((await pushAs(w, w.lee.token, LEE_LAPTOP, copy)).acked).toEqual(copy.map((c) => c.opId));
      const second = change(PAT_SECOND, w.councilA, { table: 'minutesVersions', rowId: 'version-1', field: 'markdown', value: '# Minutes as approved' });
      expect(await pushAs(w, w.patSecond.token, PAT_SECOND, [second])).toMatchObject({ acked: [second.opId], rejected: [] });
      expect(await w.store.countChanges()).toBe(count);
      const log = (await pullAll(w, w.pat.token, w.councilA)).flatMap((p) => p.changes);
      expect(log.filter((c) => c.table === 'minutesVersions').map((c) => c.opId)).toEqual(version.map((c) => c.opId));

      // A different value is still a forgery, and the copy made Lee no writer of the row.
      const forged = [
        change(LEE_LAPTOP, w.councilA, { table: 'minutesVersions', rowId: 'version-1', field: 'markdown', value: '# Minutes as approved ' }),
        change(LEE_LAPTOP, w.councilA, {
          table: 'minutesVersions',
          rowId: 'version-1',
          field: 'approvals',
          value: [{ ...approvals[0]!, name: 'Someone else' }],
        }),
        change(LEE_LAPTOP, w.councilA, { table: 'minutesVersions', rowId: 'version-1', field: 'amendmentReason', value: 'Added later' }),
      ];
      const same = change(LEE_LAPTOP, w.councilA, { table: 'minutesVersions', rowId: 'version-1', field: 'number', value: 1 });
      const mixed = await pushAs(w, w.lee.token, LEE_LAPTOP, [...forged, same]);
      expect(mixed.acked).toEqual([same.opId]);
      expect(mixed.rejected.map((r) => [r.opId, r.reason, r.message])).toEqual([
        [forged[0]!.opId, 'write_once', expect.stringMatching(/already written/)],
        [forged[1]!.opId, 'write_once', expect.stringMatching(/already written/)],
        [forged[2]!.opId, 'write_once', expect.stringMatching(/only the account that wrote/)],
      ]);
      expect(await w.store.countChanges()).toBe(count);

      // Within one push too: a new version's field written twice, the same value acknowledged, another refused.
      const fresh = (value: Change['value'], counter: number) =>
        change(PAT_LAPTOP, w.councilA, { table: 'minutesVersions', rowId: 'version-2', field: 'markdown', value, counter });
      const [first, again, other] = [fresh('# Version 2', 1), fresh('# Version 2', 2), fresh('# Version 2, changed', 3)];
      const within = await pushAs(w, w.pat.token, PAT_LAPTOP, [first, again, other]);
      expect(within.acked).toEqual([first.opId, again.opId]);
      expect(within.rejected.map((r) => [r.opId, r.reason])).toEqual([[other.opId, 'write_once']]);
      expect(await w.store.countChanges()).toBe(count + 1);
    });

    it('keeps refusing after a restart (what was written is stored, not remembered in memory)', async () => {
      const w = await world();
      const version = await approvedVersion(w);
      const store2 = await backend.reopen();
      const app2 = await buildServer({ store: store2, limits: { rateLimit: false, authFailureLimit: false } });
      open.push({ app: app2, store: store2 });
      const forged = change(LEE_LAPTOP, w.councilA, { table: 'minutesVersions', rowId: 'version-1', field: 'markdown', value: '# Rewritten' });
      const res = await app2.inject({
        method: 'POST',
        url: '/v1/push',
        headers: bearer(w.lee.token),
        payload: { clientId: LEE_LAPTOP, schemaVersion: 1, changes: [forged] },
      });
      expect(PushResponse.parse(res.json()).rejected.map((r) => r.reason)).toEqual(['write_once']);
      // What each field's value was is stored too: the same value is still acknowledged, and not stored.
      const markdown = version.find((c) => c.field === 'markdown')!;
      const copy = change(LEE_LAPTOP, w.councilA, { table: 'minutesVersions', rowId: 'version-1', field: 'markdown', value: markdown.value });
      const again = await app2.inject({
        method: 'POST',
        url: '/v1/push',
        headers: bearer(w.lee.token),
        payload: { clientId: LEE_LAPTOP, schemaVersion: 1, changes: [copy] },
      });
      expect(PushResponse.parse(again.json())).toMatchObject({ acked: [copy.opId], rejected: [] });
      expect((await pullAll(w, w.pat.token, w.councilA)).flatMap((p) => p.changes.map((c) => c.opId))).toEqual(version.map((c) => c.opId));
    });
  });

  describe('row ownership', () => {
    it("a member of council B cannot claim council A's own row, and A's members keep writing it", async () => {
      const w = await world();
      const claim = change(SAM_LAPTOP, w.councilB, { table: 'councils', rowId: w.councilA, field: 'name', value: 'Taken over' });
      const res = await pushAs(w, w.sam.token, SAM_LAPTOP, [claim]);
      expect(res.rejected).toEqual([{ opId: claim.opId, reason: 'not_owner', message: expect.stringMatching(/council's own row/) }]);
      const own = change(PAT_LAPTOP, w.councilA, { table: 'councils', rowId: w.councilA, field: 'name', value: 'Northwest Regional Council' });
      expect((await pushAs(w, w.pat.token, PAT_LAPTOP, [own])).acked).toEqual([own.opId]);
      expect((await pullAll(w, w.sam.token, w.councilB)).flatMap((p) => p.changes)).toEqual([]);
    });

    it("refuses rows of another council, and council fields or parents naming another council's rows", async () => {
      const w = await world();
      const meeting = change(PAT_LAPTOP, w.councilA, { table: 'meetings', rowId: 'meeting-a', field: 'bodyId', value: w.councilA });
      const team = change(PAT_LAPTOP, w.councilA, { table: 'teams', rowId: 'team-a', field: 'councilId', value: w.councilA });
      expect((await pushAs(w, w.pat.token, PAT_LAPTOP, [meeting, team])).acked).toHaveLength(2);
      const attempts = [
        // A's meeting, tagged with B.
        change(LEE_LAPTOP, w.councilB, { table: 'meetings', rowId: 'meeting-a', field: 'title', value: 'Mine now' }),
        // A new team of B that says it belongs to A.
        change(LEE_LAPTOP, w.councilB, { table: 'teams', rowId: 'team-b', field: 'councilId', value: w.councilA }),
        // A new agenda item in B under A's meeting, a new meeting in B of A's council and of A's team.
        change(LEE_LAPTOP, w.councilB, { table: 'agendaItems', rowId: 'item-b', field: 'meetingId', value: 'meeting-a' }),
        change(LEE_LAPTOP, w.councilB, { table: 'meetings', rowId: 'meeting-b1', field: 'bodyId', value: w.councilA }),
        change(LEE_LAPTOP, w.councilB, { table: 'meetings', rowId: 'meeting-b2', field: 'bodyId', value: 'team-a' }),
      ];
      const fine = change(LEE_LAPTOP, w.councilB, { table: 'meetings', rowId: 'meeting-b3', field: 'bodyId', value: w.councilB });
      const res = await pushAs(w, w.lee.token, LEE_LAPTOP, [...attempts, fine]);
      expect(res.acked).toEqual([fine.opId]);
      expect(res.rejected.map((r) => [r.opId, r.reason])).toEqual(attempts.map((c) => [c.opId, 'not_owner']));
      expect((await pullAll(w, w.sam.token, w.councilB)).flatMap((p) => p.changes.map((c) => c.rowId))).toEqual(['meeting-b3']);
    });
  });

  describe('pull pages are bounded in bytes', () => {
    it('pages through large values with pages of at most the byte limit, a larger value alone', async () => {
      const pageBytes = 64 * 1024;
      const w = await world({ pullPageBytes: pageBytes });
      const sizes = [30_000, 30_000, 30_000, 100_000, 5, 30_000, 900_000, 5, 5];
      for (const [i, n] of sizes.entries()) {
        const c = change(PAT_LAPTOP, w.councilA, { table: 'items', rowId: `big-${i}`, field: 'notes', value: 'é'.repeat(n / 2) });
        expect((await pushAs(w, w.pat.token, PAT_LAPTOP, [c])).acked).toEqual([c.opId]);
      }
      const pages = await pullAll(w, w.lee.token, w.councilA);
      const bytes = (p: PullResponse) => p.changes.reduce((n, c) => n + Buffer.byteLength(JSON.stringify(c.value)) + CHANGE_OVERHEAD_BYTES, 0);
      expect(pages.map((p) => p.changes.map((c) => c.rowId))).toEqual([
        ['big-0', 'big-1'],
        ['big-2'],
        ['big-3'],
        ['big-4', 'big-5'],
        ['big-6'],
        ['big-7', 'big-8'],
      ]);
      for (const p of pages) if (p.changes.length > 1) expect(bytes(p)).toBeLessThanOrEqual(pageBytes);
      expect(pages.map((p) => p.hasMore)).toEqual([true, true, true, true, true, false]);
      expect(pages.at(-1)!.nextCursor).toBe(sizes.length);
    });

    it('with the default 4 MiB pages, values of nearly 1 MiB page through four at a time, even when 1000 are asked for', async () => {
      const w = await world();
      const value = 'x'.repeat(MAX_VALUE_BYTES - 1000);
      for (let i = 0; i < 9; i++) {
        const c = change(PAT_LAPTOP, w.councilA, { table: 'items', rowId: `huge-${i}`, field: 'notes', value });
        expect((await pushAs(w, w.pat.token, PAT_LAPTOP, [c])).acked).toHaveLength(1);
      }
      const res = await w.app.inject({
        method: 'POST',
        url: '/v1/pull',
        headers: bearer(w.lee.token),
        payload: { councilId: w.councilA, limit: 1000, format: 'packed' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.length).toBeLessThanOrEqual(4 * 1024 * 1024);
      const pages = await pullAll(w, w.lee.token, w.councilA);
      expect(pages.map((p) => p.changes.length)).toEqual([4, 4, 1]);
    });
  });

  describe('rate limits and what answers reveal', () => {
    it('counts failed token lookups per address, not per invented token, and looks none up once the address is over', async () => {
      const w = await world({ authFailureLimit: { max: 5, timeWindowMs: 60_000 } });
      let lookups = 0;
      const lookup = w.store.deviceByTokenHash.bind(w.store);
      w.store.deviceByTokenHash = (hash) => {
        lookups++;
        return lookup(hash);
      };
      const codes: number[] = [];
      for (let i = 0; i < 20; i++) {
        const invented = `cgd_${String(i).padStart(43, 'Q')}`;
        const res = await w.app.inject({
          method: 'POST',
          url: '/v1/pull',
          headers: bearer(invented),
          payload: { councilId: w.councilA },
          remoteAddress: '203.0.113.9',
        });
        codes.push(res.statusCode);
      }
      expect(codes).toEqual([...Array<number>(5).fill(401), ...Array<number>(15).fill(429)]);
      expect(lookups).toBe(5);
      const blocked = await w.app.inject({
        method: 'POST',
        url: '/v1/pull',
        headers: bearer(w.pat.token),
        payload: { councilId: w.councilA },
        remoteAddress: '203.0.113.9',
      });
      expect(blocked.statusCode).toBe(429);
      expect(blocked.headers['retry-after']).toMatch(/^\d+$/);
      // Other addresses are not affected.
      const elsewhere = await w.app.inject({
        method: 'POST',
        url: '/v1/pull',
        headers: bearer(w.pat.token),
        payload: { councilId: w.councilA },
        remoteAddress: '198.51.100.4',
      });
      expect(elsewhere.statusCode).toBe(200);
    });

    it('counts failed enrollments with them', async () => {
      const w = await world({ authFailureLimit: { max: 3, timeWindowMs: 60_000 } });
      const account = await w.store.createAccount('Robin Mills');
      const good = await issueCode(w.store, account.id);
      const codes: number[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await w.app.inject({
          method: 'POST',
          url: '/v1/enroll',
          payload: { code: `AAAA-BBBB-CCCC-DDD${i}`, deviceName: 'x' },
          remoteAddress: '203.0.113.7',
        });
        codes.push(res.statusCode);
      }
      const res = await w.app.inject({ method: 'POST', url: '/v1/enroll', payload: { code: good, deviceName: 'x' }, remoteAddress: '203.0.113.7' });
      expect([...codes, res.statusCode]).toEqual([401, 401, 401, 429]);
      // The code was not spent by the refused attempt.
      const later = await w.app.inject({ method: 'POST', url: '/v1/enroll', payload: { code: good, deviceName: 'x' }, remoteAddress: '198.51.100.4' });
      expect(later.statusCode).toBe(200);
    });

    it("an opId of another council is a fresh op in the pusher's council: the answer says nothing about council A", async () => {
      const w = await world();
      const inA = change(PAT_LAPTOP, w.councilA, { rowId: 'row-a', value: 'In council A' });
      await pushAs(w, w.pat.token, PAT_LAPTOP, [inA]);
      const copied = change(SAM_LAPTOP, w.councilB, { rowId: 'row-b', opId: inA.opId, value: 'Copied opId' });
      const res = await pushAs(w, w.sam.token, SAM_LAPTOP, [copied]);
      expect(res).toMatchObject({ acked: [inA.opId], rejected: [] });
      // A made-up opId gets the same answer.
      const fresh = change(SAM_LAPTOP, w.councilB, { rowId: 'row-b', value: 'Fresh opId', wall: nowMs() + 10 });
      expect(await pushAs(w, w.sam.token, SAM_LAPTOP, [fresh])).toMatchObject({ acked: [fresh.opId], rejected: [] });
      expect((await pullAll(w, w.pat.token, w.councilA)).flatMap((p) => p.changes.map((c) => c.value))).toEqual(['In council A']);
      expect((await pullAll(w, w.sam.token, w.councilB)).flatMap((p) => p.changes.map((c) => c.value))).toEqual(['Copied opId', 'Fresh opId']);
    });
  });

  describe('re-enrollment', () => {
    it('a revoked laptop enrolled again pushes under a fresh client id; its old one stays bound to the revoked device', async () => {
      const w = await world();
      await pushAs(w, w.pat.token, PAT_LAPTOP, [change(PAT_LAPTOP, w.councilA, { rowId: 'before' })]);
      await w.store.revokeDevice(w.pat.deviceId, nowMs());
      const again = await enroll(w.app, w.store, (await w.store.listAccounts()).find((a) => a.name === 'Pat Okafor')!.id, 'Pat laptop');
      const old = await w.app.inject({
        method: 'POST',
        url: '/v1/push',
        headers: bearer(again.token),
        payload: { clientId: PAT_LAPTOP, schemaVersion: 1, changes: [change(PAT_LAPTOP, w.councilA, { rowId: 'after' })] },
      });
      expect(old.statusCode).toBe(403);
      expect(old.json()).toMatchObject({ error: 'client_id_mismatch', message: expect.stringMatching(/new client id/) });
      const fresh = '0198c3f0-0000-7000-8000-0000000000c1';
      expect((await pushAs(w, again.token, fresh, [change(fresh, w.councilA, { rowId: 'after' })])).acked).toHaveLength(1);
    });
  });

  describe('server stamps on approvals', () => {
    it('stamps each approval with the pushing account, replacing the previous stamp, and refuses a stamp from a laptop', async () => {
      const w = await world();
      const approval = ['side', 'name'].map((field, i) =>
        change(PAT_LAPTOP, w.councilA, { table: 'minutesApprovals', rowId: 'approval-1', field, value: field === 'side' ? 'union' : 'Jordan Lee', counter: i }),
      );
      await pushAs(w, w.pat.token, PAT_LAPTOP, approval);
      const stampOf = async () => (await pullAll(w, w.lee.token, w.councilA)).flatMap((p) => p.changes).filter((c) => c.field === 'recordedByAccount');
      const [first] = await stampOf();
      expect(first).toMatchObject({
        table: 'minutesApprovals',
        rowId: 'approval-1',
        value: { id: w.pat.accountId, name: 'Pat Okafor' },
        clientId: PAT_LAPTOP,
        hlc: approval[1]!.hlc,
        baseHlc: null,
      });

      const edit = change(LEE_LAPTOP, w.councilA, {
        table: 'minutesApprovals',
        rowId: 'approval-1',
        field: 'name',
        value: 'Jordan A. Lee',
        baseHlc: approval[1]!.hlc,
        wall: nowMs() + 1000,
      });
      await pushAs(w, w.lee.token, LEE_LAPTOP, [edit]);
      const forged = change(LEE_LAPTOP, w.councilA, {
        table: 'minutesApprovals',
        rowId: 'approval-1',
        field: 'recordedByAccount',
        value: { id: 'x', name: 'The union co-lead' },
      });
      const refused = await pushAs(w, w.lee.token, LEE_LAPTOP, [forged]);
      expect(refused.rejected).toEqual([{ opId: forged.opId, reason: 'server_field', message: expect.stringMatching(/server/) }]);
      const stamps = await stampOf();
      expect(stamps.map((s) => s.value)).toEqual([
        { id: w.pat.accountId, name: 'Pat Okafor' },
        { id: w.lee.accountId, name: 'Lee Tanaka' },
      ]);
      expect(stamps[1]).toMatchObject({ hlc: edit.hlc, baseHlc: first!.hlc });
      // A delete is not "recording" anything: no stamp.
      const del = change(LEE_LAPTOP, w.councilA, {
        table: 'minutesApprovals',
        rowId: 'approval-1',
        field: '_deleted',
        value: { deleted: true, seen: {} },
        wall: nowMs() + 2000,
      });
      await pushAs(w, w.lee.token, LEE_LAPTOP, [del]);
      expect(await stampOf()).toHaveLength(2);
    });

    it("stamps a co-lead's Path to Performance confirmation the same way, and refuses a laptop's stamp", async () => {
      const w = await world();
      const confirmation = ['side', 'name'].map((field, i) =>
        change(PAT_LAPTOP, w.councilA, {
          table: 'p2pConfirmations',
          rowId: 'confirmation-1',
          field,
          value: field === 'side' ? 'union' : 'Jordan Lee',
          counter: i,
        }),
      );
      await pushAs(w, w.pat.token, PAT_LAPTOP, confirmation);
      const stamps = (await pullAll(w, w.lee.token, w.councilA)).flatMap((p) => p.changes).filter((c) => c.field === 'recordedByAccount');
      expect(stamps).toEqual([
        expect.objectContaining({ table: 'p2pConfirmations', rowId: 'confirmation-1', value: { id: w.pat.accountId, name: 'Pat Okafor' } }),
      ]);
      const forged = change(LEE_LAPTOP, w.councilA, {
        table: 'p2pConfirmations',
        rowId: 'confirmation-1',
        field: 'recordedByAccount',
        value: { id: 'x', name: 'The union co-lead' },
      });
      expect((await pushAs(w, w.lee.token, LEE_LAPTOP, [forged])).rejected).toEqual([
        { opId: forged.opId, reason: 'server_field', message: expect.stringMatching(/server/) },
      ]);
    });
  });
});
