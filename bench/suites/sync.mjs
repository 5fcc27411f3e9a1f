// Sync: the real server (its own process, real store, HTTP on 127.0.0.1) on SQLite and PostgreSQL:
// push throughput with 50 concurrent clients, first sync of a 100,000-change council log into a
// fresh client, incremental sync of 1,000 changes; and the same log replicated with PouchDB
// (memory adapters) for comparison. The driver runs in Node (bench/sync/main.mts via tsx); the app's
// own sync client (Dexie SyncEngine over IndexedDB, bench/browser/sync.ts) runs in the bench page in
// Chromium, which the driver reaches through this process over IPC. CG_BENCH_SYNC_BROWSER=0: Node only.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const name = 'sync';
/** bench/run.mjs starts Chromium (and serves the bench page) only when this is true. */
export const browser = process.env.CG_BENCH_SYNC_BROWSER !== '0';

const BACKEND_LABEL = { sqlite: 'SQLite', postgres: 'PostgreSQL' };
const thousands = (n) => n.toLocaleString('en-US');

/**
 * Run the driver in its own process (tsx for the TypeScript server modules); its stdout is one JSON
 * document. With a bench page, the driver's IPC messages {id, op, args} become
 * window.cgBench[op](args) in the page, and the answers go back as {id, result | error}.
 */
