import { type AgendaItem, type Attendance, type ConsensusMethod, type Meeting, type Person, type Quorum } from '@shared/model';
import type {
  ConsensusTestRecord,
  SessionContent,
  ActionItem,
  ConsensusTest,
  Criterion,
  Decision,
  Evaluation,
  IbpsSession,
  Interest,
  InterestCoverage,
  IssueStatementRevision,
  Option,
  ParkingLotItem,
  PlusDelta,
} from '@shared/model/ibps';

import { latestByKey } from '@shared/ibps/matrix';
import type { Repositories } from '../../db/repositories';
import { recordLockOf, sessionMeetingId, type RecordLock } from '../minutes/recordLock';
import { quorumRulesFor } from '../meetings/queries';
import { membersOf } from '../roster/queries';
/** Sessions linked to a meeting, keyed by the agenda item they run under. */
export async function sessionsOfMeeting(repos: Repositories, meetingId: string): Promise<Map<string | null, IbpsSession>> {
  const links = await repos.db.ibpsSessionMeetings.where('meetingId').equals(meetingId).toArray();
  const sessions = await repos.db.ibpsSessions.bulkGet(links.map((l) => l.sessionId));
  const map = new Map<string | null, IbpsSession>();
  links.forEach((l, i) => {
    const s = sessions[i];
    if (s) map.set(l.agendaItemId, s);
  });
  return map;
}

/** Open sessions of a body that a new meeting could continue. */
export async function openSessionsOfBody(repos: Repositories, bodyId: string): Promise<IbpsSession[]> {
  const sessions = await repos.db.ibpsSessions.where('bodyId').equals(bodyId).toArray();
  return sessions.filter((s) => s.stepStatus['action-plan'] !== 'done');
}

export type TestRecord = ConsensusTestRecord;

export interface SessionRecord extends SessionContent {
  /** The meeting the session is being worked in now: the latest one it was linked to. */
  meeting: Meeting | undefined;
  /** The agenda item the session runs under in that meeting, for its time box. */
  agendaItem: AgendaItem | undefined;
  attendance: Attendance[];
  consensusQuorum: Quorum | null;
  consensusMethod: ConsensusMethod;
  whenConsensusFails: string;
  actionItems: ActionItem[];
  parkingLot: ParkingLotItem[];
  plusDeltas: PlusDelta[];
  members: Person[];
  people: Person[];
}

const ordered = <T extends { position: number }>(rows: T[]) => rows.sort((a, b) => a.position - b.position);
const byCreated = <T extends { createdAt: string; id: string }>(rows: T[]) =>
  rows.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));

/** A session's interests in their order: the list the recorder adds to fastest. */
export async function interestsOf(repos: Repositories, sessionId: string): Promise<Interest[]> {
  return repos.db.interests.where('[sessionId+position]').between([sessionId, -Infinity], [sessionId, Infinity]).toArray();
}

/**
 * Everything a session shows, read in one transaction so the facilitator and the room see one
 * state. `withoutInterests` leaves the interests table unread (and so unobserved): while the
 * recorder captures interests, the interests list reads them by itself and the rest of the page
 * is not re-read after every Enter.
 */
