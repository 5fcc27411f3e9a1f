/**
 * Automatic backups in the renderer: every interval while the store changed (and not otherwise),
 * on main's request before the window closes, and before a schema upgrade, on the store as the
 * old version left it.
 */
import './nodeSelf';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { readBackupHeader } from '@shared/backup/format';
import type { BackupRequest } from '@shared/ipcChannels';
import type { BackupsWriteRequest, BackupsWriteResponse } from '@shared/ipc';
import { CommonGroundDb } from '@renderer/db/database';
import { createRepositories, type Repositories } from '@renderer/db/repositories';
import { CURRENT_SCHEMA_VERSION, SCHEMA_V5 } from '@renderer/db/schema';
import { startAutomaticBackups, type AutomaticBackupsOptions } from '@renderer/features/backups/automatic';
import { backUpBeforeUpgrade } from '@renderer/features/backups/beforeUpgrade';
import { nowMs } from '@shared/clock';
import { seedStore } from './helpers';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

let n = 0;
function fresh(): Repositories {
  const repos = createRepositories(new CommonGroundDb(`auto-${process.pid}-${nowMs()}-${++n}`));
  cleanup.push(async () => {
    repos.db.close();
    await Dexie.delete(repos.db.name);
  });
  return repos;
}

function bridge(answer: (r: BackupsWriteRequest) => BackupsWriteResponse = saved) {
  const writes: BackupsWriteRequest[] = [];
  const done: string[] = [];
  let listener: ((r: BackupRequest) => void) | null = null;
  const b: AutomaticBackupsOptions['bridge'] = {
    async backupsWrite(request) {
      writes.push(request);
      return answer(request);
    },
    async saveFile() {
      return { status: 'canceled' };
    },
    async backupsQuitDone({ requestId }) {
      done.push(requestId);
      return { status: 'ok' };
    },
    onBackupRequest(l) {
      listener = l;
      return () => (listener = null);
    },
  };
  return { b, writes, done, ask: (requestId: string) => listener?.({ reason: 'quit', requestId }), listening: () => listener !== null };
}

function saved(request: BackupsWriteRequest): BackupsWriteResponse {
  const { header } = readBackupHeader(request.data);
  return {
    status: 'saved',
    folder: '/b',
    removed: [],
    backup: { name: 'x.cgbackup', bytes: request.data.length, createdAt: header.createdAt, reason: header.reason, encrypted: false, header, problem: null },
  };
}

function start(repos: Repositories, b: AutomaticBackupsOptions['bridge'], onResult?: AutomaticBackupsOptions['onResult']) {
  const auto = startAutomaticBackups({ db: repos.db, bridge: b, appVersion: '0.1.0', intervalMs: 60 * 60 * 1000, onResult });
  cleanup.push(() => auto.stop());
  return auto;
}

describe('automatic backups', () => {
  it('back up on the interval only while something changed', async () => {
    const repos = fresh();
    await repos.db.open();
    const { b, writes } = bridge();
    const auto = start(repos, b);
    await auto.tick();
    expect(writes).toHaveLength(0);
    await seedStore(repos);
    expect(auto.changed).toBe(true);
    await auto.tick();
    expect(writes.map((w) => w.reason)).toEqual(['automatic']);
    expect(readBackupHeader(writes[0]!.data).header.tables.meetings).toBe(1);
    expect(auto.changed).toBe(false);
    await auto.tick();
    expect(writes).toHaveLength(1);
    // A write to another database (a test's, another app's) is not a change to this store.
    const other = fresh();
    await other.councils.create({ name: 'Elsewhere', level: 'local' });
    await auto.tick();
    expect(writes).toHaveLength(1);
  });

  it('a failed backup (disk full) is tried again at the next tick, and reported', async () => {
    const repos = fresh();
    await seedStore(repos);
    let full = true;
    const results: string[] = [];
    const { b, writes } = bridge((r) => (full ? { status: 'error', message: 'The disk is full.' } : saved(r)));
    const auto = start(repos, b, (result) => results.push(result.status));
    await repos.councils.create({ name: 'Riverside Local Council', level: 'local' });
    await auto.tick();
    expect(auto.changed).toBe(true);
    full = false;
    await auto.tick();
    expect(writes).toHaveLength(2);
    expect(results).toEqual(['error', 'saved']);
    expect(auto.changed).toBe(false);
  });

  it("answers main's request before closing: a backup if something changed, then done", async () => {
    const repos = fresh();
    await repos.db.open();
    const { b, writes, done, ask } = bridge();
    start(repos, b);
    ask('nothing-changed');
    await expect.poll(() => done).toEqual(['nothing-changed']);
    expect(writes).toHaveLength(0);
    await repos.councils.create({ name: 'Harbor Regional Council', level: 'regional' });
    ask('closing');
    await expect.poll(() => done).toEqual(['nothing-changed', 'closing']);
    expect(writes.map((w) => w.reason)).toEqual(['quit']);
  });

  it('stops listening when stopped', async () => {
    const repos = fresh();
    const { b, listening } = bridge();
    const auto = startAutomaticBackups({ db: repos.db, bridge: b, appVersion: '0.1.0' });
    expect(listening()).toBe(true);
    auto.stop();
    expect(listening()).toBe(false);
  });
});

describe('backup before a schema upgrade', () => {
  it('backs up a store left by an older version as it is, before the app opens (and upgrades) it', async () => {
    const name = `before-upgrade-${nowMs()}-${++n}`;
    cleanup.push(() => Dexie.delete(name));
    const old = new Dexie(name);
    old.version(5).stores(SCHEMA_V5);
    await old.open();
    await old.table('councils').add({
      id: '0190aaaa-0000-7000-8000-000000000001',
      name: 'Regional Council',
      level: 'regional',
      region: '',
      archivedAt: null,
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
    });
    old.close();

    const { b, writes } = bridge();
    const listing = { backupsList: async () => ({ status: 'ok' as const, folder: '/b', backups: [] }) };
    const result = await backUpBeforeUpgrade({ ...b, ...listing }, { appVersion: '0.1.0', name });
    expect(result).toEqual({ status: 'saved', from: 5, name: 'x.cgbackup' });
    expect(readBackupHeader(writes[0]!.data).header).toMatchObject({ reason: 'before-upgrade', schemaVersion: 5, tables: { councils: 1 } });
    // Nothing was upgraded by the backup itself.
    expect((await indexedDB.databases()).find((d) => d.name === name)?.version).toBe(50);

    const db = new CommonGroundDb(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    db.close();
    expect(await backUpBeforeUpgrade({ ...b, ...listing }, { appVersion: '0.1.0', name })).toEqual({ status: 'current' });
    expect(await backUpBeforeUpgrade({ ...b, ...listing }, { appVersion: '0.1.0', name: `never-created-${nowMs()}` })).toEqual({ status: 'no-store' });
    // Web mode (no folder): the upgrade goes ahead without one, as documented.
    expect(
      await backUpBeforeUpgrade(
        { ...b, backupsList: async () => ({ status: 'unsupported' as const, message: '' }) },
        { appVersion: '0.1.0', name, current: 99 },
      ),
    ).toEqual({
      status: 'unsupported',
    });
    expect(writes).toHaveLength(1);
  });
});
