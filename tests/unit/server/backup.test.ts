/**
 * `server:admin backup | restore | new-epoch` on both stores, through the admin CLI's own code
 * (runAdmin) against real databases: a backup taken while pushes are stored is one consistent
 * state (every council's log a prefix of the live one), a restore never overwrites (refused while
 * the store is open, the replaced database kept), refuses what is not a backup, and gives the
 * log a new epoch so laptops with cursors from before are told to pull again.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../../../server/adminCli';
import { buildServer } from '../../../server/app';
import { ADMIN_APPLICATION_NAME, openStore, SERVER_APPLICATION_NAME, SQLITE_FILE, type Store } from '../../../server/store';
import { MIGRATIONS } from '../../../server/store/schema';
import { bearer, change, enroll } from './helpers';
import { findPgBin, skipPostgres, startPostgres, type PgServer } from './pgHarness';

const CLIENT = '0198c3f0-0000-7000-8000-0000000000c1';
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'cg-backup-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function admin(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdmin(argv, env, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

/** A council with a device, on a server built over `store`. */
async function councilWithDevice(store: Store, name = 'Harbor Regional Council') {
  const app = await buildServer({ store, limits: { rateLimit: false, enrollRateLimit: false } });
  const councilId = (await store.createCouncil(name)).id;
  const account = await store.createAccount('Pat Okafor');
  await store.addMember(account.id, councilId);
  const device = await enroll(app, store, account.id);
  let n = 0;
  const push = async (count: number) => {
    const changes = Array.from({ length: count }, () => change(CLIENT, councilId, { rowId: `row-${++n}`, value: `value ${n}` }));
    const res = await app.inject({ method: 'POST', url: '/v1/push', headers: bearer(device.token), payload: { clientId: CLIENT, schemaVersion: 1, changes } });
    if (res.statusCode !== 200) throw new Error(`push: ${res.statusCode} ${res.body}`);
  };
  const pull = (body: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: '/v1/pull', headers: bearer(device.token), payload: { councilId, ...body } });
  return { app, councilId, device, push, pull };
}

