import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { X509Certificate, createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { request as httpsRequest, Agent } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeHlc } from '../../src/shared/sync/hlc';
import type { Change, EnrollResponse, PullResponse, PushResponse } from '../../src/shared/sync/protocol';
import { CADDY_ENV_EXAMPLE, CADDYFILE, instanceCommand, readEnvFile, SYNC_ENV_EXAMPLE } from '../unit/server/deployFiles';
import { startPostgres, type PgServer } from '../unit/server/pgHarness';
import { launchApp, type LaunchedApp } from './support/browser';
import { useAppServer } from './support/lifecycle';
import { REPO_ROOT, trackTempDir } from './support/paths';
import { goto } from './flows/ui';

/**
 * The sync server run as docs/server-operations.md says: PostgreSQL, two instances started with
 * the systemd unit's own command line and environment file (deploy/), and Caddy with
 * deploy/Caddyfile terminating TLS with its internal CA in front of them. Two laptops (the app in
 * Chromium, web mode) sync through https://; Caddy's CA is trusted by these two browsers only
 * (--ignore-certificate-errors-spki-list with the CA's keys) and by this process's own HTTPS
 * client (its root certificate as `ca`). Then an instance is killed in the middle of a push,
 * restarted as systemd would, and the rate limit is checked across both instances.
 */
const app = useAppServer();
const run = promisify(execFile);
/** Low enough to spend in a test; the example's 600 is the production figure. */
const RATE_LIMIT = 60;

let pgServer: PgServer;
let databaseUrl = '';
let work = '';
let caddy: ChildProcess | undefined;
let caddyLog = '';
let httpsPort = 0;
let syncUrl = '';
let rootPem = '';
let spkiList = '';
let agent: Agent;
const instances: Instance[] = [];

interface Instance {
  port: number;
  metricsUrl: string;
  child: ChildProcess;
  lines: string[];
  exited: Promise<number | null>;
  /** Called with each log line as it arrives. */
  watch: ((line: string) => void) | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for `check` to hold (a condition, not a duration: the time limit only stops a hang). */
async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await sleep(200);
  }
}

async function freePort(range?: [number, number]): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const wanted = range ? range[0] + Math.floor(Math.random() * (range[1] - range[0])) : 0;
    const port = await new Promise<number | null>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(null));
      s.listen(wanted, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    if (port !== null) return port;
  }
  throw new Error('no free port');
}

/** One instance, exactly as systemd starts it (ExecStart of deploy/common-ground-sync@.service). */
async function startInstance(port: number): Promise<Instance> {
  const { command, args, cwd, env } = instanceCommand(port);
  const child = spawn(command, args, {
    cwd,
    env: {
      ...process.env,
      ...readEnvFile(SYNC_ENV_EXAMPLE),
      ...env,
      DATABASE_URL: databaseUrl,
      CG_RATE_LIMIT: String(RATE_LIMIT),
      // Web mode: the app's page calls the server from its own origin.
      CG_CORS_ORIGINS: new URL(app.url).origin,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const instance: Instance = { port, metricsUrl: '', child, lines: [], exited: Promise.resolve(null), watch: null };
  instance.exited = new Promise((resolve) => child.once('close', (code) => resolve(code)));
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const listening = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      instance.lines.push(line);
      instance.watch?.(line);
      try {
        const entry = JSON.parse(line) as { msg?: string; metrics?: string };
        if (entry.msg === 'sync server listening') resolve(entry.metrics!);
      } catch {
        // not JSON
      }
    });
    void instance.exited.then((code) => reject(new Error(`instance on ${port} exited with ${code}: ${stderr}`)));
  });
  instance.metricsUrl = await listening;
  return instance;
}

