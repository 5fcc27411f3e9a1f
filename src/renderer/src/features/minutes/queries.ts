import type { Council, Meeting, Person, Team } from '@shared/model';
import type { Minutes, MinutesApproval, MinutesVersion } from '@shared/model/minutes';
import { approvalState, type ApprovalBody, type ApprovalView } from '@shared/minutes/approval';
import { buildMinutesDocument, type IbpsMinutesSource, type MinutesDocument, type MinutesSource } from '@shared/minutes/document';
import { documentHash } from '@shared/minutes/exports';

import { loadSession, sessionsOfMeeting } from '../ibps/queries';
import { agendaOf, quorumRulesFor } from '../meetings/queries';
import type { Repositories } from '../../db/repositories';

import { membersOf } from '../roster/queries';
import { loadProject } from '../rim/queries';
import { buildRunChart } from '@shared/rim/chartSeries';
import { rimWords } from '@shared/rim/words';
import { minutesWords } from '@shared/minutes/words';
import type { Locale } from '@shared/i18n/locales';
import type { ImprovementReview } from '@shared/minutes/improvement';
import { factsFromBlocks, recordChanges, recordFacts, type RecordChange, type RecordFact } from '@shared/minutes/recordFacts';
/** Every table the minutes read: the approval transaction reads them all to check what was approved. */
export const minutesTables = (repos: Repositories) => repos.db.tables;

export interface LoadedMinutes {
  meeting: Meeting;
  body: Team | Council | undefined;
  approvalBody: ApprovalBody;
  members: Person[];
  people: Person[];
  /** Null until someone first writes to the minutes (a summary or an approval). */
  minutes: Minutes | null;
  approvals: MinutesApproval[];
  versions: MinutesVersion[];
  source: MinutesSource;
}

