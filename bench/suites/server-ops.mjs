// Server operations: the sizing figures docs/server-operations.md quotes. The real server entry
// point on SQLite and on PostgreSQL (fsync on): a 100,000-change council log, its size on disk,
// `server:admin backup` of it while serving, and load (pushes from many laptops at once, the small
// pulls of laptops that are up to date) through one instance and through two on one PostgreSQL,
// with each instance's memory. Node only (bench/sync/ops.mts).
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const name = 'server-ops';
export const browser = false;

function runDriver(repoRoot) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'bench', 'sync', 'ops.mts')], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => (out += chunk));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code !== 0) return reject(new Error(`bench/sync/ops.mts exited with ${signal ?? `code ${code}`}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').pop()));
      } catch (e) {
        reject(new Error(`bench/sync/ops.mts printed no JSON: ${e.message}`));
      }
    });
  });
}

const LABEL = { sqlite: 'SQLite', postgres: 'PostgreSQL' };
const thousands = (n) => n.toLocaleString('en-US');

export async function run(ctx) {
  const r = await runDriver(ctx.repoRoot);
  const rows = [];
  for (const b of r.results) {
    const tag = `[${LABEL[b.backend]}]`;
    rows.push(
      { metric: `${tag} store size for ${thousands(b.changes)} changes`, value: b.storeBytes / 1e6, unit: 'MB' },
      { metric: `${tag} store size per change`, value: b.storeBytes / b.changes, unit: 'bytes' },
    );
    if (b.changeLogBytes !== undefined)
      rows.push({ metric: `${tag} change log (table and indexes) per change`, value: b.changeLogBytes / b.changes, unit: 'bytes' });
    rows.push(
      {
        metric: `${tag} server:admin backup while serving (${b.backend === 'sqlite' ? 'online backup' : 'pg_dump, custom format'})`,
        value: b.backupSeconds,
        unit: 's',
      },
      { metric: `${tag} backup file size`, value: b.backupBytes / 1e6, unit: 'MB' },
    );
    for (const l of b.loads) {
      const on = `${tag} ${l.instances} instance${l.instances > 1 ? 's' : ''}:`;
      rows.push(
        { metric: `${on} pushes, ${r.pushers} laptops x 2 batches of 500 changes at once`, value: l.pushChangesPerSecond, unit: 'changes/s' },
        { metric: `${on} push latency p95`, value: l.pushP95Ms, unit: 'ms' },
        { metric: `${on} pulls of laptops up to date (16 at a time)`, value: l.pullsPerSecond, unit: 'requests/s' },
        { metric: `${on} pull latency p50 / p95`, value: `${l.pullP50Ms.toFixed(0)} / ${l.pullP95Ms.toFixed(0)}`, unit: 'ms' },
        { metric: `${on} resident memory per instance after the load`, value: l.rssMiB.map((m) => m.toFixed(0)).join(' / '), unit: 'MiB' },
      );
    }
  }
  rows.push({ metric: `machine: ${r.cpus} cores (${r.cpu}), shared by the driver, the instances and the database`, value: r.cpus, unit: 'cores' });
  return rows;
}
