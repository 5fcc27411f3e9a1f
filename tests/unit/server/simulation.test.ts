/**
 * Seeded, randomized end-to-end simulation: several Replica clients sync through the real HTTP
 * app and the real store (SQLite, and PostgreSQL unless CG_SKIP_PG=1) while the network
 * partitions, deliveries are duplicated, replayed and reordered, clocks are off by up to a day,
 * and the server restarts in the middle of pushes. The honest clients also approve minutes
 * (write-once versions) and record approvals (stamped by the server), and a hostile member of the
 * council (hostile.ts) forges edits of approved versions, copies them (the same values again,
 * acknowledged and never stored), claims other councils' rows, forges stamps, pushes oversized
 * values and invented tokens, and probes opIds. At the end every honest
 * client must hold the same state and conflicts, equal to merging the server's log from scratch,
 * no write may be lost, no approved version altered, and every approval must name the account
 * that recorded it. A failure message names the seed; rerun one with CG_SIM_SEED=<seed>.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareConflicts, isRowDeleted, rowConflicts, valuesEqual, type RowState } from '@shared/sync/merge';
import { ErrorBody, PullResponse, PushResponse, type Change, type JsonValue, type PushRequest } from '@shared/sync/protocol';
import { Replica } from '@shared/sync/replica';
import { buildServer } from '../../../server/app';
import type { Store } from '../../../server/store';
import { fingerprint, mergeAll, unaccountedWrites } from '../shared/sync/invariants';
import { Rng } from '../shared/sync/random';
import { backends, bearer, enroll, type Backend } from './helpers';
import { HostileMember, emptyHostileStats, type HostileStats } from './hostile';

const DAY = 86_400_000;
const T0 = 1_767_225_600_000;
const MAX_FUTURE_MS = 10 * 60_000;
const CLIENTS = 5;
const STEPS = 70;
/** Small pages in bytes, so the hostile member's large values really make pages end early (and travel alone). */
const PAGE_BYTES = 64 * 1024;
const SEEDS_SQLITE = Number(process.env.CG_SIM_SEEDS ?? 200);
const SEEDS_POSTGRES = Number(process.env.CG_SIM_SEEDS_PG ?? 200);

const onlySeed = process.env.CG_SIM_SEED ? Number(process.env.CG_SIM_SEED) : undefined;

class NetworkError extends Error {}

/** The server side of the simulation: app + store that can be restarted with the data kept. */
class SimServer {
  app!: FastifyInstance;
  store!: Store;
  now = T0;
  restarts = 0;

  constructor(private readonly backend: Backend) {}

  async start(fresh: boolean): Promise<void> {
    this.store = fresh ? await this.backend.open() : await this.backend.reopen();
    this.app = await buildServer({
      store: this.store,
      limits: {
        rateLimit: false,
        enrollRateLimit: false,
        maxFutureMs: MAX_FUTURE_MS,
        pullPageBytes: PAGE_BYTES,
        authFailureLimit: { max: 20, timeWindowMs: 60_000 },
      },
      now: () => this.now,
    });
  }

  async restart(): Promise<void> {
    await this.app.close();
    await this.store.close();
    this.restarts++;
    await this.start(false);
  }

  async stop(): Promise<void> {
    await this.app.close();
    await this.store.close();
  }
}

interface SimClient {
  index: number;
  replica: Replica;
  token: string;
  accountId: string;
  accountName: string;
  /** Each laptop calls from its own address (the per-address limits must never catch honest ones). */
  address: string;
  councils: string[];
  skewMs: number;
  online: boolean;
  /** Push bodies sent before, to re-deliver later (duplicates and replays). */
  sentPushes: PushRequest[];
  /** Pull pages received before, to re-deliver later out of order. */
  seenPages: Array<{ councilId: string; page: PullResponse }>;
}

interface SeedStats extends HostileStats {
  edits: number;
  deletes: number;
  restores: number;
  syncs: number;
  restartsMidPush: number;
  clockAhead: number;
  conflicts: number;
  approvedVersions: number;
  approvals: number;
}

const emptyStats = (): SeedStats => ({
  edits: 0,
  deletes: 0,
  restores: 0,
  syncs: 0,
  restartsMidPush: 0,
  clockAhead: 0,
  conflicts: 0,
  approvedVersions: 0,
  approvals: 0,
  ...emptyHostileStats(),
});

