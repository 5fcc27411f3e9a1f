import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { now } from '@shared/clock';
import { openLogFile } from '../../../src/main/services/logFile';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cg-logs-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('main-process log file', () => {
  it('writes one timestamped line per entry, owner-only, and a message cannot forge a second line', async () => {
    const log = openLogFile({ dir: join(dir, 'logs'), now });
    log.write('info', 'started 0.1.0');
    log.write('warn', 'sync failed\n2026-01-01T00:00:00.000Z ERROR forged');
    const lines = (await readFile(log.path, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^2026-11-25T10:00:\d\d\.\d{3}Z WARN sync failed 2026-01-01T00:00:00\.000Z ERROR forged$/);
    expect(lines[0]).toMatch(/^2026-11-25T10:00:\d\d\.\d{3}Z INFO started 0\.1\.0$/);
    if (process.platform !== 'win32') expect((await stat(log.path)).mode & 0o777).toBe(0o600);
  });

  it('rotates at the size limit and keeps only the newest files', async () => {
    const log = openLogFile({ dir, maxBytes: 200, keep: 2, now });
    for (let i = 0; i < 30; i++) log.write('info', `entry ${String(i).padStart(2, '0')} ${'x'.repeat(40)}`);
    expect((await readdir(dir)).sort()).toEqual(['main.1.log', 'main.2.log', 'main.log']);
    for (const file of await readdir(dir)) expect((await stat(join(dir, file))).size).toBeLessThanOrEqual(200);
    const newest = await readFile(join(dir, 'main.log'), 'utf8');
    expect(newest).toContain('entry 29');
    const all = (await Promise.all(['main.2.log', 'main.1.log', 'main.log'].map((f) => readFile(join(dir, f), 'utf8')))).join('');
    // In order, nothing lost between the kept files.
    const kept = [...all.matchAll(/entry (\d\d)/g)].map((m) => Number(m[1]));
    expect(kept).toEqual(Array.from({ length: kept.length }, (_, i) => 30 - kept.length + i));
  });

  it('a restarted app appends to the same file and rotates from its real size', async () => {
    openLogFile({ dir, maxBytes: 300, now }).write('info', 'first run');
    const again = openLogFile({ dir, maxBytes: 300, now });
    again.write('info', 'second run');
    expect(await readFile(again.path, 'utf8')).toMatch(/first run\n.*second run\n$/);
  });

  it('never throws when the folder cannot be written', () => {
    const log = openLogFile({ dir: join(dir, 'file-not-dir', 'x'), now });
    expect(() => log.write('error', 'disk trouble')).not.toThrow();
  });
});
