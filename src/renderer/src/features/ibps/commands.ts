import { nowIso } from '@shared/clock';
import { DEFAULT_GROUND_RULES, type AgendaItem, type BodyKind, type ConsensusMethod, type Meeting, type Side } from '@shared/model';
import type {
  Concern,
  ConsensusTest,
  Criterion,
  Decision,
  DecisionInput,
  Escalation,
  Evaluation,
  IbpsSession,
  IbpsStep,
  IbpsStepStatus,
  Interest,
  IssueStatementRevision,
  Option,
  ParkingLotItem,
  PlusDelta,
  PlusDeltaInput,
  TallyVote,
  Vote,
} from '@shared/model/ibps';
import { checkNewTest, evaluateConsensusTest, nextTestNumber } from '@shared/ibps/consensus';
import { latestByKey, type CoverageSuggestion } from '@shared/ibps/matrix';
import { sessionCloseProblem } from '@shared/ibps/session';
import type { Table } from 'dexie';
import { ValidationError } from '../../db/errors';
import { sessionMeetingId, writeOpenRecord } from '../minutes/recordLock';
import { appendToList } from '../../db/lists';
import type { Repositories } from '../../db/repositories';
import { quorumRulesFor } from '../meetings/queries';
import { membersOf } from '../roster/queries';
import { newId } from '../../db/repositories/repository';

/**
 * An id for a row the screen shows before its write commits (the issue statement the recorder
 * starts typing at once, a consensus test voted on at once): later writes name the same row.
 */
export const newRecordId = (): string => newId();

// The IBPS session's use cases: every write the session screens make goes through one of these,
// and each keeps its rule inside its own transaction (one vote per person per test, ordered lists,
// test numbering), so two quick clicks or a stale screen cannot break it.

type Positioned = 'interests' | 'options' | 'criteria';

// Everything a session records is part of the minutes of the meeting it is worked in: each write
// is refused once that meeting's minutes are approved (writeOpenRecord, in the write's transaction).
const ofSession = (repos: Repositories, sessionId: string) => () => sessionMeetingId(repos, sessionId);
const ofSessionRow = (repos: Repositories, table: 'interests' | 'options' | 'criteria' | 'issueRevisions', id: string) => async (): Promise<string | null> => {
  const row = await repos.db[table].get(id);
  return row ? sessionMeetingId(repos, row.sessionId) : null;
};
const ofTest = (repos: Repositories, testId: string) => async () => (await repos.db.consensusTests.get(testId))?.meetingId;
const inSession = <T>(repos: Repositories, sessionId: string, tables: Table[], write: () => Promise<T>) =>
  writeOpenRecord(repos, [repos.db.ibpsSessions, ...tables], ofSession(repos, sessionId), write);

/** Start an IBPS session on an agenda item; ground rules are copied from the team charter. */
export async function startSession(repos: Repositories, meeting: Meeting, agendaItem: AgendaItem | null): Promise<IbpsSession> {
  const { db } = repos;
  return writeOpenRecord(
    repos,
    [db.ibpsSessions, db.ibpsSessionMeetings, db.teams],
    async () => meeting.id,
    async () => {
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
    },
  );
}

/** A session started at an earlier meeting is continued here: link it so it shows on both. */
export async function continueSessionInMeeting(repos: Repositories, sessionId: string, meetingId: string, agendaItemId: string | null) {
  const { db } = repos;
  return writeOpenRecord(
    repos,
    [db.ibpsSessionMeetings],
    async () => meetingId,
    async () => {
      const links = await db.ibpsSessionMeetings.where('sessionId').equals(sessionId).toArray();
      const existing = links.find((l) => l.meetingId === meetingId);
      return existing ?? repos.ibpsSessionMeetings.create({ sessionId, meetingId, agendaItemId });
    },
  );
}

