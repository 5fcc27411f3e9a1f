/**
 * The app's sync client (Dexie over fake-indexeddb) against a real server when a member is
 * hostile, a laptop is enrolled again, or values are large:
 * - approved minutes are write-once end to end: the forged changes (an overwrite with no
 *   baseHlc, a new field, a delete) are refused by the server, and refused by the client too if
 *   they reach it anyway (an old or broken server), never altering local data and listed for
 *   review; a version overwritten before clients refused it can be put back;
 * - the server's stamp of who recorded an approval reaches every laptop and is never sent back;
 * - a laptop enrolled again (revoked, or onto another account) sends its unsent changes under a
 *   fresh clientId, nothing lost;
 * - pages bounded in bytes: the client pages on through large values.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Meeting } from '@shared/model';
import { encodeHlc } from '@shared/sync/hlc';
import { materializeRow } from '@shared/sync/merge';
import { PushResponse, type Change } from '@shared/sync/protocol';
import { SyncRegistry } from '@shared/sync/registry';
import { applyRemoteChanges } from '@renderer/sync/applyRemote';
import { RefusedChangeError, keepCurrent, listConflicts, restoreConflict } from '@renderer/sync/conflicts';
import { countPending } from '@renderer/sync/outbox';
import { readAllStates, readOutboxEntry, type ClientMeta } from '@renderer/db/capture/syncTables';
import { appSyncRegistry, syncRecordSchemas } from '@renderer/db/capture/syncedTables';
import { bearer, enroll } from '../../server/helpers';
import { SyncWorld, type Laptop } from './world';
import { nowIso, nowMs } from '@shared/clock';

let world: SyncWorld;

afterEach(async () => {
  await world.stop();
});

async function newMeeting(l: Laptop, title: string, objective = ''): Promise<Meeting> {
  return l.repos.meetings.create({ bodyKind: 'council', bodyId: world.councilId, title, startsAt: '2026-12-01T09:00', objective });
}

/** Approved minutes of a meeting, as the approving laptop freezes them. */
async function approve(l: Laptop, meetingId: string) {
  const at = nowIso();
  const version = {
    id: '0190aaaa-0000-7000-8000-0000000000a1',
    meetingId,
    number: 1,
    approvedAt: at,
    amendmentReason: '',
    approvals: [{ side: 'union', name: 'Jordan Lee', role: 'Union co-lead', approvedAt: at }],
    document: { title: 'December council', fileStem: 'december-council', blocks: [], actionItems: [] },
    markdown: '# December council\n\nApproved text.',
    contentHash: 'abcdef12',
    createdAt: at,
    updatedAt: at,
  };
  await l.db.minutesVersions.add(version as never);
  return version;
}

const record = async (l: Laptop, id: string) => {
  const { _sync: _state, ...rest } = (await l.db.minutesVersions.get(id)) as unknown as Record<string, unknown>;
  return rest;
};
const stateOf = async (l: Laptop, key: string) => (await readAllStates(l.db)).get(key)!;

const FORGER = '0198c3f0-0000-7000-8000-00000000beef';
/** The three forged changes of the issue, made by another member's laptop. */
function forgedChanges(councilId: string, versionId: string, base: string): Change[] {
  const at = nowMs() + 60_000;
  const forged = (field: string, value: Change['value'], counter: number): Change => ({
    opId: `0198c3f0-0000-7000-8000-0000000f00${String(counter).padStart(2, '0')}`,
    clientId: FORGER,
    councilId,
    table: 'minutesVersions',
    rowId: versionId,
    field,
    value,
    hlc: encodeHlc({ wall: at, counter, clientId: FORGER }),
    baseHlc: null,
  });
  return [
    forged('markdown', '# Rewritten after approval', 1),
    forged('forgedNote', 'Added after approval', 2),
    { ...forged('_deleted', { deleted: true, seen: {} }, 3), baseHlc: base },
  ];
}

