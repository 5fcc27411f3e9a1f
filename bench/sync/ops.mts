/**
 * Sizing figures for docs/server-operations.md, run by bench/suites/server-ops.mjs as
 * `node --import tsx bench/sync/ops.mts` (progress on stderr, ONE JSON document on stdout).
 *
 * The real server entry point (server/main.ts, the systemd unit's command) in its own processes,
 * on a throwaway PostgreSQL with production durability (fsync on) and on SQLite (synchronous=FULL):
 *   1. a council log of CG_BENCH_OPS_CHANGES changes (default 100,000) pushed through the server;
 *   2. what it takes on disk, per change (SQLite file; PostgreSQL database and the change log);
 *   3. `server:admin backup` of it while the server runs (SQLite online backup; pg_dump);
 *   4. load with ONE instance, then with TWO on the same PostgreSQL (requests spread over both,
 *      as Caddy's round robin does): pushes of 500 changes from many laptops at once, and the
 *      small pulls of laptops that are up to date (the steady state of a council);
 *   5. each instance's resident memory after the load (its own /metrics).
 * On a 2-core machine shared with the database, the second instance shows what an instance costs
 * more than what it adds; the guide says so.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { SYNC_SCHEMA_VERSION, type Change } from '../../src/shared/sync/protocol';
import { runAdmin } from '../../server/adminCli';
import { hashEnrollmentCode, hashSecret, newDeviceToken, newEnrollmentCode } from '../../server/secrets';
import { openStore, type Store, type StoreLocation } from '../../server/store';
import { batches, CouncilLogWriter, Rng } from './dataset.mts';
import { findPgBin, startPostgres } from './pg.mts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const CHANGES = Number(process.env.CG_BENCH_OPS_CHANGES ?? 100_000);
const PUSHERS = Number(process.env.CG_BENCH_OPS_PUSHERS ?? 24);
const PUSH_BATCHES = 2;
const PULLERS = 40;
const PULLS_EACH = 10;
const PULL_CONCURRENCY = 16;
const SEED = 20_261_125;

const log = (m: string) => process.stderr.write(`server-ops: ${m}\n`);
const percentile = (xs: readonly number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
};

interface Instance {
  url: string;
  metricsUrl: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** server/main.ts as the unit runs it (node --import tsx), on loopback, metrics on a free port. */
async function startInstance(location: StoreLocation): Promise<Instance> {
  const args = ['--import', 'tsx', 'server/main.ts', '--host', '127.0.0.1', '--port', '0', '--metrics-port', '0'];
  if (location.databaseUrl) args.push('--database-url', location.databaseUrl);
  else args.push('--data-dir', location.dataDir);
  const child = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const started = await new Promise<{ address: string; metrics: string }>((resolve, reject) => {
    // Every line is read (a full pipe would stall the server); only the first one matters here.
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.includes('"msg":"sync server listening"')) return;
      const entry = JSON.parse(line) as { address: string; metrics: string };
      resolve(entry);
    });
    child.once('exit', (code) => reject(new Error(`instance exited with ${code}`)));
  });
  return {
    url: started.address,
    metricsUrl: started.metrics,
    child,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

async function rssOf(instance: Instance): Promise<number> {
  const text = await (await fetch(instance.metricsUrl)).text();
  return Number(/^process_resident_memory_bytes (\S+)$/m.exec(text)?.[1] ?? NaN);
}

interface Device {
  token: string;
  clientId: string;
}

/** A device made directly in the store (the address's enrollment limit would slow 60 enrollments to minutes). */
async function device(store: Store, rng: Rng, councilIds: string[], name: string): Promise<Device> {
  const account = await store.createAccount(name);
  for (const id of councilIds) await store.addMember(account.id, id);
  const code = newEnrollmentCode();
  const now = Date.now();
  await store.createEnrollmentCode(account.id, hashEnrollmentCode(code), now + 3_600_000, now);
  const token = newDeviceToken();
  await store.redeemEnrollmentCode(hashEnrollmentCode(code), now, { id: rng.uuid(), name, tokenHash: hashSecret(token) });
  return { token, clientId: rng.uuid() };
}

async function post(url: string, token: string, path: string, body: string): Promise<{ status: number; json: unknown }> {
  const res = await fetch(new URL(path, url), { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
  return { status: res.status, json: (await res.json()) as unknown };
}

async function pool<T>(items: readonly T[], n: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i]!, i);
      }
    }),
  );
}