// Step status is a map: it is changed from the stored session (modify), never from the screen's copy.
export async function goToStep(repos: Repositories, sessionId: string, step: IbpsStep) {
  return inSession(repos, sessionId, [], () =>
    repos.ibpsSessions.modify(sessionId, (session) => {
      const stepStatus = { ...session.stepStatus };
      if (stepStatus[step] === 'not-started') stepStatus[step] = 'in-progress';
      return { currentStep: step, stepStatus };
    }),
  );
}

/**
 * Mark a step done or reopen it. Marking the last step (the action plan) done closes the session,
 * which needs a decision or a failed consensus with its escalation on record (sessionCloseProblem),
 * read from the stored decisions in the same transaction.
 */
export async function setStepStatus(repos: Repositories, sessionId: string, step: IbpsStep, status: IbpsStepStatus) {
  return inSession(repos, sessionId, [repos.db.decisions], async () => {
    if (step === 'action-plan' && status === 'done') {
      const problem = sessionCloseProblem(await repos.db.decisions.where('sessionId').equals(sessionId).toArray());
      if (problem) throw new ValidationError([{ path: 'stepStatus', message: problem }]);
    }
    return repos.ibpsSessions.modify(sessionId, (session) => ({ stepStatus: { ...session.stepStatus, [step]: status } }));
  });
}

export const addInterest = (
  repos: Repositories,
  sessionId: string,
  input: Partial<Pick<Interest, 'sides' | 'isPosition' | 'groupLabel'>> & { text: string },
  id?: string,
) =>
  inSession(repos, sessionId, [repos.db.interests], () =>
    appendToList(repos.db.interests, 'sessionId', sessionId, (position) => repos.interests.create({ sessionId, position, ...input }, { id })),
  );

export const addOption = (
  repos: Repositories,
  sessionId: string,
  input: { text: string; suggestedById?: string | null; suggestedByName?: string },
  id?: string,
) =>
  inSession(repos, sessionId, [repos.db.options], () =>
    appendToList(repos.db.options, 'sessionId', sessionId, (position) => repos.options.create({ sessionId, position, ...input }, { id })),
  );

export const addCriterion = (repos: Repositories, sessionId: string, text: string, id?: string) =>
  inSession(repos, sessionId, [repos.db.criteria], () =>
    appendToList(repos.db.criteria, 'sessionId', sessionId, (position) => repos.criteria.create({ sessionId, text, position }, { id })),
  );

/**
 * Move a row of a session's ordered list to a new index (drag or Alt+arrow), touching only that
 * row. The current order is read inside the transaction, so a stale screen cannot misplace it.
 */