describe('approved minutes are write-once end to end', () => {
  beforeEach(async () => {
    world = new SyncWorld();
    await world.start();
  });

  it('the server refuses the forged changes, and honest laptops keep the approved version', async () => {
    const a = await world.laptop('a');
    const b = await world.laptop('b');
    await world.syncAll();
    const m = await newMeeting(a, 'December council');
    const version = await approve(a, m.id);
    await world.syncAll();
    const approved = await record(b, version.id);
    expect(approved).toMatchObject({ markdown: version.markdown });

    const forger = await world.store.createAccount('Riley Shaw');
    await world.store.addMember(forger.id, world.councilId);
    const device = await enroll(world.app, world.store, forger.id, 'Riley laptop');
    const base = (await stateOf(b, `minutesVersions/${version.id}`)).fields.markdown!.winner.hlc;
    const forged = forgedChanges(world.councilId, version.id, base);
    const res = await world.app.inject({
      method: 'POST',
      url: '/v1/push',
      headers: bearer(device.token),
      payload: { clientId: FORGER, schemaVersion: 1, changes: forged },
    });
    const answer = PushResponse.parse(res.json());
    expect(answer.acked).toEqual([]);
    expect(answer.rejected.map((r) => r.reason)).toEqual(['write_once', 'write_once', 'write_once']);

    await world.syncAll();
    for (const l of [a, b]) {
      expect(await record(l, version.id)).toEqual(approved);
      expect(await listConflicts(l.db)).toEqual([]);
    }
  });

  it('the client refuses them too, whatever their baseHlc, without altering anything, and lists them for review', async () => {
    const a = await world.laptop('a');
    await a.engine.syncNow();
    const m = await newMeeting(a, 'December council');
    const version = await approve(a, m.id);
    await a.engine.syncNow();
    const key = `minutesVersions/${version.id}`;
    const [before, stateBefore, pending] = [await record(a, version.id), await stateOf(a, key), await countPending(a.db)];
    const clockBefore = await a.db.syncMeta.get('clock');

    // As an old or broken server would pass them on: each one alone, then all together.
    const forged = forgedChanges(world.councilId, version.id, stateBefore.fields.markdown!.winner.hlc);
    for (const c of [...forged.map((f) => [f]), forged]) {
      const outcome = await applyRemoteChanges(a.db, { registry: appSyncRegistry, schemas: syncRecordSchemas }, c);
      expect(outcome).toMatchObject({ applied: 0, refused: c.length });
    }
    expect(await record(a, version.id)).toEqual(before);
    expect(await stateOf(a, key)).toEqual(stateBefore);
    expect(await countPending(a.db)).toBe(pending);
    expect(await a.db.syncMeta.get('clock')).toEqual(clockBefore);

    // Even under the approving laptop's own clientId (a broken server could pass anything on).
    const { clientId: approving } = (await a.db.syncMeta.get('client')) as ClientMeta;
    const impersonated: Change = {
      ...forged[0]!,
      opId: '0198c3f0-0000-7000-8000-0000000f0099',
      clientId: approving,
      hlc: encodeHlc({ wall: nowMs() + 60_000, counter: 9, clientId: approving }),
      value: '# Rewritten by the same laptop',
    };
    expect((await applyRemoteChanges(a.db, { registry: appSyncRegistry, schemas: syncRecordSchemas }, [impersonated])).refused).toBe(1);
    expect(await record(a, version.id)).toEqual(before);

    const listed = await listConflicts(a.db);
    const why = (field: string, value: unknown) => listed.find((c) => c.field === field && JSON.stringify(c.losingValue) === JSON.stringify(value))?.refused;
    expect(why('markdown', '# Rewritten after approval')).toMatch(/would have changed approved minutes/);
    expect(why('markdown', '# Rewritten by the same laptop')).toMatch(/would have changed approved minutes/);
    expect(why('forgedNote', 'Added after approval')).toMatch(/would have added to approved minutes/);
    expect(why('_deleted', { deleted: true, seen: {} })).toMatch(/would have deleted approved minutes/);
    expect(listed).toHaveLength(4);
    const markdown = listed.find((c) => c.field === 'markdown' && c.losingValue === '# Rewritten after approval')!;
    expect(markdown).toMatchObject({ winningValue: version.markdown, currentValue: version.markdown, refused: expect.stringMatching(/approved minutes/) });

    // A refused change cannot be restored from the list; "keep current" dismisses it.
    await expect(restoreConflict(a.db, appSyncRegistry, markdown.id)).rejects.toBeInstanceOf(RefusedChangeError);
    expect(await keepCurrent(a.db, appSyncRegistry, markdown.id)).toBe('kept');
    expect((await listConflicts(a.db)).map((c) => c.field).sort()).toEqual(['_deleted', 'forgedNote', 'markdown']);
    expect(await record(a, version.id)).toEqual(before);
    expect(await countPending(a.db)).toBe(pending);

    // The laptop's own changes coming back, and the approving laptop's later fields, still apply.
    const own = await a.engine.syncNow();
    expect(own.phase).toBe('up-to-date');
    expect(await record(a, version.id)).toEqual(before);
  });

  it('the same version frozen on another laptop is taken silently, with nothing merged or listed; another value is still refused', async () => {
    const a = await world.laptop('a');
    await a.engine.syncNow();
    const m = await newMeeting(a, 'December council');
    const version = await approve(a, m.id);
    await a.engine.syncNow();
    const key = `minutesVersions/${version.id}`;
    const [before, stateBefore, clockBefore] = [await record(a, version.id), await stateOf(a, key), await a.db.syncMeta.get('clock')];

    // Another laptop's copy: its own clientId, opIds and later HLCs, the same values (an object's
    // keys in another order is the same value), and its own moment of freezing in the bookkeeping fields.
    const other = '0198c3f0-0000-7000-8000-00000000c0de';
    const { id: _id, ...fields } = version;
    const values: Record<string, Change['value']> = {
      ...fields,
      approvals: version.approvals.map(({ approvedAt, role, name, side }) => ({ approvedAt, role, name, side })),
      createdAt: '2026-11-25T09:00:00.123Z',
      updatedAt: '2026-11-25T09:00:00.123Z',
    };
    const copy = Object.entries(values).map(([field, value], i): Change => ({
      opId: `0198c3f0-0000-7000-8000-0000000c00${String(i).padStart(2, '0')}`,
      clientId: other,
      councilId: world.councilId,
      table: 'minutesVersions',
      rowId: version.id,
      field,
      value,
      hlc: encodeHlc({ wall: nowMs() + 1000, counter: i, clientId: other }),
      baseHlc: null,
    }));
    const outcome = await applyRemoteChanges(a.db, { registry: appSyncRegistry, schemas: syncRecordSchemas }, copy);
    expect(outcome).toMatchObject({ applied: 0, refused: 0, unchanged: copy.length });
    expect(await record(a, version.id)).toEqual(before);
    expect(await stateOf(a, key)).toEqual(stateBefore);
    expect(await a.db.syncMeta.get('clock')).toEqual(clockBefore);
    expect(await listConflicts(a.db)).toEqual([]);

    // The same laptop's other value for the text is a forgery, refused and listed as before.
    const forged = { ...copy.find((c) => c.field === 'markdown')!, opId: '0198c3f0-0000-7000-8000-0000000c0099', value: '# December council\n\nOther text.' };
    expect(await applyRemoteChanges(a.db, { registry: appSyncRegistry, schemas: syncRecordSchemas }, [forged])).toMatchObject({ refused: 1, unchanged: 0 });
    expect((await listConflicts(a.db)).map((c) => [c.field, c.losingValue, c.refused])).toEqual([
      ['markdown', forged.value, expect.stringMatching(/changed approved minutes/)],
    ]);
    expect(await record(a, version.id)).toEqual(before);
  });

  it('a version overwritten before clients refused such changes can be put back, on that laptop, with no new change', async () => {
    const a = await world.laptop('a');
    const b = await world.laptop('b');
    await world.syncAll();
    const m = await newMeeting(a, 'December council');
    const version = await approve(a, m.id);
    await world.syncAll();
    const key = `minutesVersions/${version.id}`;
    const approvedState = await stateOf(b, key);

    // Laptop b ran an app from before: it applied an overwrite with no baseHlc and a later HLC.
    const before = new SyncRegistry();
    for (const d of appSyncRegistry.list()) before.register(d.name === 'minutesVersions' ? { ...d, immutable: false } : d);
    const [overwrite] = forgedChanges(world.councilId, version.id, approvedState.fields.markdown!.winner.hlc);
    await applyRemoteChanges(b.db, { registry: before, schemas: syncRecordSchemas }, [overwrite!]);
    expect((await record(b, version.id)).markdown).toBe('# Rewritten after approval');
    const [conflict] = await listConflicts(b.db);
    expect(conflict).toMatchObject({ kind: 'concurrent-edit', field: 'markdown', losingValue: version.markdown, winningValue: '# Rewritten after approval' });

    const pending = await countPending(b.db);
    expect(await restoreConflict(b.db, appSyncRegistry, conflict!.id)).toBe('restored');
    expect((await record(b, version.id)).markdown).toBe(version.markdown);
    expect(materializeRow(await stateOf(b, key)).values).toEqual(materializeRow(approvedState).values);
    expect(await countPending(b.db)).toBe(pending);
    // The overwrite stays listed for review, as refused; it can never be put in again.
    const [kept] = await listConflicts(b.db);
    expect(kept).toMatchObject({ field: 'markdown', losingValue: '# Rewritten after approval', winningValue: version.markdown, refused: expect.any(String) });
    await expect(restoreConflict(b.db, appSyncRegistry, kept!.id)).rejects.toBeInstanceOf(RefusedChangeError);
    expect((await applyRemoteChanges(b.db, { registry: appSyncRegistry, schemas: syncRecordSchemas }, [overwrite!])).refused).toBe(1);

    // Both laptops hold the same approved version again, through further syncs.
    await world.syncAll();
    expect(await record(b, version.id)).toEqual(await record(a, version.id));
    expect(materializeRow(await stateOf(b, key))).toEqual(materializeRow(await stateOf(a, key)));
  });
});