async function runSeed(server: SimServer, seed: number): Promise<SeedStats> {
  const rng = new Rng(seed);
  const stats = emptyStats();
  const fail = (message: string): never => {
    throw new Error(`seed ${seed}: ${message}`);
  };

  const store = () => server.store;
  const councilX = (await store().createCouncil(`X ${seed}`)).id;
  const councilY = (await store().createCouncil(`Y ${seed}`)).id;
  const councilZ = (await store().createCouncil(`Z ${seed}`)).id;
  const rowsOf: Record<string, string[]> = {
    [councilX]: Array.from({ length: 5 }, (_, i) => `s${seed}-x${i}`),
    [councilY]: Array.from({ length: 3 }, (_, i) => `s${seed}-y${i}`),
  };
  const fields = ['title', 'notes', 'status'];

  // Every write the users made, by its current opId (re-issues move it).
  const writes = new Set<string>();
  const clients: SimClient[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const account = await store().createAccount(`user ${seed}.${i}`);
    const councils = i < 3 ? [councilX, councilY] : [councilX];
    for (const c of councils) await store().addMember(account.id, c);
    const enrolled = await enroll(server.app, store(), account.id, `device ${i}`);
    const skewMs = rng.pick([0, 0, DAY, -DAY, rng.int(-DAY, DAY)]);
    const client: SimClient = {
      index: i,
      token: enrolled.token,
      accountId: account.id,
      accountName: account.name,
      address: `10.0.${seed % 250}.${i + 1}`,
      councils,
      skewMs,
      online: true,
      sentPushes: [],
      seenPages: [],
      replica: undefined as unknown as Replica,
    };
    client.replica = new Replica({
      clientId: rng.uuid(),
      physicalNow: () => server.now + client.skewMs,
      newOpId: () => rng.uuid(),
      onReissue: (old, next) => {
        writes.delete(old);
        writes.add(next.opId);
      },
    });
    clients.push(client);
  }

  // The hostile member: in council X (to forge its approved minutes) and in its own council Z
  // (to claim X's rows from there); never in Y.
  const hostileAccount = await store().createAccount(`hostile ${seed}`);
  await store().addMember(hostileAccount.id, councilX);
  await store().addMember(hostileAccount.id, councilZ);
  const hostile = new HostileMember({
    app: () => server.app,
    rng: new Rng(seed * 7919 + 1),
    token: (await enroll(server.app, store(), hostileAccount.id, 'hostile laptop')).token,
    clientId: rng.uuid(),
    target: councilX,
    own: councilZ,
    foreign: councilY,
    address: `10.66.${seed % 250}.1`,
    tokenAddress: `10.66.${seed % 250}.2`,
    now: () => server.now,
    maxFutureMs: MAX_FUTURE_MS,
    prefix: `s${seed}`,
    fail: (message) => fail(message),
  });
  /** Approved versions as their honest laptop wrote them, and who recorded each approval. */
  const approved = new Map<string, Record<string, JsonValue>>();
  const approvals = new Map<string, { id: string; name: string }>();

  /** One HTTP call, possibly lost: the network can drop the response after the server acted. */
  const call = async (method: 'POST', url: string, client: SimClient, payload: unknown) => {
    const res = await server.app.inject({ method, url, headers: bearer(client.token), payload: payload as object, remoteAddress: client.address });
    return { status: res.statusCode, body: res.json() as unknown };
  };

  const push = async (c: SimClient, opts: { crash?: 'before-commit' | 'after-commit' } = {}): Promise<void> => {
    for (let guard = 0; c.replica.outbox.length > 0 && guard < 50; guard++) {
      const body = c.replica.buildPush(rng.int(1, 12));
      c.sentPushes.push(structuredClone(body));
      if (opts.crash === 'before-commit') {
        store().hooks.beforePushCommit = () => {
          throw new Error('power cut');
        };
      }
      let res: { status: number; body: unknown };
      try {
        res = await call('POST', '/v1/push', c, body);
      } finally {
        store().hooks.beforePushCommit = undefined;
      }
      const refusedEarly = res.status === 400 && (res.body as ErrorBody).error === 'clock_ahead';
      if (opts.crash && !refusedEarly) {
        // The server dies mid-push: before commit (500 then nothing stored) or after commit
        // (stored, but the client never hears back). Either way the outbox must survive.
        const expected = opts.crash === 'before-commit' ? 500 : 200;
        if (res.status !== expected) fail(`crash ${opts.crash} answered ${res.status} ${JSON.stringify(res.body)}`);
        stats.restartsMidPush++;
        await server.restart();
        throw new NetworkError('connection reset');
      }
      if (res.status === 200) {
        const answer = PushResponse.parse(res.body);
        // An honest laptop's change is never refused (only the hostile member's are).
        if (answer.rejected.length > 0) fail(`client ${c.index}'s push had rejections ${JSON.stringify(answer.rejected)}`);
        c.replica.handlePushResponse(answer);
        continue;
      }
      const err = ErrorBody.parse(res.body);
      if (res.status === 400 && err.error === 'clock_ahead') {
        stats.clockAhead++;
        c.replica.handleClockAhead(err.serverTime!, err.maxFutureMs!);
        continue;
      }
      fail(`push refused: ${res.status} ${JSON.stringify(err)}`);
    }
    if (c.replica.outbox.length > 0) fail(`client ${c.index} could not empty its outbox`);
  };

  const pull = async (c: SimClient): Promise<void> => {
    for (const councilId of c.councils) {
      let cursor = c.replica.cursors.get(councilId) ?? 0;
      // Sometimes re-read from an older cursor: deliveries the client already has, again.
      if (rng.chance(0.1)) cursor = rng.int(0, cursor);
      for (let guard = 0; guard < 1000; guard++) {
        const res = await call('POST', '/v1/pull', c, { councilId, cursor, limit: rng.int(2, 15) });
        if (res.status !== 200) fail(`pull refused: ${res.status} ${JSON.stringify(res.body)}`);
        const page = PullResponse.parse(res.body);
        c.seenPages.push({ councilId, page });
        // Reordered delivery within a page.
        c.replica.applyPull(councilId, { ...page, changes: rng.shuffle(page.changes) });
        cursor = page.nextCursor;
        if (!page.hasMore) break;
      }
    }
  };

  const sync = async (c: SimClient, crash?: 'before-commit' | 'after-commit') => {
    stats.syncs++;
    try {
      await push(c, { crash });
      await pull(c);
    } catch (e) {
      if (!(e instanceof NetworkError)) throw e;
    }
  };

  for (let step = 0; step < STEPS; step++) {
    server.now += rng.int(0, 3000);
    const c = rng.pick(clients);
    if (rng.chance(0.12)) {
      await hostile.act();
      continue;
    }
    if (rng.chance(0.06)) {
      // Approve minutes in council X: a write-once version (a change per field), or one side's approval.
      const rowId = `s${seed}-v${step}`;
      if (rng.chance(0.5)) {
        const fields: Record<string, JsonValue> = { meetingId: `s${seed}-m${rng.int(0, 2)}`, number: rng.int(1, 3), markdown: `# Minutes ${seed}.${step}` };
        if (rng.chance(0.5)) fields.approvals = [{ side: 'union', name: `Co-lead ${c.index}` }];
        for (const [f, v] of Object.entries(fields)) writes.add(c.replica.applyLocalEdit(councilX, 'minutesVersions', rowId, f, v).opId);
        approved.set(rowId, fields);
        stats.approvedVersions++;
      } else {
        for (const [f, v] of Object.entries({ side: rng.pick(['union', 'management']), name: `Co-lead ${c.index}` }))
          writes.add(c.replica.applyLocalEdit(councilX, 'minutesApprovals', rowId, f, v).opId);
        approvals.set(rowId, { id: c.accountId, name: c.accountName });
        stats.approvals++;
      }
      continue;
    }
    const roll = rng.next();
    const councilId = rng.pick(c.councils);
    const rowId = rng.pick(rowsOf[councilId]!);
    const row = c.replica.row(councilId, 'items', rowId);
    const deleted = row ? isRowDeleted(row) : false;
    if (roll < 0.45) {
      if (deleted) {
        writes.add(c.replica.restoreRow(councilId, 'items', rowId).opId);
        stats.restores++;
      } else {
        const value = rng.chance(0.15) ? 'same' : rng.chance(0.1) ? { n: rng.int(0, 3), by: c.index } : `c${c.index}-s${step}`;
        writes.add(c.replica.applyLocalEdit(councilId, 'items', rowId, rng.pick(fields), value).opId);
        stats.edits++;
      }
    } else if (roll < 0.53) {
      if (row && !deleted) {
        writes.add(c.replica.deleteRow(councilId, 'items', rowId).opId);
        stats.deletes++;
      }
    } else if (roll < 0.8) {
      if (c.online) await sync(c);
    } else if (roll < 0.86) {
      c.online = !c.online; // partition or heal
    } else if (roll < 0.89) {
      c.skewMs = rng.pick([DAY, -DAY, 0, rng.int(-DAY, DAY)]); // the laptop's clock jumps
    } else if (roll < 0.94) {
      // Duplicated / replayed deliveries in both directions.
      if (c.online && c.sentPushes.length > 0) {
        const old = rng.pick(c.sentPushes);
        const res = await call('POST', '/v1/push', c, old);
        // A replay may be refused as too far ahead (the clock has not been corrected yet); nothing else.
        if (res.status !== 200 && !(res.status === 400 && (res.body as ErrorBody).error === 'clock_ahead'))
          fail(`replayed push got ${res.status} ${JSON.stringify(res.body)}`);
        if (res.status === 200) {
          const r = PushResponse.parse(res.body);
          if (r.rejected.length > 0) fail(`replayed push had rejections ${JSON.stringify(r.rejected)}`);
        }
      }
      if (c.seenPages.length > 0) {
        const old = rng.pick(c.seenPages);
        c.replica.applyPull(old.councilId, { ...old.page, changes: rng.shuffle(old.page.changes) });
      }
    } else if (c.online && c.replica.outbox.length > 0) {
      await sync(c, rng.chance(0.5) ? 'before-commit' : 'after-commit');
    }
  }

  // Heal: everyone online, sync until quiet. Two full rounds so everyone sees everyone's last push.
  for (const c of clients) c.online = true;
  for (let round = 0; round < 2; round++) {
    for (const c of clients) {
      server.now += 1000;
      await push(c);
      await pull(c);
    }
  }

  // Verify.
  const log: Change[] = [];
  for (const councilId of [councilX, councilY, councilZ]) {
    let cursor = 0;
    const seqs: number[] = [];
    for (;;) {
      const page = await store().pull(councilId, cursor, 500);
      for (const { seq, ...change } of page.changes) {
        seqs.push(seq);
        log.push(change);
      }
      cursor = seqs[seqs.length - 1] ?? cursor;
      if (!page.hasMore) break;
    }
    if (seqs.some((s, i) => s !== i + 1)) fail(`council ${councilId} seqs are not 1..n: ${seqs.join(',')}`);
  }
  // opIds are unique per council (the hostile member copies opIds of X into Z: taken as its own).
  if (new Set(log.map((c) => `${c.councilId}/${c.opId}`)).size !== log.length) fail('duplicate opIds in a council of the server log');
  const logIds = new Set(log.filter((c) => c.councilId !== councilZ).map((c) => c.opId));
  const missing = [...writes].filter((id) => !logIds.has(id));
  if (missing.length > 0) fail(`${missing.length} writes never reached the server: ${missing.slice(0, 3).join(', ')}`);

  const reference = mergeAll(rng.shuffle(log));
  const lost = unaccountedWrites(log, reference.rows, reference.conflicts);
  if (lost.length > 0) fail(`writes lost:\n${lost.slice(0, 5).join('\n')}`);
  stats.conflicts = reference.conflicts.length;

  // Approved versions are exactly as approved: every field once, no other version, no delete, no additions.
  const refRow = (table: string, rowId: string) => reference.rows.find((r) => r.councilId === councilX && r.table === table && r.rowId === rowId);
  for (const [rowId, fields] of approved) {
    const row = refRow('minutesVersions', rowId) ?? fail(`approved version ${rowId} never reached the server`);
    const names = Object.keys(row.fields).sort();
    if (JSON.stringify(names) !== JSON.stringify(Object.keys(fields).sort())) fail(`approved version ${rowId} has fields ${names.join(',')}`);
    for (const [f, v] of Object.entries(fields)) {
      const st = row.fields[f]!;
      if (!valuesEqual(st.winner.value, v) || st.losers.length > 0) fail(`approved version ${rowId}.${f} was altered: ${JSON.stringify(st)}`);
    }
  }
  // Every approval names the account whose laptop pushed it: the server's stamp, never a forged one.
  for (const [rowId, account] of approvals) {
    const row = refRow('minutesApprovals', rowId) ?? fail(`approval ${rowId} never reached the server`);
    const stamp = row.fields.recordedByAccount?.winner.value;
    if (!valuesEqual(stamp ?? null, account)) fail(`approval ${rowId} is stamped ${JSON.stringify(stamp)}, recorded by ${JSON.stringify(account)}`);
  }
  for (const k of Object.keys(hostile.stats) as Array<keyof HostileStats>) stats[k] = hostile.stats[k];

  for (const councilId of [councilX, councilY]) {
    const refRows = reference.rows.filter((r) => r.councilId === councilId);
    const refPrint = fingerprint(refRows);
    const refConflicts = refRows.flatMap(rowConflicts).sort(compareConflicts);
    for (const c of clients.filter((cl) => cl.councils.includes(councilId))) {
      if (c.replica.outbox.length > 0) fail(`client ${c.index} still has ${c.replica.outbox.length} unsent changes`);
      if (c.replica.held.length > 0) fail(`client ${c.index} had changes refused: ${JSON.stringify(c.replica.held[0])}`);
      const mine: RowState[] = c.replica.rowStates().filter((r) => r.councilId === councilId);
      const print = fingerprint(mine);
      if (print !== refPrint) fail(`client ${c.index} diverged on council ${councilId}:\n--- client\n${print}\n--- server log\n${refPrint}`);
      const conflicts = mine.flatMap(rowConflicts).sort(compareConflicts);
      if (JSON.stringify(conflicts) !== JSON.stringify(refConflicts)) fail(`client ${c.index} has different conflicts on council ${councilId}`);
    }
  }
  return stats;
}

