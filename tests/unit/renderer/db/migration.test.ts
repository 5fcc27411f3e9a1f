import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { CommonGroundDb } from '@renderer/db/database';
import { CURRENT_SCHEMA_VERSION, SCHEMA_V1, SCHEMA_V4, SCHEMA_V6 } from '@renderer/db/schema';
import { createRepositories } from '@renderer/db/repositories';
import { Measure } from '@shared/model/rim';
import { readOutboxEntry } from '@renderer/db/capture/syncTables';
import { nowMs } from '@shared/clock';

describe('schema migration', () => {
  it('opens a database created by schema v1, keeps its data and backfills the fields later versions added', async () => {
    const name = `migration-${nowMs()}`;
    // A laptop still on the first release: only the v1 declaration, rows without durationMinutes.
    const old = new Dexie(name);
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
    await old.table('meetings').bulkAdd([
      {
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
        updatedAt: '2025-01-01T00:00:00.000Z',
      },
      {
        id: '0190aaaa-0000-7000-8000-000000000003',
        bodyKind: 'council',
        bodyId: '0190aaaa-0000-7000-8000-000000000001',
        title: 'February',
        startsAt: '2025-02-15T09:00',
        durationMinutes: 60,
        location: '',
        objective: '',
        facilitatorId: null,
        recorderId: null,
        timekeeperId: null,
        createdAt: '2025-01-01T00:00:00.000Z',
        updatedAt: '2025-01-01T00:00:00.000Z',
      },
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

  it('opens a v4 database in the current schema: existing data kept, the RIM and sync tables empty and usable, old rows queued for sync capture', async () => {
    const name = `migration-v4-${nowMs()}`;
    const old = new Dexie(name);
    old.version(4).stores(SCHEMA_V4);
    await old.open();
    const councilId = '0190aaaa-0000-7000-8000-000000000011';
    const teamId = '0190aaaa-0000-7000-8000-000000000012';
    const at = '2026-01-01T00:00:00.000Z';
    await old.table('councils').add({ id: councilId, name: 'Harbor Council', level: 'local', region: '', archivedAt: null, createdAt: at, updatedAt: at });
    await old.table('teams').add({ id: teamId, councilId, name: 'Radiology UBT', archivedAt: null, createdAt: at, updatedAt: at });
    await old
      .table('minutes')
      .add({ id: '0190aaaa-0000-7000-8000-000000000013', meetingId: '0190aaaa-0000-7000-8000-000000000013', createdAt: at, updatedAt: at });
    old.close();

    const db = new CommonGroundDb(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    // Rows written before sync existed are captured by the engine's first round, not lost to it.
    expect(await db.syncMeta.get('scan')).toEqual({ key: 'scan', done: false });
    expect(await db.syncOutbox.count()).toBe(0);
    expect(await db.teams.get(teamId)).toMatchObject({ name: 'Radiology UBT' });
    expect(await db.minutes.count()).toBe(1);
    expect(await db.improvementProjects.count()).toBe(0);
    const measureId = '0190aaaa-0000-7000-8000-000000000015';
    await db.dataPoints.bulkAdd([
      {
        id: '0190aaaa-0000-7000-8000-000000000016',
        measureId,
        date: '2026-02-01',
        value: 3,
        numerator: null,
        denominator: null,
        note: '',
        createdAt: at,
        updatedAt: at,
      },
      {
        id: '0190aaaa-0000-7000-8000-000000000017',
        measureId,
        date: '2026-01-01',
        value: 4,
        numerator: null,
        denominator: null,
        note: '',
        createdAt: at,
        updatedAt: at,
      },
    ]);
    const inOrder = await db.dataPoints.where('[measureId+date]').between([measureId, ''], [measureId, '\uffff']).toArray();
    expect(inOrder.map((p) => p.value)).toEqual([4, 3]);
    // Data points of a measure that is not stored anywhere have no council yet: they wait.
    expect(await db.syncPending.count()).toBe(2);
    db.close();
    await db.delete();
  });

  it('opens a v6 database in v7: measures become measurements and points get empty counts, nothing else changes and nothing is queued for sync', async () => {
    const name = `migration-v6-${nowMs()}`;
    const old = new Dexie(name);
    old.version(6).stores(SCHEMA_V6);
    await old.open();
    const at = '2026-01-01T00:00:00.000Z';
    const councilId = '0190aaaa-0000-7000-8000-000000000021';
    const teamId = '0190aaaa-0000-7000-8000-000000000022';
    const projectId = '0190aaaa-0000-7000-8000-000000000023';
    const measureId = '0190aaaa-0000-7000-8000-000000000024';
    await old.table('councils').add({ id: councilId, name: 'Harbor Council', level: 'local', region: '', archivedAt: null, createdAt: at, updatedAt: at });
    await old.table('teams').add({ id: teamId, councilId, name: '4 West UBT', archivedAt: null, createdAt: at, updatedAt: at });
    await old.table('improvementProjects').add({
      id: projectId,
      teamId,
      title: 'Fewer falls',
      problem: '',
      aim: '',
      valueCompass: [],
      sponsorId: null,
      status: 'active',
      startDate: null,
      archivedAt: null,
      createdAt: at,
      updatedAt: at,
    });
    // A v6 measure with a frozen baseline, already synced once (it carries its merge state).
    const mergeState = { hlc: '0000000001:0000:client-a', fields: { name: '0000000001:0000:client-a' } };
    const legacy = {
      id: measureId,
      projectId,
      name: 'Falls on 4 West',
      kind: 'outcome',
      operationalDefinition: 'Falls in the incident system',
      unit: 'falls',
      dataSource: '',
      frequency: 'monthly',
      direction: 'down',
      baseline: 6,
      target: 3,
      position: 1,
      frozenBaselineCount: 12,
      frozenReason: 'Twelve months before the bed alarm pilot',
      frozenAt: at,
      createdAt: at,
      updatedAt: at,
      _sync: mergeState,
    };
    await old.table('measures').add(legacy);
    await old.table('dataPoints').bulkAdd([
      { id: '0190aaaa-0000-7000-8000-000000000025', measureId, date: '2026-01-01', value: 5, note: 'holiday staffing', createdAt: at, updatedAt: at },
      { id: '0190aaaa-0000-7000-8000-000000000026', measureId, date: '2026-02-01', value: null, note: '', createdAt: at, updatedAt: at },
    ]);
    old.close();

    const db = new CommonGroundDb(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    const measure = (await db.measures.get(measureId)) as unknown as Record<string, unknown>;
    expect(measure).toEqual({ ...legacy, valueType: 'measurement', ratePer: 1000, numeratorLabel: '', denominatorLabel: '', chart: null });
    // The migrated row is a valid measure of today's model, frozen baseline and reason intact.
    const { _sync: _state, ...record } = measure;
    expect(Measure.parse(record)).toMatchObject({ frozenBaselineCount: 12, frozenReason: 'Twelve months before the bed alarm pilot' });
    const points = await db.dataPoints.where('[measureId+date]').between([measureId, ''], [measureId, '\uffff']).toArray();
    expect(points.map((p) => [p.date, p.value, p.numerator, p.denominator, p.note])).toEqual([
      ['2026-01-01', 5, null, null, 'holiday staffing'],
      ['2026-02-01', null, null, null, ''],
    ]);
    // Every laptop derives the same fields: nothing to tell the others.
    expect(await db.syncOutbox.count()).toBe(0);

    // The new tables work, and their rows sync with the project's council.
    const repos = createRepositories(db);
    await repos.chartNotes.create({ projectId, measureId: null, date: '2026-03-02', text: 'EHR go-live' });
    await repos.measureHistory.create({
      measureId,
      kind: 'baseline-unfrozen',
      baselineCount: 12,
      reason: 'Twelve months before the bed alarm pilot',
      frozenAt: at,
    });
    expect(await db.chartNotes.where('projectId').equals(projectId).count()).toBe(1);
    expect(await db.measureHistory.where('measureId').equals(measureId).count()).toBe(1);
    const queued = await db.syncOutbox.toArray();
    expect(new Set(queued.flatMap((e) => readOutboxEntry(e).changes.map((c) => c.table)))).toEqual(new Set(['chartNotes', 'measureHistory']));
    db.close();
    await db.delete();
  });
});