describe('who recorded an approval is the server’s word', () => {
  beforeEach(async () => {
    world = new SyncWorld();
    await world.start();
  });

  it('every laptop shows the account whose laptop pushed the approval, and none sends the stamp back', async () => {
    const a = await world.laptop('a');
    const b = await world.laptop('b');
    await world.syncAll();
    const m = await newMeeting(a, 'December council');
    const approval = await a.repos.minutesApprovals.create({
      meetingId: m.id,
      round: 1,
      side: 'union',
      personId: null,
      name: 'Jordan Lee',
      role: 'Union co-lead',
      approvedAt: nowIso(),
      contentHash: 'abcdef12',
    });
    expect(approval.recordedByAccount).toBeUndefined();
    await world.syncAll();
    const stamp = { id: world.accountId, name: 'Pat Okafor' };
    for (const l of [a, b]) expect((await l.repos.minutesApprovals.get(approval.id))?.recordedByAccount).toEqual(stamp);

    // Edits and stale copies on a laptop never send the stamp (the server would refuse it).
    await a.repos.minutesApprovals.update(approval.id, { role: 'Union co-lead, Local 39' });
    const { recordedByAccount: _dropped, ...stale } = (await a.repos.minutesApprovals.get(approval.id))!;
    await a.db.minutesApprovals.put(stale);
    const sent = (await a.db.syncOutbox.toArray()).flatMap((e) => readOutboxEntry(e).changes).map((c) => c.field);
    expect(sent).toContain('role');
    expect(sent).not.toContain('recordedByAccount');
    expect((await a.engine.syncNow()).phase).toBe('up-to-date');
    expect(a.engine.current.held).toEqual([]);
    await b.engine.syncNow();
    for (const l of [a, b])
      expect(await l.repos.minutesApprovals.get(approval.id)).toMatchObject({ role: 'Union co-lead, Local 39', recordedByAccount: stamp });
  });
});

