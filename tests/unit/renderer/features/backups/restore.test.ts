/**
 * Backups of the real store (Dexie on fake-indexeddb, the app's schema and change capture):
 * a backup restores every table exactly, a restore is one transaction with a revert point first,
 * an older app's backup goes through the app's migrations, and every bad file is refused with
 * the store untouched.
 */
import './nodeSelf';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { BackupFileError, encodeBackupFile, readBackupHeader } from '@shared/backup/format';
import { gzipPayload } from '@shared/backup/payload';
import type { BackupsWriteRequest, BackupsWriteResponse, SaveFileRequest } from '@shared/ipc';
import { CommonGroundDb } from '@renderer/db/database';
import { createRepositories, type Repositories } from '@renderer/db/repositories';
import { CURRENT_SCHEMA_VERSION, SCHEMA_V1 } from '@renderer/db/schema';
import { countPending } from '@renderer/sync/outbox';
import { backUpNow, restoreBackup, saveBackupCopy, type BackupBridge } from '@renderer/features/backups/commands';
import { inspectBackup } from '@renderer/features/backups/queries';
import { makeBackupFile, webSha256 } from '@renderer/features/backups/storeFile';
import { nowMs } from '@shared/clock';
import { seedStore, snapshot } from './helpers';

const dbs: Dexie[] = [];
let n = 0;
function fresh(): Repositories {
  const repos = createRepositories(new CommonGroundDb(`backups-${process.pid}-${nowMs()}-${++n}`));
  dbs.push(repos.db);
  return repos;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

/** The bridge's backup calls, answered like main would (folder writes kept in memory). */
function fakeBridge(options: { failWrites?: string } = {}) {
  const written: BackupsWriteRequest[] = [];
  const saved: SaveFileRequest[] = [];
  const bridge: BackupBridge = {
    async backupsWrite(request): Promise<BackupsWriteResponse> {
      if (options.failWrites) return { status: 'error', message: options.failWrites };
      written.push(request);
      const { header } = readBackupHeader(request.data);
      return {
        status: 'saved',
        folder: '/backups',
        removed: [],
        backup: {
          name: `b${written.length}.cgbackup`,
          bytes: request.data.length,
          createdAt: header.createdAt,
          reason: header.reason,
          encrypted: false,
          header,
          problem: null,
        },
      };
    },
    async saveFile(request) {
      saved.push(request);
      return { status: 'saved', path: `/usb/${request.suggestedName}` };
    },
  };
  return { bridge, written, saved };
}

const context = { appVersion: '0.1.0', pauseSync: async () => undefined };

async function problem(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    if (error instanceof BackupFileError) return `${error.problem}: ${error.message}`;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('backup and restore of the whole store', () => {
  it('restores every table exactly, sync state included, into a wiped store', async () => {
    const source = fresh();
    const seeded = await seedStore(source);
    const before = await snapshot(source.db);
    expect(before.syncOutbox!.length).toBeGreaterThan(0);
    const { bridge, written } = fakeBridge();
    const { result, header } = await backUpNow(source, bridge, context);
    expect(result.status).toBe('saved');
    expect(header.summary).toMatchObject({ councils: ['Harbor Regional Council'], teams: 1, meetings: 1, unsentChanges: await countPending(source.db) });
    expect(header.tables.interests).toBe(2);
    expect(header.summary.newestChangeAt).toMatch(/^2026-11-25T/);

    // A new laptop (or a wiped profile): an empty store.
    const target = fresh();
    await target.db.open();
    const { backup, preview } = await inspectBackup(target, written[0]!.data);
    expect(preview).toMatchObject({ encrypted: false, upgrades: false, unsentLost: 0 });
    const outcome = await restoreBackup(target, bridge, context, backup);
    expect(outcome.tables.meetings).toBe(1);
    expect(outcome.revertPoint).toBe('b2.cgbackup');
    expect(readBackupHeader(written[1]!.data).header).toMatchObject({ reason: 'before-restore', tables: { meetings: 0 } });
    expect(await snapshot(target.db)).toEqual(before);
    // The app reads it as it wrote it.
    expect((await target.meetings.get(seeded.meeting.id))?.title).toBe('Weekend coverage');
    // Restored rows are not captured again as edits: the outbox is the backup's.
    expect(await countPending(target.db)).toBe(await countPending(source.db));
  });

  it('is one transaction: a failure part-way leaves the store exactly as it was', async () => {
    const source = fresh();
    await seedStore(source);
    const { bridge, written } = fakeBridge();
    await backUpNow(source, bridge, context);

    const target = fresh();
    await seedStore(target, 'Riverside Local Council');
    const before = await snapshot(target.db);
    const { backup } = await inspectBackup(target, written[0]!.data);
    // The last table's rows hold a row without its key: IndexedDB refuses it after every other
    // table was written (and after the target's own rows the backup lacks were deleted).
    const tables = backup.store.data.data;
    const lastWithRows = [...tables].reverse().find((t) => t.rows.length > 0)!;
    expect(tables.indexOf(lastWithRows)).toBeGreaterThan(tables.findIndex((t) => t.tableName === 'meetings'));
    const { id: _id, key: _key, seq: _seq, ...keyless } = lastWithRows.rows[0] as Record<string, unknown>;
    lastWithRows.rows.push(keyless);
    await expect(restoreBackup(target, bridge, context, backup)).rejects.toThrow();
    expect(await snapshot(target.db)).toEqual(before);
    // The revert point was written before anything changed.
    expect(readBackupHeader(written.at(-1)!.data).header.reason).toBe('before-restore');
  });

  it('restores nothing when the revert point cannot be written (disk full)', async () => {
    const source = fresh();
    await seedStore(source);
    const ok = fakeBridge();
    await backUpNow(source, ok.bridge, context);
    const target = fresh();
    await seedStore(target, 'Riverside Local Council');
    const before = await snapshot(target.db);
    const { backup } = await inspectBackup(target, ok.written[0]!.data);
    const full = fakeBridge({ failWrites: 'The disk is full, so /backups could not be saved. Free some space and try again.' });
    let resumed = 0;
    await expect(restoreBackup(target, full.bridge, { ...context, resumeSync: () => void resumed++ }, backup)).rejects.toThrow(
      'Nothing was restored: the copy of the current data could not be saved first. The disk is full, so /backups could not be saved. Free some space and try again.',
    );
    expect(await snapshot(target.db)).toEqual(before);
    // Sync was paused for the restore; nothing changed, so it goes on.
    expect(resumed).toBe(1);
  });

  it("upgrades an older app's backup through the app's own migrations", async () => {
    // A laptop still on schema v1: a meeting without durationMinutes (v2 backfills it).
    const old = new Dexie(`backups-v1-${nowMs()}-${++n}`);
    dbs.push(old);
    old.version(1).stores(SCHEMA_V1);
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
    await old.table('meetings').add({
      id: '0190aaaa-0000-7000-8000-000000000002',
      bodyKind: 'council',
      bodyId: '0190aaaa-0000-7000-8000-000000000001',
      title: 'January',
      startsAt: '2025-01-15T09:00',
      location: '',
      objective: 'Charter review',
      facilitatorId: null,
      recorderId: null,
      timekeeperId: null,
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-02T00:00:00.000Z',
    });
    const { bytes, header } = await makeBackupFile(old, { reason: 'before-upgrade', appVersion: '0.0.1' });
    expect(header).toMatchObject({ schemaVersion: 1, tables: { councils: 1, meetings: 1 }, summary: { newestChangeAt: '2025-01-02T00:00:00.000Z' } });

    const target = fresh();
    await seedStore(target);
    const { backup, preview } = await inspectBackup(target, bytes);
    expect(preview.upgrades).toBe(true);
    // Everything this laptop has not sent is in the outbox and not in a pre-sync backup.
    expect(preview.unsentLost).toBe(await countPending(target.db));
    const { bridge } = fakeBridge();
    const outcome = await restoreBackup(target, bridge, context, backup);
    expect(outcome.upgradedFrom).toBe(1);
    expect(target.db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(await target.db.meetings.get('0190aaaa-0000-7000-8000-000000000002')).toMatchObject({ title: 'January', durationMinutes: 90 });
    expect(await target.db.councils.count()).toBe(1);
    // The v6 upgrade ran: rows from before sync are captured by the engine's first round.
    expect(await target.db.syncMeta.get('scan')).toEqual({ key: 'scan', done: false });
    // The scratch database used for the upgrade is gone.
    expect((await indexedDB.databases()).filter((d) => d.name?.includes('-restore-'))).toEqual([]);
  });

  it('a protected copy needs its passphrase, and then restores', async () => {
    const source = fresh();
    await seedStore(source);
    const before = await snapshot(source.db);
    const { bridge, saved } = fakeBridge();
    const { result, encrypted } = await saveBackupCopy(source, bridge, context, { passphrase: 'river lantern cobalt', workFactor: 10 });
    expect(result).toEqual({ status: 'saved', path: expect.stringMatching(/^\/usb\/Common Ground backup 2026-11-25 \(protected\)\.cgbackup$/) });
    expect(encrypted).toBe(true);
    const file = saved[0]!.data as Uint8Array;
    const target = fresh();
    expect(await problem(() => inspectBackup(target, file))).toMatch(/^encrypted: This backup is protected with a passphrase/);
    expect(await problem(() => inspectBackup(target, file, { passphrase: 'river lantern copper' }))).toBe(
      'wrong-passphrase: The passphrase is wrong: it does not open this backup. Check it and try again.',
    );
    const { backup, preview } = await inspectBackup(target, file, { passphrase: 'river lantern cobalt' });
    expect(preview.encrypted).toBe(true);
    await restoreBackup(target, bridge, context, backup);
    expect(await snapshot(target.db)).toEqual(before);
  });
});

describe('bad backup files are refused and nothing changes', () => {
  it('truncated, flipped byte, another app, newer schema, wrong passphrase: each named, store untouched', async () => {
    const source = fresh();
    await seedStore(source);
    const { bridge, written } = fakeBridge();
    await backUpNow(source, bridge, context);
    const good = written[0]!.data;
    const target = fresh();
    await seedStore(target, 'Riverside Local Council');
    const before = await snapshot(target.db);

    const flipped = good.slice();
    flipped[Math.floor(good.length / 2)]! ^= 0x20;
    const json = new TextEncoder().encode('{"formatName":"dexie","data":{}}');
    const newer = await encodeBackupFile(
      {
        appVersion: '3.0.0',
        schemaVersion: CURRENT_SCHEMA_VERSION + 1,
        createdAt: '2026-11-25T10:00:00.000Z',
        reason: 'manual',
        tables: {},
        summary: { councils: [], councilCount: 0, teams: 0, meetings: 0, newestChangeAt: null, unsentChanges: 0 },
        payload: { uncompressedBytes: json.length },
      },
      await gzipPayload(json),
      webSha256,
    );
    const cases: Array<[Uint8Array, RegExp, string?]> = [
      [good.subarray(0, good.length - 1000), /^truncated: The backup is incomplete/],
      [flipped, /^damaged: The backup is damaged: its contents do not match its checksum/],
      [new TextEncoder().encode('%PDF-1.7\n'), /^not-a-backup: This is not a Common Ground backup: it looks like a PDF document\.$/],
      [
        newer,
        new RegExp(
          `^newer-version: This backup was made by a newer version of Common Ground \\(3\\.0\\.0, data version ${CURRENT_SCHEMA_VERSION + 1}\\); this app reads data up to version ${CURRENT_SCHEMA_VERSION}\\. Update the app`,
        ),
      ],
    ];
    for (const [file, expected] of cases) expect(await problem(() => inspectBackup(target, file))).toMatch(expected);
    expect(await snapshot(target.db)).toEqual(before);
  });

  it('a backup whose contents disagree with its description is refused before anything is written', async () => {
    const target = fresh();
    await seedStore(target);
    const before = await snapshot(target.db);
    const json = new TextEncoder().encode(
      JSON.stringify({
        formatName: 'dexie',
        formatVersion: 1,
        data: {
          databaseName: 'x',
          databaseVersion: CURRENT_SCHEMA_VERSION,
          tables: [{ name: 'meetings', schema: 'id', rowCount: 1 }],
          data: [{ tableName: 'meetings', inbound: true, rows: [] }],
        },
      }),
    );
    const file = await encodeBackupFile(
      {
        appVersion: '0.1.0',
        schemaVersion: CURRENT_SCHEMA_VERSION,
        createdAt: '2026-11-25T10:00:00.000Z',
        reason: 'manual',
        tables: { meetings: 5 },
        summary: { councils: [], councilCount: 0, teams: 0, meetings: 5, newestChangeAt: null, unsentChanges: 0 },
        payload: { uncompressedBytes: json.length },
      },
      await gzipPayload(json),
      webSha256,
    );
    expect(await problem(() => inspectBackup(target, file))).toBe(
      'damaged: The backup’s contents are not a Common Ground store: table meetings holds 0 rows, not the 5 its description gives.',
    );
    expect(await snapshot(target.db)).toEqual(before);
  });
});

describe('a backup is a consistent snapshot', () => {
  it('counts and rows come from one read transaction of the current schema', async () => {
    const repos = fresh();
    await seedStore(repos);
    const { bytes, header } = await makeBackupFile(repos.db, { reason: 'manual', appVersion: '0.1.0' });
    expect(header.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    const { backup } = await inspectBackup(repos, bytes);
    for (const t of backup.store.data.data) expect(t.rows.length, t.tableName).toBe(header.tables[t.tableName]);
    expect(Object.keys(header.tables).sort()).toEqual(repos.db.tables.map((t) => t.name).sort());
  });
});
