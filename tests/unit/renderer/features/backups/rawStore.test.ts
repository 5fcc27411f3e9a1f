/**
 * The direct read and write paths of backups (rawStore.ts): the dump they write is exactly
 * dexie-export-import's, values plain JSON cannot carry still come back exactly (through the
 * library), and a restore over a different store leaves exactly the backup's rows.
 */
import './nodeSelf';
import Dexie from 'dexie';
import { exportDB } from 'dexie-export-import';
import { afterEach, describe, expect, it } from 'vitest';
import { openBackupFile, readBackupHeader } from '@shared/backup/format';
import { gunzipPayload } from '@shared/backup/payload';
import { CommonGroundDb } from '@renderer/db/database';
import { createRepositories, type Repositories } from '@renderer/db/repositories';
import { CURRENT_SCHEMA_VERSION } from '@renderer/db/schema';
import { isPlainJson } from '@renderer/features/backups/rawStore';
import { restoreStore } from '@renderer/features/backups/restore';
import { makeBackupFile, openBackup, webSha256, type StoreDump } from '@renderer/features/backups/storeFile';
import { now, nowMs } from '@shared/clock';
import { seedStore, snapshot } from './helpers';

const dbs: Dexie[] = [];
let n = 0;
function fresh(): Repositories {
  const repos = createRepositories(new CommonGroundDb(`raw-backups-${process.pid}-${nowMs()}-${++n}`));
  dbs.push(repos.db);
  return repos;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

async function dumpText(bytes: Uint8Array): Promise<string> {
  const { header, payload } = await openBackupFile(bytes, webSha256);
  return new TextDecoder().decode(await gunzipPayload(payload, header.payload.uncompressedBytes));
}

const without = (s: Record<string, unknown[]>, ...names: string[]) => Object.fromEntries(Object.entries(s).filter(([k]) => !names.includes(k)));

describe('backups read and written directly', () => {
  it('tells plain JSON from values only typeson keeps', () => {
    expect(isPlainJson({ id: 'a', n: 1.5, ok: true, none: null, list: [1, 'x', { y: [] }] })).toBe(true);
    expect(isPlainJson({ at: new Date(0) })).toBe(false);
    expect(isPlainJson({ gone: undefined })).toBe(false);
    expect(isPlainJson({ n: Number.NaN })).toBe(false);
    expect(isPlainJson({ n: -0 })).toBe(false);
    expect(isPlainJson({ n: Infinity })).toBe(false);
    expect(isPlainJson({ data: new Uint8Array(2) })).toBe(false);
    expect(isPlainJson({ $types: { a: 'date' } })).toBe(false);
    // eslint-disable-next-line no-sparse-arrays -- a hole is what is tested
    expect(isPlainJson({ list: [1, , 3] })).toBe(false);
    expect(isPlainJson({ map: new Map() })).toBe(false);
    expect(isPlainJson(Object.create(null))).toBe(false);
    const cyclic: Record<string, unknown> = { id: 'a' };
    cyclic.self = { back: cyclic };
    expect(isPlainJson(cyclic)).toBe(false);
  });

  it("writes dexie-export-import's dump of the store: same tables, same rows, same order", async () => {
    const repos = fresh();
    await seedStore(repos);
    const { bytes, header } = await makeBackupFile(repos.db, { reason: 'manual', appVersion: '0.1.0' });
    const text = await dumpText(bytes);
    expect(header.payload.uncompressedBytes).toBe(new TextEncoder().encode(text).length);
    const mine = JSON.parse(text) as StoreDump;
    const theirs = JSON.parse(await (await exportDB(repos.db)).text()) as StoreDump;
    expect({ ...mine, data: { ...mine.data, data: [] } }).toEqual({ ...theirs, data: { ...theirs.data, data: [] } });
    expect(mine.data.data.map((t) => t.tableName)).toEqual(theirs.data.data.map((t) => t.tableName));
    const rows = await snapshot(repos.db);
    for (const t of mine.data.data) expect(t.rows, t.tableName).toEqual(rows[t.tableName]);
    // No typeson markers: every value is plain JSON.
    expect(text).not.toContain('"$types"');
    expect(header.tables.interests).toBe(2);
    expect(header.summary).toMatchObject({ councils: ['Harbor Regional Council'], meetings: 1 });
  });

  it("restores dexie-export-import's own dump (an earlier app's backup, typeson markers and all) exactly", async () => {
    const source = fresh();
    await seedStore(source);
    const before = await snapshot(source.db);
    const text = await (await exportDB(source.db)).text();
    // Arrays are marked (read directly); the team's charter shares an object between two fields (a
    // reference marker: dexie-export-import writes that table).
    expect(text).toContain('"arrayNonindexKeys"');
    expect(text).toContain('":"#"');
    const target = fresh();
    await target.db.open();
    const header = readBackupHeader(await makeBackupFile(source.db, { reason: 'manual', appVersion: '0.1.0' }).then((f) => f.bytes)).header;
    await restoreStore(target.db, { header, store: JSON.parse(text) as StoreDump, encrypted: false, fileBytes: 0 }, { beforeRestore: async () => undefined });
    expect(await snapshot(target.db)).toEqual(before);
    const team = (await target.db.teams.toArray())[0]!;
    expect(team.charter.consensusQuorum.minPerSide).toBe(team.charter.meetingQuorum.minPerSide);
  });

  it('a store holding dates and undefined fields is backed up and restored exactly, through typeson', async () => {
    const source = fresh();
    await seedStore(source);
    await source.db.syncMeta.put({ key: 'bench-date', at: now(), gone: undefined } as never);
    const before = await snapshot(source.db);
    const { bytes } = await makeBackupFile(source.db, { reason: 'manual', appVersion: '0.1.0' });
    expect(await dumpText(bytes)).toContain('"$types"');

    const target = fresh();
    await target.db.open();
    const backup = await openBackup(bytes, { currentSchemaVersion: CURRENT_SCHEMA_VERSION });
    await restoreStore(target.db, backup, { beforeRestore: async () => undefined });
    const after = await snapshot(target.db);
    expect(after).toEqual(before);
    const row = after.syncMeta!.find((m) => (m as { key: string }).key === 'bench-date') as { at: unknown; gone?: unknown };
    expect(row.at).toBeInstanceOf(Date);
    expect(Object.hasOwn(row, 'gone')).toBe(true);
  });

  it('a restore over another store leaves exactly the backup’s rows, and writes no outbox entries', async () => {
    const source = fresh();
    await seedStore(source);
    const wanted = await snapshot(source.db);
    const { bytes } = await makeBackupFile(source.db, { reason: 'manual', appVersion: '0.1.0' });

    const target = fresh();
    await seedStore(target, 'Riverside Local Council');
    await target.db.councils.add({ ...(await target.db.councils.toArray())[0]!, id: 'only-on-the-target' });
    const backup = await openBackup(bytes, { currentSchemaVersion: CURRENT_SCHEMA_VERSION });
    const signalled = new Set<string>();
    const listen = (parts: Record<string, unknown>) => Object.keys(parts).forEach((k) => signalled.add(k));
    Dexie.on('storagemutated', listen);
    try {
      await restoreStore(target.db, backup, { beforeRestore: async () => undefined });
    } finally {
      Dexie.on('storagemutated').unsubscribe(listen);
    }
    // Live queries and the automatic backups learn that everything changed.
    expect(signalled).toContain(`idb://${target.db.name}/meetings/`);
    expect(signalled).toContain(`idb://${target.db.name}/councils/name`);
    const after = await snapshot(target.db);
    // syncMeta differs only by the clock, which never goes back (restore.ts).
    expect(without(after, 'syncMeta')).toEqual(without(wanted, 'syncMeta'));
    expect(after.councils!.map((c) => (c as { name: string }).name)).toEqual(['Harbor Regional Council']);
    expect(after.syncOutbox).toEqual(wanted.syncOutbox);
  });
});