describe('SQLite: backup and restore', () => {
  it('takes a consistent copy while pushes are being stored, and refuses a target that exists', async () => {
    const dataDir = join(tempDir(), 'data');
    const store = await openStore({ dataDir });
    const c = await councilWithDevice(store);
    await c.push(200);
    const target = join(tempDir(), 'nightly.sqlite');
    // Pushes keep arriving while the copy is made (the copy yields between its steps).
    let pushing = true;
    const writer = (async () => {
      while (pushing) await c.push(25);
    })();
    const made = await admin(['backup', target, '--data-dir', dataDir, '--json']);
    pushing = false;
    await writer;
    expect(made.err).toEqual([]);
    expect(made.code).toBe(0);
    const summary = JSON.parse(made.out[0]!) as { file: string; changes: number; councils: number; schemaVersion: number };
    expect(summary).toMatchObject({ file: target, councils: 1, schemaVersion: MIGRATIONS.length });

    // One state of the log: its seqs are 1..n with no gap, n is the council's last seq there, and
    // every stored row's claim is in it too (written in the same transactions).
    const copy = new Database(target, { readonly: true });
    const seqs = (copy.prepare('SELECT seq FROM changes ORDER BY seq').all() as Array<{ seq: number }>).map((r) => r.seq);
    const lastSeq = (copy.prepare('SELECT last_seq FROM council_seqs').get() as { last_seq: number }).last_seq;
    const claims = (copy.prepare('SELECT COUNT(*) AS n FROM row_councils').get() as { n: number }).n;
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(lastSeq).toBe(seqs.length);
    expect(claims).toBe(seqs.length);
    expect(summary.changes).toBe(seqs.length);
    expect(seqs.length).toBeGreaterThanOrEqual(200);
    expect(seqs.length).toBeLessThanOrEqual(await store.countChanges());
    // Nothing but the backup itself was written next to it.
    expect(readdirSync(join(target, '..'))).toEqual(['nightly.sqlite']);

    const before = readFileSync(target);
    const again = await admin(['backup', target, '--data-dir', dataDir]);
    expect(again.code).toBe(1);
    expect(again.err).toEqual([`server:admin: the backup target ${target} already exists: choose a new file name (nothing was written)`]);
    expect(readFileSync(target).equals(before)).toBe(true);
    const nowhere = await admin(['backup', join(tempDir(), 'missing', 'x.sqlite'), '--data-dir', dataDir]);
    expect(nowhere.code).toBe(1);
    expect(nowhere.err[0]).toMatch(/^server:admin: the backup folder .*missing does not exist \(nothing was written\)$/);
    const noStore = await admin(['backup', join(tempDir(), 'y.sqlite'), '--data-dir', join(tempDir(), 'empty')]);
    expect(noStore.code).toBe(1);
    expect(noStore.err[0]).toMatch(/^server:admin: no sync database at .*empty\/sync\.sqlite \(check --data-dir \/ CG_DATA_DIR\)$/);
    await c.app.close();
    await store.close();
  });

  it('restores only while no one has the store open, keeps the replaced database, and gives the log a new epoch', async () => {
    const dataDir = join(tempDir(), 'data');
    let store = await openStore({ dataDir });
    const c = await councilWithDevice(store);
    await c.push(10);
    const target = join(tempDir(), 'before-the-incident.sqlite');
    expect((await admin(['backup', target, '--data-dir', dataDir])).code).toBe(0);
    await c.push(5);
    const oldEpoch = store.epoch;
    const firstPage = await c.pull({});
    expect(firstPage.json()).toMatchObject({ nextCursor: 15, epoch: oldEpoch });

    // The server still has the store open: refused, nothing changed.
    const refused = await admin(['restore', target, '--data-dir', dataDir]);
    expect(refused.code).toBe(1);
    expect(refused.err).toEqual([`server:admin: a sync server (or another server:admin command) is using ${dataDir}: stop it first (nothing was changed)`]);
    expect(await store.countChanges()).toBe(15);
    expect(readdirSync(dataDir).sort()).toEqual(['server.lock', 'sync.sqlite', 'sync.sqlite-shm', 'sync.sqlite-wal']);

    await c.app.close();
    await store.close();
    const restored = await admin(['restore', target, '--data-dir', dataDir, '--json']);
    expect(restored.err).toEqual([]);
    expect(restored.code).toBe(0);
    const summary = JSON.parse(restored.out[0]!) as { changes: number; epoch: string; previous: string; into: string };
    expect(summary).toMatchObject({ changes: 10, into: join(dataDir, SQLITE_FILE) });
    expect(summary.epoch).not.toBe(oldEpoch);
    // The database it replaced is kept whole, with the 5 changes the backup does not have.
    const previous = new Database(summary.previous, { readonly: true });
    expect((previous.prepare('SELECT COUNT(*) AS n FROM changes').get() as { n: number }).n).toBe(15);
    previous.close();

    store = await openStore({ dataDir });
    expect(store.epoch).toBe(summary.epoch);
    expect(await store.countChanges()).toBe(10);
    // The device enrolled before the backup is in it: the laptop keeps its token.
    const app = await buildServer({ store, limits: { rateLimit: false, enrollRateLimit: false } });
    // The laptop that pulled 15 under the old epoch is told to pull again; from 0 it gets the 10.
    const stale = await app.inject({
      method: 'POST',
      url: '/v1/pull',
      headers: bearer(c.device.token),
      payload: { councilId: c.councilId, cursor: 15, epoch: oldEpoch },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: 'resync_required', epoch: summary.epoch });
    const fresh = await app.inject({
      method: 'POST',
      url: '/v1/pull',
      headers: bearer(c.device.token),
      payload: { councilId: c.councilId, cursor: 0, epoch: summary.epoch },
    });
    expect(fresh.json()).toMatchObject({ nextCursor: 10, epoch: summary.epoch, hasMore: false });
    await app.close();
    await store.close();
  });

  it('refuses to restore what is not a backup of this server, changing nothing', async () => {
    const dataDir = join(tempDir(), 'data');
    const store = await openStore({ dataDir });
    const c = await councilWithDevice(store);
    await c.push(3);
    await c.app.close();
    await store.close();
    const live = readFileSync(join(dataDir, SQLITE_FILE));
    const elsewhere = tempDir();

    const text = join(elsewhere, 'notes.txt');
    writeFileSync(text, 'meeting notes, not a database');
    const other = join(elsewhere, 'other-app.sqlite');
    const db = new Database(other);
    db.exec('CREATE TABLE recipes (name TEXT)');
    db.close();
    const newer = join(elsewhere, 'from-a-newer-server.sqlite');
    expect((await admin(['backup', newer, '--data-dir', dataDir])).code).toBe(0);
    const raw = new Database(newer);
    raw.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, 0)').run(MIGRATIONS.length + 1);
    raw.close();

    const cases: Array<[string, RegExp]> = [
      [join(elsewhere, 'missing.sqlite'), /^server:admin: no backup at .*missing\.sqlite$/],
      [text, /^server:admin: the backup .*notes\.txt cannot be (opened|read) as a (SQLite|Common Ground sync) database \(.*\)$/],
      [other, /^server:admin: the backup .*other-app\.sqlite is not a Common Ground sync database$/],
      [
        newer,
        new RegExp(
          `^server:admin: the backup .*from-a-newer-server\\.sqlite was made by a newer server \\(schema version ${MIGRATIONS.length + 1}; this one knows ${MIGRATIONS.length}\\): restore it with that version$`,
        ),
      ],
    ];
    for (const [file, message] of cases) {
      const r = await admin(['restore', file, '--data-dir', dataDir]);
      expect(r.code).toBe(1);
      expect(r.err).toHaveLength(1);
      expect(r.err[0]).toMatch(message);
    }
    expect(readFileSync(join(dataDir, SQLITE_FILE)).equals(live)).toBe(true);
    expect(readdirSync(dataDir).sort()).toEqual(['server.lock', 'sync.sqlite']);
  });
});