/** Everything the minutes of one meeting are built from, read as one consistent snapshot. */
export async function loadMinutes(repos: Repositories, meetingId: string): Promise<LoadedMinutes | null> {
  const { db } = repos;
  return db.transaction('r', minutesTables(repos), async () => {
    const meeting = await db.meetings.get(meetingId);
    if (!meeting) return null;
    const team = meeting.bodyKind === 'team' ? await db.teams.get(meeting.bodyId) : undefined;
    const council = meeting.bodyKind === 'council' ? await db.councils.get(meeting.bodyId) : undefined;
    const body = team ?? council;
    const [agenda, attendance, members, rules, sessionMap, summaries, minutes, approvals, versions, actionItems, parkingLot, plusDeltas, laterMeetings] =
      await Promise.all([
        agendaOf(repos, meetingId),
        db.attendance.where('meetingId').equals(meetingId).toArray(),
        membersOf(repos, meeting.bodyId),
        quorumRulesFor(repos, meeting.bodyKind, meeting.bodyId),
        sessionsOfMeeting(repos, meetingId),
        db.minutesSummaries.where('meetingId').equals(meetingId).toArray(),
        db.minutes.get(meetingId),
        db.minutesApprovals.where('meetingId').equals(meetingId).toArray(),
        db.minutesVersions.where('[meetingId+number]').between([meetingId, 0], [meetingId, Infinity]).toArray(),
        db.actionItems.where('meetingId').equals(meetingId).toArray(),
        db.parkingLot.where('bodyId').equals(meeting.bodyId).toArray(),
        db.plusDeltas.where('meetingId').equals(meetingId).toArray(),
        db.meetings.where('[bodyId+startsAt]').between([meeting.bodyId, meeting.startsAt], [meeting.bodyId, '\uffff'], false, true).limit(5).toArray(),
      ]);

    const sessions: Record<string, IbpsMinutesSource> = {};
    const named = new Set<string>();
    for (const [agendaItemId, session] of sessionMap) {
      const record = await loadSession(repos, session.id);
      if (!record || !agendaItemId) continue;
      const testMeetings = [...new Set(record.tests.map((t) => t.test.meetingId))];
      const presentAt: IbpsMinutesSource['presentAt'] = {};
      for (const id of testMeetings) {
        const rows = await db.attendance.where('meetingId').equals(id).toArray();
        const ids = new Set(rows.filter((a) => a.status === 'present' && a.personId).map((a) => a.personId!));
        presentAt[id] = record.members.filter((m) => ids.has(m.id)).map((m) => ({ side: m.side, personId: m.id }));
      }
      record.people.forEach((p) => named.add(p.id));
      sessions[agendaItemId] = { ...record, presentAt };
    }
    // Everyone the record names: roles, action owners, absent members, voters.
    const ids = [
      meeting.facilitatorId,
      meeting.recorderId,
      meeting.timekeeperId,
      ...actionItems.map((a) => a.ownerId),
      ...attendance.map((a) => a.personId),
    ].filter((id): id is string => Boolean(id));
    const memberIds = new Set(members.map((m) => m.id));
    const others = (await db.people.bulkGet([...new Set([...ids, ...named].filter((id) => !memberIds.has(id)))])).filter((p): p is Person => Boolean(p));
    const people = [...members, ...others];
    const byCreated = <T extends { createdAt: string; id: string }>(rows: T[]) =>
      rows.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    // Newest summary per item wins: two laptops may both have written one offline.
    const summaryText: Record<string, string> = {};
    for (const s of [...summaries].sort((a, b) => a.updatedAt.localeCompare(b.updatedAt))) summaryText[s.agendaItemId] = s.text;
    const improvement = meeting.bodyKind === 'team' ? await improvementReviewed(repos, meeting.bodyId, meetingId, meeting.language ?? 'en') : [];
    const next = laterMeetings.find((m) => m.id !== meetingId && m.startsAt > meeting.startsAt) ?? null;

    const source: MinutesSource = {
      meeting,
      body: { kind: meeting.bodyKind, name: body?.name ?? 'Unknown body' },
      meetingQuorum: rules?.meeting ?? null,
      consensusQuorum: rules?.consensus ?? null,
      consensusMethod: team?.charter.consensusMethod ?? 'fist-to-five',
      members,
      people,
      agenda,
      attendance,
      summaries: summaryText,
      sessions,
      actionItems: byCreated(actionItems),
      // Raised here, or answered here.
      parkingLot: byCreated(parkingLot.filter((p) => p.meetingId === meetingId || p.resolvedMeetingId === meetingId)),
      plusDeltas: byCreated(plusDeltas),
      nextMeeting: next,
      improvement,
    };
    const approvalBody: ApprovalBody = {
      kind: meeting.bodyKind,
      managementCoLeadId: team?.managementCoLeadId,
      unionCoLeadId: team?.unionCoLeadId,
      physicianCoLeadId: team?.physicianCoLeadId,
    };
    return { meeting, body, approvalBody, members, people, minutes: minutes ?? null, approvals, versions, source };
  });
}

/**
 * The team's improvement projects with PDSA cycles reviewed at this meeting, with the run charts
 * of the measures those cycles affect (all the project's measures when the cycles name none).
 */
async function improvementReviewed(repos: Repositories, teamId: string, meetingId: string, language: Locale): Promise<ImprovementReview[]> {
  // The signals under each chart are sentences of the minutes: written in the meeting's language.
  const words = rimWords(language);
  const projects = await repos.db.improvementProjects.where('teamId').equals(teamId).toArray();
  const reviews: ImprovementReview[] = [];
  for (const p of projects.sort((a, b) => a.title.localeCompare(b.title))) {
    const record = await loadProject(repos, p.id);
    const cycles = record?.cycles.filter((c) => c.reviewedMeetingId === meetingId) ?? [];
    if (!record || cycles.length === 0) continue;
    const linked = new Set(cycles.flatMap((c) => c.measureIds));
    const measures = record.measures.filter((m) => linked.size === 0 || linked.has(m.measure.id));
    reviews.push({
      project: record.project,
      cycles,
      measures: measures.map((m) => ({ measure: m.measure, chart: buildRunChart(m.measure.id, m.measure, m.points, m.periods, record.cycles, words) })),
    });
  }
  return reviews;
}

export interface MinutesState {
  /** The document shown and exported: the frozen approved version, or the live draft. */
  document: MinutesDocument;
  /** The live document built from what is stored now (differs from `document` once approved). */
  live: MinutesDocument;
  liveHash: string;
  approval: ApprovalView;
  approved: MinutesVersion | null;
  /** The last approved version, for an amendment's "what changed" view. */
  previous: MinutesVersion | null;
  /** The record now, fact by fact (stored with the version when it is approved). */
  liveFacts: RecordFact[];
  /** While an amendment is open: what it changes from the version it amends, in plain words. */
  changes: RecordChange[] | null;
  /** Every approved version, oldest first: each can be opened and exported. */
  versions: MinutesVersion[];
}

