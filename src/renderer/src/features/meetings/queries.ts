import type { AgendaItem, Attendance, Meeting, Person } from '@shared/model';
import type { ActionItem, ParkingLotItem, PlusDelta } from '@shared/model/ibps';
import type { Repositories } from '../../db/repositories';
import { carriedForwardTo } from '../actions/queries';
import { openSessionsOfBody, sessionsOfMeeting } from '../ibps/queries';
import { membersOf } from '../roster/queries';
import { recordLockOf } from '../minutes/recordLock';

// What the meeting screens read: each a live query's body (re-run when a table it read changes).

export async function agendaOf(repos: Repositories, meetingId: string): Promise<AgendaItem[]> {
  return repos.db.agendaItems.where('[meetingId+position]').between([meetingId, -Infinity], [meetingId, Infinity]).toArray();
}

export interface MeetingDetail {
  meeting: Meeting;
  agenda: AgendaItem[];
  attendance: Attendance[];
  members: Person[];
}

/** Everything the meeting page shows, read in one transaction so it is a consistent snapshot. */
export async function loadMeetingDetail(repos: Repositories, meetingId: string): Promise<MeetingDetail | null> {
  const { db } = repos;
  return db.transaction('r', [db.meetings, db.agendaItems, db.attendance, db.memberships, db.people], async () => {
    const meeting = await db.meetings.get(meetingId);
    if (!meeting) return null;
    const [agenda, attendance, members] = await Promise.all([
      agendaOf(repos, meetingId),
      db.attendance.where('meetingId').equals(meetingId).toArray(),
      membersOf(repos, meeting.bodyId),
    ]);
    return { meeting, agenda, attendance, members };
  });
}

export interface MeetingListEntry {
  meeting: Meeting;
  bodyName: string;
}

/** All meetings, newest first, with the name of the council or team each belongs to. */
export async function listMeetings(repos: Repositories, options: { bodyId?: string; limit?: number } = {}): Promise<MeetingListEntry[]> {
  const { db } = repos;
  return db.transaction('r', [db.meetings, db.councils, db.teams], async () => {
    const meetings = options.bodyId
      ? await db.meetings
          .where('[bodyId+startsAt]')
          .between([options.bodyId, ''], [options.bodyId, '\uffff'])
          .reverse()
          .limit(options.limit ?? Infinity)
          .toArray()
      : await db.meetings
          .orderBy('startsAt')
          .reverse()
          .limit(options.limit ?? Infinity)
          .toArray();
    const bodyIds = [...new Set(meetings.map((m) => m.bodyId))];
    const [councils, teams] = await Promise.all([db.councils.bulkGet(bodyIds), db.teams.bulkGet(bodyIds)]);
    const names = new Map<string, string>();
    for (const body of [...councils, ...teams]) if (body) names.set(body.id, body.name);
    // '' when the body is gone: the screen names that in its own language.
    return meetings.map((meeting) => ({ meeting, bodyName: names.get(meeting.bodyId) ?? '' }));
  });
}

/** The quorum rules that apply to a body's meetings: a team's charter, or a council's bylaws. */
export async function quorumRulesFor(repos: Repositories, bodyKind: Meeting['bodyKind'], bodyId: string) {
  if (bodyKind === 'team') {
    const team = await repos.teams.get(bodyId);
    return team ? { meeting: team.charter.meetingQuorum, consensus: team.charter.consensusQuorum, source: 'team charter' as const } : null;
  }
  const council = await repos.councils.get(bodyId);
  return council ? { meeting: council.quorum, consensus: council.quorum, source: 'council quorum' as const } : null;
}

/** The meeting page: the meeting with its agenda, attendance and members, its body, quorum rules and IBPS sessions. */
export async function meetingPage(repos: Repositories, meetingId: string) {
  const detail = await loadMeetingDetail(repos, meetingId);
  if (!detail) return { detail: null };
  const { bodyKind, bodyId } = detail.meeting;
  const [body, rules, people, sessions, openSessions, lock] = await Promise.all([
    bodyKind === 'team' ? repos.teams.get(bodyId) : repos.councils.get(bodyId),
    quorumRulesFor(repos, bodyKind, bodyId),
    repos.db.people.toArray(),
    sessionsOfMeeting(repos, meetingId),
    openSessionsOfBody(repos, bodyId),
    recordLockOf(repos, meetingId),
  ]);
  return { detail, body, rules, people, sessions, openSessions, lock };
}

export interface MeetingRecord {
  actionItems: ActionItem[];
  parkingLot: ParkingLotItem[];
  plusDeltas: PlusDelta[];
  members: Person[];
}

/** The meeting's own record outside IBPS sessions: action items, parking lot, plus/delta, in capture order. */
export async function meetingRecord(repos: Repositories, meeting: Pick<Meeting, 'id' | 'bodyId'>): Promise<MeetingRecord> {
  const { db } = repos;
  const [actionItems, parkingLot, plusDeltas, members] = await Promise.all([
    db.actionItems.where('meetingId').equals(meeting.id).sortBy('createdAt'),
    db.parkingLot.where('meetingId').equals(meeting.id).sortBy('createdAt'),
    db.plusDeltas.where('meetingId').equals(meeting.id).sortBy('createdAt'),
    membersOf(repos, meeting.bodyId),
  ]);
  return { actionItems, parkingLot, plusDeltas, members };
}

/** What a meeting inherits, with only the owners it names (this opens with every meeting: never the whole roster). */
export async function carriedForwardWithOwners(repos: Repositories, meeting: Meeting) {
  const carried = await carriedForwardTo(repos, meeting);
  const ownerIds = [...new Set(carried.actionItems.map((c) => c.item.ownerId).filter((id): id is string => Boolean(id)))];
  const people = (await repos.db.people.bulkGet(ownerIds)).filter((p) => p !== undefined);
  return { carried, people };
}