interface LoadFigures {
  instances: number;
  pushChangesPerSecond: number;
  pushP95Ms: number;
  pullsPerSecond: number;
  pullP50Ms: number;
  pullP95Ms: number;
  rssMiB: number[];
}

/** Pushes from every pusher at once, then steady-state pulls; requests spread over `targets`. */
async function load(
  targets: Instance[],
  pushers: Device[],
  pullers: Device[],
  pushCouncils: string[],
  councilId: string,
  lastSeq: number,
  round: number,
): Promise<LoadFigures> {
  const bodies = pushers.map((p, i) => {
    const writer = new CouncilLogWriter({
      seed: SEED + round * 1000 + i,
      councilId: pushCouncils[i % pushCouncils.length]!,
      clientIds: [p.clientId],
      clock: 'now',
    }).generate(PUSH_BATCHES * 500);
    return batches(
      writer.ops.flatMap((o) => o.changes),
      500,
    ).map((changes: Change[]) => JSON.stringify({ clientId: p.clientId, schemaVersion: SYNC_SCHEMA_VERSION, changes }));
  });
  let request = 0;
  const target = () => targets[request++ % targets.length]!.url;
  const pushMs: number[] = [];
  let pushed = 0;
  const t0 = performance.now();
  await Promise.all(
    pushers.map(async (p, i) => {
      for (const body of bodies[i]!) {
        const s = performance.now();
        const r = await post(target(), p.token, '/v1/push', body);
        pushMs.push(performance.now() - s);
        if (r.status !== 200) throw new Error(`push: ${r.status} ${JSON.stringify(r.json)}`);
        pushed += (r.json as { acked: string[] }).acked.length;
      }
    }),
  );
  const pushSeconds = (performance.now() - t0) / 1000;

  // Laptops that are up to date ask for what is new: a cursor near the end of the log.
  const pulls = pullers.flatMap((p) => Array.from({ length: PULLS_EACH }, () => p));
  const pullMs: number[] = [];
  const t1 = performance.now();
  await pool(pulls, PULL_CONCURRENCY, async (p) => {
    const s = performance.now();
    const r = await post(target(), p.token, '/v1/pull', JSON.stringify({ councilId, cursor: Math.max(0, lastSeq - 20), limit: 1000, format: 'packed' }));
    pullMs.push(performance.now() - s);
    if (r.status !== 200) throw new Error(`pull: ${r.status} ${JSON.stringify(r.json)}`);
  });
  const pullSeconds = (performance.now() - t1) / 1000;
  return {
    instances: targets.length,
    pushChangesPerSecond: pushed / pushSeconds,
    pushP95Ms: percentile(pushMs, 95),
    pullsPerSecond: pulls.length / pullSeconds,
    pullP50Ms: percentile(pullMs, 50),
    pullP95Ms: percentile(pullMs, 95),
    rssMiB: await Promise.all(targets.map(async (t) => (await rssOf(t)) / 1024 / 1024)),
  };
}

interface BackendFigures {
  backend: 'sqlite' | 'postgres';
  changes: number;
  seedSeconds: number;
  storeBytes: number;
  changeLogBytes?: number;
  backupSeconds: number;
  backupBytes: number;
  loads: LoadFigures[];
}

