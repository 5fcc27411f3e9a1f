/**
 * Restoring a backup on a laptop that syncs, against the real sync server (SQLite, HTTP) and the
 * real Dexie client: after the restore, sync resumes without sending the server what it already
 * has and without bringing back rows the council deleted since the backup; the facilitator is told
 * how many unsent changes the restore would lose.
 */
import '../features/backups/nodeSelf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Meeting } from '@shared/model';
import type { Change } from '@shared/sync/protocol';
import { compareHlc } from '@shared/sync/hlc';
import { readOutboxEntry } from '@renderer/db/capture/syncTables';
import { restoreBackup, type BackupBridge } from '@renderer/features/backups/commands';
import { inspectBackup } from '@renderer/features/backups/queries';
import { makeBackupFile } from '@renderer/features/backups/storeFile';
import { countPending } from '@renderer/sync/outbox';
import { SyncWorld, type Laptop } from './world';

let world: SyncWorld;
beforeEach(async () => {
  world = new SyncWorld();
  await world.start();
});
afterEach(async () => {
  await world.stop();
});

const outboxOf = async (l: Laptop): Promise<Change[]> => (await l.db.syncOutbox.toArray()).flatMap((e) => readOutboxEntry(e).changes);
const titles = async (l: Laptop) => (await l.db.meetings.toArray()).map((m) => m.title).sort();

/** A laptop whose pushes are recorded, as the server receives them. */
async function laptop(name: string, pushed?: Change[]): Promise<Laptop> {
  return world.laptop(name, {}, (inner) => ({
    syncStatus: () => inner.syncStatus(),
    syncEnroll: (r) => inner.syncEnroll(r),
    syncForget: () => inner.syncForget(),
    syncPush: (r) => {
      pushed?.push(...r.changes);
      return inner.syncPush(r);
    },
    syncPull: (r) => inner.syncPull(r),
  }));
}

const revertPoints: Uint8Array[] = [];
const bridge: BackupBridge = {
  async backupsWrite(request) {
    revertPoints.push(request.data);
    return { status: 'downloaded', name: 'revert.cgbackup' };
  },
  async saveFile() {
    return { status: 'canceled' };
  },
};