function runDriver(repoRoot, page) {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    if (page) env.CG_BENCH_SYNC_PAGE_ORIGIN = new URL(page.url()).origin;
    else delete env.CG_BENCH_SYNC_PAGE_ORIGIN;
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'bench', 'sync', 'main.mts')], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    child.on('message', (m) => {
      if (!page) return;
      callPage(page, m.op, m.args).then(
        (result) => child.connected && child.send({ id: m.id, result: result ?? null }),
        (e) => child.connected && child.send({ id: m.id, error: e instanceof Error ? e.message : String(e) }),
      );
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => (out += chunk));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code !== 0) return reject(new Error(`bench/sync/main.mts exited with ${signal ?? `code ${code}`}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').pop()));
      } catch (e) {
        reject(new Error(`bench/sync/main.mts printed no JSON: ${e.message}`));
      }
    });
  });
}

/** The app's own client (Dexie SyncEngine in Chromium, IndexedDB) on one backend. */
function appRows(b, config, lines) {
  const tag = `[${b.backend}]`;
  // PouchDB's runs made right after these first syncs (older drivers: the one overall figure).
  const { firstSync: f, incremental: inc, pullOnly, pouch } = b.app;
  const profile = f.profile;
  const firstS = f.totalMs / 1000;
  const label = 'app client (Dexie SyncEngine, Chromium IndexedDB)';
  const rows = [
    {
      metric: `${tag} first sync, ${label}: ${thousands(f.changes)} changes into a fresh database (median of ${f.runsSeconds.length})`,
      value: firstS,
      unit: 's',
      target: '< 20',
      meetsTarget: firstS < 20,
      runs: f.runsSeconds,
    },
    { metric: `${tag} first sync, app client: rate`, value: f.changes / firstS, unit: 'changes/s' },
    {
      metric: `${tag} first sync, app client: pull, summed over requests (inside syncPull: HTTP, JSON.parse, unpack + zod; overlaps apply and other requests)`,
      value: f.pullMs / 1000,
      unit: 's',
    },
    { metric: `${tag} first sync, app client: of which network (Resource Timing, request to last byte)`, value: f.networkMs / 1000, unit: 's' },
    { metric: `${tag} first sync, app client: apply (${f.pages} pages in ${f.batches} IndexedDB transactions)`, value: f.applyMs / 1000, unit: 's' },
    { metric: `${tag} first sync, app client: waiting for a page (not overlapped by an apply)`, value: f.waitMs / 1000, unit: 's' },
    { metric: `${tag} first sync, app client: apply per transaction, median`, value: profile.applyP50Ms, unit: 'ms' },
    {
      metric: `${tag} first sync, app client: apply per transaction, first 10 vs last 10 (mean)`,
      value: `${profile.applyFirst10MeanMs.toFixed(0)} / ${profile.applyLast10MeanMs.toFixed(0)}`,
      unit: 'ms',
    },
    { metric: `${tag} first sync, app client: before the first pull (status, scan, outbox)`, value: f.setupMs, unit: 'ms' },
    ...(f.renderer
      ? [
          {
            metric: `${tag} first sync, app client: renderer main thread busy (CDP TaskDuration; script)`,
            value: f.renderer.taskMs / 1000,
            unit: 's',
            note: `script ${(f.renderer.scriptMs / 1000).toFixed(2)} s`,
          },
        ]
      : []),
    {
      metric: `${tag} pull only in Chromium (window.fetch + JSON.parse + unpack + zod, no IndexedDB)`,
      value: pullOnly.totalMs / 1000,
      unit: 's',
      note: `network ${(pullOnly.networkMs / 1000).toFixed(2)} s, JSON.parse ${(pullOnly.parseMs / 1000).toFixed(2)} s, unpack + zod ${(pullOnly.validateMs / 1000).toFixed(2)} s, ${(pullOnly.bytes / 1e6).toFixed(1)} MB`,
    },
    ...(b.app.slowLink
      ? [
          {
            metric: `${tag} pull only over ${b.app.slowLink.label}: packed pages (as the app asks)`,
            value: b.app.slowLink.packed.totalMs / 1000,
            unit: 's',
            note: `${(b.app.slowLink.packed.bytes / 1e6).toFixed(1)} MB`,
          },
          {
            metric: `${tag} pull only over ${b.app.slowLink.label}: packed pages, compressed by the server (--compress)`,
            value: b.app.slowLink.compressed.totalMs / 1000,
            unit: 's',
          },
          ...(b.app.slowLink.firstSync
            ? [
                {
                  metric: `${tag} first sync, app client, over ${b.app.slowLink.label}, from a server with --compress`,
                  value: b.app.slowLink.firstSync.totalMs / 1000,
                  unit: 's',
                  target: '< 20',
                  meetsTarget: b.app.slowLink.firstSync.totalMs < 20_000,
                  note: `pull ${(b.app.slowLink.firstSync.pullMs / 1000).toFixed(2)} s, apply ${(b.app.slowLink.firstSync.applyMs / 1000).toFixed(2)} s, waiting for pages ${(b.app.slowLink.firstSync.waitMs / 1000).toFixed(2)} s`,
                },
              ]
            : []),
          {
            metric: `${tag} pull only over ${b.app.slowLink.label}: change objects (servers before packing)`,
            value: b.app.slowLink.changes.totalMs / 1000,
            unit: 's',
            note: `${(b.app.slowLink.changes.bytes / 1e6).toFixed(1)} MB; packed is ${(b.app.slowLink.changes.totalMs / b.app.slowLink.packed.totalMs).toFixed(1)}x faster`,
          },
        ]
      : []),
    {
      metric: `${tag} IndexedDB floor, no sync: the log's ${thousands(b.app.floor.records)} live rows put once, one transaction, into the app's tables`,
      value: b.app.floor.appTablesMs / 1000,
      unit: 's',
      note: `bare object stores without indexes: ${(b.app.floor.rawMs / 1000).toFixed(2)} s; PouchDB memory -> memory: ${pouch ? (pouch.replicateMs / 1000).toFixed(2) : '-'} s`,
    },
    { metric: `${tag} app client result check (syncRows, app tables, values, conflicts, cursor)`, value: b.app.checksOk ? 'OK' : 'FAILED', note: b.app.check },
    {
      metric: `${tag} incremental sync, ${label}: ${thousands(inc.changes)} changes (median of ${inc.runsMs.length})`,
      value: inc.totalMs,
      unit: 'ms',
      target: '< 1000',
      meetsTarget: inc.totalMs < 1000,
      runs: inc.runsMs,
    },
    {
      metric: `${tag} incremental sync, app client: pull / apply (${inc.pages} page(s))`,
      value: `${inc.pullMs.toFixed(0)} / ${inc.applyMs.toFixed(0)}`,
      unit: 'ms',
    },
  ];
  if (pouch) {
    const ratio = pouch.replicateMs / f.totalMs;
    const note = `first sync: Common Ground (app client, Chromium IndexedDB) ${firstS.toFixed(2)} s vs PouchDB ${(pouch.replicateMs / 1000).toFixed(2)} s (ratio ${ratio.toFixed(2)})`;
    const runs = `PouchDB runs right after each: ${pouch.replicateRunsMs.map((ms) => (ms / 1000).toFixed(2)).join(', ')} s`;
    rows.push({
      metric: `${tag} first sync, app client vs PouchDB memory -> memory (PouchDB time / app client time, run side by side)`,
      value: ratio,
      unit: 'x',
      target: '> 1',
      meetsTarget: ratio > 1,
      note: `${note}; ${runs}`,
    });
    lines.push(`${note} [${BACKEND_LABEL[b.backend]}]`);
  }
  const idb = b.app.pouchIdb;
  if (idb) {
    // Both sides write IndexedDB in the same Chromium; PouchDB reads its source locally, with no HTTP.
    const ratio = idb.replicateMs / f.totalMs;
    const note = `first sync: Common Ground (app client) ${firstS.toFixed(2)} s vs PouchDB ${idb.version} on IndexedDB ${(idb.replicateMs / 1000).toFixed(2)} s (ratio ${ratio.toFixed(2)})`;
    rows.push(
      {
        metric: `${tag} PouchDB ${idb.version} replicate IndexedDB -> IndexedDB in the same Chromium, ${thousands(idb.liveDocs)} live docs / ${thousands(idb.revisions)} revisions (median of ${idb.runsMs.length})`,
        value: idb.replicateMs / 1000,
        unit: 's',
        runs: idb.runsMs.map((ms) => ms / 1000),
        note: `source written once in ${(idb.writeMs / 1000).toFixed(1)} s (not timed)`,
      },
      {
        metric: `${tag} first sync, app client vs PouchDB on IndexedDB (PouchDB time / app client time, run side by side)`,
        value: ratio,
        unit: 'x',
        target: '> 1',
        meetsTarget: ratio > 1,
        note,
      },
    );
    lines.push(`${note} [${BACKEND_LABEL[b.backend]}]`);
  }
  lines.push(`[${b.backend}] app client check: ${b.app.check}`);
  return rows;
}

/** Chromium's own account of the renderer's main thread (CDP Performance metrics), in ms. */
async function rendererMetrics(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  return { taskMs: get('TaskDuration'), scriptMs: get('ScriptDuration') };
}

let cdpSession;
/**
 * window.cgBench[op](args) in the page. Sync rounds also report how busy the renderer's main thread
 * was meanwhile (the rest of the wall time it waited: IndexedDB in the browser process, network).
 */
async function callPage(page, op, args) {
  const timed = op === 'syncFirst' || op === 'syncIncremental';
  if ((timed || args?.network) && !cdpSession) {
    cdpSession = await page.context().newCDPSession(page);
    await cdpSession.send('Performance.enable');
  }
  // CG_BENCH_SYNC_PROFILE=<dir>: a CPU profile of the renderer per first sync (open in DevTools).
  const profileDir = op === 'syncFirst' ? process.env.CG_BENCH_SYNC_PROFILE : undefined;
  if (profileDir) {
    await cdpSession.send('Profiler.enable');
    await cdpSession.send('Profiler.start');
  }
  // args.network: emulate a slower link (CDP Network.emulateNetworkConditions) for this call only.
  const network = args?.network;
  if (network) {
    await cdpSession.send('Network.enable');
    await cdpSession.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: network.latencyMs,
      downloadThroughput: network.downBytesPerSecond,
      uploadThroughput: network.upBytesPerSecond,
    });
  }
  const before = timed ? await rendererMetrics(cdpSession) : null;
  const result = await page
    .evaluate(([o, a]) => window.cgBench[o](a), [op, args])
    .finally(async () => {
      if (network) await cdpSession.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    });
  if (!before) return result;
  const after = await rendererMetrics(cdpSession);
  if (profileDir) {
    const { profile } = await cdpSession.send('Profiler.stop');
    mkdirSync(profileDir, { recursive: true });
    writeFileSync(join(profileDir, `renderer-first-sync-${Date.now()}.cpuprofile`), JSON.stringify(profile));
  }
  return { ...result, renderer: { taskMs: after.taskMs - before.taskMs, scriptMs: after.scriptMs - before.scriptMs } };
}

export async function run(ctx) {
  const page = ctx.benchPage ? await ctx.benchPage() : undefined;
  const r = await runDriver(ctx.repoRoot, page);
  const { config, pouch: overallPouch } = r;
  const rows = [];
  const lines = [];
  for (const b of r.backends) {
    const tag = `[${b.backend}]`;
    const first = b.firstSync;
    const firstS = first.totalMs / 1000;
    rows.push(
      {
        metric: `${tag} push: ${b.push.clients} clients x ${b.push.requests / b.push.clients} batches of ${config.pushBatch} (${b.push.councils} councils)`,
        value: b.push.changesPerSecond,
        unit: 'changes/s',
        target: '>= 2000',
        meetsTarget: b.push.changesPerSecond >= 2000,
      },
      { metric: `${tag} push latency p50 (50 concurrent)`, value: b.push.p50Ms, unit: 'ms' },
      { metric: `${tag} push latency p95 (50 concurrent)`, value: b.push.p95Ms, unit: 'ms' },
      { metric: `${tag} seed: ${b.seed.clients} clients push the council log`, value: b.seed.changesPerSecond, unit: 'changes/s' },
      {
        metric: `${tag} first sync: ${thousands(first.changes)} changes into a fresh client (median of ${first.runsSeconds.length})`,
        value: firstS,
        unit: 's',
        target: '< 20',
        meetsTarget: firstS < 20,
        runs: first.runsSeconds,
      },
      { metric: `${tag} first sync: pages of ${config.pullLimit}`, value: first.pages, unit: 'pages' },
      { metric: `${tag} first sync: rate`, value: first.changes / firstS, unit: 'changes/s' },
      {
        metric: `${tag} first sync: waiting for pages (server + HTTP + JSON.parse + unpack, less what overlapped applying)`,
        value: first.networkMs / 1000,
        unit: 's',
      },
      { metric: `${tag} first sync: unpack + validate (overlaps applying)`, value: first.validateMs / 1000, unit: 's' },
      { metric: `${tag} first sync: apply (in-memory Replica)`, value: first.applyMs / 1000, unit: 's' },
    );
    if (b.coldFirstSync) {
      rows.push({
        metric: `${tag} first sync before ANALYZE (no planner statistics yet)`,
        value: b.coldFirstSync.totalMs / 1000,
        unit: 's',
        target: '< 20',
        meetsTarget: b.coldFirstSync.totalMs / 1000 < 20,
      });
    }
    const inc = b.incremental;
    rows.push({
      metric: `${tag} incremental sync: ${thousands(inc.changes)} changes, pull + apply (median of ${inc.runsMs.length})`,
      value: inc.totalMs,
      unit: 'ms',
      target: '< 1000',
      meetsTarget: inc.totalMs < 1000,
      runs: inc.runsMs,
    });
    const pouch = b.pouch ?? overallPouch;
    if (pouch) {
      const ratio = pouch.replicateMs / first.totalMs;
      rows.push({
        metric: `${tag} first sync vs PouchDB (PouchDB time / Common Ground time, run side by side)`,
        value: ratio,
        unit: 'x',
        target: '> 1',
        meetsTarget: ratio > 1,
        note: `first sync: Common Ground ${firstS.toFixed(2)} s vs PouchDB ${(pouch.replicateMs / 1000).toFixed(2)} s (ratio ${ratio.toFixed(2)}); PouchDB runs right after each: ${pouch.replicateRunsMs.map((ms) => (ms / 1000).toFixed(2)).join(', ')} s`,
      });
      lines.push(
        `first sync (${BACKEND_LABEL[b.backend]}): Common Ground (in-memory Replica) ${firstS.toFixed(2)} s vs PouchDB ${(pouch.replicateMs / 1000).toFixed(2)} s (ratio ${ratio.toFixed(2)})`,
      );
    }
    if (b.app) rows.push(...appRows(b, config, lines));
    if (b.appError) {
      rows.push({ metric: `${tag} app client (Dexie SyncEngine, Chromium IndexedDB) FAILED`, value: 'failed', note: b.appError });
      lines.push(`[${b.backend}] app client FAILED: ${b.appError}`);
    }
  }
  for (const s of r.skipped) {
    rows.push({ metric: `[${s.backend}] SKIPPED`, value: 'skipped', note: s.reason });
    lines.push(`[${s.backend}] SKIPPED: ${s.reason}`);
  }
  const pouch = overallPouch;
  if (pouch) {
    rows.push({
      metric: `PouchDB ${pouch.version} replicate memory -> memory, ${thousands(pouch.docs)} docs / ${thousands(pouch.revisions)} revisions (median of all ${pouch.replicateRunsMs.length} runs)`,
      value: pouch.replicateMs / 1000,
      unit: 's',
      runs: pouch.replicateRunsMs.map((ms) => ms / 1000),
    });
    const sqlite = r.backends.find((b) => b.backend === 'sqlite') ?? r.backends[0];
    const cg = sqlite?.firstSync;
    lines.push(
      `note: the same council log (${thousands(config.changes)} changes from ${thousands(pouch.revisions)} user operations on ${thousands(pouch.docs)} rows, seed ${config.seed}) on both sides. ` +
        `Common Ground pulls every change (each field version, ${cg ? (cg.bytes / 1e6).toFixed(1) : '?'} MB of packed JSON) over real HTTP from a separate server process with a durable store, unpacks and validates each page with zod and merges it into the in-memory reference client. ` +
        `PouchDB.replicate (batch_size ${pouch.batchSize}) copies each document's current revision plus its revision-id history (${thousands(pouch.docs)} docs) between two memory databases in one process: no HTTP, no disk. ` +
        'Neither of those writes IndexedDB. ' +
        (r.backends.some((b) => b.app)
          ? "The app client rows are the app's real client: its Dexie SyncEngine in Chromium pulls the same log over HTTP (CORS) from the same server and commits it to IndexedDB (strict durability). " +
            "Its like-for-like is PouchDB on IndexedDB in the same Chromium (pouchdb-browser, replicating a local IndexedDB source into a fresh one, no HTTP); against memory adapters it is compared too, but IndexedDB alone (the floor row) takes most of PouchDB's in-memory time. " +
            'PouchDB replicates right after each first sync, so each ratio compares runs made side by side.'
          : 'The app client (Dexie SyncEngine in Chromium) did not run (CG_BENCH_SYNC_BROWSER=0 or it failed).'),
    );
  }
  for (const b of r.backends) lines.push(`[${b.backend}] ${b.detail}; server log errors: ${b.serverLogErrors}`);
  lines.push(
    `whole sync run: ${r.seconds.toFixed(1)} s on ${config.cpus} CPUs (${config.cpuModel}), load average at start ${config.loadAverageAtStart.join(' ')}, Node ${config.node}`,
  );
  for (const line of lines) console.log(`sync: ${line}`);
  return rows;
}
