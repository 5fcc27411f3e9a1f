/**
 * Sync benchmark driver, run by bench/suites/sync.mjs as `node --import tsx bench/sync/main.mts`.
 * Progress goes to stderr; the figures are ONE JSON document on stdout. For SQLite (temp dir) and
 * PostgreSQL (a throwaway local server; skipped when not installed), against the real server in
 * its own process over HTTP on 127.0.0.1:
 *   1. seed: a few facilitators' clients push a council log of 100,000 changes (not the figure);
 *   2. push throughput: 50 enrolled devices push 500-change batches concurrently;
 *   3. first sync: a fresh client pulls and applies the whole council log (pages of 1,000);
 *   4. incremental sync: another client pushes 1,000 changes; the synced client pulls and applies them.
 * The same council log is replicated with PouchDB (memory adapters) for comparison, right after each
 * first sync (the machine's speed drifts over minutes: each ratio compares runs made side by side).
 * With the app's real client (bench/browser/sync.ts): when bench/suites/sync.mjs runs us with an IPC
 * channel and CG_BENCH_SYNC_PAGE_ORIGIN (the bench page's origin in Chromium), the server answers
 * CORS for that origin, and after step 3 the Dexie SyncEngine in the page first-syncs the same log
 * into fresh IndexedDB databases (devices enrolled here, tokens handed to the page); in step 4 it
 * pulls each 1,000-change increment too, right after the in-memory client.
 * Environment: CG_BENCH_SYNC_CHANGES (default 100000), CG_BENCH_SYNC_PUSH_BATCHES (per pusher, default 3),
 * CG_BENCH_SYNC_BACKENDS (default "sqlite,postgres"), CG_BENCH_SYNC_RUNS (repetitions of each sync figure, default 3),
 * CG_BENCH_SYNC_BROWSER_RUNS (first syncs of the app client per backend, default 3 for SQLite and 1 for PostgreSQL),
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { SYNC_SCHEMA_VERSION, type Change, type EnrollResponse } from '../../src/shared/sync/protocol';
import { hashEnrollmentCode, newEnrollmentCode } from '../../server/secrets';
import { openStore, type Store, type StoreLocation } from '../../server/store';
import { firstSync, HttpTransport, incrementalSync, PULL_LIMIT, ReplicaClient, type SyncStats } from './client.mts';
import { batches, CouncilLogWriter, Rng } from './dataset.mts';
import type { PouchOp } from './pouchRevisions';
import { findPgBin, startPostgres } from './pg.mts';
import { PouchReplication, type PouchResult } from './pouch.mts';
// The page's check result (type only: erased when tsx runs this file in Node).
import type { EngineRunResult, FloorResult, SyncCheck as PageCheck } from '../browser/sync';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const CHANGES = Number(process.env.CG_BENCH_SYNC_CHANGES ?? 100_000);
const INCREMENTAL = 1_000;
const PUSHERS = 50;
const PUSH_COUNCILS = 5;
const PUSH_BATCH = 500;
const PUSH_BATCHES = Number(process.env.CG_BENCH_SYNC_PUSH_BATCHES ?? 3);
const SEEDERS = 4;
const SEED = 20_260_101;
/** First syncs, incremental syncs and PouchDB replications are each run this many times; the median is reported. */
const RUNS = Math.max(1, Number(process.env.CG_BENCH_SYNC_RUNS ?? 3));
const BACKENDS = (process.env.CG_BENCH_SYNC_BACKENDS ?? 'sqlite,postgres').split(',').map((s) => s.trim());
/** The bench page's origin: the app client runs only when the suite gave us one and an IPC channel to reach the page. */
const PAGE_ORIGIN = process.send ? process.env.CG_BENCH_SYNC_PAGE_ORIGIN : undefined;
/**
 * A clinic's shared Wi-Fi, for the pull-only figure over a slower link: 20 Mbit/s down, 10 up,
 * 30 ms round trips (Chromium's network emulation, applied to the bench page's requests).
 */
const CLINIC_WIFI = { label: 'clinic Wi-Fi (20 Mbit/s, 30 ms)', latencyMs: 30, downBytesPerSecond: 2_500_000, upBytesPerSecond: 1_250_000 };
interface PouchIdbPrepared {
  version: string;
  docs: number;
  liveDocs: number;
  revisions: number;
  writeMs: number;
}
const browserRuns = (backend: 'sqlite' | 'postgres') =>
  PAGE_ORIGIN ? Math.max(1, Number(process.env.CG_BENCH_SYNC_BROWSER_RUNS ?? (backend === 'sqlite' ? 3 : 1))) : 0;

const log = (m: string) => process.stderr.write(`sync: ${m}\n`);
const secs = (ms: number) => (ms / 1000).toFixed(2);
/** The run with the median total time. */
const median = <T extends { totalMs: number }>(runs: readonly T[]): T => [...runs].sort((a, b) => a.totalMs - b.totalMs)[Math.floor(runs.length / 2)]!;
const percentile = (xs: readonly number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
};