const plans = backends().map((backend) => ({ backend, seeds: backend.name === 'sqlite' ? SEEDS_SQLITE : SEEDS_POSTGRES }));

describe.each(plans)('multi-client simulation on $backend.name', ({ backend, seeds }) => {
  const server = new SimServer(backend);
  beforeAll(async () => {
    await backend.setup();
    await server.start(true);
  }, 60_000);
  afterAll(async () => {
    await server.stop();
    await backend.teardown();
  });

  it(`honest clients converge without losing a write or an approved version, whatever a hostile member does (${onlySeed ?? seeds} seeds)`, async () => {
    const list = onlySeed !== undefined ? [onlySeed] : Array.from({ length: seeds }, (_, i) => i + 1);
    const totals = emptyStats();
    for (const seed of list) {
      const stats = await runSeed(server, seed);
      for (const k of Object.keys(totals) as Array<keyof SeedStats>) totals[k] += stats[k];
    }
    if (onlySeed === undefined) {
      // The scenario must actually exercise what it claims to.
      expect(totals.restartsMidPush, 'restarts in the middle of a push').toBeGreaterThan(0);
      expect(totals.clockAhead, 'clock-ahead refusals and re-stamps').toBeGreaterThan(0);
      expect(totals.conflicts, 'conflicts recorded').toBeGreaterThan(0);
      expect(totals.deletes + totals.restores).toBeGreaterThan(0);
      // The hostile member really tried everything, and the approvals it attacked really existed.
      expect(totals.approvedVersions, 'approved versions').toBeGreaterThan(0);
      expect(totals.approvals, 'approvals').toBeGreaterThan(0);
      expect(totals.forgedApproved, 'forged edits of approved versions').toBeGreaterThan(0);
      expect(totals.copiedApproved, 'copies of approved versions (the same values again)').toBeGreaterThan(0);
      expect(totals.claims, "claims of another council's rows").toBeGreaterThan(0);
      expect(totals.forgedStamps, 'forged approval stamps').toBeGreaterThan(0);
      expect(totals.oversized, 'oversized values').toBeGreaterThan(0);
      expect(totals.lockedOut, 'invented tokens locked out per address').toBeGreaterThan(0);
      expect(totals.opIdProbes, "probes with another council's opIds").toBeGreaterThan(0);
    }
    console.info(`[sim ${backend.name}] ${list.length} seeds:`, JSON.stringify(totals));
  }, 300_000);
});
