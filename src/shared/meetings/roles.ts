import type { Meeting } from '../model/meeting';
import type { Team } from '../model/roster';

// Who holds a role in a meeting, and which of them the roll call has marked absent. A recorder
// marked absent means nobody is capturing the record; a co-lead absent means the other co-lead
// runs the meeting and the minutes wait for both to approve: the facilitator should hear it at
// roll call, not find out at the end.

export type MeetingRole = 'facilitator' | 'recorder' | 'timekeeper' | 'management co-lead' | 'union co-lead' | 'physician co-lead';

export interface RoleHolder {
  role: MeetingRole;
  personId: string;
}

/** The meeting's roles, then the team's co-leads (a council has no co-leads on record). */
export function meetingRoleHolders(
  meeting: Pick<Meeting, 'facilitatorId' | 'recorderId' | 'timekeeperId'>,
  team?: Pick<Team, 'managementCoLeadId' | 'unionCoLeadId' | 'physicianCoLeadId'> | null,
): RoleHolder[] {
  const holders: Array<[MeetingRole, string | null | undefined]> = [
    ['facilitator', meeting.facilitatorId],
    ['recorder', meeting.recorderId],
    ['timekeeper', meeting.timekeeperId],
    ['management co-lead', team?.managementCoLeadId],
    ['union co-lead', team?.unionCoLeadId],
    ['physician co-lead', team?.physicianCoLeadId],
  ];
  return holders.flatMap(([role, personId]) => (personId ? [{ role, personId }] : []));
}

export interface AbsentRoleHolder {
  personId: string;
  /** Every role this person holds, in the order above. */
  roles: MeetingRole[];
  /** A meeting role (facilitator, recorder, timekeeper) needs someone else today. */
  needsCover: boolean;
}

/** Role holders the roll call marked absent, one entry per person. */
export function absentRoleHolders(
  holders: readonly RoleHolder[],
  attendance: ReadonlyArray<{ personId: string | null; status: 'present' | 'absent' }>,
): AbsentRoleHolder[] {
  const absent = new Set(attendance.filter((a) => a.status === 'absent' && a.personId).map((a) => a.personId!));
  const byPerson = new Map<string, MeetingRole[]>();
  for (const h of holders) if (absent.has(h.personId)) byPerson.set(h.personId, [...(byPerson.get(h.personId) ?? []), h.role]);
  return [...byPerson].map(([personId, roles]) => ({
    personId,
    roles,
    needsCover: roles.some((r) => r === 'facilitator' || r === 'recorder' || r === 'timekeeper'),
  }));
}

/** "Grace Liu is the recorder and is marked absent: choose someone else to record today." */
export function describeAbsentRoleHolder(a: AbsentRoleHolder, name: string): string {
  const roles = a.roles.length > 1 ? `${a.roles.slice(0, -1).join(', ')} and ${a.roles.at(-1)}` : a.roles[0];
  const meetingRoles = a.roles.filter((r) => r === 'facilitator' || r === 'recorder' || r === 'timekeeper');
  const cover = meetingRoles.length
    ? `: choose someone else as ${meetingRoles.length > 1 ? `${meetingRoles.slice(0, -1).join(', ')} and ${meetingRoles.at(-1)}` : meetingRoles[0]} today`
    : ': the other co-lead leads today';
  return `${name} is the ${roles} and is marked absent${cover}.`;
}
