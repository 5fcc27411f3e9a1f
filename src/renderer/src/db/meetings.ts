import type { AgendaItem, AgendaItemInput, Attendance, Meeting, Person } from '@shared/model';
import { appendToList } from './lists';
import type { Repositories } from './repositories';
import { membersOf } from './roster';

export function addAgendaItem(repos: Repositories, input: Omit<AgendaItemInput, 'position'>): Promise<AgendaItem> {
  return appendToList(repos.db.agendaItems, 'meetingId', input.meetingId, (position) => repos.agendaItems.create({ ...input, position }));
}

export async function agendaOf(repos: Repositories, meetingId: string): Promise<AgendaItem[]> {
  return repos.db.agendaItems.where('[meetingId+position]').between([meetingId, -Infinity], [meetingId, Infinity]).toArray();
}

/** Move an item one place up or down by giving it a position between its new neighbours. */
export async function moveAgendaItem(repos: Repositories, itemId: string, direction: -1 | 1): Promise<void> {
  // The order is read in the move's own transaction, so quick clicks each move from the last.
  await repos.db.transaction('rw', repos.db.agendaItems, async () => {
    const item = await repos.agendaItems.require(itemId);
    const items = await agendaOf(repos, item.meetingId);
    const index = items.findIndex((i) => i.id === itemId);
    const target = index + direction;
    if (target < 0 || target >= items.length) return;
    const beyond = items[target + direction];
    const neighbour = items[target]!;
    const position = beyond ? (neighbour.position + beyond.position) / 2 : neighbour.position + direction;
    await repos.agendaItems.update(itemId, { position });
  });
}

/** Set a member's attendance; one row per member per meeting. */
export async function setAttendance(repos: Repositories, meetingId: string, personId: string, status: Attendance['status']) {
  const { db } = repos;
  return db.transaction('rw', db.attendance, async () => {
    const existing = await db.attendance.where('[meetingId+personId]').equals([meetingId, personId]).first();
    if (existing) return repos.attendance.update(existing.id, { status });
    return repos.attendance.create({ meetingId, personId, status });
  });
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
    return meetings.map((meeting) => ({ meeting, bodyName: names.get(meeting.bodyId) ?? 'Unknown body' }));
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

/** The seven-step meeting agenda partnership training teaches, as starter items. */
export const SEVEN_STEP_AGENDA: ReadonlyArray<Pick<AgendaItemInput, 'title' | 'timeBoxMinutes' | 'type'>> = [
  { title: 'Clarify the objective', timeBoxMinutes: 5, type: 'information' },
  { title: 'Review roles', timeBoxMinutes: 2, type: 'information' },
  { title: 'Review the agenda', timeBoxMinutes: 3, type: 'information' },
  { title: 'Work the agenda items', timeBoxMinutes: 60, type: 'discussion' },
  { title: 'Review the meeting record', timeBoxMinutes: 5, type: 'discussion' },
  { title: 'Plan next steps and the next agenda', timeBoxMinutes: 5, type: 'discussion' },
  { title: 'Evaluate the meeting (plus/delta)', timeBoxMinutes: 5, type: 'discussion' },
];
