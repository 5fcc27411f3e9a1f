import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT, trackTempDir } from './paths';

const run = promisify(execFile);
const TSX = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');

/**
 * The real sync server (`npm run server`'s entry point) in its own process on a free loopback
 * port, with its own SQLite data folder, and the real admin CLI against the same data.
 */
export interface SyncServerProcess {
  readonly url: string;
  readonly dataDir: string;
  admin<T = unknown>(...args: string[]): Promise<T>;
  stop(): Promise<void>;
}

export async function startSyncServer(options: { corsOrigin: string }): Promise<SyncServerProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cg-e2e-sync-'));
  trackTempDir(dataDir);
  const child: ChildProcess = spawn(TSX, ['server/main.ts', '--port', '0', '--data-dir', dataDir, '--cors-origin', options.corsOrigin], {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sync server did not start within 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      // pino logs JSON lines; the listening line carries the address.
      const match = /"address":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sync server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    dataDir,
    async admin<T>(...args: string[]): Promise<T> {
      const { stdout } = await run(TSX, ['server/admin.ts', ...args, '--data-dir', dataDir, '--json'], { cwd: REPO_ROOT });
      return JSON.parse(stdout) as T;
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
