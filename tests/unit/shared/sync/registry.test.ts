import { describe, expect, it } from 'vitest';
import { SyncRegistry } from '@shared/sync/registry';

function appRegistry(): SyncRegistry {
  return new SyncRegistry()
    .register({ name: 'councils', council: { kind: 'self' } })
    .register({ name: 'teams', council: { kind: 'field', field: 'councilId' } })
    .register({
      name: 'meetings',
      council: { kind: 'parent', foreignKey: 'bodyId', table: (row) => (row.bodyKind === 'team' ? 'teams' : row.bodyKind === 'council' ? 'councils' : null) },
      localOnlyFields: ['draftCursor'],
    })
    .register({ name: 'agendaItems', council: { kind: 'parent', table: 'meetings', foreignKey: 'meetingId' } });
}

const db: Record<string, Record<string, Record<string, unknown>>> = {
  councils: { c1: { id: 'c1', name: 'Regional' } },
  teams: { t1: { id: 't1', councilId: 'c1' } },
  meetings: {
    m1: { id: 'm1', bodyKind: 'team', bodyId: 't1' },
    m2: { id: 'm2', bodyKind: 'council', bodyId: 'c1' },
    m3: { id: 'm3', bodyKind: 'team', bodyId: 'gone' },
  },
};
const lookup = (table: string, id: string) => db[table]?.[id];

describe('SyncRegistry', () => {
  it('resolves a row to its council through declared parents, without table-specific sync code', () => {
    const r = appRegistry();
    r.validate();
    expect(r.resolveCouncilId('councils', { id: 'c1' }, lookup)).toBe('c1');
    expect(r.resolveCouncilId('teams', { id: 't1', councilId: 'c1' }, lookup)).toBe('c1');
    expect(r.resolveCouncilId('meetings', db.meetings!.m2!, lookup)).toBe('c1');
    expect(r.resolveCouncilId('agendaItems', { id: 'a1', meetingId: 'm1' }, lookup)).toBe('c1');
  });

  it('returns null when a parent is missing rather than guessing a council', () => {
    const r = appRegistry();
    expect(r.resolveCouncilId('agendaItems', { id: 'a1', meetingId: 'nope' }, lookup)).toBeNull();
    expect(r.resolveCouncilId('meetings', db.meetings!.m3!, lookup)).toBeNull();
    expect(r.resolveCouncilId('meetings', { id: 'm9', bodyKind: 'other', bodyId: 'c1' }, lookup)).toBeNull();
  });

  it('lists synced fields without the id, local-only fields or the tombstone', () => {
    expect(appRegistry().syncedFields('meetings', { id: 'm1', title: 'x', draftCursor: 3, bodyId: 't1', _deleted: true })).toEqual(['bodyId', 'title']);
  });

  it('tells the server which fields place a row in a council, and which fields a client may send', () => {
    const r = appRegistry()
      .register({
        name: 'memberships',
        council: { kind: 'parent', foreignKey: 'bodyId', table: (row) => (row.bodyKind === 'team' ? 'teams' : 'councils'), candidates: ['teams', 'councils'] },
      })
      .register({ name: 'approvals', council: { kind: 'parent', table: 'meetings', foreignKey: 'meetingId' }, stampAccount: 'recordedBy' });
    r.validate();
    expect(r.councilReference('teams', 'councilId')).toEqual({ kind: 'council' });
    expect(r.councilReference('agendaItems', 'meetingId')).toEqual({ kind: 'parent', tables: ['meetings'] });
    expect(r.councilReference('memberships', 'bodyId')).toEqual({ kind: 'parent', tables: ['teams', 'councils'] });
    // A polymorphic parent without candidates cannot be checked by the server: no reference.
    expect(r.councilReference('meetings', 'bodyId')).toBeNull();
    expect(r.councilReference('teams', 'name')).toBeNull();
    expect(r.councilReference('undeclared', 'councilId')).toBeNull();
    expect(r.isClientField('approvals', 'recordedBy')).toBe(false);
    expect(r.isClientField('meetings', 'draftCursor')).toBe(false);
    expect(r.isClientField('meetings', 'title')).toBe(true);
    expect(r.syncedFields('approvals', { id: 'a1', side: 'union', recordedBy: { id: 'x', name: 'y' } })).toEqual(['side']);
  });

  it('names the bookkeeping fields of each table: the declared ones, else createdAt and updatedAt (also for a table it does not know)', () => {
    const r = appRegistry().register({ name: 'notes', council: { kind: 'field', field: 'councilId' }, quietFields: ['editedAt'] });
    expect([...r.quietFields('meetings')].sort()).toEqual(['createdAt', 'updatedAt']);
    expect(r.quietFields('notes')).toEqual(['editedAt']);
    expect([...r.quietFields('fromANewerApp')].sort()).toEqual(['createdAt', 'updatedAt']);
  });

  it('refuses bad declarations', () => {
    expect(() => new SyncRegistry().register({ name: 'Bad Name', council: { kind: 'self' } })).toThrow(/not a valid/);
    expect(() => appRegistry().register({ name: 'teams', council: { kind: 'self' } })).toThrow(/twice/);
    expect(() => new SyncRegistry().register({ name: 'x', council: { kind: 'parent', table: 'missing', foreignKey: 'p' } }).validate()).toThrow(/not declared/);
    const loop = new SyncRegistry()
      .register({ name: 'a', council: { kind: 'parent', table: 'b', foreignKey: 'b' } })
      .register({ name: 'b', council: { kind: 'parent', table: 'a', foreignKey: 'a' } });
    expect(() => loop.validate()).toThrow(/loops/);
    expect(() => new SyncRegistry().register({ name: 'x', council: { kind: 'self' }, stampAccount: '_deleted' })).toThrow(/stampAccount/);
    expect(() => new SyncRegistry().register({ name: 'x', council: { kind: 'self' }, stampAccount: 'by', localOnlyFields: ['by'] })).toThrow(/local-only/);
    expect(() =>
      new SyncRegistry().register({ name: 'x', council: { kind: 'parent', table: () => 'y', foreignKey: 'p', candidates: ['nowhere'] } }).validate(),
    ).toThrow(/candidate nowhere/);
    expect(() => appRegistry().get('nope')).toThrow(/not declared/);
  });
});