export async function loadSession(repos: Repositories, sessionId: string, opts: { withoutInterests?: boolean } = {}): Promise<SessionRecord | null> {
  const { db } = repos;
  const tables = [
    db.agendaItems,
    db.ibpsSessions,
    db.ibpsSessionMeetings,
    db.attendance,
    db.teams,
    db.councils,
    db.meetings,
    db.issueRevisions,
    db.interests,
    db.options,
    db.criteria,
    db.evaluations,
    db.coverage,
    db.consensusTests,
    db.votes,
    db.tallies,
    db.concerns,
    db.decisions,
    db.actionItems,
    db.parkingLot,
    db.plusDeltas,
    db.memberships,
    db.people,
  ];
  return db.transaction('r', tables, async () => {
    const session = await db.ibpsSessions.get(sessionId);
    if (!session) return null;
    const bySession = <T>(table: { where(i: string): { equals(v: string): { toArray(): Promise<T[]> } } }) =>
      table.where('sessionId').equals(sessionId).toArray();
    const links = byCreated(await db.ibpsSessionMeetings.where('sessionId').equals(sessionId).toArray());
    const meetingId = links.at(-1)?.meetingId ?? session.meetingId;
    const agendaItemId = links.at(-1)?.agendaItemId ?? session.agendaItemId;
    const agendaItem = agendaItemId ? await db.agendaItems.get(agendaItemId) : undefined;
    const team = session.bodyKind === 'team' ? await db.teams.get(session.bodyId) : undefined;
    const rules = await quorumRulesFor(repos, session.bodyKind, session.bodyId);
    const [
      meeting,
      attendance,
      revisions,
      interests,
      options,
      criteria,
      evaluations,
      coverage,
      tests,
      decisions,
      actionItems,
      parkingLot,
      plusDeltas,
      members,
    ] = await Promise.all([
      db.meetings.get(meetingId),
      db.attendance.where('meetingId').equals(meetingId).toArray(),
      bySession<IssueStatementRevision>(db.issueRevisions),
      opts.withoutInterests ? Promise.resolve([] as Interest[]) : bySession<Interest>(db.interests),
      bySession<Option>(db.options),
      bySession<Criterion>(db.criteria),
      bySession<Evaluation>(db.evaluations),
      bySession<InterestCoverage>(db.coverage),
      bySession<ConsensusTest>(db.consensusTests),
      bySession<Decision>(db.decisions),
      bySession<ActionItem>(db.actionItems),
      db.parkingLot.where('bodyId').equals(session.bodyId).toArray(),
      bySession<PlusDelta>(db.plusDeltas),
      membersOf(repos, session.bodyId),
    ]);
    const testIds = tests.map((t) => t.id);
    const [allVotes, allTallies, concerns] = await Promise.all([
      db.votes.where('testId').anyOf(testIds).toArray(),
      db.tallies.where('testId').anyOf(testIds).toArray(),
      db.concerns.where('testId').anyOf(testIds).toArray(),
    ]);
    // One vote per person per test and one count per side and value: two laptops can each record
    // one offline, and the newest is the one that stands (castVote/setTally collapse the rest).
    const votes = [...latestByKey(allVotes, (v) => `${v.testId}|${v.personId}`).values()];
    const tallies = [...latestByKey(allTallies, (t) => `${t.testId}|${t.side}|${t.value}`).values()];
    // Members plus anyone the session names (owners, voters, suggesters): this runs after every
    // captured item, so it must not read a whole regional roster each time.
    const memberIds = new Set(members.map((m) => m.id));
    const referenced = [
      ...actionItems.map((a) => a.ownerId),
      ...votes.map((v) => v.personId),
      ...concerns.map((c) => c.personId),
      ...options.map((o) => o.suggestedById),
    ].filter((id): id is string => Boolean(id) && !memberIds.has(id!));
    const others = (await db.people.bulkGet([...new Set(referenced)])).filter((p): p is Person => p !== undefined);
    const people: Person[] = [...members, ...others];
    return {
      session,
      meeting,
      agendaItem,
      attendance,
      consensusQuorum: rules?.consensus ?? null,
      consensusMethod: team?.charter.consensusMethod ?? 'fist-to-five',
      whenConsensusFails: team?.charter.whenConsensusFails ?? '',
      revisions: byCreated(revisions),
      interests: ordered(interests),
      options: ordered(options),
      criteria: ordered(criteria),
      evaluations,
      coverage,
      tests: tests
        .sort((a, b) => a.number - b.number)
        .map((test) => ({
          test,
          votes: votes.filter((v) => v.testId === test.id),
          tallies: tallies.filter((t) => t.testId === test.id),
          concerns: byCreated(concerns.filter((c) => c.testId === test.id)),
        })),
      decisions: byCreated(decisions),
      actionItems: byCreated(actionItems),
      // The parking lot belongs to the body: open items from earlier sessions stay visible here.
      parkingLot: byCreated(parkingLot.filter((p) => p.sessionId === sessionId || p.status !== 'answered')),
      plusDeltas: byCreated(plusDeltas),
      members,
      people,
    };
  });
}

/** Whether the meeting the session is worked in has approved minutes (the session is then read-only). */
export async function sessionLock(repos: Repositories, sessionId: string): Promise<RecordLock & { meetingId: string | null }> {
  const meetingId = await sessionMeetingId(repos, sessionId);
  const lock = meetingId ? await recordLockOf(repos, meetingId) : { locked: false, approvedAt: null, version: 1, amending: false };
  return { ...lock, meetingId };
}