describe.skipIf(skipPostgres)('PostgreSQL: backup with pg_dump, restore into an empty database', () => {
  let server: PgServer;
  const saved = process.env.CG_PG_BIN;
  beforeAll(async () => {
    server = await startPostgres();
    // The same major version as the server: pg_dump refuses a newer server than itself.
    process.env.CG_PG_BIN = findPgBin();
  }, 60_000);
  afterAll(async () => {
    if (saved === undefined) delete process.env.CG_PG_BIN;
    else process.env.CG_PG_BIN = saved;
    await server?.stop();
  });

  it('dumps while serving, refuses a database that is not empty or has a server connected, restores with a new epoch', async () => {
    const liveUrl = await server.createDatabase('backup_live');
    const store = await openStore({ databaseUrl: liveUrl, dataDir: '.' });
    const c = await councilWithDevice(store);
    await c.push(40);
    const dump = join(tempDir(), 'nightly.dump');
    const made = await admin(['backup', dump], { DATABASE_URL: liveUrl });
    expect(made.err).toEqual([]);
    expect(made.code).toBe(0);
    expect(made.out[0]).toMatch(new RegExp(`^backup written: ${dump} \\(\\d+ bytes\\)$`));
    expect((await admin(['backup', dump], { DATABASE_URL: liveUrl })).err).toEqual([
      `server:admin: the backup target ${dump} already exists: choose a new file name (nothing was written)`,
    ]);

    // Not over the live database (a server is connected), nor over any database with tables.
    const overLive = await admin(['restore', dump], { DATABASE_URL: liveUrl });
    expect(overLive.code).toBe(1);
    expect(overLive.err).toEqual([
      `server:admin: a sync server is connected to ${liveUrl.replace('postgres://postgres@', 'postgres://')}: stop every instance first (nothing was changed)`,
    ]);
    const epochRefused = await admin(['new-epoch'], { DATABASE_URL: liveUrl });
    expect(epochRefused.code).toBe(1);
    expect(epochRefused.err[0]).toMatch(/^server:admin: a sync server is connected to .*: stop every instance first \(nothing was changed\)$/);
    const otherUrl = await server.createDatabase('backup_other');
    const other = new pg.Client({ connectionString: otherUrl, application_name: ADMIN_APPLICATION_NAME });
    await other.connect();
    await other.query('CREATE TABLE notes (body TEXT)');
    await other.end();
    const notEmpty = await admin(['restore', dump], { DATABASE_URL: otherUrl });
    expect(notEmpty.code).toBe(1);
    expect(notEmpty.err[0]).toMatch(
      /^server:admin: the database at .*backup_other is not empty: restore into a new, empty database \(createdb\), then point DATABASE_URL at it \(nothing was changed\)$/,
    );

    const emptyUrl = await server.createDatabase('backup_restored');
    const restored = await admin(['restore', dump, '--json'], { DATABASE_URL: emptyUrl });
    expect(restored.err).toEqual([]);
    expect(restored.code).toBe(0);
    const summary = JSON.parse(restored.out[0]!) as { changes: number; councils: number; epoch: string };
    expect(summary).toMatchObject({ changes: 40, councils: 1 });
    expect(summary.epoch).not.toBe(store.epoch);

    const back = await openStore({ databaseUrl: emptyUrl, dataDir: '.' });
    expect(back.epoch).toBe(summary.epoch);
    const app = await buildServer({ store: back, limits: { rateLimit: false, enrollRateLimit: false } });
    const stale = await app.inject({
      method: 'POST',
      url: '/v1/pull',
      headers: bearer(c.device.token),
      payload: { councilId: c.councilId, cursor: 40, epoch: store.epoch },
    });
    expect(stale.json()).toMatchObject({ error: 'resync_required', epoch: summary.epoch });
    const page = await app.inject({
      method: 'POST',
      url: '/v1/pull',
      headers: bearer(c.device.token),
      payload: { councilId: c.councilId, epoch: summary.epoch },
    });
    expect(page.json()).toMatchObject({ nextCursor: 40, hasMore: false });

    // A server connected to the restored database: new-epoch waits for it to stop.
    const probe = new pg.Client({ connectionString: emptyUrl });
    await probe.connect();
    const names = (await probe.query<{ application_name: string }>('SELECT application_name FROM pg_stat_activity WHERE datname = current_database()')).rows;
    await probe.end();
    expect(names.map((r) => r.application_name)).toContain(SERVER_APPLICATION_NAME);
    await app.close();
    await back.close();
    const renewed = await admin(['new-epoch', '--json'], { DATABASE_URL: emptyUrl });
    expect(renewed.code).toBe(0);
    expect((JSON.parse(renewed.out[0]!) as { epoch: string }).epoch).not.toBe(summary.epoch);
    await c.app.close();
    await store.close();
    expect(existsSync(`${dump}.partial-${process.pid}`)).toBe(false);
  });
});