interface ServerProcess {
  url: string;
  child: ChildProcess;
  logFile: string;
  stop(): Promise<void>;
}

/** The real server (openStore + buildServer) in its own Node process, listening on 127.0.0.1. */
async function startServer(location: StoreLocation, logFile: string, corsOrigin?: string, options: { compress?: boolean } = {}): Promise<ServerProcess> {
  const args = ['--import', 'tsx', join(repoRoot, 'bench/sync/server.mts'), '--log', logFile];
  if (corsOrigin) args.push('--cors-origin', corsOrigin);
  if (options.compress) args.push('--compress');
  if (location.databaseUrl) args.push('--database-url', location.databaseUrl);
  else args.push('--data-dir', location.dataDir);
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      try {
        resolve((JSON.parse(line) as { url: string }).url);
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
    child.once('exit', (code) => reject(new Error(`sync server exited with code ${code} before listening`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url: url.endsWith('/') ? url : `${url}/`,
    child,
    logFile,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

// ---- The app client in Chromium, reached through the suite (bench/suites/sync.mjs) over IPC ----

/** bench/browser/sync.ts's answers, as far as this driver reads them. */
/** A page's engine round as the page reports it, plus what the suite adds (the phase is checked there). */
export type EngineRun = Omit<EngineRunResult, 'phase'> & {
  /** Added by the suite (CDP Performance metrics): how long the renderer's main thread was busy during the round. */
  renderer?: { taskMs: number; scriptMs: number };
  check: PageCheck;
};
export interface PullOnly {
  totalMs: number;
  fetchMs: number;
  networkMs: number;
  parseMs: number;
  validateMs: number;
  pages: number;
  changes: number;
  bytes: number;
  cursor: number;
}

let nextCall = 0;
const calls = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
if (PAGE_ORIGIN) {
  process.on('message', (m: { id: number; result?: unknown; error?: string }) => {
    const call = calls.get(m.id);
    if (!call) return;
    calls.delete(m.id);
    if (m.error !== undefined) call.reject(new Error(`bench page: ${m.error}`));
    else call.resolve(m.result);
  });
}

/** Call window.cgBench[op](args) in the bench page (the suite's process owns Chromium). */
function page<T>(op: string, args: unknown): Promise<T> {
  const id = ++nextCall;
  return new Promise<T>((resolve, reject) => {
    calls.set(id, { resolve: resolve as (v: unknown) => void, reject });
    process.send!({ id, op, args });
  });
}

const expectedRows = (rows: ReturnType<CouncilLogWriter['expectedRows']>, only?: ReadonlySet<string>) =>
  [...rows].filter(([rowId]) => !only || only.has(rowId)).map(([rowId, r]) => ({ table: r.table, rowId, values: r.values, deleted: r.deleted }));

/** Where the engine's time went, transaction by transaction (the first 10 vs the last 10: does apply grow with the database?). */
function pageProfile(run: EngineRun) {
  // One apply per transaction: on the last page of each batch (see PageTiming).
  const apply = run.pageTimings.map((p) => p.applyMs).filter((ms) => ms > 0);
  const sorted = [...apply].sort((a, b) => a - b);
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  return {
    applyP50Ms: sorted[Math.floor(sorted.length / 2)] ?? 0,
    applyMaxMs: sorted[sorted.length - 1] ?? 0,
    applyFirst10MeanMs: mean(apply.slice(0, 10)),
    applyLast10MeanMs: mean(apply.slice(-10)),
    pullP50Ms: [...run.pageTimings.map((p) => p.pullMs)].sort((a, b) => a - b)[Math.floor(run.pageTimings.length / 2)] ?? 0,
  };
}

const busy = (r: EngineRun) => (r.renderer ? `; renderer main thread busy ${secs(r.renderer.taskMs)} s (script ${secs(r.renderer.scriptMs)} s)` : '');

const describeCheck = (c: PageCheck) =>
  `${c.ok ? 'OK' : 'FAILED'}: row states ${c.syncRows} = log's ${c.logRows} distinct rows; app tables ${c.appRows} rows vs ${c.expectedAppRows} non-deleted complete rows expected ` +
  `(${c.deleted} deleted; incomplete for the app's schema, kept in syncRows only: ${
    Object.entries(c.incomplete)
      .map(([t, n]) => `${t} ${n}`)
      .join(', ') || 'none'
  }); ` +
  `${c.valueMismatches} value mismatches, ${c.conflicts} conflicts, outbox ${c.outbox}, cursor ${c.cursor}` +
  (c.ok ? '' : `; problems: ${c.problems.join(' | ')}`);

async function enroll(baseUrl: string, code: string, deviceName: string): Promise<EnrollResponse> {
  const res = await fetch(new URL('/v1/enroll', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, deviceName }),
  });
  if (res.status !== 200) throw new Error(`enroll failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as EnrollResponse;
}

/** Run `fn` over `items` with at most `n` in flight. */
async function pool<T, R>(items: readonly T[], n: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

interface Device {
  clientId: string;
  transport: HttpTransport;
}

/** Push a client's changes in order, batch after batch, as its outbox would. */
async function pushAll(device: Device, changes: readonly Change[], onBatch?: () => void): Promise<void> {
  for (const batch of batches(changes, PUSH_BATCH)) {
    const res = await device.transport.push({ clientId: device.clientId, schemaVersion: SYNC_SCHEMA_VERSION, changes: batch });
    if (res.acked.length !== batch.length || res.rejected.length > 0)
      throw new Error(`push: ${res.acked.length} of ${batch.length} acked, ${res.rejected.length} rejected`);
    onBatch?.();
  }
}

export interface PushFigures {
  clients: number;
  councils: number;
  requests: number;
  changes: number;
  seconds: number;
  changesPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

export interface BackendFigures {
  backend: 'sqlite' | 'postgres';
  detail: string;
  seed: { changes: number; clients: number; seconds: number; changesPerSecond: number };
  push: PushFigures;
  /** The median of RUNS first syncs (by total time), each into a newly enrolled client. */
  firstSync: SyncStats & { rows: number; client: string; runsSeconds: number[] };
  /** PostgreSQL only: the same first sync before the planner had statistics for the new rows. */
  coldFirstSync?: SyncStats;
  incremental: SyncStats & { runsMs: number[] };
  /** PouchDB replications run right after each of the reference client's first syncs. */
  pouch: PouchResult;
  /** The app's client (Dexie SyncEngine, Chromium IndexedDB) against the same server and log. */
  app?: AppClientFigures;
  /** The app client's phase failed (the page threw, or sync did not end up to date). */
  appError?: string;
  serverLogErrors: number;
}

export interface AppClientFigures {
  /** Raw window.fetch of every page (+ JSON.parse + unpack + zod), no IndexedDB: pull on its own. */
  pullOnly: PullOnly;
  /** The same over an emulated clinic Wi-Fi link: packed, packed and compressed (--compress), as change objects (SQLite only). */
  slowLink?: { label: string; packed: PullOnly; compressed: PullOnly; changes: PullOnly; firstSync?: EngineRun };
  /** The log's end state written straight into IndexedDB, no sync: the least any IndexedDB client must do. */
  floor: FloorResult;
  /** PouchDB replications run right after each of these first syncs. */
  pouch: PouchResult;
  /** PouchDB replicating the same log IndexedDB -> IndexedDB in the same Chromium, right after each first sync (SQLite only). */
  pouchIdb?: PouchIdbPrepared & { runsMs: number[]; replicateMs: number };
  /** The median first sync (by total time). */
  firstSync: EngineRun & { runsSeconds: number[]; profile: ReturnType<typeof pageProfile> };
  incremental: EngineRun & { runsMs: number[] };
  /** Every run's check passed. */
  checksOk: boolean;
  check: string;
}

/**
 * The app client's pull over a clinic's Wi-Fi (emulated in Chromium): packed pages, as the app
 * asks for them; the same compressed, from a second server on the same database started with
 * --compress (Chromium over plain HTTP accepts gzip); change objects, as servers before packing
 * answered; and the app's whole first sync from the compressing server.
 */
async function overClinicWifi(a: {
  tag: string;
  location: StoreLocation;
  work: string;
  serverUrl: string;
  token: string;
  credentials: { token: string; account: Record<string, unknown> & { serverUrl: string } };
  councilId: string;
  seeded: number;
  expectedCursor: number;
}): Promise<NonNullable<AppClientFigures['slowLink']>> {
  const pullOver = async (format: 'packed' | 'changes', serverUrl: string, how: string) => {
    const r = await page<PullOnly>('syncPullOnly', { serverUrl, token: a.token, councilId: a.councilId, pullLimit: PULL_LIMIT, format, network: CLINIC_WIFI });
    if (r.changes !== a.seeded) throw new Error(`app client pull-only (${how}) over ${CLINIC_WIFI.label}: ${r.changes} changes, expected ${a.seeded}`);
    log(`${a.tag} pull only over ${CLINIC_WIFI.label}, ${how}: ${secs(r.totalMs)} s for ${(r.bytes / 1e6).toFixed(1)} MB of JSON`);
    return r;
  };
  const compressing = await startServer(a.location, join(a.work, 'server-compress.log'), PAGE_ORIGIN, { compress: true });
  try {
    const via = compressing.url.replace(/\/+$/, '');
    const figures = {
      label: CLINIC_WIFI.label,
      packed: await pullOver('packed', a.serverUrl, 'packed'),
      compressed: await pullOver('packed', via, 'packed, compressed'),
      changes: await pullOver('changes', a.serverUrl, 'change objects'),
    };
    const credentials = { ...a.credentials, account: { ...a.credentials.account, serverUrl: via } };
    const round = await page<Omit<EngineRun, 'check'>>('syncFirst', {
      credentials,
      councilId: a.councilId,
      pullLimit: PULL_LIMIT,
      run: -1,
      network: CLINIC_WIFI,
    });
    const check = await page<PageCheck>('syncCheck', { expectedCursor: a.expectedCursor });
    if (round.changes !== a.seeded || !check.ok)
      throw new Error(`app client first sync over ${CLINIC_WIFI.label}: ${round.changes} changes, check ${describeCheck(check)}`);
    log(`${a.tag} app client first sync over ${CLINIC_WIFI.label}, compressed: ${secs(round.totalMs)} s (waiting for pages ${secs(round.waitMs)} s)`);
    return { ...figures, firstSync: { ...round, check } };
  } finally {
    await compressing.stop();
  }
}

function checkReplica(client: ReplicaClient, writer: CouncilLogWriter): number {
  const expected = writer.expectedRows();
  const rows = client.replica.snapshot();
  if (rows.length !== expected.size) throw new Error(`first sync: the client holds ${rows.length} rows, the log wrote ${expected.size}`);
  for (const row of rows) {
    const want = expected.get(row.rowId);
    const same =
      want !== undefined &&
      want.table === row.table &&
      want.deleted === row.deleted &&
      Object.keys(want.values).length === Object.keys(row.values).length &&
      Object.entries(want.values).every(([k, v]) => JSON.stringify(row.values[k]) === JSON.stringify(v));
    if (!same) throw new Error(`row ${row.table}/${row.rowId} on the client differs from what was written`);
  }
  if (client.replica.conflicts().length !== 0) throw new Error('first sync: the log has no concurrent edits, yet the client reports conflicts');
  return rows.length;
}

async function runBackend(
  backend: 'sqlite' | 'postgres',
  location: StoreLocation,
  detail: string,
  work: string,
  pouch: PouchReplication,
  pouchOps: readonly PouchOp[],
): Promise<BackendFigures> {
  const tag = `[${backend}]`;
  const admin: Store = await openStore(location);
  let server: ServerProcess | undefined;
  try {
    // Accounts, memberships and enrollment codes, as server/admin.ts would create them.
    const council = await admin.createCouncil('Northwest Regional Partnership Council');
    const pushCouncils: Array<{ id: string }> = [];
    for (let i = 0; i < PUSH_COUNCILS; i++) pushCouncils.push(await admin.createCouncil(`Regional council ${i + 1}`));
    const codeFor = async (name: string, councilIds: string[]) => {
      const account = await admin.createAccount(name);
      for (const id of councilIds) await admin.addMember(account.id, id);
      const code = newEnrollmentCode();
      await admin.createEnrollmentCode(account.id, hashEnrollmentCode(code), Date.now() + 3_600_000, Date.now());
      return code;
    };
    const seederCodes: string[] = [];
    for (let i = 0; i < SEEDERS; i++) seederCodes.push(await codeFor(`Facilitator ${i + 1}`, [council.id]));
    // One newly enrolled laptop per first-sync run (plus one for PostgreSQL's before-ANALYZE run).
    const freshCodes: string[] = [];
    for (let i = 0; i < RUNS + 1; i++) freshCodes.push(await codeFor(`New facilitator ${i + 1}`, [council.id]));
    // One newly enrolled browser (the app client) per app first sync.
    const appCodes: string[] = [];
    for (let i = 0; i < browserRuns(backend); i++) appCodes.push(await codeFor(`Web facilitator ${i + 1}`, [council.id]));
    const pusherCodes: string[] = [];
    for (let i = 0; i < PUSHERS; i++) pusherCodes.push(await codeFor(`Member ${i + 1}`, [pushCouncils[i % PUSH_COUNCILS]!.id]));

    server = await startServer(location, join(work, `${backend}-server.log`), PAGE_ORIGIN);
    const url = server.url;
    log(`${tag} server listening at ${url}`);

    const rng = new Rng(SEED);
    const enrollDevice = async (code: string, name: string): Promise<Device> => {
      const clientId = rng.uuid(); // before the await: ids follow enrollment order, not response order
      const e = await enroll(url, code, name);
      return { clientId, transport: new HttpTransport(url, e.token) };
    };
    const seeders: Device[] = [];
    for (let i = 0; i < SEEDERS; i++) seeders.push(await enrollDevice(seederCodes[i]!, `Facilitator laptop ${i + 1}`));
    const fresh: Device[] = [];
    for (let i = 0; i < freshCodes.length; i++) fresh.push(await enrollDevice(freshCodes[i]!, `New laptop ${i + 1}`));
    const pushers = await pool(pusherCodes, 5, (code, i) => enrollDevice(code, `Member laptop ${i + 1}`));

    // 1. Seed the council log (a few facilitators' outboxes, pushed concurrently).
    const writer = new CouncilLogWriter({ seed: SEED, councilId: council.id, clientIds: seeders.map((s) => s.clientId), clock: 'history' }).generate(CHANGES);
    const byClient = new Map<string, Change[]>(seeders.map((s) => [s.clientId, []]));
    for (const op of writer.ops) byClient.get(op.clientId)!.push(...op.changes);
    let sent = 0;
    const totalBatches = seeders.reduce((n, s) => n + batches(byClient.get(s.clientId)!, PUSH_BATCH).length, 0);
    const s0 = performance.now();
    await Promise.all(
      seeders.map((s) =>
        pushAll(s, byClient.get(s.clientId)!, () => {
          if (++sent % 50 === 0) log(`${tag} seeding: ${sent}/${totalBatches} batches`);
        }),
      ),
    );
    const seedMs = performance.now() - s0;
    log(`${tag} seeded ${writer.changeCount} changes (${writer.ops.length} operations on ${writer.rowCount} rows) in ${secs(seedMs)} s`);

    // 2. Push throughput: 50 devices, each pushing its outbox in 500-change batches, all at once.
    // Bodies are built and serialized before the clock starts: the figure is the server's.
    const plans = pushers.map((p, i) => {
      const w = new CouncilLogWriter({ seed: SEED + 1 + i, councilId: pushCouncils[i % PUSH_COUNCILS]!.id, clientIds: [p.clientId], clock: 'now' }).generate(
        PUSH_BATCHES * PUSH_BATCH,
      );
      const bodies = batches(
        w.ops.flatMap((o) => o.changes),
        PUSH_BATCH,
      ).map((b) => ({ count: b.length, text: JSON.stringify({ clientId: p.clientId, schemaVersion: SYNC_SCHEMA_VERSION, changes: b }) }));
      return { device: p, bodies };
    });
    const latencies: number[] = [];
    let pushed = 0;
    log(`${tag} push throughput: ${PUSHERS} clients x ${PUSH_BATCHES} batches of ${PUSH_BATCH}...`);
    const p0 = performance.now();
    await Promise.all(
      plans.map(async ({ device: d, bodies }) => {
        for (const body of bodies) {
          const a = performance.now();
          const res = await d.transport.pushRaw(body.text);
          latencies.push(performance.now() - a);
          if (res.acked.length !== body.count) throw new Error(`push: ${res.acked.length} of ${body.count} acked`);
          pushed += body.count;
        }
      }),
    );
    const pushMs = performance.now() - p0;
    const push: PushFigures = {
      clients: PUSHERS,
      councils: PUSH_COUNCILS,
      requests: latencies.length,
      changes: pushed,
      seconds: pushMs / 1000,
      changesPerSecond: pushed / (pushMs / 1000),
      p50Ms: percentile(latencies, 50),
      p95Ms: percentile(latencies, 95),
      maxMs: Math.max(...latencies),
    };
    log(
      `${tag} pushed ${pushed} changes in ${secs(pushMs)} s: ${push.changesPerSecond.toFixed(0)} changes/s, p50 ${push.p50Ms.toFixed(0)} ms, p95 ${push.p95Ms.toFixed(0)} ms`,
    );

    // 3. First sync of the council log into a fresh client (each run a newly enrolled laptop).
    const seeded = writer.changeCount;
    let coldFirstSync: SyncStats | undefined;
    if (location.databaseUrl) {
      // PostgreSQL plans the pull query from table statistics. Right after a bulk load, before
      // autovacuum's ANALYZE, it may sort every remaining row of the council for each page. That
      // case is measured once; the headline figure is with statistics, as on a server that has run a while.
      const db = new pg.Client({ connectionString: location.databaseUrl });
      await db.connect();
      try {
        const st = await db.query<{ analyzed: boolean }>(
          "SELECT (last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL) AS analyzed FROM pg_stat_user_tables WHERE relname = 'changes'",
        );
        if (st.rows[0]?.analyzed) log(`${tag} autovacuum already analyzed the changes table: no "before ANALYZE" run`);
        else {
          log(`${tag} first sync before ANALYZE (no planner statistics for the new rows yet)...`);
          const cold = fresh.pop()!;
          coldFirstSync = await firstSync(new ReplicaClient(cold.clientId), cold.transport, council.id);
          log(`${tag} first sync before ANALYZE: ${secs(coldFirstSync.totalMs)} s (waiting for pages ${secs(coldFirstSync.networkMs)} s)`);
        }
        await db.query('ANALYZE');
      } finally {
        await db.end();
      }
    }
    const firstRuns: Array<SyncStats & { rows: number }> = [];
    // PouchDB replicates right after each first sync here: each ratio compares the same minute.
    const pouchRuns: number[] = [];
    let client: ReplicaClient | undefined;
    let device: Device | undefined;
    for (let run = 0; run < RUNS; run++) {
      device = fresh[run]!;
      client = new ReplicaClient(device.clientId);
      log(`${tag} first sync ${run + 1}/${RUNS}: ${seeded} changes into a fresh client (${client.label})...`);
      const stats = await firstSync(client, device.transport, council.id, (st) => {
        if (st.pages % 25 === 0) log(`${tag}   ${st.pages} pages, ${st.changes} changes, ${secs(st.networkMs + st.validateMs + st.applyMs)} s`);
      });
      if (stats.changes !== seeded) throw new Error(`first sync pulled ${stats.changes} changes, expected ${seeded}`);
      const rows = checkReplica(client, writer);
      log(
        `${tag} first sync ${run + 1}/${RUNS}: ${secs(stats.totalMs)} s, ${stats.pages} pages (waiting for pages ${secs(stats.networkMs)} s, validate ${secs(stats.validateMs)} s, apply ${secs(stats.applyMs)} s); ${rows} rows match the log`,
      );
      firstRuns.push({ ...stats, rows });
      const pouchMs = await pouch.replicateOnce();
      pouchRuns.push(pouchMs);
      log(`${tag} PouchDB.replicate right after it: ${secs(pouchMs)} s`);
    }
    const first = median(firstRuns);

    // 3b. The app's client in Chromium: each run a newly enrolled browser with a fresh IndexedDB
    // database pulls the same log (the last one stays for the incremental syncs below).
    const appFirstRuns: EngineRun[] = [];
    const appPouchRuns: number[] = [];
    const appChecks: string[] = [];
    let pullOnly: PullOnly | undefined;
    let floor: FloorResult | undefined;
    let slowLink: AppClientFigures['slowLink'];
    let pouchIdb: (PouchIdbPrepared & { runsMs: number[] }) | undefined;
    // A failing app client is reported, not fatal: the other figures stand.
    let appError: string | undefined;
    const appFailed = (e: unknown) => {
      appError = e instanceof Error ? e.message : String(e);
      log(`${tag} app client FAILED: ${appError}`);
    };
    if (appCodes.length > 0) {
      try {
        await page('syncExpect', { rows: expectedRows(writer.expectedRows()), replace: true });
        for (let run = 0; run < appCodes.length; run++) {
          const e = await enroll(url, appCodes[run]!, `Web laptop ${run + 1}`);
          const serverUrl = url.replace(/\/+$/, '');
          const credentials = {
            token: e.token,
            account: {
              serverUrl,
              deviceId: e.deviceId,
              accountId: e.accountId,
              deviceName: `Web laptop ${run + 1}`,
              councils: e.councils,
              enrolledAt: new Date().toISOString(),
            },
          };
          if (run === 0) {
            pullOnly = await page<PullOnly>('syncPullOnly', { serverUrl, token: e.token, councilId: council.id, pullLimit: PULL_LIMIT });
            if (pullOnly.changes !== seeded || pullOnly.cursor !== first.cursor)
              throw new Error(`app client pull-only: ${pullOnly.changes} changes to cursor ${pullOnly.cursor}, expected ${seeded} to ${first.cursor}`);
            log(
              `${tag} app client pull only (window.fetch, no IndexedDB): ${secs(pullOnly.totalMs)} s (network ${secs(pullOnly.networkMs)} s, JSON.parse ${secs(pullOnly.parseMs)} s, unpack + zod ${secs(pullOnly.validateMs)} s)`,
            );
            if (backend === 'sqlite') {
              slowLink = await overClinicWifi({
                tag,
                location,
                work,
                serverUrl,
                token: e.token,
                credentials,
                councilId: council.id,
                seeded,
                expectedCursor: first.cursor,
              });
              // PouchDB on IndexedDB in the same browser: the app client's like-for-like.
              const prepared = await page<PouchIdbPrepared>('pouchIdbPrepare', { ops: pouchOps });
              pouchIdb = { ...prepared, runsMs: [] };
              log(
                `${tag} PouchDB ${prepared.version} source in IndexedDB: ${prepared.docs} docs (${prepared.liveDocs} live), ${prepared.revisions} revisions written in ${secs(prepared.writeMs)} s`,
              );
            }
            floor = await page<FloorResult>('syncFloor', {});
            log(
              `${tag} IndexedDB floor, no sync: the log's ${floor.records} live rows put in one transaction: ${secs(floor.rawMs)} s into bare stores, ${secs(floor.appTablesMs)} s into the app's tables`,
            );
          }
          log(`${tag} app client first sync ${run + 1}/${appCodes.length}: Dexie SyncEngine in Chromium, fresh IndexedDB...`);
          const round = await page<Omit<EngineRun, 'check'>>('syncFirst', { credentials, councilId: council.id, pullLimit: PULL_LIMIT, run });
          const r: EngineRun = { ...round, check: await page<PageCheck>('syncCheck', { expectedCursor: first.cursor }) };
          if (r.changes !== seeded) throw new Error(`app client first sync pulled ${r.changes} changes, expected ${seeded}`);
          const checked = describeCheck(r.check);
          appChecks.push(checked);
          log(
            `${tag} app client first sync ${run + 1}/${appCodes.length}: ${secs(r.totalMs)} s, ${r.pages} pages applied in ${r.batches} transactions (pull ${secs(r.pullMs)} s of which network ${secs(r.networkMs)} s, overlapping apply ${secs(r.applyMs)} s; waiting for pages ${secs(r.waitMs)} s; setup ${r.setupMs.toFixed(0)} ms)${busy(r)}`,
          );
          log(`${tag}   check ${checked}`);
          appFirstRuns.push(r);
          const pouchMs = await pouch.replicateOnce();
          appPouchRuns.push(pouchMs);
          log(`${tag} PouchDB.replicate right after it: ${secs(pouchMs)} s`);
          if (pouchIdb) {
            const idb = await page<{ ms: number }>('pouchIdbReplicate', {});
            pouchIdb.runsMs.push(idb.ms);
            log(`${tag} PouchDB.replicate IndexedDB -> IndexedDB in the same Chromium right after it: ${secs(idb.ms)} s`);
          }
        }
      } catch (e) {
        appFailed(e);
      }
    }

    // 4. Incremental: another facilitator pushes 1,000 changes (a new meeting, minutes, follow-ups);
    // the client synced above pulls and applies them. Repeated RUNS times.
    const incrementalRuns: SyncStats[] = [];
    const appIncrementalRuns: EngineRun[] = [];
    for (let run = 0; run < RUNS; run++) {
      const from = writer.ops.length;
      writer.continueLive([seeders[1]!.clientId]).generate(writer.changeCount + INCREMENTAL);
      await pushAll(
        seeders[1]!,
        writer.ops.slice(from).flatMap((o) => o.changes),
      );
      const stats = await incrementalSync(client!, device!.transport, council.id);
      if (stats.changes !== INCREMENTAL) throw new Error(`incremental sync pulled ${stats.changes} changes, expected ${INCREMENTAL}`);
      checkReplica(client!, writer);
      log(`${tag} incremental sync ${run + 1}/${RUNS}: ${stats.changes} changes in ${stats.totalMs.toFixed(0)} ms (${stats.pages} page(s))`);
      incrementalRuns.push(stats);
      if (appFirstRuns.length > 0 && !appError) {
        try {
          const touched = new Set(writer.ops.slice(from).map((o) => o.rowId));
          await page('syncExpect', { rows: expectedRows(writer.expectedRows(), touched), replace: false });
          const round = await page<Omit<EngineRun, 'check'>>('syncIncremental', {});
          const r: EngineRun = { ...round, check: await page<PageCheck>('syncCheck', { expectedCursor: stats.cursor }) };
          if (r.changes !== INCREMENTAL) throw new Error(`app client incremental sync pulled ${r.changes} changes, expected ${INCREMENTAL}`);
          const checked = describeCheck(r.check);
          appChecks.push(checked);
          log(
            `${tag} app client incremental sync ${run + 1}/${RUNS}: ${r.changes} changes in ${r.totalMs.toFixed(0)} ms, ${r.pages} page(s) (before the first pull ${r.setupMs.toFixed(0)} ms, pull ${r.pullMs.toFixed(0)} ms, apply ${r.applyMs.toFixed(0)} ms); check ${r.check.ok ? 'OK' : checked}`,
          );
          appIncrementalRuns.push(r);
        } catch (e) {
          appFailed(e);
        }
      }
    }
    const incremental = median(incrementalRuns);
    let app: AppClientFigures | undefined;
    if (appCodes.length > 0) await page('syncDispose', {}).catch(() => undefined);
    if (pouchIdb) await page('pouchIdbDispose', {}).catch(() => undefined);
    if (appFirstRuns.length > 0 && !appError) {
      const appFirst = median(appFirstRuns);
      const checksOk = [...appFirstRuns, ...appIncrementalRuns].every((r) => r.check.ok);
      app = {
        pullOnly: pullOnly!,
        ...(slowLink ? { slowLink } : {}),
        floor: floor!,
        pouch: pouch.result(appPouchRuns),
        ...(pouchIdb && pouchIdb.runsMs.length > 0
          ? { pouchIdb: { ...pouchIdb, replicateMs: [...pouchIdb.runsMs].sort((a, b) => a - b)[Math.floor(pouchIdb.runsMs.length / 2)]! } }
          : {}),
        firstSync: { ...appFirst, runsSeconds: appFirstRuns.map((r) => r.totalMs / 1000), profile: pageProfile(appFirst) },
        incremental: { ...median(appIncrementalRuns), runsMs: appIncrementalRuns.map((r) => r.totalMs) },
        checksOk,
        check: checksOk ? appChecks[appFirstRuns.indexOf(appFirst)]! : appChecks.filter((c) => !c.startsWith('OK')).join(' || '),
      };
    }

    await server.stop();
    const serverLog = readFileSync(server.logFile, 'utf8');
    const serverLogErrors = serverLog.split('\n').filter((l) => /"level":(50|60)/.test(l)).length;
    server = undefined;
    return {
      backend,
      detail,
      seed: { changes: seeded, clients: SEEDERS, seconds: seedMs / 1000, changesPerSecond: seeded / (seedMs / 1000) },
      push,
      firstSync: { ...first, client: client!.label, runsSeconds: firstRuns.map((r) => r.totalMs / 1000) },
      pouch: pouch.result(pouchRuns),
      coldFirstSync,
      app,
      appError,
      incremental: { ...incremental, runsMs: incrementalRuns.map((r) => r.totalMs) },
      serverLogErrors,
    };
  } finally {
    await server?.stop();
    await admin.close();
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  // Figures from a busy machine are not comparable: say how busy it was.
  const loadAtStart = loadavg().map((l) => Number(l.toFixed(2)));
  log(`load average at start: ${loadAtStart.join(', ')} on ${availableParallelism()} CPUs`);
  const work = mkdtempSync(join(tmpdir(), 'cg-bench-sync-'));
  const results: BackendFigures[] = [];
  const skipped: Array<{ backend: string; reason: string }> = [];
  // The same council log, as PouchDB documents (same seed and writers' ids as the backends'
  // seeding clients: the same rows and values), replicated memory -> memory next to each first sync.
  log('PouchDB: writing the same council log as document revisions...');
  const ids = new Rng(SEED);
  const clientIds = Array.from({ length: SEEDERS }, () => ids.uuid());
  const pouchLog = new CouncilLogWriter({ seed: SEED, councilId: new Rng(SEED + 999).uuid(), clientIds, clock: 'history' }).generate(CHANGES);
  const replication = await PouchReplication.prepare(pouchLog.ops, { log: (m) => log(m) });
  const pouchOps: PouchOp[] = pouchLog.ops.map(({ kind, table, rowId, fields }) => ({ kind, table, rowId, fields }));
  let pouch: PouchResult | undefined;
  try {
    if (BACKENDS.includes('sqlite')) {
      const dataDir = join(work, 'sqlite');
      results.push(await runBackend('sqlite', { dataDir }, 'SQLite (better-sqlite3, WAL, synchronous=FULL) in a temp dir', work, replication, pouchOps));
    }
    if (BACKENDS.includes('postgres')) {
      const bin = findPgBin();
      if (!bin) {
        const reason = 'PostgreSQL server binaries (pg_ctl, initdb) not found: install postgresql or set CG_PG_BIN';
        log(`[postgres] SKIPPED: ${reason}`);
        skipped.push({ backend: 'postgres', reason });
      } else {
        const pg = await startPostgres(bin);
        try {
          log(`[postgres] PostgreSQL ${pg.version} started from ${bin}`);
          results.push(
            await runBackend(
              'postgres',
              { databaseUrl: pg.url, dataDir: work },
              `PostgreSQL ${pg.version} (local, default durability: fsync and synchronous_commit on)`,
              work,
              replication,
              pouchOps,
            ),
          );
        } finally {
          await pg.stop();
        }
      }
    }
    pouch = replication.result();
    log(
      `PouchDB.replicate (memory -> memory, batch_size ${pouch.batchSize}): median ${secs(pouch.replicateMs)} s of all ${pouch.replicateRunsMs.length} runs for ${pouch.docsWritten} docs`,
    );
  } finally {
    await replication.dispose();
    rmSync(work, { recursive: true, force: true });
  }

  const out = {
    config: {
      changes: CHANGES,
      incremental: INCREMENTAL,
      pullLimit: PULL_LIMIT,
      pushers: PUSHERS,
      pushCouncils: PUSH_COUNCILS,
      pushBatch: PUSH_BATCH,
      pushBatchesPerClient: PUSH_BATCHES,
      seeders: SEEDERS,
      seed: SEED,
      runs: RUNS,
      loadAverageAtStart: loadAtStart,
      cpus: availableParallelism(),
      cpuModel: cpus()[0]?.model ?? '',
      node: process.version,
    },
    backends: results,
    skipped,
    pouch,
    seconds: (performance.now() - started) / 1000,
  };
  // Exit once written: nothing else is left to wait for, and a lingering keep-alive socket must not hold us.
  process.stdout.write(`${JSON.stringify(out)}\n`, () => process.exit(0));
}

await main();
