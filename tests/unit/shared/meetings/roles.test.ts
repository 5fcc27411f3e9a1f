import { describe, expect, it } from 'vitest';
import { absentRoleHolders, describeAbsentRoleHolder, meetingRoleHolders } from '@shared/meetings/roles';

const meeting = { facilitatorId: 'tomas', recorderId: 'grace', timekeeperId: 'marcus' };
const team = { managementCoLeadId: 'ben', unionCoLeadId: 'ana', physicianCoLeadId: null };
const mark = (entries: Record<string, 'present' | 'absent'>) => Object.entries(entries).map(([personId, status]) => ({ personId, status }));

describe('role holders marked absent at roll call', () => {
  it('lists the meeting roles and the team co-leads', () => {
    expect(meetingRoleHolders(meeting, team).map((h) => `${h.role}:${h.personId}`)).toEqual([
      'facilitator:tomas',
      'recorder:grace',
      'timekeeper:marcus',
      'management co-lead:ben',
      'union co-lead:ana',
    ]);
    // A council has no co-leads on record; unset roles are left out.
    expect(meetingRoleHolders({ facilitatorId: null, recorderId: 'grace', timekeeperId: null }, null)).toEqual([{ role: 'recorder', personId: 'grace' }]);
  });

  it('warns about a role holder marked absent, and says what to do', () => {
    const absent = absentRoleHolders(meetingRoleHolders(meeting, team), mark({ grace: 'absent', ana: 'present', marcus: 'present' }));
    expect(absent).toEqual([{ personId: 'grace', roles: ['recorder'], needsCover: true }]);
    expect(describeAbsentRoleHolder(absent[0]!, 'Grace Liu')).toBe('Grace Liu is the recorder and is marked absent: choose someone else as recorder today.');
  });

  it('names a co-lead’s absence without asking for cover, and gathers every role of one person', () => {
    const holders = meetingRoleHolders({ ...meeting, timekeeperId: 'ana' }, team);
    const absent = absentRoleHolders(holders, mark({ ana: 'absent', ben: 'absent', grace: 'present' }));
    expect(absent.map((a) => describeAbsentRoleHolder(a, a.personId === 'ana' ? 'Ana Torres' : 'Ben Okafor'))).toEqual([
      'Ana Torres is the timekeeper and union co-lead and is marked absent: choose someone else as timekeeper today.',
      'Ben Okafor is the management co-lead and is marked absent: the other co-lead leads today.',
    ]);
  });

  it('says nothing for someone not yet marked, or present', () => {
    expect(absentRoleHolders(meetingRoleHolders(meeting, team), mark({ grace: 'present' }))).toEqual([]);
    expect(absentRoleHolders(meetingRoleHolders(meeting, team), [])).toEqual([]);
  });
});
