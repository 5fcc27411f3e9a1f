import { describe, expect, it } from 'vitest';
import { SCHEMA_V8 } from '@renderer/db/schema';
import { SYNC_SCHEMA } from '@renderer/db/capture/syncTables';
import { appSyncRegistry, syncRecordSchemas } from '@renderer/db/capture/syncedTables';

describe('sync table declarations', () => {
  it('declares every app table (a new table must join sync by declaring itself here)', () => {
    const appTables = Object.keys(SCHEMA_V8)
      .filter((t) => !(t in SYNC_SCHEMA))
      .sort();
    expect(appSyncRegistry.list().map((d) => d.name)).toEqual(appTables);
    expect(Object.keys(syncRecordSchemas).sort()).toEqual(appTables);
  });

  it('resolves every table to a council through its chain, people through their first membership', async () => {
    const rows: Record<string, Record<string, Record<string, unknown>>> = {
      teams: { t1: { id: 't1', councilId: 'c1' } },
      meetings: { m1: { id: 'm1', bodyKind: 'team', bodyId: 't1' } },
      ibpsSessions: { s1: { id: 's1', meetingId: 'm1' } },
      consensusTests: { ct1: { id: 'ct1', sessionId: 's1' } },
      improvementProjects: { p1: { id: 'p1', teamId: 't1' } },
      measures: { me1: { id: 'me1', projectId: 'p1' } },
      memberships: { ms1: { id: 'ms1', personId: 'pe1', bodyKind: 'council', bodyId: 'c1' } },
    };
    const lookup = {
      get: async (table: string, id: string) => rows[table]?.[id],
      findReferencing: async (table: string, field: string, value: string) => Object.values(rows[table] ?? {}).find((r) => r[field] === value),
    };
    const resolve = (table: string, row: Record<string, unknown>) => appSyncRegistry.resolveCouncilIdAsync(table, row, lookup);
    expect(await resolve('votes', { id: 'v1', testId: 'ct1' })).toBe('c1');
    expect(await resolve('dataPoints', { id: 'd1', measureId: 'me1' })).toBe('c1');
    expect(await resolve('minutesVersions', { id: 'mv1', meetingId: 'm1' })).toBe('c1');
    expect(await resolve('people', { id: 'pe1' })).toBe('c1');
    expect(await resolve('people', { id: 'nobody' })).toBeNull();
    expect(appSyncRegistry.get('minutesVersions').immutable).toBe(true);
    expect(appSyncRegistry.get('minutesApprovals').stampAccount).toBe('recordedByAccount');
    // The server can check every parent reference, polymorphic ones included.
    for (const d of appSyncRegistry.list())
      if (d.council.kind === 'parent') expect(appSyncRegistry.councilReference(d.name, d.council.foreignKey), d.name).not.toBeNull();
  });
});