describe('restoring a backup on a laptop that syncs', () => {
  it('resumes sync without re-sending what the server has and without resurrecting rows the council deleted since', async () => {
    const pushedByA: Change[] = [];
    const a = await laptop('a', pushedByA);
    const b = await laptop('b');
    await a.engine.syncNow();
    const meeting = (title: string): Promise<Meeting> =>
      a.repos.meetings.create({ bodyKind: 'council', bodyId: world.councilId, title, startsAt: '2026-12-01T09:00' });
    const kept = await meeting('Weekend coverage');
    const deletedLater = await meeting('Float pool');
    const editedLater = await meeting('Break schedule');
    await world.syncAll();
    expect(await titles(b)).toEqual(['Break schedule', 'Float pool', 'Weekend coverage']);

    // An edit not yet sent when the backup is made.
    await a.repos.meetings.update(kept.id, { title: 'Weekend coverage rota' });
    const edit = (await outboxOf(a)).find((c) => c.field === 'title')!;
    const { bytes } = await makeBackupFile(a.db, { reason: 'manual', appVersion: '0.1.0' });

    // Since the backup: A sends that edit; the council deletes a meeting and edits another; A
    // edits again and sends it; then A makes one more edit it has not sent.
    await a.engine.syncNow();
    await b.engine.syncNow();
    await b.repos.meetings.remove(deletedLater.id);
    await b.repos.meetings.update(editedLater.id, { title: 'Break schedule (agreed)' });
    await b.engine.syncNow();
    await a.engine.syncNow();
    await a.repos.meetings.update(kept.id, { location: 'Room B' });
    await a.engine.syncNow();
    await a.repos.meetings.update(kept.id, { objective: 'Agree the rota' });
    const unsent = await outboxOf(a);
    expect(unsent).toHaveLength(2); // the objective and its updatedAt
    const issuedBefore = [...pushedByA, ...unsent]
      .map((c) => c.hlc)
      .sort(compareHlc)
      .at(-1)!;
    expect(await titles(a)).toEqual(['Break schedule (agreed)', 'Weekend coverage rota']);

    // The preview says what the restore would lose: the changes made here and not yet sent.
    const { backup, preview } = await inspectBackup(a, bytes);
    expect(preview.unsentLost).toBe(2);
    const serverChanges = await world.store.countChanges();
    const outcome = await restoreBackup(a, bridge, { appVersion: '0.1.0', pauseSync: () => a.engine.whenIdle() }, backup);
    expect(revertPoints).toHaveLength(1);
    // The backup's state is back: the deleted meeting, the old title of the edited one.
    expect(await titles(a)).toEqual(['Break schedule', 'Float pool', 'Weekend coverage rota']);
    // The backup's unsent edit reached the server after the backup: it is not queued again.
    expect(outcome.alreadyOnServer).toBeGreaterThan(0);
    expect((await outboxOf(a)).map((c) => c.opId)).not.toContain(edit.opId);
    expect(await countPending(a.db)).toBe((await outboxOf(a)).length);

    pushedByA.length = 0;
    await a.engine.syncNow();
    // Nothing the server had was sent again, and the server's log did not grow.
    expect(pushedByA).toEqual([]);
    expect(await world.store.countChanges()).toBe(serverChanges);
    // The council's deletion and edit since the backup came back through the pull.
    expect(await titles(a)).toEqual(['Break schedule (agreed)', 'Weekend coverage rota']);
    expect((await a.db.meetings.get(kept.id))?.location).toBe('Room B');
    expect(await a.db.meetings.get(deletedLater.id)).toBeUndefined();
    expect(await a.db.syncConflicts.count()).toBe(0);

    // Sync goes on as usual: a new edit reaches the council, stamped after everything A issued before.
    await a.repos.meetings.update(kept.id, { objective: 'Agree the rota by January' });
    const next = (await outboxOf(a)).find((c) => c.field === 'objective')!;
    expect(compareHlc(next.hlc, issuedBefore)).toBeGreaterThan(0);
    await world.syncAll();
    expect((await b.db.meetings.get(kept.id))?.objective).toBe('Agree the rota by January');
    expect(await titles(b)).toEqual(await titles(a));
    expect(await b.db.meetings.get(deletedLater.id)).toBeUndefined();
  });

  it('on a new laptop, a restored backup syncs under a fresh client: its unsent work arrives, the deleted stays deleted', async () => {
    const a = await laptop('old laptop');
    await a.engine.syncNow();
    const doomed = await a.repos.meetings.create({ bodyKind: 'council', bodyId: world.councilId, title: 'Float pool', startsAt: '2026-12-01T09:00' });
    await a.engine.syncNow();
    const unsentHere = await a.repos.meetings.create({ bodyKind: 'council', bodyId: world.councilId, title: 'Made offline', startsAt: '2026-12-02T09:00' });
    const { bytes } = await makeBackupFile(a.db, { reason: 'manual', appVersion: '0.1.0' });
    a.engine.stop();

    const council = await laptop('colleague');
    await council.engine.syncNow();
    await council.repos.meetings.remove(doomed.id);
    await council.engine.syncNow();

    // The old laptop is lost; the new one restores the backup, then is enrolled as a new device.
    const fresh = await laptop('new laptop');
    const { backup, preview } = await inspectBackup(fresh, bytes);
    expect(preview.unsentLost).toBe(0);
    await restoreBackup(fresh, bridge, { appVersion: '0.1.0', pauseSync: () => fresh.engine.whenIdle() }, backup);
    await fresh.engine.syncNow();
    await council.engine.syncNow();
    expect((await fresh.db.meetings.toArray()).map((m) => m.title)).toEqual(['Made offline']);
    expect((await council.db.meetings.toArray()).map((m) => m.title)).toEqual(['Made offline']);
    expect(await council.db.meetings.get(unsentHere.id)).toBeDefined();
    expect(await fresh.db.syncConflicts.count()).toBe(0);
    expect(await countPending(fresh.db)).toBe(0);
  });
});