describe('a laptop enrolled again', () => {
  beforeEach(async () => {
    world = new SyncWorld();
    await world.start();
  });

  it('after its device was revoked, or onto another account, sends its unsent changes under a fresh clientId', async () => {
    const a = await world.laptop('a');
    const b = await world.laptop('b');
    await world.syncAll();
    const clientBefore = (await a.db.syncMeta.get('client')) as ClientMeta;
    a.online = false;
    const m = await newMeeting(a, 'Written offline');
    await a.repos.meetings.update(m.id, { location: 'Room 4B' });
    const unsent = await countPending(a.db);
    expect(unsent).toBeGreaterThan(0);

    for (const d of await world.store.listDevices(world.accountId)) if (d.name === 'a') await world.store.revokeDevice(d.id, nowMs());
    a.online = true;
    expect((await a.engine.syncNow()).attention?.kind).toBe('enroll-again');
    expect(await countPending(a.db)).toBe(unsent);

    await world.enrollAgain(a);
    expect((await a.engine.syncNow()).phase).toBe('up-to-date');
    expect(await countPending(a.db)).toBe(0);
    const clientAfter = (await a.db.syncMeta.get('client')) as ClientMeta;
    const status = await a.connection.syncStatus();
    expect(clientAfter.clientId).not.toBe(clientBefore.clientId);
    expect(clientAfter.deviceId).toBe(status.enrolled ? status.account.deviceId : null);
    await b.engine.syncNow();
    expect(await b.db.meetings.get(m.id)).toMatchObject({ title: 'Written offline', location: 'Room 4B' });

    // Onto another account of the council: the same again.
    const riley = await world.store.createAccount('Riley Shaw');
    await world.store.addMember(riley.id, world.councilId);
    await world.enrollAgain(a, riley.id);
    await a.repos.meetings.update(m.id, { title: 'Written under another account' });
    expect((await a.engine.syncNow()).phase).toBe('up-to-date');
    expect(((await a.db.syncMeta.get('client')) as ClientMeta).clientId).not.toBe(clientAfter.clientId);
    await b.engine.syncNow();
    expect((await b.db.meetings.get(m.id))?.title).toBe('Written under another account');
  });

  it('an app that never recorded its device learns it from the server refusing the old clientId', async () => {
    const a = await world.laptop('a');
    await a.engine.syncNow();
    await newMeeting(a, 'Before the new code');
    await a.engine.syncNow();
    const { clientId } = (await a.db.syncMeta.get('client')) as ClientMeta;
    for (const d of await world.store.listDevices(world.accountId)) await world.store.revokeDevice(d.id, nowMs());
    await world.enrollAgain(a);
    // As an app from before clientIds were bound here left it: no device recorded.
    await a.db.syncMeta.put({ key: 'client', clientId });
    const m = await newMeeting(a, 'After the new code');
    expect((await a.engine.syncNow()).phase).toBe('up-to-date');
    expect(await countPending(a.db)).toBe(0);
    expect(((await a.db.syncMeta.get('client')) as ClientMeta).clientId).not.toBe(clientId);
    const b = await world.laptop('b');
    await b.engine.syncNow();
    expect((await b.db.meetings.get(m.id))?.title).toBe('After the new code');
  });
});

