/**
 * The real entry points, as an operator runs them: `tsx server/main.ts` and `tsx server/admin.ts`.
 * Bad input (flags, an unreachable database, a read-only data folder, a port in use, an existing
 * backup target) ends in ONE line naming the problem and a non-zero exit, with nothing changed.
 */
import { spawn, execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs, serverConfig, SERVER_FLAGS, UsageError } from '../../../server/config';
import { skipPostgres, startPostgres, type PgServer } from './pgHarness';

const ROOT = resolve(import.meta.dirname, '../../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const run = promisify(execFile);

/**
 * Root ignores permission bits; a read-only folder is only read-only to a process without
 * CAP_DAC_OVERRIDE, so as root the command runs with that capability dropped (setpriv).
 */
const unprivileged = (cmd: string, args: string[]): [string, string[]] =>
  process.getuid?.() === 0 ? ['setpriv', ['--bounding-set=-dac_override,-dac_read_search,-fowner', '--', cmd, ...args]] : [cmd, args];

interface Running {
  url: string;
  metricsUrl: string | null;
  lines: string[];
  stop(): Promise<number | null>;
}

async function startServer(args: string[], env: NodeJS.ProcessEnv): Promise<Running> {
  const child = spawn(TSX, ['server/main.ts', '--host', '127.0.0.1', '--port', '0', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const lines: string[] = [];
  child.stderr.on('data', (d) => (stderr += String(d)));
  // 'close': the process has exited AND its output is read to the end.
  const exited = new Promise<number | null>((res) => child.once('close', (code) => res(code)));
  const started = await new Promise<{ address: string; metrics: string | null }>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`server did not start: ${stderr}`)), 30_000);
    void exited.then((code) => rej(new Error(`server exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      try {
        const entry = JSON.parse(line) as { msg?: string; address?: string; metrics?: string | null };
        if (entry.msg === 'sync server listening' && entry.address) {
          clearTimeout(timer);
          res({ address: entry.address, metrics: entry.metrics ?? null });
        }
      } catch {
        // not a log line
      }
    });
  });
  return {
    url: started.address,
    metricsUrl: started.metrics,
    lines,
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Runs a command to its end: exit code and what it printed. */
async function runToEnd(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += String(d)));
  child.stderr.on('data', (d) => (stderr += String(d)));
  const code = await new Promise<number | null>((res) => child.once('exit', (c) => res(c)));
  return { code, stdout, stderr };
}

const runServer = (args: string[], env: NodeJS.ProcessEnv = {}) => runToEnd(TSX, ['server/main.ts', ...args], env);
const admin = async (args: string[], env: NodeJS.ProcessEnv = {}) =>
  (await run(TSX, ['server/admin.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env } })).stdout.trim();

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

describe('configuration', () => {
  it('defaults to 127.0.0.1:8787 and ./data, with flags over environment', () => {
    expect(serverConfig(parseArgs([], SERVER_FLAGS), {})).toEqual({
      host: '127.0.0.1',
      port: 8787,
      dataDir: './data',
      databaseUrl: undefined,
      trustProxy: false,
      compress: false,
      drainTimeoutMs: 10_000,
      rateLimitPerMinute: 600,
    });
    expect(
      serverConfig(parseArgs(['--port', '9000', '--data-dir=/srv/cg', '--metrics-port', '9464', '--drain-timeout', '2.5', '--trust-proxy'], SERVER_FLAGS), {
        PORT: '1',
        HOST: '0.0.0.0',
        DATABASE_URL: 'postgres://h/db',
        CG_RATE_LIMIT: '120',
        CG_METRICS_HOST: '10.0.0.5',
      }),
    ).toEqual({
      host: '0.0.0.0',
      port: 9000,
      dataDir: '/srv/cg',
      databaseUrl: 'postgres://h/db',
      trustProxy: true,
      compress: false,
      metrics: { host: '10.0.0.5', port: 9464 },
      drainTimeoutMs: 2500,
      rateLimitPerMinute: 120,
    });
    expect(serverConfig(parseArgs(['--compress'], SERVER_FLAGS), {}).compress).toBe(true);
    expect(serverConfig(parseArgs([], SERVER_FLAGS), { CG_COMPRESS: '1' }).compress).toBe(true);
  });

  it('refuses what it does not understand, naming it, instead of starting with a default', () => {
    const refusal = (argv: string[], env: NodeJS.ProcessEnv = {}) => {
      try {
        serverConfig(parseArgs(argv, SERVER_FLAGS), env);
      } catch (e) {
        expect(e).toBeInstanceOf(UsageError);
        return (e as Error).message;
      }
      return 'accepted';
    };
    expect(refusal(['--prot', '9000'])).toBe('unknown option --prot');
    expect(refusal(['--port'])).toBe('--port needs a value');
    expect(refusal(['--port', '--host', 'x'])).toBe('--port needs a value');
    expect(refusal(['--compress=yes'])).toBe('--compress takes no value');
    expect(refusal(['--port', 'x'])).toBe('invalid port: x (a number from 0 to 65535)');
    expect(refusal(['--port', '70000'])).toBe('invalid port: 70000 (a number from 0 to 65535)');
    expect(refusal([], { PORT: '80a' })).toBe('invalid port: 80a (a number from 0 to 65535)');
    expect(refusal(['--drain-timeout', '0'])).toBe('invalid drain timeout in seconds: 0 (a number above 0, at most 3600)');
    expect(refusal(['--rate-limit', 'lots'])).toBe('invalid rate limit (requests per device per minute): lots (a number above 0, at most 1000000)');
    expect(refusal(['--data-dir', ' '])).toBe('the data folder (--data-dir / CG_DATA_DIR) is empty');
    expect(refusal(['serve'])).toBe('unexpected argument serve (the server takes only --options)');
    expect(refusal(['--metrics-port', '-1'])).toBe('invalid metrics port: -1 (a number from 0 to 65535)');
  });
});

describe('server/main.ts and server/admin.ts', () => {
  const dirs: string[] = [];
  let pg: PgServer | undefined;
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'cg-main-'));
    dirs.push(d);
    return d;
  };
  beforeAll(async () => {
    if (!skipPostgres) pg = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await pg?.stop();
    for (const d of dirs) {
      chmodSync(d, 0o700);
      for (const sub of readdirSync(d)) chmodSync(join(d, sub), 0o700);
      rmSync(d, { recursive: true, force: true });
    }
  });

  it('runs on SQLite in the data directory with no other set-up, enrolls a device made with the admin CLI, serves metrics on their own port and stops on SIGTERM', async () => {
    const dataDir = join(tempDir(), 'data');
    const council = await admin(['create-council', 'Georgia', '--data-dir', dataDir]);
    const account = await admin(['create-account', 'Kim', '--data-dir', dataDir]);
    await admin(['add-member', account, council, '--data-dir', dataDir]);
    const code = (await admin(['issue-enrollment-code', account, '--data-dir', dataDir])).split('\n')[0]!;
    const server = await startServer(['--data-dir', dataDir, '--metrics-port', '0'], {});
    try {
      expect(existsSync(join(dataDir, 'sync.sqlite'))).toBe(true);
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
      expect((await fetch(`${server.url}/ready`)).status).toBe(200);
      const res = await fetch(`${server.url}/v1/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, deviceName: 'x' }),
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { councils: Array<{ id: string }> }).councils.map((c) => c.id)).toEqual([council]);
      // Metrics on the metrics port only; the API port (the one the proxy publishes) has none.
      expect(server.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      const metrics = await (await fetch(server.metricsUrl!)).text();
      expect(metrics).toMatch(/^cg_http_requests_total\{route="\/v1\/enroll",method="POST",status="200"\} 1$/m);
      expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    const messages = server.lines.map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(messages.filter((m) => m === 'shutting down: draining requests in flight' || m === 'stopped')).toEqual([
      'shutting down: draining requests in flight',
      'stopped',
    ]);
    expect(await admin(['list-devices', '--data-dir', dataDir])).toMatch(/"x"/);
  }, 60_000);

  it('refuses a bad flag, a port in use and a read-only data folder, each in one line, with nothing changed', async () => {
    const bad = await runServer(['--prot', '9000']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('sync server: unknown option --prot (see --help)\n');
    expect(bad.stdout).toBe('');

    const help = await runServer(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--drain-timeout S');

    const badAdmin = await runToEnd(TSX, ['server/admin.ts', 'list-councils', '--data-dir']);
    expect(badAdmin.code).toBe(2);
    expect(badAdmin.stderr).toBe('server:admin: --data-dir needs a value (run "npm run server:admin -- help" for usage)\n');

    // A folder the server may not write: its database stays exactly as it was.
    const dataDir = join(tempDir(), 'data');
    await admin(['create-council', 'Hawaii', '--data-dir', dataDir]);
    const before = sha(join(dataDir, 'sync.sqlite'));
    chmodSync(dataDir, 0o500);
    const [cmd, args] = unprivileged(TSX, ['server/main.ts', '--port', '0', '--data-dir', dataDir]);
    const readOnly = await runToEnd(cmd, args);
    expect(readOnly.code).toBe(1);
    expect(readOnly.stderr).toBe(`sync server failed to start: the data folder ${dataDir} is not writable (EACCES): the server keeps its database there\n`);
    expect(sha(join(dataDir, 'sync.sqlite'))).toBe(before);
    expect(readdirSync(dataDir).sort()).toEqual(['server.lock', 'sync.sqlite']);
    chmodSync(dataDir, 0o700);

    // The port is taken (by a first server): the second says so and exits.
    const first = await startServer(['--data-dir', dataDir], {});
    try {
      const port = new URL(first.url).port;
      const taken = await runServer(['--host', '127.0.0.1', '--port', port, '--data-dir', dataDir]);
      expect(taken.code).toBe(1);
      expect(taken.stderr).toBe(`sync server failed to start: cannot listen on 127.0.0.1:${port} (EADDRINUSE)\n`);
    } finally {
      await first.stop();
    }
  }, 90_000);

  it('refuses a backup target that exists, and a restore while the server runs; backs up while it serves', async () => {
    const dataDir = join(tempDir(), 'data');
    const backups = tempDir();
    const council = await admin(['create-council', 'Colorado', '--data-dir', dataDir]);
    const existing = join(backups, 'monday.sqlite');
    writeFileSync(existing, 'an older backup the operator keeps');
    const server = await startServer(['--data-dir', dataDir], {});
    try {
      const exists = await runToEnd(TSX, ['server/admin.ts', 'backup', existing, '--data-dir', dataDir]);
      expect(exists.code).toBe(1);
      expect(exists.stderr).toBe(`server:admin: the backup target ${existing} already exists: choose a new file name (nothing was written)\n`);
      expect(readFileSync(existing, 'utf8')).toBe('an older backup the operator keeps');

      const target = join(backups, 'tuesday.sqlite');
      const made = await runToEnd(TSX, ['server/admin.ts', 'backup', target, '--data-dir', dataDir]);
      expect(made.code).toBe(0);
      expect(made.stdout).toMatch(new RegExp(`^backup written: ${target} \\(\\d+ bytes, 0 changes in 1 councils, schema version \\d+\\)\\n$`));

      const live = sha(join(dataDir, 'sync.sqlite'));
      const refused = await runToEnd(TSX, ['server/admin.ts', 'restore', target, '--data-dir', dataDir]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toBe(`server:admin: a sync server (or another server:admin command) is using ${dataDir}: stop it first (nothing was changed)\n`);
      expect(sha(join(dataDir, 'sync.sqlite'))).toBe(live);
      expect(readdirSync(dataDir).filter((f) => f.includes('before-restore'))).toEqual([]);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(await admin(['list-councils', '--data-dir', dataDir])).toContain(council);
  }, 90_000);

  it.skipIf(skipPostgres)(
    'runs on PostgreSQL when DATABASE_URL is set, and says in one line when the database cannot be reached',
    async () => {
      const url = await pg!.createDatabase('main_entry');
      const env = { DATABASE_URL: url };
      const council = await admin(['create-council', 'Hawaii'], env);
      const server = await startServer([], env);
      try {
        expect((await fetch(`${server.url}/health`)).status).toBe(200);
        expect(await (await fetch(`${server.url}/ready`)).json()).toMatchObject({ ready: true });
        expect(
          server.lines.map((l) => JSON.parse(l) as { msg: string; sharedRateLimits?: boolean }).find((l) => l.msg === 'sync server listening')
            ?.sharedRateLimits,
        ).toBe(true);
      } finally {
        expect(await server.stop()).toBe(0);
      }
      expect(await admin(['list-councils'], env)).toContain(council);

      const port = await closedPort();
      const unreachable = await runServer([], { DATABASE_URL: `postgres://cg:s3cret-pw@127.0.0.1:${port}/cg` });
      expect(unreachable.code).toBe(1);
      expect(unreachable.stderr).toBe(`sync server failed to start: cannot reach the database at postgres://127.0.0.1:${port}/cg (ECONNREFUSED)\n`);
      const adminUnreachable = await runToEnd(TSX, ['server/admin.ts', 'list-councils'], { DATABASE_URL: `postgres://cg:s3cret-pw@127.0.0.1:${port}/cg` });
      expect(adminUnreachable.code).toBe(1);
      expect(adminUnreachable.stderr).toBe(`server:admin: cannot reach the database at postgres://127.0.0.1:${port}/cg (ECONNREFUSED)\n`);
    },
    90_000,
  );
});
