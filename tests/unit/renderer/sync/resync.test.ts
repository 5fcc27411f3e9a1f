/**
 * The Dexie sync client against a server restored from a backup (real server over HTTP, real
 * SQLite store, the admin CLI's backup and restore): a laptop whose cursor is past the restored
 * log is told to resync and pulls the council again from the start, so the changes the restored
 * log numbers again (pushed after the restore) reach it instead of being skipped; a laptop
 * enrolled afterwards syncs from the restored server.
 */
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { SyncConnection } from '@shared/sync/connection';
import { createHttpSyncConnection } from '@shared/sync/httpConnection';
import type { PullRequestInput } from '@shared/sync/protocol';
import { CommonGroundDb } from '@renderer/db/database';
import { createRepositories, type Repositories } from '@renderer/db/repositories';
import { appSyncRegistry, ensureServerCouncils, syncRecordSchemas } from '@renderer/db/capture/syncedTables';
import { SyncEngine } from '@renderer/sync/engine';
import { runAdmin } from '../../../../server/adminCli';
import { buildServer } from '../../../../server/app';
import { openStore, type Store } from '../../../../server/store';
import { issueCode } from '../../server/helpers';
import { memoryCredentials } from './world';
import { nowMs } from '@shared/clock';

interface Laptop {
  db: CommonGroundDb;
  repos: Repositories;
  engine: SyncEngine;
  /** Every pull request this laptop sent, as sent. */
  pulls: PullRequestInput[];
}

let dir = '';
let dataDir = '';
let store: Store;
let app: FastifyInstance;
let port = 0;
let councilId = '';
let accountId = '';
const laptops: Laptop[] = [];

async function startServer(): Promise<void> {
  store = await openStore({ dataDir });
  app = await buildServer({ store, limits: { rateLimit: false, enrollRateLimit: false } });
  await app.listen({ host: '127.0.0.1', port });
  port = (app.server.address() as { port: number }).port;
}

async function stopServer(): Promise<void> {
  await app.close();
  await store.close();
}

async function admin(...argv: string[]): Promise<string> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdmin([...argv, '--data-dir', dataDir], {}, { out: (l) => out.push(l), err: (l) => err.push(l) });
  if (code !== 0) throw new Error(`server:admin ${argv[0]}: ${err.join(' ')}`);
  return out.join('\n');
}

async function laptop(name: string): Promise<Laptop> {
  const db = new CommonGroundDb(`resync-${name}-${process.pid}-${nowMs()}`);
  await db.open();
  const connection = createHttpSyncConnection({ fetch, credentials: memoryCredentials(), timeoutMs: 10_000 });
  const enrolled = await connection.syncEnroll({ serverUrl: `http://127.0.0.1:${port}`, code: await issueCode(store, accountId), deviceName: name });
  if (enrolled.status !== 'enrolled') throw new Error(enrolled.message);
  const pulls: PullRequestInput[] = [];
  const recording: SyncConnection = {
    ...connection,
    syncPull: (request) => {
      pulls.push(request);
      return connection.syncPull(request);
    },
  };
  const engine = new SyncEngine({
    db,
    connection: recording,
    registry: appSyncRegistry,
    schemas: syncRecordSchemas,
    isOnline: () => true,
    onCouncils: (councils) => ensureServerCouncils(db, councils),
  });
  const l = { db, repos: createRepositories(db), engine, pulls };
  laptops.push(l);
  return l;
}

const meeting = (l: Laptop, title: string) => l.repos.meetings.create({ bodyKind: 'council', bodyId: councilId, title, startsAt: '2026-12-01T09:00' });
const titles = async (l: Laptop) => (await l.db.meetings.toArray()).map((m) => m.title).sort();
const cursorOf = async (l: Laptop) => ((await l.db.table('syncMeta').get('cursors')) as { cursors: Record<string, number> }).cursors[councilId] ?? 0;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cg-resync-'));
  dataDir = join(dir, 'data');
  await startServer();
  councilId = (await store.createCouncil('Harbor Regional Council')).id;
  accountId = (await store.createAccount('Pat Okafor')).id;
  await store.addMember(accountId, councilId);
});

afterEach(async () => {
  for (const l of laptops.splice(0)) {
    l.engine.stop();
    l.db.close();
    await l.db.delete();
  }
  await stopServer();
  rmSync(dir, { recursive: true, force: true });
});

