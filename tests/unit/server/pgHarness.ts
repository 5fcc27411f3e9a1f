/**
 * A throwaway PostgreSQL server for tests: initdb into a temp folder, start on 127.0.0.1 with a
 * free port, stop by its own data directory (never anyone else's server). About a second.
 * PostgreSQL missing is a FAILURE unless CG_SKIP_PG=1: a silently skipped backend is how "works
 * on SQLite only" bugs ship.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const skipPostgres = process.env.CG_SKIP_PG === '1';

export interface PgServer {
  url: string;
  /** A fresh database on this server (for tests that need an empty schema). */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

export function findPgBin(): string {
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
  const bin = candidates.find((d) => existsSync(join(d, 'pg_ctl')) && existsSync(join(d, 'initdb')));
  if (!bin) {
    throw new Error(
      'PostgreSQL server binaries not found (pg_ctl, initdb). Install them (apt-get install -y postgresql), set CG_PG_BIN, or set CG_SKIP_PG=1 to skip the PostgreSQL runs.',
    );
  }
  return bin;
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

export async function startPostgres(): Promise<PgServer> {
  const bin = findPgBin();
  const dir = mkdtempSync(join(tmpdir(), 'cg-pg-'));
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
  await exec('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  // Durability settings off: this server lives for one test file.
  const opts = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  await exec('pg_ctl', ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
  const base = `postgres://postgres@127.0.0.1:${port}`;
  let stopped = false;
  return {
    url: `${base}/postgres`,
    async createDatabase(name: string) {
      const pg = (await import('pg')).default;
      const client = new pg.Client({ connectionString: `${base}/postgres` });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
      } finally {
        await client.end();
      }
      return `${base}/${name}`;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await exec('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
