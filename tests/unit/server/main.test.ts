/** The real entry points, as an operator runs them: `tsx server/main.ts` and `tsx server/admin.ts`. */
import { spawn, execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs, serverConfig } from '../../../server/config';
import { skipPostgres, startPostgres, type PgServer } from './pgHarness';

const ROOT = resolve(import.meta.dirname, '../../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const run = promisify(execFile);

interface Running {
  url: string;
  stop(): Promise<number | null>;
}

async function startServer(args: string[], env: NodeJS.ProcessEnv): Promise<Running> {
  const child = spawn(TSX, ['server/main.ts', '--host', '127.0.0.1', '--port', '0', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  const url = await new Promise<string>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`server did not start: ${stderr}`)), 30_000);
    void exited.then((code) => rej(new Error(`server exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; address?: string };
        if (entry.msg === 'sync server listening' && entry.address) {
          clearTimeout(timer);
          res(entry.address);
        }
      } catch {
        // not a log line
      }
    });
  });
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

const admin = async (args: string[], env: NodeJS.ProcessEnv = {}) =>
  (await run(TSX, ['server/admin.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env } })).stdout.trim();

describe('configuration', () => {
  it('defaults to 127.0.0.1:8787 and ./data, with flags over environment', () => {
    expect(serverConfig(parseArgs([]), {})).toEqual({
      host: '127.0.0.1',
      port: 8787,
      dataDir: './data',
      databaseUrl: undefined,
      trustProxy: false,
      compress: false,
    });
    expect(serverConfig(parseArgs(['--port', '9000', '--data-dir=/srv/cg']), { PORT: '1', HOST: '0.0.0.0', DATABASE_URL: 'postgres://h/db' })).toEqual({
      host: '0.0.0.0',
      port: 9000,
      dataDir: '/srv/cg',
      databaseUrl: 'postgres://h/db',
      trustProxy: false,
      compress: false,
    });
    expect(serverConfig(parseArgs(['--compress']), {}).compress).toBe(true);
    expect(serverConfig(parseArgs([]), { CG_COMPRESS: '1' }).compress).toBe(true);
    expect(() => serverConfig(parseArgs(['--port', 'x']), {})).toThrow(/invalid port/);
  });
});

describe('server/main.ts and server/admin.ts', () => {
  const dirs: string[] = [];
  let pg: PgServer | undefined;
  beforeAll(async () => {
    if (!skipPostgres) pg = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await pg?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('runs on SQLite in the data directory with no other set-up, and enrolls a device made with the admin CLI', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-main-'));
    dirs.push(dir);
    const dataDir = join(dir, 'data');
    const council = await admin(['create-council', 'Georgia', '--data-dir', dataDir]);
    const account = await admin(['create-account', 'Kim', '--data-dir', dataDir]);
    await admin(['add-member', account, council, '--data-dir', dataDir]);
    const code = (await admin(['issue-enrollment-code', account, '--data-dir', dataDir])).split('\n')[0]!;
    const server = await startServer(['--data-dir', dataDir], {});
    try {
      expect(existsSync(join(dataDir, 'sync.sqlite'))).toBe(true);
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
      const res = await fetch(`${server.url}/v1/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, deviceName: 'x' }),
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { councils: Array<{ id: string }> }).councils.map((c) => c.id)).toEqual([council]);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(await admin(['list-devices', '--data-dir', dataDir])).toMatch(/"x"/);
  }, 60_000);

  it.skipIf(skipPostgres)(
    'runs on PostgreSQL when DATABASE_URL is set',
    async () => {
      const url = await pg!.createDatabase('main_entry');
      const env = { DATABASE_URL: url };
      const council = await admin(['create-council', 'Hawaii'], env);
      const server = await startServer([], env);
      try {
        expect((await fetch(`${server.url}/health`)).status).toBe(200);
      } finally {
        expect(await server.stop()).toBe(0);
      }
      expect(await admin(['list-councils'], env)).toContain(council);
    },
    60_000,
  );
});