async function runBackend(backend: 'sqlite' | 'postgres', location: StoreLocation, work: string): Promise<BackendFigures> {
  const rng = new Rng(SEED);
  const admin = await openStore(location);
  const council = await admin.createCouncil('Northwest Regional Partnership Council');
  const pushCouncils: string[] = [];
  for (let i = 0; i < 6; i++) pushCouncils.push((await admin.createCouncil(`Regional council ${i + 1}`)).id);
  const seeders = [await device(admin, rng, [council.id], 'Facilitator 1'), await device(admin, rng, [council.id], 'Facilitator 2')];
  const pushers: Device[] = [];
  for (let i = 0; i < PUSHERS; i++) pushers.push(await device(admin, rng, [pushCouncils[i % pushCouncils.length]!], `Member ${i + 1}`));
  const pullers: Device[] = [];
  for (let i = 0; i < PULLERS; i++) pullers.push(await device(admin, rng, [council.id], `Reader ${i + 1}`));
  // The admin handle is closed before the load: only the instances use the database.
  await admin.close();

  const first = await startInstance(location);
  const instances = [first];
  try {
    // 1. The council's log, pushed by two facilitators' laptops.
    const writer = new CouncilLogWriter({ seed: SEED, councilId: council.id, clientIds: seeders.map((s) => s.clientId), clock: 'history' }).generate(CHANGES);
    const byClient = new Map<string, Change[]>(seeders.map((s) => [s.clientId, []]));
    for (const op of writer.ops) byClient.get(op.clientId)!.push(...op.changes);
    const t0 = performance.now();
    await Promise.all(
      seeders.map(async (s) => {
        for (const changes of batches(byClient.get(s.clientId)!, 500)) {
          const r = await post(first.url, s.token, '/v1/push', JSON.stringify({ clientId: s.clientId, schemaVersion: SYNC_SCHEMA_VERSION, changes }));
          if (r.status !== 200) throw new Error(`seed: ${r.status} ${JSON.stringify(r.json)}`);
        }
      }),
    );
    const seedSeconds = (performance.now() - t0) / 1000;
    log(`[${backend}] seeded ${writer.changeCount} changes in ${seedSeconds.toFixed(1)} s`);

    // 2. On disk.
    let storeBytes: number;
    let changeLogBytes: number | undefined;
    if (location.databaseUrl) {
      const client = new pg.Client({ connectionString: location.databaseUrl });
      await client.connect();
      await client.query('CHECKPOINT');
      storeBytes = Number((await client.query<{ n: string }>('SELECT pg_database_size(current_database()) AS n')).rows[0]!.n);
      changeLogBytes = Number((await client.query<{ n: string }>("SELECT pg_total_relation_size('changes') AS n")).rows[0]!.n);
      await client.end();
    } else {
      const file = join(location.dataDir, 'sync.sqlite');
      storeBytes = statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0);
    }

    // 3. A backup while the instance serves.
    const target = join(work, `${backend}-backup`);
    const b0 = performance.now();
    const out: string[] = [];
    const err: string[] = [];
    const code = await runAdmin(
      ['backup', target, ...(location.databaseUrl ? ['--database-url', location.databaseUrl] : ['--data-dir', location.dataDir])],
      process.env,
      { out: (l) => out.push(l), err: (l) => err.push(l) },
    );
    if (code !== 0) throw new Error(`backup: ${err.join(' ')}`);
    const backupSeconds = (performance.now() - b0) / 1000;
    const backupBytes = statSync(target).size;
    log(`[${backend}] backup ${(backupBytes / 1e6).toFixed(1)} MB in ${backupSeconds.toFixed(2)} s`);

    // 4. Load through one instance, then two (PostgreSQL only: SQLite is one process's database).
    const lastSeq = writer.changeCount;
    const loads = [await load(instances, pushers, pullers, pushCouncils, council.id, lastSeq, 1)];
    log(`[${backend}] one instance: ${loads[0]!.pushChangesPerSecond.toFixed(0)} pushed changes/s, ${loads[0]!.pullsPerSecond.toFixed(0)} pulls/s`);
    if (location.databaseUrl) {
      instances.push(await startInstance(location));
      loads.push(await load(instances, pushers, pullers, pushCouncils, council.id, lastSeq, 2));
      log(`[${backend}] two instances: ${loads[1]!.pushChangesPerSecond.toFixed(0)} pushed changes/s, ${loads[1]!.pullsPerSecond.toFixed(0)} pulls/s`);
    }
    return { backend, changes: writer.changeCount, seedSeconds, storeBytes, changeLogBytes, backupSeconds, backupBytes, loads };
  } finally {
    for (const i of instances) await i.stop();
  }
}

const work = mkdtempSync(join(tmpdir(), 'cg-bench-ops-'));
const results: BackendFigures[] = [];
try {
  results.push(await runBackend('sqlite', { dataDir: join(work, 'sqlite') }, work));
  const bin = findPgBin();
  if (bin) {
    // pg_dump of the same major version as the server.
    process.env.CG_PG_BIN = bin;
    const server = await startPostgres(bin);
    try {
      results.push(await runBackend('postgres', { databaseUrl: server.url, dataDir: '.' }, work));
    } finally {
      await server.stop();
    }
  } else log('PostgreSQL not installed: its figures are skipped');
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.stdout.write(`${JSON.stringify({ cpus: availableParallelism(), cpu: cpus()[0]?.model ?? '', changes: CHANGES, pushers: PUSHERS, results })}\n`);
