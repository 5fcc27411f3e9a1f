import { DEFAULT_GROUND_RULES, type AgendaItem, type Attendance, type ConsensusMethod, type Meeting, type Person, type Quorum } from '@shared/model';
import type {
  ConsensusTestRecord,
  SessionContent,
  ActionItem,
  ConsensusTest,
  Criterion,
  Decision,
  Evaluation,
  IbpsSession,
  IbpsStep,
  IbpsStepStatus,
  Interest,
  InterestCoverage,
  IssueStatementRevision,
  Option,
  ParkingLotItem,
  PlusDelta,
} from '@shared/model/ibps';
import { latestByKey } from '@shared/ibps/matrix';
import { appendToList } from './lists';
import type { Repositories } from './repositories';
import { quorumRulesFor } from './meetings';
import { membersOf } from './roster';

type Positioned = 'interests' | 'options' | 'criteria';

/** Start an IBPS session on an agenda item; ground rules are copied from the team charter. */
export async function startSession(repos: Repositories, meeting: Meeting, agendaItem: AgendaItem | null): Promise<IbpsSession> {
  const { db } = repos;
  return db.transaction('rw', [db.ibpsSessions, db.ibpsSessionMeetings, db.teams], async () => {
    const team = meeting.bodyKind === 'team' ? await repos.teams.get(meeting.bodyId) : undefined;
    const session = await repos.ibpsSessions.create({
      bodyKind: meeting.bodyKind,
      bodyId: meeting.bodyId,
      meetingId: meeting.id,
      agendaItemId: agendaItem?.id ?? null,
      title: agendaItem?.title ?? meeting.title,
      groundRules: team?.charter.groundRules ?? DEFAULT_GROUND_RULES,
      stepStatus: { issue: 'in-progress' },
    });
    await repos.ibpsSessionMeetings.create({ sessionId: session.id, meetingId: meeting.id, agendaItemId: agendaItem?.id ?? null });
    return session;
  });
}

/** A session started at an earlier meeting is continued here: link it so it shows on both. */
export async function continueSessionInMeeting(repos: Repositories, sessionId: string, meetingId: string, agendaItemId: string | null) {
  const { db } = repos;
  return db.transaction('rw', db.ibpsSessionMeetings, async () => {
    const links = await db.ibpsSessionMeetings.where('sessionId').equals(sessionId).toArray();
    const existing = links.find((l) => l.meetingId === meetingId);
    return existing ?? repos.ibpsSessionMeetings.create({ sessionId, meetingId, agendaItemId });
  });
}

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

// Step status is a map: it is changed from the stored session (modify), never from the screen's copy.
export async function goToStep(repos: Repositories, sessionId: string, step: IbpsStep) {
  return repos.ibpsSessions.modify(sessionId, (session) => {
    const stepStatus = { ...session.stepStatus };
    if (stepStatus[step] === 'not-started') stepStatus[step] = 'in-progress';
    return { currentStep: step, stepStatus };
  });
}

export async function setStepStatus(repos: Repositories, sessionId: string, step: IbpsStep, status: IbpsStepStatus) {
  return repos.ibpsSessions.modify(sessionId, (session) => ({ stepStatus: { ...session.stepStatus, [step]: status } }));
}

export const addInterest = (
  repos: Repositories,
  sessionId: string,
  input: Partial<Pick<Interest, 'sides' | 'isPosition' | 'groupLabel'>> & { text: string },
  id?: string,
) => appendToList(repos.db.interests, 'sessionId', sessionId, (position) => repos.interests.create({ sessionId, position, ...input }, { id }));

export const addOption = (
  repos: Repositories,
  sessionId: string,
  input: { text: string; suggestedById?: string | null; suggestedByName?: string },
  id?: string,
) => appendToList(repos.db.options, 'sessionId', sessionId, (position) => repos.options.create({ sessionId, position, ...input }, { id }));