it('a laptop whose cursor is past a restored log pulls again from the start, and misses none of what is pushed after the restore', async () => {
  const pat = await laptop('pat');
  const jordan = await laptop('jordan');
  await meeting(pat, 'January council');
  await meeting(pat, 'February council');
  expect((await pat.engine.syncNow()).phase).toBe('up-to-date');
  expect((await jordan.engine.syncNow()).phase).toBe('up-to-date');
  const backup = join(dir, 'nightly.sqlite');
  await admin('backup', backup); // while the server runs
  const oldEpoch = store.epoch;

  // After the backup: more work reaches the server and Jordan's laptop; then the server is lost.
  await meeting(pat, 'March council');
  await pat.engine.syncNow();
  await jordan.engine.syncNow();
  expect(await titles(jordan)).toEqual(['February council', 'January council', 'March council']);
  const jordanCursor = await cursorOf(jordan);
  await stopServer();
  await admin('restore', backup);
  await startServer();
  expect(store.epoch).not.toBe(oldEpoch);
  const restoredEnd = (await store.pull(councilId, 0, 1000)).lastSeq;
  expect(restoredEnd).toBeLessThan(jordanCursor);

  // Pat plans April on the restored server: its changes get the seqs the lost March had, at or
  // below Jordan's cursor. Going on from the cursor, Jordan would never see April.
  await meeting(pat, 'April council');
  expect((await pat.engine.syncNow()).phase).toBe('up-to-date');
  expect((await store.pull(councilId, 0, 1000)).lastSeq).toBeLessThanOrEqual(jordanCursor);

  jordan.pulls.length = 0;
  const status = await jordan.engine.syncNow();
  expect(status.phase).toBe('up-to-date');
  expect(await titles(jordan)).toEqual(['April council', 'February council', 'January council', 'March council']);
  // Told to resync under the old epoch, it pulled again from 0 under the new one.
  expect(jordan.pulls[0]).toMatchObject({ councilId, cursor: jordanCursor, epoch: oldEpoch });
  expect(jordan.pulls.slice(1).some((p) => p.cursor === 0 && p.epoch === store.epoch)).toBe(true);
  expect(await cursorOf(jordan)).toBe((await store.pull(councilId, 0, 1000)).lastSeq);
  expect(await jordan.db.syncOutbox.count()).toBe(0);

  // A laptop enrolled on the restored server gets what the server has: the backup and April.
  // March was acknowledged after the backup and lives on only on the laptops that had it
  // (docs/server-operations.md: "What a restore loses").
  const sam = await laptop('sam');
  expect((await sam.engine.syncNow()).phase).toBe('up-to-date');
  expect(await titles(sam)).toEqual(['April council', 'February council', 'January council']);
  // A first sync knows no epoch yet; it records the one its pages came with.
  expect(sam.pulls[0]!.epoch).toBeUndefined();
  expect(((await sam.db.table('syncMeta').get('epochs')) as { epochs: Record<string, string> }).epochs[councilId]).toBe(store.epoch);
});

it('a laptop that never recorded an epoch, with a cursor past the log, is told to resync too', async () => {
  const pat = await laptop('pat');
  await meeting(pat, 'January council');
  await pat.engine.syncNow();
  await pat.engine.syncNow();
  const end = (await store.pull(councilId, 0, 1000)).lastSeq;
  expect(await cursorOf(pat)).toBe(end);
  // As a laptop of an app from before epochs would hold it: a cursor, no epoch.
  await pat.db.table('syncMeta').delete('epochs');
  await pat.db.table('syncMeta').put({ key: 'cursors', cursors: { [councilId]: end + 50 } });
  pat.pulls.length = 0;
  expect((await pat.engine.syncNow()).phase).toBe('up-to-date');
  expect(pat.pulls[0]).toMatchObject({ cursor: end + 50 });
  expect(pat.pulls[0]!.epoch).toBeUndefined();
  expect(pat.pulls[1]).toMatchObject({ cursor: 0, epoch: store.epoch });
  expect(await cursorOf(pat)).toBe(end);
  expect(((await pat.db.table('syncMeta').get('epochs')) as { epochs: Record<string, string> }).epochs[councilId]).toBe(store.epoch);
});
