/**
 * A throwaway local PostgreSQL for the sync benchmark, started the way tests/unit/server/pgHarness.ts
 * starts one (initdb into a temp folder, as the postgres system user when we are root; pg_ctl on
 * 127.0.0.1 with a free port; stopped by its own data directory, never anyone else's server).
 * Unlike the test harness, durability stays at PostgreSQL's defaults (fsync, synchronous_commit,
 * full_page_writes on): the benchmark measures what a production server would do per commit.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export interface LocalPostgres {
  /** postgres://... of a fresh database on this server. */
  url: string;
  version: string;
  stop(): Promise<void>;
}

/** The directory holding pg_ctl and initdb, or null when PostgreSQL is not installed. */
export function findPgBin(): string | null {
  const candidates: string[] = [];
  if (process.env.CG_PG_BIN) candidates.push(process.env.CG_PG_BIN);
  try {
    const onPath = execFileSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' }).trim();
    if (onPath) candidates.push(dirname(realpathSync(onPath)));
  } catch {
    // not on PATH; try the Debian layout below
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    for (const v of readdirSync(debian).sort((a, b) => Number(b) - Number(a))) candidates.push(join(debian, v, 'bin'));
  }
  return candidates.find((d) => existsSync(join(d, 'pg_ctl')) && existsSync(join(d, 'initdb'))) ?? null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startPostgres(bin: string): Promise<LocalPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'cg-bench-pg-'));
  const data = join(dir, 'data');
  // initdb refuses to run as root; run the server as the postgres system user then.
  const asRoot = process.getuid?.() === 0;
  const exec = async (cmd: string, args: string[]) => {
    const full = join(bin, cmd);
    return asRoot ? run('runuser', ['-u', 'postgres', '--', full, ...args]) : run(full, args);
  };
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  // --no-sync only skips flushing initdb's own files; the running server keeps fsync on.
  await exec('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  const opts = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c max_connections=200`;
  let started = false;
  const stop = async () => {
    try {
      if (started) await exec('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    } finally {
      started = false;
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    await exec('pg_ctl', ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
    started = true;
    const base = `postgres://postgres@127.0.0.1:${port}`;
    const client = new pg.Client({ connectionString: `${base}/postgres` });
    await client.connect();
    let version = '';
    try {
      await client.query('CREATE DATABASE cg_bench');
      version = String((await client.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ?? '');
    } finally {
      await client.end();
    }
    return { url: `${base}/cg_bench`, version, stop };
  } catch (e) {
    await stop().catch(() => undefined);
    throw e;
  }
}