/** Caddy with deploy/Caddyfile and the example's settings, made local: its own CA, free ports. */
async function startCaddy(upstreams: number[]): Promise<void> {
  const http = await freePort();
  httpsPort = await freePort();
  const admin = await freePort();
  caddyLog = join(work, 'caddy-access.log');
  caddy = spawn('caddy', ['run', '--config', CADDYFILE, '--adapter', 'caddyfile'], {
    cwd: work,
    env: {
      ...process.env,
      ...readEnvFile(CADDY_ENV_EXAMPLE),
      CG_SYNC_ADDRESS: 'localhost',
      CG_SYNC_UPSTREAMS: upstreams.map((p) => `127.0.0.1:${p}`).join(' '),
      CG_TLS: 'internal',
      CG_HTTP_PORT: String(http),
      CG_HTTPS_PORT: String(httpsPort),
      CG_CADDY_ADMIN: `127.0.0.1:${admin}`,
      CG_CADDY_LOG: caddyLog,
      // Caddy keeps its CA and certificates here, not in the machine's folders.
      XDG_DATA_HOME: join(work, 'caddy-data'),
      XDG_CONFIG_HOME: join(work, 'caddy-config'),
      HOME: work,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  caddy.stderr!.on('data', (d) => (stderr += String(d)));
  caddy.once('exit', (code) => {
    if (code !== null && code !== 0) stderr += `\n(caddy exited with ${code})`;
  });
  const pki = join(work, 'caddy-data', 'caddy', 'pki', 'authorities', 'local');
  await until(`Caddy's CA (${stderr.slice(-400)})`, async () => existsSync(join(pki, 'root.crt')) && existsSync(join(pki, 'intermediate.crt')));
  rootPem = readFileSync(join(pki, 'root.crt'), 'utf8');
  // Caddy serves its intermediate with each certificate, never the root: Chromium matches the
  // keys of the chain it is shown, so both keys are listed.
  spkiList = ['root.crt', 'intermediate.crt']
    .map((f) =>
      createHash('sha256')
        .update(new X509Certificate(readFileSync(join(pki, f))).publicKey.export({ type: 'spki', format: 'der' }))
        .digest('base64'),
    )
    .join(',');
  agent = new Agent({ ca: rootPem, keepAlive: true, maxSockets: 4 });
  syncUrl = `https://localhost:${httpsPort}`;
  await until('Caddy serving /ready over TLS', async () => (await call('GET', '/ready')).status === 200);
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** One HTTPS request through Caddy, the certificate checked against Caddy's root (nothing else trusted). */
function call(method: 'GET' | 'POST', path: string, body?: unknown, token?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = httpsRequest(
      `${syncUrl}${path}`,
      {
        method,
        agent,
        headers: {
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => {
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON (a proxy's error page)
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function syncAdmin<T>(...args: string[]): Promise<T> {
  const { stdout } = await run(join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), ['server/admin.ts', ...args, '--json'], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
  return JSON.parse(stdout) as T;
}

async function metricsOf(instance: Instance): Promise<string> {
  return (await fetch(instance.metricsUrl)).text();
}

function metric(text: string, line: string): number {
  const match = new RegExp(`^${line.replace(/[{}"()/.]/g, '\\$&')} (\\S+)$`, 'm').exec(text);
  return match ? Number(match[1]) : 0;
}

// ---- the app in Chromium (web mode), as in sync.e2e.ts ----

async function laptop(): Promise<LaunchedApp> {
  return launchApp({ baseUrl: app.url, extraArgs: [`--ignore-certificate-errors-spki-list=${spkiList}`] });
}

async function phase(page: Page, text: string, timeout = 30_000): Promise<void> {
  await page.getByTestId('sync-phase').filter({ hasText: text }).waitFor({ timeout });
}

async function connect(page: Page, accountId: string, deviceName: string): Promise<void> {
  const { code } = await syncAdmin<{ code: string }>('issue-enrollment-code', accountId);
  await goto(page, app.url, '/settings');
  await page.getByTestId('sync-server-url').fill(syncUrl);
  await page.getByTestId('sync-code').fill(code);
  await page.getByTestId('sync-device-name').fill(deviceName);
  await page.getByTestId('sync-connect').click();
  await phase(page, 'Up to date');
}

async function syncNow(page: Page): Promise<void> {
  await goto(page, app.url, '/settings');
  await page.getByTestId('sync-now').click();
  await phase(page, 'Up to date');
}

async function planMeeting(page: Page, councilId: string, title: string): Promise<void> {
  await goto(page, app.url, `/roster/councils/${councilId}`);
  await page.getByRole('button', { name: 'Plan a meeting' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Title').fill(title);
  await dialog.getByRole('button', { name: 'Create meeting' }).click();
  await page.getByTestId('meeting-title').waitFor();
}

async function expectMeetings(page: Page, titles: readonly string[]): Promise<void> {
  await goto(page, app.url, '/meetings');
  for (const title of titles) await page.getByTestId('meeting-row').filter({ hasText: title }).waitFor({ timeout: 10_000 });
  expect(await page.getByTestId('meeting-row').count()).toBe(titles.length);
}

// ---- a scripted laptop over HTTPS, for the push the kill lands in ----

async function enrollDevice(accountId: string, name: string): Promise<EnrollResponse> {
  const { code } = await syncAdmin<{ code: string }>('issue-enrollment-code', accountId);
  const res = await call('POST', '/v1/enroll', { code, deviceName: name });
  if (res.status !== 200) throw new Error(`enroll: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as EnrollResponse;
}

function batch(clientId: string, councilId: string, from: number, count: number, wall: number): Change[] {
  return Array.from({ length: count }, (_, i) => ({
    opId: randomUUID(),
    clientId,
    councilId,
    table: 'actionItems',
    rowId: `scripted-${from + i}`,
    field: 'title',
    value: `Follow-up ${from + i}: ${'check the float pool schedule '.repeat(6)}`,
    hlc: encodeHlc({ wall, counter: from + i, clientId }),
    baseHlc: null,
  }));
}

async function pullAll(token: string, councilId: string): Promise<PullResponse['changes']> {
  const all: PullResponse['changes'] = [];
  let cursor = 0;
  for (;;) {
    const res = await call('POST', '/v1/pull', { councilId, cursor, limit: 1000 }, token);
    if (res.status !== 200) throw new Error(`pull: ${res.status} ${JSON.stringify(res.body)}`);
    const page = res.body as PullResponse;
    all.push(...page.changes);
    cursor = page.nextCursor;
    if (!page.hasMore) return all;
  }
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'cg-e2e-ops-'));
  trackTempDir(work);
  pgServer = await startPostgres();
  databaseUrl = await pgServer.createDatabase('common_ground');
  // Two instances start together on the empty database: one runs the migrations, once.
  // Their ports are four digits, as the unit's metrics port ("1" + port) needs.
  const ports = [await freePort([7000, 9999]), await freePort([7000, 9999])];
  instances.push(...(await Promise.all(ports.map((p) => startInstance(p)))));
  await startCaddy(ports);
}, 120_000);

afterAll(async () => {
  agent?.destroy();
  for (const instance of instances) if (instance.child.exitCode === null && instance.child.signalCode === null) instance.child.kill('SIGKILL');
  if (caddy && caddy.exitCode === null) {
    caddy.kill('SIGTERM');
    await new Promise((resolve) => caddy!.once('exit', resolve));
  }
  await pgServer?.stop();
});

describe('server operations', () => {
  it('server: two instances behind a TLS proxy serve two laptops and survive a kill', async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const migrations = (await client.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r) => Number(r.version));
    await client.end();
    expect(migrations).toEqual([1, 2, 3, 4]);

    const councilId = (await syncAdmin<{ id: string }>('create-council', 'Harbor Regional Council')).id;
    const pat = (await syncAdmin<{ id: string }>('create-account', 'Pat Okafor')).id;
    const jordan = (await syncAdmin<{ id: string }>('create-account', 'Jordan Reyes')).id;
    const sam = (await syncAdmin<{ id: string }>('create-account', 'Sam Whitfield')).id;
    for (const account of [pat, jordan, sam]) await syncAdmin('add-member', account, councilId);

    // Two laptops enroll with https:// through Caddy and converge.
    const a = await laptop();
    const b = await laptop();
    await connect(a.page, pat, 'Pat laptop');
    await connect(b.page, jordan, 'Jordan laptop');
    await planMeeting(a.page, councilId, 'January council meeting');
    await planMeeting(b.page, councilId, 'Staffing check-in');
    await syncNow(a.page);
    await syncNow(b.page);
    await syncNow(a.page);
    await expectMeetings(a.page, ['January council meeting', 'Staffing check-in']);
    await expectMeetings(b.page, ['January council meeting', 'Staffing check-in']);
    // Both instances took part (round robin), each on the one database.
    for (const instance of instances)
      expect(metric(await metricsOf(instance), 'cg_http_requests_total{route="/v1/pull",method="POST",status="200"}')).toBeGreaterThan(0);

    // An instance is killed (SIGKILL: no drain) while a push is in it.
    const device = await enrollDevice(sam, 'Sam scripted laptop');
    const clientId = randomUUID();
    const wall = Date.now();
    const pushes = [batch(clientId, councilId, 0, 400, wall), batch(clientId, councilId, 400, 400, wall)];
    const acked = new Set<string>();
    let killed: Instance | undefined;
    const pushStarted = new Promise<Instance>((resolve) => {
      for (const instance of instances)
        instance.watch = (line) => {
          if (line.includes('"msg":"incoming request"') && line.includes('"url":"/v1/push"') && !killed) {
            killed = instance;
            instance.child.kill('SIGKILL');
            resolve(instance);
          }
        };
    });
    const first = await call('POST', '/v1/push', { clientId, schemaVersion: 1, changes: pushes[0] }, device.token).catch((e: unknown) => ({
      status: 0,
      body: String(e),
      headers: {},
    }));
    expect(await pushStarted).toBe(killed);
    for (const instance of instances) instance.watch = null;
    expect(await killed!.exited).toBeNull();
    if (first.status === 200) for (const id of (first.body as PushResponse).acked) acked.add(id);
    else expect(first.status).toBe(502); // Caddy: the instance went away mid-request; nothing acknowledged

    // The laptop keeps its batch until it is acknowledged: sent again, then the next one. Caddy
    // sends them to the instance still running.
    for (const changes of pushes) {
      const res = await until('an acknowledged push', async () => {
        const r = await call('POST', '/v1/push', { clientId, schemaVersion: 1, changes }, device.token);
        return r.status === 200 ? r : undefined;
      });
      const body = res.body as PushResponse;
      expect(body.rejected).toEqual([]);
      for (const id of body.acked) acked.add(id);
    }
    expect(acked.size).toBe(800);
    // Nothing acknowledged is lost, and nothing is stored twice.
    const log = await pullAll(device.token, councilId);
    const scripted = log.filter((c) => c.clientId === clientId);
    expect(scripted).toHaveLength(800);
    expect(new Set(scripted.map((c) => c.opId))).toEqual(acked);
    expect(new Set(log.map((c) => c.seq)).size).toBe(log.length);

    // With one instance down the laptops go on working through the other.
    await planMeeting(a.page, councilId, 'Float pool review');
    await syncNow(a.page);
    await syncNow(b.page);
    await expectMeetings(b.page, ['Float pool review', 'January council meeting', 'Staffing check-in']);

    // systemd restarts the killed instance; Caddy's health check brings it back into rotation.
    const index = instances.indexOf(killed!);
    const restarted = await startInstance(killed!.port);
    instances[index] = restarted;
    expect((await fetch(`http://127.0.0.1:${restarted.port}/ready`)).status).toBe(200);
    await until('requests through Caddy reaching the restarted instance', async () => {
      await call('GET', '/health');
      return metric(await metricsOf(restarted), 'cg_http_requests_total{route="/health",method="GET",status="200"}') > 0;
    });

    // One budget per device across both instances (shared in PostgreSQL): RATE_LIMIT requests
    // pass, whichever instance each lands on, and the rest are refused.
    const limited = await enrollDevice(sam, 'Sam rate-limited laptop');
    const statuses: number[] = [];
    for (let i = 0; i < RATE_LIMIT + 10; i++) statuses.push((await call('POST', '/v1/pull', { councilId, cursor: 0, limit: 1 }, limited.token)).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(RATE_LIMIT);
    expect(statuses.slice(RATE_LIMIT)).toEqual(Array.from({ length: 10 }, () => 429));
    const served = await Promise.all(instances.map(async (i) => metric(await metricsOf(i), 'cg_rate_limited_requests_total{limit="device"}')));
    expect(served.reduce((x, y) => x + y, 0)).toBe(10);
    expect(served.every((n) => n > 0)).toBe(true);

    // Request ids: the one Caddy answered with is in the log of the instance that served it.
    const traced = await call('GET', '/ready');
    const requestId = traced.headers['x-request-id'] as string;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    await until('the request id in an instance log', async () => instances.some((i) => i.lines.some((l) => l.includes(`"reqId":"${requestId}"`))));

    // No tokens in any log, and no council or person in any metric.
    const logs = [...instances.flatMap((i) => i.lines), ...killed!.lines, readFileSync(caddyLog, 'utf8')].join('\n');
    for (const token of [device.token, limited.token]) expect(logs.includes(token)).toBe(false);
    // Caddy's access log keeps the Authorization header's name and blanks its value.
    expect(logs.includes('"Authorization":[]')).toBe(true);
    for (const instance of instances) {
      const text = await metricsOf(instance);
      for (const secret of ['Harbor', 'Pat Okafor', 'Jordan', 'Sam Whitfield', councilId, device.deviceId, clientId]) expect(text).not.toContain(secret);
    }
    expect([...a.problems, ...b.problems].filter((p) => !/Failed to fetch|ERR_NETWORK|status of 50\d/.test(p))).toEqual([]);
    await a.close();
    await b.close();

    // SIGTERM (systemctl stop): each instance drains and exits 0.
    for (const instance of instances) instance.child.kill('SIGTERM');
    expect(await Promise.all(instances.map((i) => i.exited))).toEqual([0, 0]);
  }, 240_000);
});
