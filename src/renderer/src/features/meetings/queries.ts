import type { AgendaItem, Attendance, Meeting, Person, Team } from '@shared/model';
import { meetingRoleHolders } from '@shared/meetings/roles';
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
    return withBodyNames(repos, meetings);
  });
}

export interface MeetingsListPage {
  entries: MeetingListEntry[];
  /** Where `entries` start in the list: the page shown, until a newer read arrives. */
  offset: number;
  /** Meetings the search matches (all of them without a search): the pager's length. */
  total: number;
  /** Whether there is any meeting at all, so an empty search is not mistaken for an empty laptop. */
  any: boolean;
}

/**
 * One page of the meetings list, newest first. Without a search it reads only the page through
 * the startsAt index; a search reads the meetings and keeps those whose title or body matches.
 * Reading every meeting to show 50 cost over half a second with 20,000 of them (bench scale suite).
 */
export async function meetingsListPage(repos: Repositories, options: { search: string; offset: number; limit: number }): Promise<MeetingsListPage> {
  const { db } = repos;
  const words = options.search.toLowerCase().split(/\s+/).filter(Boolean);
  return db.transaction('r', [db.meetings, db.councils, db.teams], async () => {
    let meetings: Meeting[];
    let total: number;
    if (words.length === 0) {
      [meetings, total] = await Promise.all([
        db.meetings.orderBy('startsAt').reverse().offset(options.offset).limit(options.limit).toArray(),
        db.meetings.count(),
      ]);
    } else {
      const [councils, teams] = await Promise.all([db.councils.toArray(), db.teams.toArray()]);
      const bodyNames = new Map([...councils, ...teams].map((b) => [b.id, b.name.toLowerCase()]));
      // Every word must appear in the title or the body's name, as on the Action items page.
      const matching = (await db.meetings.toArray())
        .filter((m) => {
          const haystack = `${m.title.toLowerCase()} ${bodyNames.get(m.bodyId) ?? ''}`;
          return words.every((w) => haystack.includes(w));
        })
        .sort((a, b) => b.startsAt.localeCompare(a.startsAt));
      meetings = matching.slice(options.offset, options.offset + options.limit);
      total = matching.length;
    }
    const page = await withBodyNames(repos, meetings);
    return { entries: page, offset: options.offset, total, any: total > 0 || (await db.meetings.count()) > 0 };
  });
}

/** Meetings with the name of the council or team each belongs to ('' when the body is gone). */
async function withBodyNames(repos: Repositories, meetings: Meeting[]): Promise<MeetingListEntry[]> {
  const { db } = repos;
  const bodyIds = [...new Set(meetings.map((m) => m.bodyId))];
  const [councils, teams] = await Promise.all([db.councils.bulkGet(bodyIds), db.teams.bulkGet(bodyIds)]);
  const names = new Map<string, string>();
  for (const body of [...councils, ...teams]) if (body) names.set(body.id, body.name);
  return meetings.map((meeting) => ({ meeting, bodyName: names.get(meeting.bodyId) ?? '' }));
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
  const [body, rules, sessions, openSessions, lock] = await Promise.all([
    bodyKind === 'team' ? repos.teams.get(bodyId) : repos.councils.get(bodyId),
    quorumRulesFor(repos, bodyKind, bodyId),
    sessionsOfMeeting(repos, meetingId),
    openSessionsOfBody(repos, bodyId),
    recordLockOf(repos, meetingId),
  ]);
  // Only the people the page names (roles, co-leads, roll call): the whole roster is read when a
  // picker opens, since with 30,000 people it cost more than everything else here.
  const team = bodyKind === 'team' ? (body as Team | undefined) : null;
  const named = new Set([
    ...meetingRoleHolders(detail.meeting, team).map((h) => h.personId),
    ...detail.attendance.flatMap((a) => (a.personId ? [a.personId] : [])),
  ]);
  for (const m of detail.members) named.delete(m.id);
  const people = (await repos.db.people.bulkGet([...named])).filter((p) => p !== undefined);
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