/** What the minutes page shows for a loaded record. */
export function minutesState(loaded: LoadedMinutes): MinutesState {
  const live = buildMinutesDocument(loaded.source);
  const liveHash = documentHash(live);
  const liveFacts = recordFacts(loaded.source);
  const round = loaded.minutes?.round ?? 1;
  const status = loaded.minutes?.status ?? 'draft';
  const versions = [...loaded.versions].sort((a, b) => a.number - b.number);
  const approved = status === 'approved' ? (versions.find((v) => v.number === round) ?? null) : null;
  const previous = versions.filter((v) => v.number < round || (approved && v.number === round)).at(-1) ?? null;
  const history = versions.filter((v) => v.number < round).map((v) => ({ number: v.number, approvedAt: v.approvedAt, amendmentReason: v.amendmentReason }));
  if (approved) {
    const view = versionView(loaded, versions, approved.number);
    return {
      document: view.document,
      live,
      liveHash,
      approved,
      previous,
      liveFacts,
      changes: null,
      versions,
      approval: view.approval,
    };
  }
  const state = approvalState({ body: loaded.approvalBody, round, contentHash: liveHash, approvals: loaded.approvals });
  return {
    document: live,
    live,
    liveHash,
    approved: null,
    previous,
    liveFacts,
    changes: round > 1 && previous ? amendmentChanges(previous, live, liveFacts) : null,
    versions,
    approval: {
      status: 'draft',
      version: round,
      approvals: state.sides.flatMap((s) => (s.approval ? [s.approval] : [])),
      history,
      amendmentReason: loaded.minutes?.amendmentReason ?? '',
    },
  };
}

/** Meetings of a body in a date range (inclusive calendar dates), oldest first, for a batch export. */
export async function meetingsInRange(repos: Repositories, bodyId: string, from: string, to: string): Promise<Meeting[]> {
  return repos.db.meetings
    .where('[bodyId+startsAt]')
    .between([bodyId, from], [bodyId, `${to}T99:99`], true, true)
    .toArray();
}

/**
 * What an amendment changes from the version it amends: fact by fact where the version stored its
 * facts, otherwise read back from both documents' blocks (versions approved before facts were kept).
 */
function amendmentChanges(previous: MinutesVersion, live: MinutesDocument, liveFacts: RecordFact[]): RecordChange[] {
  // Said in the minutes' language, as the facts themselves are.
  const words = minutesWords(live.language ?? 'en');
  if (previous.facts) return recordChanges(previous.facts, liveFacts, words);
  const before = factsFromBlocks((previous.document as unknown as MinutesDocument).blocks);
  return recordChanges(before, factsFromBlocks(live.blocks), words);
}

/**
 * One approved version as it was approved, to open or export: its frozen document and sign-offs.
 * The council server's account stamps reach the approval rows after the version was frozen on some
 * laptop, so they are joined in from those rows (the stamp is evidence, not part of the text).
 */
export function versionView(
  loaded: Pick<LoadedMinutes, 'approvals'>,
  versions: readonly MinutesVersion[],
  number: number,
): { document: MinutesDocument; approval: ApprovalView } {
  const version = versions.find((v) => v.number === number);
  if (!version) throw new Error(`There is no approved version ${number}`);
  const stampOf = (side: string) =>
    loaded.approvals.find((a) => a.round === number && a.side === side && a.contentHash === version.contentHash && a.recordedByAccount)?.recordedByAccount ??
    null;
  return {
    document: version.document as unknown as MinutesDocument,
    approval: {
      status: 'approved',
      version: number,
      approvals: version.approvals.map((a) => ({ ...a, recordedByAccount: a.recordedByAccount ?? stampOf(a.side) })),
      history: versions.filter((v) => v.number < number).map((v) => ({ number: v.number, approvedAt: v.approvedAt, amendmentReason: v.amendmentReason })),
      amendmentReason: version.amendmentReason,
    },
  };
}