export const addCriterion = (repos: Repositories, sessionId: string, text: string, id?: string) =>
  appendToList(repos.db.criteria, 'sessionId', sessionId, (position) => repos.criteria.create({ sessionId, text, position }, { id }));

/**
 * Move a row of a session's ordered list to a new index (drag or Alt+arrow), touching only that
 * row. The current order is read inside the transaction, so a stale screen cannot misplace it.
 */
export async function moveInList(repos: Repositories, table: Positioned, sessionId: string, id: string, toIndex: number) {
  const { db } = repos;
  const t = db[table];
  await db.transaction('rw', t, async () => {
    const rows = await t.where('[sessionId+position]').between([sessionId, -Infinity], [sessionId, Infinity]).toArray();
    const from = rows.findIndex((r) => r.id === id);
    if (from < 0 || toIndex < 0 || toIndex >= rows.length || toIndex === from) return;
    const others = rows.filter((r) => r.id !== id);
    const before = others[toIndex - 1];
    const after = others[toIndex];
    const position = before && after ? (before.position + after.position) / 2 : before ? before.position + 1 : after!.position - 1;
    const repo = repos[table] as unknown as { update(id: string, patch: { position: number }): Promise<unknown> };
    await repo.update(id, { position });
  });
}

/**
 * Put interests of the same group next to each other, groups in order of first appearance, the
 * order inside a group kept. Ungrouped interests stay where they fall (an empty label is a group).
 */
export async function gatherGroups(repos: Repositories, sessionId: string) {
  const { db } = repos;
  await db.transaction('rw', db.interests, async () => {
    const rows = await db.interests.where('[sessionId+position]').between([sessionId, -Infinity], [sessionId, Infinity]).toArray();
    const order = [...new Set(rows.map((r) => r.groupLabel.trim().toLowerCase()))];
    const sorted = [...rows].sort(
      (a, b) => order.indexOf(a.groupLabel.trim().toLowerCase()) - order.indexOf(b.groupLabel.trim().toLowerCase()) || a.position - b.position,
    );
    for (const [i, row] of sorted.entries()) if (row.position !== i + 1) await repos.interests.update(row.id, { position: i + 1 });
  });
}

/** Keep the current wording as a revision and start the next one from it. */
export async function reviseIssue(repos: Repositories, sessionId: string, text: string): Promise<IssueStatementRevision> {
  return repos.issueRevisions.create({ sessionId, text });
}

export async function rateCell(
  repos: Repositories,
  sessionId: string,
  optionId: string,
  criterionId: string,
  patch: Pick<Evaluation, 'rating'> & { note?: string },
) {
  const { db } = repos;
  return db.transaction('rw', db.evaluations, async () => {
    const rows = await db.evaluations.where('[optionId+criterionId]').equals([optionId, criterionId]).toArray();
    // Several laptops may rate one cell offline; the newest row is the cell's value.
    const current = latestByKey(rows, () => 'cell').get('cell');
    if (current) return repos.evaluations.update(current.id, patch);
    return repos.evaluations.create({ sessionId, optionId, criterionId, ...patch });
  });
}

export async function setCoverage(repos: Repositories, sessionId: string, optionId: string, interestId: string, covered: boolean) {
  const { db } = repos;
  return db.transaction('rw', db.coverage, async () => {
    const rows = await db.coverage.where('[optionId+interestId]').equals([optionId, interestId]).toArray();
    // Several laptops may rate one cell offline; the newest row is the cell's value.
    const current = latestByKey(rows, () => 'cell').get('cell');
    if (current) return repos.coverage.update(current.id, { covered });
    return repos.coverage.create({ sessionId, optionId, interestId, covered });
  });
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
    const [votes, tallies, concerns] = await Promise.all([
      db.votes.where('testId').anyOf(testIds).toArray(),
      db.tallies.where('testId').anyOf(testIds).toArray(),
      db.concerns.where('testId').anyOf(testIds).toArray(),
    ]);
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
