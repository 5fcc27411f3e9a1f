import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { CommonGroundDb } from '@renderer/db/database';
import { CURRENT_SCHEMA_VERSION, SCHEMA_V1 } from '@renderer/db/schema';

describe('schema migration', () => {
  it('opens a database created by schema v1, keeps its data and backfills the fields later versions added', async () => {
    const name = `migration-${Date.now()}`;
    // A laptop still on the first release: only the v1 declaration, rows without durationMinutes.
    const old = new Dexie(name);
    old.version(1).stores(SCHEMA_V1);
    await old.open();
    await old.table('councils').add({ id: '0190aaaa-0000-7000-8000-000000000001', name: 'Regional Council', level: 'regional', region: '', archivedAt: null, createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z' });
    await old.table('meetings').bulkAdd([
      { id: '0190aaaa-0000-7000-8000-000000000002', bodyKind: 'council', bodyId: '0190aaaa-0000-7000-8000-000000000001', title: 'January', startsAt: '2025-01-15T09:00', location: '', objective: 'Charter review', facilitatorId: null, recorderId: null, timekeeperId: null, createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z' },
      { id: '0190aaaa-0000-7000-8000-000000000003', bodyKind: 'council', bodyId: '0190aaaa-0000-7000-8000-000000000001', title: 'February', startsAt: '2025-02-15T09:00', durationMinutes: 60, location: '', objective: '', facilitatorId: null, recorderId: null, timekeeperId: null, createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z' },
    ]);
    old.close();

    const db = new CommonGroundDb(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(await db.councils.count()).toBe(1);
    const january = await db.meetings.get('0190aaaa-0000-7000-8000-000000000002');
    expect(january?.objective).toBe('Charter review');
    expect(january?.durationMinutes).toBe(90);
    expect((await db.meetings.get('0190aaaa-0000-7000-8000-000000000003'))?.durationMinutes).toBe(60);
    // The v2 compound index works on migrated rows.
    const ordered = await db.meetings
      .where('[bodyId+startsAt]')
      .between(['0190aaaa-0000-7000-8000-000000000001', ''], ['0190aaaa-0000-7000-8000-000000000001', '\uffff'])
      .toArray();
    expect(ordered.map((m) => m.title)).toEqual(['January', 'February']);
    db.close();
    await db.delete();
  });
});