export async function moveInList(repos: Repositories, table: Positioned, sessionId: string, id: string, toIndex: number) {
  const { db } = repos;
  const t = db[table];
  await inSession(repos, sessionId, [t], async () => {
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
  await inSession(repos, sessionId, [db.interests], async () => {
    const rows = await db.interests.where('[sessionId+position]').between([sessionId, -Infinity], [sessionId, Infinity]).toArray();
    const order = [...new Set(rows.map((r) => r.groupLabel.trim().toLowerCase()))];
    const sorted = [...rows].sort(
      (a, b) => order.indexOf(a.groupLabel.trim().toLowerCase()) - order.indexOf(b.groupLabel.trim().toLowerCase()) || a.position - b.position,
    );
    for (const [i, row] of sorted.entries()) if (row.position !== i + 1) await repos.interests.update(row.id, { position: i + 1 });
  });
}

/**
 * Keep the current wording as a revision and start the next one from it. `id` lets the screen
 * show the new wording's field (and take typing into it) before this write commits.
 */
export async function reviseIssue(repos: Repositories, sessionId: string, text: string, id?: string): Promise<IssueStatementRevision> {
  return inSession(repos, sessionId, [repos.db.issueRevisions], () => repos.issueRevisions.create({ sessionId, text }, { id }));
}

export async function rateCell(
  repos: Repositories,
  sessionId: string,
  optionId: string,
  criterionId: string,
  patch: Pick<Evaluation, 'rating'> & { note?: string },
) {
  const { db } = repos;
  return inSession(repos, sessionId, [db.evaluations], async () => {
    const rows = await db.evaluations.where('[optionId+criterionId]').equals([optionId, criterionId]).toArray();
    // Several laptops may rate one cell offline; the newest row is the cell's value.
    const current = latestByKey(rows, () => 'cell').get('cell');
    if (current) return repos.evaluations.update(current.id, patch);
    return repos.evaluations.create({ sessionId, optionId, criterionId, ...patch });
  });
}

async function writeCoverage(repos: Repositories, sessionId: string, optionId: string, interestId: string, covered: boolean) {
  const rows = await repos.db.coverage.where('[optionId+interestId]').equals([optionId, interestId]).toArray();
  // Several laptops may rate one cell offline; the newest row is the cell's value.
  const current = latestByKey(rows, () => 'cell').get('cell');
  if (current) return repos.coverage.update(current.id, { covered });
  return repos.coverage.create({ sessionId, optionId, interestId, covered });
}

export async function setCoverage(repos: Repositories, sessionId: string, optionId: string, interestId: string, covered: boolean) {
  return inSession(repos, sessionId, [repos.db.coverage], () => writeCoverage(repos, sessionId, optionId, interestId, covered));
}

/**
 * The group confirms the coverage the matrix suggested, in one transaction. A cell someone decided
 * in the meantime (another laptop, a click) keeps that decision: only undecided cells are written.
 */
export async function acceptCoverageSuggestions(repos: Repositories, sessionId: string, suggestions: readonly CoverageSuggestion[]): Promise<number> {
  return inSession(repos, sessionId, [repos.db.coverage], async () => {
    let written = 0;
    for (const s of suggestions) {
      const decided = await repos.db.coverage.where('[optionId+interestId]').equals([s.optionId, s.interestId]).count();
      if (decided > 0) continue;
      await writeCoverage(repos, sessionId, s.optionId, s.interestId, true);
      written += 1;
    }
    return written;
  });
}

// ---------------------------------------------------------------------------------------------
// Set-up and steps

export const setGroundRules = (repos: Repositories, sessionId: string, rules: readonly string[]): Promise<IbpsSession> =>
  inSession(repos, sessionId, [], () => repos.ibpsSessions.update(sessionId, { groundRules: rules.map((r) => r.trim()).filter(Boolean) }));

/** A step's time box; the map is changed from the stored session so two steps set quickly both stick. */
export const setStepTimebox = (repos: Repositories, sessionId: string, step: IbpsStep, minutes: number | null): Promise<IbpsSession> =>
  inSession(repos, sessionId, [], () =>
    repos.ibpsSessions.modify(sessionId, (s) => ({ timeboxMinutes: { ...s.timeboxMinutes, [step]: minutes !== null && minutes > 0 ? minutes : null } })),
  );

export const setBrainstormMode = (repos: Repositories, sessionId: string, on: boolean): Promise<IbpsSession> =>
  inSession(repos, sessionId, [], () => repos.ibpsSessions.update(sessionId, { brainstormMode: on }));

/** The group agrees its criteria (the step is done) or reopens them. */
export const setCriteriaAgreed = (repos: Repositories, sessionId: string, agreed: boolean): Promise<IbpsSession> =>
  inSession(repos, sessionId, [], () =>
    repos.ibpsSessions.modify(sessionId, (s) => ({
      criteriaAgreedAt: agreed ? nowIso() : null,
      stepStatus: agreed ? { ...s.stepStatus, criteria: 'done' } : s.stepStatus,
    })),
  );

/** Judge options before the criteria are agreed, with the reason on the record. */
export const overrideCriteriaOrder = (repos: Repositories, sessionId: string, reason: string): Promise<IbpsSession> => {
  if (!reason.trim())
    return Promise.reject(new ValidationError([{ path: 'criteriaOverrideReason', message: 'Say why the group evaluates before agreeing criteria' }]));
  return inSession(repos, sessionId, [], () => repos.ibpsSessions.update(sessionId, { criteriaOverrideReason: reason.trim() }));
};

// ---------------------------------------------------------------------------------------------
// Issue statement

/** The recorder edits the current wording (earlier wordings are kept as revisions). */
export const editIssue = (repos: Repositories, revisionId: string, text: string): Promise<IssueStatementRevision> =>
  writeOpenRecord(repos, [repos.db.issueRevisions], ofSessionRow(repos, 'issueRevisions', revisionId), () => repos.issueRevisions.update(revisionId, { text }));

// ---------------------------------------------------------------------------------------------
// Interests

const onInterest = (repos: Repositories, id: string, write: () => Promise<Interest>) =>
  writeOpenRecord(repos, [repos.db.interests], ofSessionRow(repos, 'interests', id), write);

export const updateInterest = (
  repos: Repositories,
  interestId: string,
  patch: Partial<Pick<Interest, 'text' | 'groupLabel' | 'isPosition'>>,
): Promise<Interest> => onInterest(repos, interestId, () => repos.interests.update(interestId, patch));

/** Toggle one side on an interest, from the stored sides: two sides tapped quickly both stick. */
export const toggleInterestSide = (repos: Repositories, interestId: string, side: Side): Promise<Interest> =>
  onInterest(repos, interestId, () =>
    repos.interests.modify(interestId, (i) => ({ sides: i.sides.includes(side) ? i.sides.filter((s) => s !== side) : [...i.sides, side] })),
  );

/** Mark an interest as held by every side of the body (shared), or clear its sides. */
export const setInterestSides = (repos: Repositories, interestId: string, sides: readonly Side[]): Promise<Interest> =>
  onInterest(repos, interestId, () => repos.interests.update(interestId, { sides: [...sides] }));

/** A position rewritten as the interest behind it; the position's words are kept with it. */
export const rewritePositionAsInterest = (repos: Repositories, interestId: string, text: string): Promise<Interest> => {
  if (!text.trim()) return Promise.reject(new ValidationError([{ path: 'text', message: 'Write the interest behind the position' }]));
  return onInterest(repos, interestId, () =>
    repos.interests.modify(interestId, (i) => ({ text: text.trim(), isPosition: false, convertedFromPosition: i.text })),
  );
};

export interface SharedMerge {
  /** The later duplicate, removed: Undo puts exactly it back. */
  removed: Interest;
  /** The earlier interest as it was before it took the duplicate's sides. */
  keptBefore: Interest;
}

/**
 * Two sides said the same interest in other words: keep the earlier one, held by both sides (so
 * it shows as shared when those are all the body's sides), and remove the later wording. Both
 * rows are read inside the transaction, so a side tapped meanwhile is not lost.
 */
export async function markInterestShared(repos: Repositories, duplicateId: string, keepId: string): Promise<SharedMerge> {
  const { db } = repos;
  return writeOpenRecord(repos, [db.interests], ofSessionRow(repos, 'interests', keepId), async () => {
    const [duplicate, kept] = await Promise.all([repos.interests.require(duplicateId), repos.interests.require(keepId)]);
    if (duplicate.id === kept.id || duplicate.sessionId !== kept.sessionId) {
      throw new ValidationError([{ path: 'interest', message: 'Choose another interest of this session to share' }]);
    }
    await repos.interests.update(kept.id, { sides: [...new Set([...kept.sides, ...duplicate.sides])] });
    await repos.interests.remove(duplicate.id);
    return { removed: duplicate, keptBefore: kept };
  });
}

/** Undo markInterestShared: the duplicate back as it was, and the kept interest's own sides back. */
export const undoMarkInterestShared = (repos: Repositories, merge: SharedMerge): Promise<Interest> =>
  inSession(repos, merge.removed.sessionId, [repos.db.interests], async () => {
    await repos.interests.update(merge.keptBefore.id, { sides: merge.keptBefore.sides });
    return repos.interests.restore(merge.removed);
  });

export const removeInterest = (repos: Repositories, id: string): Promise<Interest | undefined> =>
  writeOpenRecord(repos, [repos.db.interests], ofSessionRow(repos, 'interests', id), () => repos.interests.remove(id));
export const restoreInterest = (repos: Repositories, row: Interest): Promise<Interest> =>
  inSession(repos, row.sessionId, [repos.db.interests], () => repos.interests.restore(row));

// ---------------------------------------------------------------------------------------------
// Options and criteria

/** Shortlist or un-shortlist, from the stored option (a double click is two toggles, not one lost). */
export const toggleShortlisted = (repos: Repositories, optionId: string): Promise<Option> =>
  writeOpenRecord(repos, [repos.db.options], ofSessionRow(repos, 'options', optionId), () =>
    repos.options.modify(optionId, (o) => ({ shortlisted: !o.shortlisted })),
  );

/**
 * Merge a duplicate option into another, only with the suggester's agreement recorded by name
 * (brainstorming rule: ideas are merged with the suggester's consent, never by the facilitator alone).
 */
export async function mergeOption(repos: Repositories, optionId: string, intoId: string, agreedByName: string): Promise<Option> {
  const { db } = repos;
  return writeOpenRecord(repos, [db.options], ofSessionRow(repos, 'options', optionId), async () => {
    const [option, into] = await Promise.all([repos.options.require(optionId), repos.options.require(intoId)]);
    if (!agreedByName.trim()) throw new ValidationError([{ path: 'mergeConfirmation', message: 'Record who agreed to the merge' }]);
    if (into.id === option.id || into.sessionId !== option.sessionId || into.mergedIntoId) {
      throw new ValidationError([{ path: 'mergedIntoId', message: 'Choose another standing option of this session to merge into' }]);
    }
    const agreed = agreedByName.trim();
    return repos.options.update(option.id, {
      mergedIntoId: into.id,
      mergeConfirmation: { confirmedById: option.suggestedByName.trim() === agreed ? option.suggestedById : null, confirmedByName: agreed, at: nowIso() },
    });
  });
}

export const removeOption = (repos: Repositories, id: string): Promise<Option | undefined> =>
  writeOpenRecord(repos, [repos.db.options], ofSessionRow(repos, 'options', id), () => repos.options.remove(id));
export const restoreOption = (repos: Repositories, row: Option): Promise<Option> =>
  inSession(repos, row.sessionId, [repos.db.options], () => repos.options.restore(row));
export const removeCriterion = (repos: Repositories, id: string): Promise<Criterion | undefined> =>
  writeOpenRecord(repos, [repos.db.criteria], ofSessionRow(repos, 'criteria', id), () => repos.criteria.remove(id));
export const restoreCriterion = (repos: Repositories, row: Criterion): Promise<Criterion> =>
  inSession(repos, row.sessionId, [repos.db.criteria], () => repos.criteria.restore(row));

// ---------------------------------------------------------------------------------------------
// Consensus

export interface NewTestInput {
  sessionId: string;
  meetingId: string;
  method: ConsensusMethod;
  proposal: string;
  modifiedFromTestId: string | null;
}

/**
 * Start a consensus test. The number and the retest rules are checked against the tests stored
 * now, in the same transaction: two quick clicks cannot create two "test 2"s.
 */
export async function startConsensusTest(repos: Repositories, input: NewTestInput, id?: string): Promise<ConsensusTest> {
  const { db } = repos;
  return writeOpenRecord(
    repos,
    [db.consensusTests],
    async () => input.meetingId,
    async () => {
      const existing = await db.consensusTests.where('sessionId').equals(input.sessionId).toArray();
      const next = {
        sessionId: input.sessionId,
        number: nextTestNumber(existing),
        proposal: input.proposal.trim(),
        modifiedFromTestId: input.modifiedFromTestId,
      };
      const problems = checkNewTest(existing, next);
      if (problems.length) throw new ValidationError(problems.map((p) => ({ path: 'proposal', message: p.message })));
      return repos.consensusTests.create({ ...next, meetingId: input.meetingId, method: input.method }, { id });
    },
  );
}

/**
 * One named vote per person per test: a second click changes the vote, and duplicates that sync
 * brought from two laptops collapse into the newest one the next time that person's vote is set.
 */
export async function castVote(repos: Repositories, testId: string, voter: { personId: string; side: Side }, value: number): Promise<Vote> {
  const { db } = repos;
  return writeOpenRecord(repos, [db.votes], ofTest(repos, testId), async () => {
    // A vote cast the moment a test was started lands after the test's own write (same tables,
    // so IndexedDB runs them in order); a test that was never stored takes no votes.
    const test = await db.consensusTests.get(testId);
    if (!test) throw new ValidationError([{ path: 'testId', message: 'This consensus test was not recorded; start it again' }]);
    if (test.outcome !== null) throw new ValidationError([{ path: 'testId', message: `Test ${test.number} is closed; a retest is a new test` }]);
    const mine = (await db.votes.where('testId').equals(testId).toArray()).filter((v) => v.personId === voter.personId);
    const current = latestByKey(mine, () => 'vote').get('vote');
    for (const extra of mine) if (extra.id !== current?.id) await repos.votes.remove(extra.id);
    if (current) return repos.votes.update(current.id, { value });
    return repos.votes.create({ testId, personId: voter.personId, side: voter.side, value });
  });
}

/** A show-of-hands count: one row per side and value per test, set (not added to) by each entry. */
export async function setTally(repos: Repositories, testId: string, side: Side, value: number, count: number): Promise<TallyVote> {
  const { db } = repos;
  return writeOpenRecord(repos, [db.tallies], ofTest(repos, testId), async () => {
    const rows = (await db.tallies.where('testId').equals(testId).toArray()).filter((t) => t.side === side && t.value === value);
    const current = latestByKey(rows, () => 'tally').get('tally');
    for (const extra of rows) if (extra.id !== current?.id) await repos.tallies.remove(extra.id);
    if (current) return repos.tallies.update(current.id, { count });
    return repos.tallies.create({ testId, side, value, count });
  });
}

export const addConcern = (repos: Repositories, testId: string, input: { personId: string | null; side: Side; text: string }): Promise<Concern> => {
  if (!input.text.trim()) return Promise.reject(new ValidationError([{ path: 'text', message: 'Record the concern in a few words' }]));
  return writeOpenRecord(repos, [repos.db.concerns], ofTest(repos, testId), () =>
    repos.concerns.create({ testId, personId: input.personId, side: input.side, text: input.text.trim() }),
  );
};

/** Close a test with the result the count gives; a closed test is never reopened (a retest is a new test). */
export async function recordTestOutcome(repos: Repositories, testId: string, outcome: NonNullable<ConsensusTest['outcome']>): Promise<ConsensusTest> {
  const { db } = repos;
  return writeOpenRecord(repos, [db.consensusTests], ofTest(repos, testId), async () => {
    const test = await repos.consensusTests.require(testId);
    if (test.outcome !== null) return test;
    return repos.consensusTests.update(testId, { outcome, decidedAt: nowIso() });
  });
}

/**
 * Close a test with the result the stored count gives, counted inside the transaction: a vote
 * cast a moment before (the facilitator types the last vote and presses Enter at once) is
 * already in. Refused, with the reasons to read aloud, while the count is incomplete.
 */
export async function closeConsensusTest(repos: Repositories, testId: string): Promise<ConsensusTest> {
  const { db } = repos;
  const tables = [db.consensusTests, db.votes, db.tallies, db.concerns, db.attendance, db.memberships, db.people, db.teams, db.councils, db.ibpsSessions];
  return writeOpenRecord(repos, tables, ofTest(repos, testId), async () => {
    const test = await repos.consensusTests.require(testId);
    if (test.outcome !== null) return test;
    const session = await repos.ibpsSessions.require(test.sessionId);
    const [votes, tallies, concerns, attendance, members, rules] = await Promise.all([
      db.votes.where('testId').equals(testId).toArray(),
      db.tallies.where('testId').equals(testId).toArray(),
      db.concerns.where('testId').equals(testId).toArray(),
      db.attendance.where('meetingId').equals(test.meetingId).toArray(),
      membersOf(repos, session.bodyId),
      quorumRulesFor(repos, session.bodyKind, session.bodyId),
    ]);
    const presentIds = new Set(attendance.filter((a) => a.status === 'present' && a.personId).map((a) => a.personId!));
    const result = evaluateConsensusTest({
      method: test.method,
      // The newest vote per person and count per side and value stand, as on the screen (loadSession).
      votes: [...latestByKey(votes, (v) => v.personId ?? v.id).values()],
      tallies: [...latestByKey(tallies, (t) => `${t.side}|${t.value}`).values()],
      concerns,
      members,
      present: members.filter((m) => presentIds.has(m.id)).map((m) => ({ side: m.side, personId: m.id })),
      quorum: rules?.consensus ?? { percentOfMembers: 0, minPerSide: { management: 0, union: 0, physician: 0 } },
    });
    if (result.outcome === 'incomplete') throw new ValidationError(result.reasons.map((message) => ({ path: 'outcome', message })));
    return repos.consensusTests.update(testId, { outcome: result.outcome, decidedAt: nowIso() });
  });
}

/** The decision reached by consensus, with any dissent recorded beside it. */
export const recordDecision = (repos: Repositories, input: Omit<DecisionInput, 'outcome' | 'escalatedTo'>): Promise<Decision> =>
  writeOpenRecord(
    repos,
    [repos.db.decisions],
    async () => input.meetingId ?? sessionMeetingId(repos, input.sessionId),
    () => repos.decisions.create({ ...input, outcome: 'consensus' }),
  );

/** Consensus could not be reached: the proposal goes where the charter says. */
export const recordEscalation = (
  repos: Repositories,
  input: { sessionId: string; meetingId: string | null; consensusTestId: string; proposal: string; escalatedTo: Escalation },
): Promise<Decision> =>
  writeOpenRecord(
    repos,
    [repos.db.decisions],
    async () => input.meetingId ?? sessionMeetingId(repos, input.sessionId),
    () =>
      repos.decisions.create({
        sessionId: input.sessionId,
        meetingId: input.meetingId,
        consensusTestId: input.consensusTestId,
        text: input.proposal,
        outcome: 'failed',
        escalatedTo: input.escalatedTo,
      }),
  );

// ---------------------------------------------------------------------------------------------
// Parking lot and plus/delta (they belong to the meeting, and to a session when one is running)

export const addPlusDelta = (repos: Repositories, input: PlusDeltaInput): Promise<PlusDelta> =>
  writeOpenRecord(
    repos,
    [repos.db.plusDeltas],
    async () => input.meetingId,
    () => repos.plusDeltas.create(input),
  );

export const parkTopic = (
  repos: Repositories,
  input: { bodyKind: BodyKind; bodyId: string; meetingId: string; sessionId: string | null; text: string },
): Promise<ParkingLotItem> =>
  writeOpenRecord(
    repos,
    [repos.db.parkingLot],
    async () => input.meetingId,
    () => repos.parkingLot.create(input),
  );

/** Answer a parked topic (or put it on a future agenda) at this meeting, or reopen it: a follow-up, open even after approval. */
export const setParkingLotStatus = (repos: Repositories, itemId: string, status: ParkingLotItem['status'], meetingId: string): Promise<ParkingLotItem> =>
  repos.parkingLot.update(itemId, { status, resolvedMeetingId: status === 'open' ? null : meetingId });