describe('pages bounded in bytes', () => {
  beforeEach(async () => {
    world = new SyncWorld();
    await world.start({ pullPageBytes: 8 * 1024 });
  });

  it('a new laptop pages on through large values until it has everything', async () => {
    const a = await world.laptop('a');
    await a.engine.syncNow();
    for (let i = 0; i < 12; i++) await newMeeting(a, `Meeting ${i}`, `${'Objective é '.repeat(300)}${i}`);
    await a.engine.syncNow();
    const pages: number[] = [];
    const b = await world.laptop('b', {}, (inner) => ({
      ...inner,
      syncPull: async (r) => {
        const res = await inner.syncPull(r);
        if (res.status === 'ok') pages.push(res.body.changes.length);
        return res;
      },
    }));
    expect((await b.engine.syncNow()).phase).toBe('up-to-date');
    expect(await b.db.meetings.count()).toBe(12);
    expect((await b.db.meetings.toArray()).map((m) => m.objective).sort()).toEqual((await a.db.meetings.toArray()).map((m) => m.objective).sort());
    // Each objective is ~3.9 KB: at most two of them in an 8 KiB page, far fewer changes than the 1000 asked for.
    expect(pages.length).toBeGreaterThan(6);
    expect(Math.max(...pages)).toBeLessThan(1000);
  });
});
