/**
 * The Dexie sync client against a real sync server: change capture in the write's transaction,
 * push/pull through the real HTTP connection, convergence, conflicts kept and restorable,
 * tombstones, approved minutes untouched, and the outbox kept through every failure.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Meeting } from '@shared/model';
import { encodeHlc } from '@shared/sync/hlc';
import type { Change } from '@shared/sync/protocol';
import { CommonGroundDb } from '@renderer/db/database';
import { SCHEMA_V5 } from '@renderer/db/schema';
import { applyRemoteChanges } from '@renderer/sync/applyRemote';
import { markSyncInternal } from '@renderer/db/capture/capture';
import { keepCurrent, listConflicts, restoreConflict } from '@renderer/sync/conflicts';
import { SyncEngine } from '@renderer/sync/engine';
import { ImmutableRowError } from '@renderer/db/capture/localWriter';
import { countPending } from '@renderer/sync/outbox';
import { readAllStates, readOutboxEntry } from '@renderer/db/capture/syncTables';
import { appSyncRegistry, syncRecordSchemas } from '@renderer/db/capture/syncedTables';
import { approveMinutes, finalizeIfComplete, saveSummary, versionId } from '@renderer/features/minutes/commands';
import { loadMinutes, minutesState } from '@renderer/features/minutes/queries';
import { addMember } from '@renderer/features/roster/commands';
import { presentConflict } from '@renderer/features/sync/labels';
import { SyncWorld, type Laptop } from './world';
import { nowMs, nowIso } from '@shared/clock';

let world: SyncWorld;

beforeEach(async () => {
  world = new SyncWorld();
  await world.start();
});

afterEach(async () => {
  await world.stop();
});

async function newMeeting(l: Laptop, title: string): Promise<Meeting> {
  return l.repos.meetings.create({ bodyKind: 'council', bodyId: world.councilId, title, startsAt: '2026-12-01T09:00' });
}

const titles = async (l: Laptop) => (await l.db.meetings.toArray()).map((m) => m.title).sort();
const outboxOf = async (l: Laptop) => (await l.db.syncOutbox.toArray()).flatMap((e) => readOutboxEntry(e).changes);

describe('sync client (Dexie) against a real server', () => {
  it('captures every write into the outbox in the same transaction, and an aborted write leaves nothing', async () => {
    const a = await world.laptop('a');
    await a.engine.syncNow(); // creates the server's council row here and sends it
    expect(await a.db.councils.get(world.councilId)).toMatchObject({ name: 'Harbor Regional Council' });
    expect(await a.db.syncOutbox.count()).toBe(0);

    const m = await newMeeting(a, 'Weekend coverage');
    const created = await outboxOf(a);
    expect(created.every((c) => c.table === 'meetings' && c.rowId === m.id && c.councilId === world.councilId && c.baseHlc === null)).toBe(true);
    expect(created.map((c) => c.field)).toContain('title');

    await a.repos.meetings.update(m.id, { title: 'Weekend staffing' });
    const edit = (await outboxOf(a)).filter((c) => c.field === 'title');
    expect(edit).toHaveLength(2);
    expect(edit[1]!.baseHlc).toBe(edit[0]!.hlc); // the edit names the value it replaced

    const before = await countPending(a.db);
    await expect(
      a.db.transaction('rw', a.db.meetings, async () => {
        await a.db.meetings.update(m.id, { title: 'Never saved' });
        throw new Error('the laptop died');
      }),
    ).rejects.toThrow('the laptop died');
    expect(await countPending(a.db)).toBe(before);
    expect((await a.db.meetings.get(m.id))?.title).toBe('Weekend staffing');
  });

  it("keeps a row's merge state on its record while the table holds it, and in syncRows once deleted", async () => {
    const a = await world.laptop('a');
    await a.engine.syncNow();
    const m = await newMeeting(a, 'Weekend coverage');
    const stored = (await a.db.meetings.get(m.id)) as unknown as Record<string, unknown>;
    expect(typeof stored._sync).toBe('string');
    expect(await a.db.syncRows.get(`meetings/${m.id}`)).toBeUndefined();
    const created = (await readAllStates(a.db)).get(`meetings/${m.id}`)!;
    expect(created.fields.title!.winner.value).toBe('Weekend coverage');

    // An update that writes a fresh object (no _sync) keeps the state, moved on by the edit.
    await a.repos.meetings.update(m.id, { title: 'Weekend staffing' });
    const edited = (await readAllStates(a.db)).get(`meetings/${m.id}`)!;
    expect(edited.fields.title!.winner.value).toBe('Weekend staffing');
    expect(edited.fields.location).toEqual(created.fields.location);

    // A stale _sync the app carries along never overwrites the stored one.
    await a.db.meetings.put({ ...(stored as unknown as Meeting), title: 'From a stale copy' });
    const afterStale = (await readAllStates(a.db)).get(`meetings/${m.id}`)!;
    expect(afterStale.fields.title!.winner.value).toBe('From a stale copy');
    expect(afterStale.fields.title!.replaced).toContain(edited.fields.title!.winner.hlc);

    await a.repos.meetings.remove(m.id);
    expect(await a.db.meetings.get(m.id)).toBeUndefined();
    const tombstone = (await a.db.syncRows.get(`meetings/${m.id}`))!.state;
    expect(tombstone.fields._deleted!.winner.value).toMatchObject({ deleted: true });

    // Undo of the delete: the row is back with its state on the record, syncRows lets go of it.
    await a.db.meetings.add({ ...(stored as unknown as Meeting), title: 'Restored' });
    expect(await a.db.syncRows.get(`meetings/${m.id}`)).toBeUndefined();
    const restored = (await readAllStates(a.db)).get(`meetings/${m.id}`)!;
    expect(restored.fields._deleted!.winner.value).toMatchObject({ deleted: false });
    expect(restored.fields.title!.winner.value).toBe('Restored');

    // A bulk add where one row is refused (its id exists) captures only the rows written.
    const pending = await countPending(a.db);
    const fresh = { ...(stored as unknown as Meeting), id: '0190aaaa-0000-7000-8000-0000000000b2', title: 'Second' };
    await expect(a.db.meetings.bulkAdd([fresh, { ...(stored as unknown as Meeting), title: 'Duplicate id' }])).rejects.toThrow();
    expect((await a.db.meetings.get(m.id))!.title).toBe('Restored');
    const sent = (await outboxOf(a)).filter((c) => c.rowId === fresh.id || c.rowId === m.id);
    expect(sent.some((c) => c.value === 'Duplicate id')).toBe(false);
    // Dexie commits the rows of a bulk add that succeeded: that row, its state and its changes.
    expect((await a.db.meetings.get(fresh.id))?.title).toBe('Second');
    expect((await readAllStates(a.db)).get(`meetings/${fresh.id}`)!.fields.title!.winner.value).toBe('Second');
    const second = sent.filter((c) => c.rowId === fresh.id);
    expect(second.map((c) => c.field)).toContain('title');
    expect(await countPending(a.db)).toBe(pending + second.length);

    // A state kept the schema-v6 way (in syncRows, beside a record without one) is still found,
    // and moves onto the record at the row's next write.
    const key = `meetings/${fresh.id}`;
    const legacy = (await readAllStates(a.db)).get(key)!;
    await a.db.transaction('rw', [a.db.meetings, a.db.syncRows], async () => {
      markSyncInternal(Dexie.currentTransaction.idbtrans);
      const { _sync: _dropped, ...plain } = (await a.db.meetings.get(fresh.id)) as unknown as Record<string, unknown>;
      await a.db.meetings.put(plain as unknown as Meeting);
      await a.db.syncRows.put({ key, state: legacy });
    });
    await a.repos.meetings.update(fresh.id, { title: 'Third' });
    expect(await a.db.syncRows.get(key)).toBeUndefined();
    const moved = (await readAllStates(a.db)).get(key)!;
    expect(moved.fields.title!.winner.value).toBe('Third');
    expect(moved.fields.title!.replaced).toContain(legacy.fields.title!.winner.hlc);
  });

  it('packs a bulk import into outbox entries of at most 500 changes, and sends them all (a v6 entry too)', async () => {
    const a = await world.laptop('a');
    const b = await world.laptop('b');
    await world.syncAll();
    const m = await newMeeting(a, 'Import target');
    await a.engine.syncNow();
    const items = Array.from({ length: 150 }, (_, i) => ({ meetingId: m.id, title: `Imported item ${i + 1}`, position: i + 1 }));
    await a.repos.agendaItems.createMany(items);
    const entries = await a.db.syncOutbox.toArray();
    const sizes = entries.map((e) => readOutboxEntry(e).changes.length);
    expect(sizes.length).toBeGreaterThan(1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(500);
    expect(entries.every((e) => typeof e.packed === 'string' && e.changes === undefined)).toBe(true);
    expect(sizes.reduce((n, s) => n + s, 0)).toBe(await countPending(a.db));

    // An entry stored the schema-v6 way (changes as objects) is read and sent like the others.
    const [first] = entries;
    await a.db.syncOutbox.put({ seq: first!.seq, changes: readOutboxEntry(first!).changes });
    expect((await a.engine.syncNow()).phase).toBe('up-to-date');
    expect(await a.db.syncOutbox.count()).toBe(0);
    await b.engine.syncNow();
    expect(await b.db.agendaItems.where('meetingId').equals(m.id).count()).toBe(150);
  });

  it("two laptops edit offline and both see each other's work after reconnecting", async () => {
    const a = await world.laptop('a');
    const b = await world.laptop('b');
    await world.syncAll();
    a.online = false;
    b.online = false;
    await newMeeting(a, 'January council');
    const fromB = await newMeeting(b, 'Staffing UBT check-in');
    await b.repos.agendaItems.create({ meetingId: fromB.id, title: 'Weekend coverage', position: 1 });
    expect((await a.engine.syncNow()).phase).toBe('offline');
    expect(await a.db.syncOutbox.count()).toBeGreaterThan(0); // nothing lost while offline

    a.online = true;
    b.online = true;
    await world.syncAll();
    expect(await titles(a)).toEqual(['January council', 'Staffing UBT check-in']);
    expect(await titles(b)).toEqual(await titles(a));
    expect(await a.db.agendaItems.count()).toBe(await b.db.agendaItems.count());
    expect(await a.db.syncOutbox.count()).toBe(0);
    expect(a.engine.current.phase).toBe('up-to-date');
  });

  it('pulls a large council page by page, reading ahead while applying, and resumes after a failed page', async () => {
    const a = await world.laptop('a');
    await a.engine.syncNow();
    for (let i = 1; i <= 12; i++) await newMeeting(a, `Meeting ${String(i).padStart(2, '0')}`);
    await a.engine.syncNow();

    // A new laptop pulls in pages of 10 changes; its 4th request fails like a dropped network.
    const requests: Array<{ cursor: number; appliedBefore: number }> = [];
    let received = 0;
    let failAt = 4;
    const b = await world.laptop('b', { pullLimit: 10 }, (inner) => ({
      ...inner,
      syncPull: (r) => {
        requests.push({ cursor: Number(r.cursor ?? 0), appliedBefore: received });
        return requests.length === failAt
          ? Promise.resolve({ status: 'error' as const, kind: 'offline' as const, message: 'The network went away.' })
          : inner.syncPull(r);
      },
    }));
    const totals: Array<number | null> = [];
    b.engine.subscribe((s) => {
      if (s.progress?.stage !== 'receiving') return;
      received = s.progress.done;
      totals.push(s.progress.total);
    });
    const failed = await b.engine.syncNow();
    expect(failed.phase).toBe('offline');
    // Pages 2, 3 and 4 were asked for before page 1 was applied (over a slow link, the round
    // trips overlap).
    expect(requests.slice(1, 4).map((r) => r.appliedBefore)).toEqual([0, 0, 0]);
    expect(requests.slice(0, 4).map((r) => r.cursor)).toEqual([0, 10, 20, 30]);
    // The pages before the failure were applied, and only applied pages moved the cursor: the
    // cursor is where page 4 starts.
    const cursorAfterFailure = ((await b.db.syncMeta.get('cursors')) as { cursors: Record<string, number> }).cursors[world.councilId];
    expect(cursorAfterFailure).toBe(requests[3]!.cursor);

    // Progress knew the whole size from the first page on (the council's last seq).
    const serverTotal = (await world.store.pull(world.councilId, 0, 1)).lastSeq;
    expect(totals[0]).toBeNull();
    expect(totals.slice(1).every((t) => t === serverTotal)).toBe(true);

    failAt = 0;
    totals.length = 0;
    // Requests for the pages after the failed one were on their way too; the next round starts anew.
    const firstRound = requests.length;
    expect(firstRound).toBeGreaterThan(4);
    expect((await b.engine.syncNow()).phase).toBe('up-to-date');
    // The second round counts only what was left past the cursor, and ends with all of it.
    expect(totals.at(-1)).toBe(serverTotal - cursorAfterFailure!);
    expect(received).toBe(serverTotal - cursorAfterFailure!);
    expect(requests[firstRound]!.cursor).toBe(cursorAfterFailure);
    expect(await titles(b)).toEqual(await titles(a));
    expect(await b.db.meetings.count()).toBe(12);
  });

  it('keeps the losing side of a concurrent edit as a conflict on both laptops and restores it everywhere', async () => {
    const a = await world.laptop('a');
    const b = await world.laptop('b');
    await world.syncAll();
    const m = await newMeeting(a, 'Budget review');
    await world.syncAll();
    await a.repos.meetings.update(m.id, { title: 'Budget review (draft A)' });
    await b.repos.meetings.update(m.id, { title: 'Budget review (draft B)' });
    await world.syncAll();

    const winner = (await a.db.meetings.get(m.id))!.title;
    expect((await b.db.meetings.get(m.id))!.title).toBe(winner);
    const [ca, cb] = [await listConflicts(a.db), await listConflicts(b.db)];
    expect(ca).toHaveLength(1);
    expect(cb.map((c) => c.id)).toEqual(ca.map((c) => c.id));
    const loser = winner === 'Budget review (draft A)' ? 'Budget review (draft B)' : 'Budget review (draft A)';
    expect(ca[0]).toMatchObject({ kind: 'concurrent-edit', table: 'meetings', field: 'title', losingValue: loser, winningValue: winner, rowLabel: winner });

    expect(await restoreConflict(b.db, appSyncRegistry, cb[0]!.id)).toBe('restored');
    await world.syncAll();
    expect((await a.db.meetings.get(m.id))!.title).toBe(loser);
    expect((await b.db.meetings.get(m.id))!.title).toBe(loser);
    expect(await listConflicts(a.db)).toEqual([]);
    expect(await listConflicts(b.db)).toEqual([]);
  });

  it('an edit racing a delete is kept as a conflict, never a silent resurrection; restoring brings the row back with the edit', async () => {
    const a = await world.laptop('a');
    const b = await world.laptop('b');
    await world.syncAll();
    const m = await newMeeting(a, 'Parking lot review');
    await world.syncAll();
    await a.repos.meetings.remove(m.id);
    await b.repos.meetings.update(m.id, { location: 'Room 4B' });
    await world.syncAll();

    expect(await a.db.meetings.get(m.id)).toBeUndefined();
    expect(await b.db.meetings.get(m.id)).toBeUndefined();
    const conflicts = await listConflicts(b.db);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ kind: 'edit-vs-delete', field: 'location', losingValue: 'Room 4B', rowDeleted: true });

    await restoreConflict(a.db, appSyncRegistry, conflicts[0]!.id);
    await world.syncAll();
    for (const l of [a, b]) {
      expect(await l.db.meetings.get(m.id)).toMatchObject({ title: 'Parking lot review', location: 'Room 4B' });
      expect(await listConflicts(l.db)).toEqual([]);
    }
  });

  it('"keep current" resolves a conflict on every laptop without changing the value', async () => {
    const a = await world.laptop('a');
    const b = await world.laptop('b');
    await world.syncAll();
    const m = await newMeeting(a, 'Quarterly');
    await world.syncAll();
    await a.repos.meetings.update(m.id, { objective: 'Agree the charter' });
    await b.repos.meetings.update(m.id, { objective: 'Review the charter' });
    await world.syncAll();
    const current = (await a.db.meetings.get(m.id))!.objective;
    const [conflict] = await listConflicts(a.db);
    expect(await keepCurrent(a.db, appSyncRegistry, conflict!.id)).toBe('kept');
    await world.syncAll();
    for (const l of [a, b]) {
      expect((await l.db.meetings.get(m.id))!.objective).toBe(current);
      expect(await listConflicts(l.db)).toEqual([]);
    }
  });

  it('keeps the outbox and says what to do when the server refuses: offline, outdated app, revoked device', async () => {
    const a = await world.laptop('a');
    await a.engine.syncNow();
    await newMeeting(a, 'Kept through failures');
    const queued = await countPending(a.db);

    a.online = false;
    const offline = await a.engine.syncNow();
    expect(offline.phase).toBe('offline');
    a.online = true;

    // The same laptop running an app older than the server accepts (schema version 0): 426.
    const tooOld = new SyncEngine({ db: a.db, registry: appSyncRegistry, schemas: syncRecordSchemas, connection: a.connection, schemaVersion: 0 });
    const outdated = await tooOld.syncNow();
    expect(outdated.phase).toBe('needs-attention');
    expect(outdated.attention?.kind).toBe('update-app');
    expect(await countPending(a.db)).toBe(queued);

    const devices = await world.store.listDevices(world.accountId);
    for (const d of devices) await world.store.revokeDevice(d.id, nowMs());
    const revoked = await a.engine.syncNow();
    expect(revoked.phase).toBe('needs-attention');
    expect(revoked.attention?.kind).toBe('enroll-again');
    expect(await countPending(a.db)).toBe(queued);
  });

  it('never changes approved minutes: a local edit is refused and a synced edit is not applied', async () => {
    const a = await world.laptop('a');
    await a.engine.syncNow();
    const m = await newMeeting(a, 'Approved meeting');
    const at = nowIso();
    const version = {
      id: '0190aaaa-0000-7000-8000-0000000000a1',
      meetingId: m.id,
      number: 1,
      approvedAt: at,
      amendmentReason: '',
      approvals: [],
      document: { title: 't', fileStem: 'f', blocks: [], actionItems: [] },
      markdown: '# Approved',
      contentHash: 'h',
      createdAt: at,
      updatedAt: at,
    };
    await a.db.minutesVersions.add(version as never);
    await expect(a.db.minutesVersions.update(version.id, { markdown: '# Rewritten' })).rejects.toBeInstanceOf(ImmutableRowError);
    expect((await a.db.minutesVersions.get(version.id))!.markdown).toBe('# Approved');

    const state = (await readAllStates(a.db)).get(`minutesVersions/${version.id}`)!;
    const intruder = '0198c3f0-0000-7000-8000-00000000beef';
    const forged: Change = {
      opId: '0198c3f0-0000-7000-8000-00000000f00d',
      clientId: intruder,
      councilId: world.councilId,
      table: 'minutesVersions',
      rowId: version.id,
      field: 'markdown',
      value: '# Rewritten elsewhere',
      hlc: encodeHlc({ wall: nowMs() + 1000, counter: 0, clientId: intruder }),
      baseHlc: state.fields.markdown!.winner.hlc,
    };
    const outcome = await applyRemoteChanges(a.db, { registry: appSyncRegistry, schemas: syncRecordSchemas }, [forged]);
    expect(outcome.refused).toBe(1);
    expect((await a.db.minutesVersions.get(version.id))!.markdown).toBe('# Approved');

    // The conflicts list says sync refused it, and why; it offers no restore, only dismissing it.
    const [listed] = await listConflicts(a.db);
    expect(listed).toMatchObject({ field: 'markdown', losingValue: '# Rewritten elsewhere', refused: expect.stringMatching(/approved minutes/) });
    const shown = presentConflict(listed!);
    expect(shown).toMatchObject({ label: 'Refused by sync', restorable: false, keepLabel: 'Dismiss', otherTitle: 'Refused change' });
    expect(shown.explanation).toContain(listed!.refused);
    expect(shown.label).not.toBe(presentConflict({ ...listed!, refused: undefined }).label);
    expect(presentConflict({ ...listed!, refused: undefined })).toMatchObject({ restorable: true, keepLabel: 'Keep current' });
    expect(await keepCurrent(a.db, appSyncRegistry, listed!.id)).toBe('kept');
    expect(await listConflicts(a.db)).toEqual([]);
  });

  it('two laptops of different accounts that both freeze the same approved minutes: nothing held, no conflict, one copy on the server', async () => {
    const a = await world.laptop('a');
    const b = await world.laptop('b');
    // Laptop b belongs to another member of the council.
    const riley = await world.store.createAccount('Riley Shaw');
    await world.store.addMember(riley.id, world.councilId);
    await world.enrollAgain(b, riley.id);
    await world.syncAll();

    const ana = await a.repos.people.create({ name: 'Ana Torres', side: 'union' });
    const ben = await a.repos.people.create({ name: 'Ben Okafor', side: 'management' });
    const team = await a.repos.teams.create({ councilId: world.councilId, name: 'Pharmacy UBT', managementCoLeadId: ben.id, unionCoLeadId: ana.id });
    for (const p of [ana, ben]) await addMember(a.repos, p.id, 'team', team.id);
    const meeting = await a.repos.meetings.create({ bodyKind: 'team', bodyId: team.id, title: 'November', startsAt: '2026-11-24T09:00', location: 'Room 3' });
    const item = await a.repos.agendaItems.create({ meetingId: meeting.id, position: 1, title: 'Lunch coverage' });
    // The recorder's summary, typed during the meeting, starts the draft minutes.
    await saveSummary(a.repos, meeting.id, item.id, 'Agreed to test staggered lunches for four weeks.');
    await world.syncAll();

    // Each co-lead approves on a different laptop while they are apart: neither has both yet.
    a.online = false;
    b.online = false;
    const approve = async (l: Laptop, side: 'union' | 'management', personId: string) => {
      const { liveHash } = minutesState((await loadMinutes(l.repos, meeting.id))!);
      const signOff = { method: 'in-room' as const, recordedByName: 'Pat Okafor' };
      return approveMinutes(l.repos, { meetingId: meeting.id, side, personId, role: `${side} co-lead`, seenHash: liveHash, signOff, enrolledAccount: null });
    };
    expect((await approve(a, 'union', ana.id)).version).toBeNull();
    expect((await approve(b, 'management', ben.id)).version).toBeNull();
    a.online = true;
    b.online = true;
    await world.syncAll();

    // Both now hold both approvals (stamped by the server) and freeze them, as the minutes page does.
    const id = versionId(meeting.id, 1);
    const [fromA, fromB] = [await finalizeIfComplete(a.repos, meeting.id), await finalizeIfComplete(b.repos, meeting.id)];
    expect(fromA?.id).toBe(id);
    expect(fromB?.id).toBe(id);
    await world.syncAll();

    const content = async (l: Laptop) => {
      const { _sync: _state, createdAt: _c, updatedAt: _u, ...rest } = (await l.db.minutesVersions.get(id)) as unknown as Record<string, unknown>;
      return rest;
    };
    const approved = await content(a);
    expect(approved).toMatchObject({ meetingId: meeting.id, number: 1 });
    expect((approved.approvals as Array<{ side: string }>).map((s) => s.side).sort()).toEqual(['management', 'union']);
    for (const l of [a, b]) {
      expect(await content(l)).toEqual(approved);
      expect(await countPending(l.db)).toBe(0);
      expect(l.engine.current.held).toEqual([]);
      expect(l.engine.current.phase).toBe('up-to-date');
      expect(await listConflicts(l.db)).toEqual([]);
      expect((await l.repos.minutes.get(meeting.id))?.status).toBe('approved');
    }
    // The server kept one copy: laptop a's (it pushed first); b's was acknowledged, not stored.
    const { clientId: clientA } = (await a.db.syncMeta.get('client')) as { clientId: string };
    const log = (await world.store.pull(world.councilId, 0, 10_000)).changes.filter((c) => c.table === 'minutesVersions');
    expect(log.length).toBeGreaterThan(5);
    expect(new Set(log.map((c) => c.clientId))).toEqual(new Set([clientA]));
    expect(new Set(log.map((c) => c.field)).size).toBe(log.length);
    // A laptop that joins later gets that one copy.
    const c = await world.laptop('c');
    await c.engine.syncNow();
    expect(await content(c)).toEqual(approved);
    expect(await listConflicts(c.db)).toEqual([]);
  });

  it('captures rows written before sync existed, and a person once they join a council', async () => {
    const name = `legacy-${process.pid}-${nowMs()}`;
    const old = new Dexie(name);
    old.version(5).stores(SCHEMA_V5);
    await old.open();
    const at = '2026-01-01T00:00:00.000Z';
    await old.table('meetings').add({
      id: '0190aaaa-0000-7000-8000-0000000000c1',
      bodyKind: 'council',
      bodyId: world.councilId,
      title: 'From before sync',
      startsAt: '2026-01-05T09:00',
      durationMinutes: 90,
      location: '',
      objective: '',
      facilitatorId: null,
      recorderId: null,
      timekeeperId: null,
      createdAt: at,
      updatedAt: at,
    });
    old.close();
    const upgraded = new CommonGroundDb(name);
    await upgraded.open();
    upgraded.close();

    const a = await world.laptop('a');
    // The upgraded database syncs through laptop a's connection (same enrolled device).
    const legacyDb = new CommonGroundDb(name);
    const legacy = new SyncEngine({ db: legacyDb, connection: a.connection, registry: appSyncRegistry, schemas: syncRecordSchemas });
    expect((await legacy.syncNow()).phase).toBe('up-to-date');

    const person = await a.repos.people.create({ name: 'Dana Whitfield', email: 'dana@example.org', side: 'management' });
    expect(await a.db.syncPending.get(`people/${person.id}`)).toBeDefined();
    await a.repos.memberships.create({ personId: person.id, bodyKind: 'council', bodyId: world.councilId });
    await a.engine.syncNow();
    expect(await a.db.syncPending.toArray()).toEqual([]);

    const b = await world.laptop('b');
    await b.engine.syncNow();
    expect(await titles(b)).toEqual(['From before sync']);
    expect((await b.db.people.get(person.id))?.name).toBe('Dana Whitfield');
    legacyDb.close();
    await legacyDb.delete();
  });
});
