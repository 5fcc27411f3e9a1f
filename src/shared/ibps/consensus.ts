import { SIDES, type Side } from '../model/common';
import type { ConsensusMethod, Quorum } from '../model/roster';
import { evaluateQuorum, type QuorumResult } from '../roster/quorum';

// Consensus checks for IBPS step 6. Consensus means a decision every voter can support: one vote
// that does not support the proposal is enough to stop it, so a "block" differs from any other
// non-supporting vote only in how strongly it is recorded, not in whether it stops the decision.

/**
 * Where a vote leaves the voter:
 * - support: will support the decision publicly;
 * - stand-aside: abstains; does not support but does not stop the group (gradients only);
 * - discuss: not yet; wants more discussion or changes before deciding;
 * - oppose: does not support;
 * - block: formally blocks (vetoes) the proposal.
 */
export type Stance = 'support' | 'stand-aside' | 'discuss' | 'oppose' | 'block';

export interface ConsensusValueMeta {
  value: number;
  /** Short label for buttons and tallies. */
  label: string;
  /** What the value means, in words the facilitator can read aloud. */
  meaning: string;
  stance: Stance;
  /** The group hears a concern from anyone who votes this way, so it can modify the proposal. */
  needsConcern: boolean;
}

export interface ConsensusMethodMeta {
  method: ConsensusMethod;
  label: string;
  /** Values in the order they are shown, most supportive first. */
  values: readonly ConsensusValueMeta[];
  /**
   * The lowest value that counts as support on an ordered scale (fist-to-five, thumbs). Null for
   * gradients of agreement, whose scale is not ordered by support (6, "don't like but will
   * support", supports; 4 and 5 do not): use each value's stance instead.
   */
  supportThreshold: number | null;
}

export const CONSENSUS_METHODS: Record<ConsensusMethod, ConsensusMethodMeta> = {
  'fist-to-five': {
    method: 'fist-to-five',
    label: 'Fist-to-five',
    supportThreshold: 3,
    values: [
      { value: 5, label: '5', meaning: 'A great idea; I will help lead it', stance: 'support', needsConcern: false },
      { value: 4, label: '4', meaning: 'A good idea; I will work for it', stance: 'support', needsConcern: false },
      { value: 3, label: '3', meaning: 'Not in total agreement, but I will support it publicly', stance: 'support', needsConcern: false },
      { value: 2, label: '2', meaning: 'I have concerns I would like to discuss', stance: 'discuss', needsConcern: true },
      { value: 1, label: '1', meaning: 'I need to talk more; it needs changes before I can support it', stance: 'discuss', needsConcern: true },
      { value: 0, label: 'Fist', meaning: 'No: I block this proposal', stance: 'block', needsConcern: true },
    ],
  },
  'gradients-of-agreement': {
    method: 'gradients-of-agreement',
    label: 'Gradients of agreement',
    supportThreshold: null,
    values: [
      { value: 1, label: 'Whole-hearted endorsement', meaning: 'I really like it', stance: 'support', needsConcern: false },
      { value: 2, label: 'Agreement with a minor point of contention', meaning: 'Basically I like it', stance: 'support', needsConcern: false },
      { value: 3, label: 'Support with reservations', meaning: 'I can live with it', stance: 'support', needsConcern: false },
      { value: 4, label: 'Abstain', meaning: 'I have no opinion; I stand aside and will not stop the group', stance: 'stand-aside', needsConcern: false },
      { value: 5, label: 'More discussion needed', meaning: 'I do not understand the issue well enough yet', stance: 'discuss', needsConcern: true },
      { value: 6, label: "Don't like but will support", meaning: 'I do not like it, but I will not hold up the group', stance: 'support', needsConcern: false },
      { value: 7, label: 'Serious disagreement', meaning: 'I do not agree and want my disagreement recorded', stance: 'oppose', needsConcern: true },
      { value: 8, label: 'Veto / block', meaning: 'I block this proposal', stance: 'block', needsConcern: true },
    ],
  },
  thumbs: {
    method: 'thumbs',
    label: 'Thumbs up / sideways / down',
    supportThreshold: 1,
    values: [
      { value: 2, label: 'Thumbs up', meaning: 'I support it', stance: 'support', needsConcern: false },
      { value: 1, label: 'Thumbs sideways', meaning: 'I have reservations, but I will support it', stance: 'support', needsConcern: false },
      { value: 0, label: 'Thumbs down', meaning: 'I do not support it', stance: 'oppose', needsConcern: true },
    ],
  },
};

export function valueMeta(method: ConsensusMethod, value: number): ConsensusValueMeta | undefined {
  return CONSENSUS_METHODS[method].values.find((v) => v.value === value);
}

export const valueSupports = (method: ConsensusMethod, value: number) => valueMeta(method, value)?.stance === 'support';
export const valueNeedsConcern = (method: ConsensusMethod, value: number) => valueMeta(method, value)?.needsConcern === true;

export interface NamedVote {
  id?: string;
  /** Null for a vote recorded by side only (someone who did not want to be named). */
  personId: string | null;
  side: Side;
  value: number;
}

export interface Tally {
  id?: string;
  side: Side;
  value: number;
  count: number;
}

export interface ConcernEntry {
  personId: string | null;
  side: Side | null;
  text: string;
}

export interface ConsensusEvaluationInput {
  method: ConsensusMethod;
  votes?: readonly NamedVote[];
  /** Shows of hands; several rows for the same side and value add up. */
  tallies?: readonly Tally[];
  concerns?: readonly ConcernEntry[];
  /** Every member of the body, with side (the charter's consensus quorum is a share of these). */
  members: ReadonlyArray<{ side: Side }>;
  /**
   * The members present when the test is taken. Guests are not members and do not vote. When
   * entries carry personId, named voters are also checked against them.
   */
  present: ReadonlyArray<{ side: Side; personId?: string | null }>;
  /** The charter's consensus quorum (Charter.consensusQuorum). */
  quorum: Quorum;
}

export type ConsensusOutcome = 'consensus' | 'no-consensus' | 'no-quorum' | 'incomplete';

export type MissingConcern =
  | { kind: 'vote'; voteId?: string; personId: string | null; side: Side; value: number }
  | { kind: 'tally'; tallyId?: string; side: Side; value: number; count: number };

export interface ConsensusTestResult {
  /** Count per value per side, every value of the method listed (zero when nobody chose it). */
  breakdownBySide: Record<Side, Record<number, number>>;
  /** Count per stance per side, for a record that shows where each side stands. */
  stancesBySide: Record<Side, Record<Stance, number>>;
  totalVotes: number;
  supporting: number;
  standingAside: number;
  /** Every vote that neither supports nor stands aside: discuss, oppose and block. */
  notSupporting: number;
  /** The part of notSupporting that formally blocks. */
  blocking: number;
  /** Below-the-line votes with no stated concern yet. */
  needsConcern: MissingConcern[];
  /** People with more than one named vote in this test. */
  duplicateVoters: Array<{ personId: string; count: number }>;
  /** Votes and tallies whose value is not on this method's scale; they are left out of the counts. */
  invalidValues: Array<{ kind: 'vote' | 'tally'; id?: string; side: Side; value: number }>;
  /** Named voters who are not among the members present (only checked when present carries ids). */
  votersNotPresent: string[];
  quorum: QuorumResult;
  outcome: ConsensusOutcome;
  /** Plain-words reasons for the outcome, most important first, for the facilitator to read aloud. */
  reasons: string[];
}

const emptyStances = (): Record<Stance, number> => ({ support: 0, 'stand-aside': 0, discuss: 0, oppose: 0, block: 0 });

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The result of one consensus test. Outcomes, in order of precedence:
 * 1. no-quorum: the charter's consensus quorum is not met by the members present, so no decision
 *    can be made whatever the votes say;
 * 2. incomplete: the count cannot be trusted yet: no votes, fewer or more votes than members
 *    present, someone voted twice, a value off the method's scale, or a named voter not present.
 *    Named votes and shows of hands can be combined, but someone counted in both is only visible
 *    as more votes than people present, which is why the totals must match;
 * 3. no-consensus: at least one vote does not support (including "more discussion needed" and
 *    blocks), or everyone stood aside and nobody supports;
 * 4. consensus: every vote supports or stands aside.
 * A missing concern never changes the outcome (only non-supporting votes need one) but is listed
 * in needsConcern and the reasons, because the group needs it to modify the proposal.
 */
export function evaluateConsensusTest(input: ConsensusEvaluationInput): ConsensusTestResult {
  const meta = CONSENSUS_METHODS[input.method];
  const votes = input.votes ?? [];
  const tallies = input.tallies ?? [];
  const concerns = (input.concerns ?? []).filter((c) => c.text.trim().length > 0);

  const breakdownBySide = Object.fromEntries(SIDES.map((side) => [side, Object.fromEntries(meta.values.map((v) => [v.value, 0]))])) as Record<
    Side,
    Record<number, number>
  >;
  const stancesBySide = Object.fromEntries(SIDES.map((side) => [side, emptyStances()])) as Record<Side, Record<Stance, number>>;
  const invalidValues: ConsensusTestResult['invalidValues'] = [];
  const needsConcernList: MissingConcern[] = [];

  const count = (side: Side, value: number, n: number): ConsensusValueMeta | undefined => {
    const v = valueMeta(input.method, value);
    if (!v) return undefined;
    breakdownBySide[side][value] = (breakdownBySide[side][value] ?? 0) + n;
    stancesBySide[side][v.stance] += n;
    return v;
  };

  const namedVoters = new Set(votes.flatMap((v) => (v.personId === null ? [] : [v.personId])));
  const concernByPerson = new Set(concerns.flatMap((c) => (c.personId === null ? [] : [c.personId])));
  // A show of hands is anonymous, so any concern from that side not already tied to a named voter
  // answers for it: one person often speaks for the hands that went down together.
  const sidesWithFreeConcern = new Set(
    concerns.filter((c) => c.side !== null && (c.personId === null || !namedVoters.has(c.personId))).map((c) => c.side as Side),
  );

  for (const vote of votes) {
    const v = count(vote.side, vote.value, 1);
    if (!v) {
      invalidValues.push({ kind: 'vote', ...(vote.id ? { id: vote.id } : {}), side: vote.side, value: vote.value });
      continue;
    }
    const answered = vote.personId !== null ? concernByPerson.has(vote.personId) : sidesWithFreeConcern.has(vote.side);
    if (v.needsConcern && !answered) {
      needsConcernList.push({ kind: 'vote', ...(vote.id ? { voteId: vote.id } : {}), personId: vote.personId, side: vote.side, value: vote.value });
    }
  }
  for (const tally of tallies) {
    if (tally.count <= 0) continue;
    const v = count(tally.side, tally.value, tally.count);
    if (!v) {
      invalidValues.push({ kind: 'tally', ...(tally.id ? { id: tally.id } : {}), side: tally.side, value: tally.value });
      continue;
    }
    if (v.needsConcern && !sidesWithFreeConcern.has(tally.side)) {
      needsConcernList.push({ kind: 'tally', ...(tally.id ? { tallyId: tally.id } : {}), side: tally.side, value: tally.value, count: tally.count });
    }
  }

  const votesPerPerson = new Map<string, number>();
  for (const v of votes) if (v.personId !== null) votesPerPerson.set(v.personId, (votesPerPerson.get(v.personId) ?? 0) + 1);
  const duplicateVoters = [...votesPerPerson].filter(([, n]) => n > 1).map(([personId, n]) => ({ personId, count: n }));

  const presentIds = new Set(input.present.flatMap((p) => (p.personId ? [p.personId] : [])));
  const votersNotPresent = presentIds.size === 0 ? [] : [...namedVoters].filter((id) => !presentIds.has(id));

  const stances = emptyStances();
  for (const side of SIDES) for (const s of Object.keys(stances) as Stance[]) stances[s] += stancesBySide[side][s];
  const supporting = stances.support;
  const standingAside = stances['stand-aside'];
  const blocking = stances.block;
  const notSupporting = stances.discuss + stances.oppose + stances.block;
  const totalVotes = supporting + standingAside + notSupporting;

  const quorum = evaluateQuorum(input.quorum, { members: input.members, present: input.present });
  const presentCount = input.present.length;

  const noQuorum: string[] = quorum.met ? [] : quorum.shortfalls.map((s) => `No consensus quorum: ${s}.`);
  const incomplete: string[] = [];
  if (totalVotes === 0 && invalidValues.length === 0) incomplete.push('No votes recorded yet.');
  if (invalidValues.length > 0) {
    incomplete.push(`${plural(invalidValues.length, 'entry has a value', 'entries have values')} not on the ${meta.label} scale.`);
  }
  for (const d of duplicateVoters) incomplete.push(`The same person voted ${d.count} times; keep one vote per person.`);
  if (votersNotPresent.length > 0) {
    incomplete.push(`${plural(votersNotPresent.length, 'named voter is', 'named voters are')} not marked present.`);
  }
  if (totalVotes > 0 && totalVotes < presentCount) {
    incomplete.push(`${totalVotes} of ${presentCount} members present have voted; ${presentCount - totalVotes} still to vote.`);
  } else if (totalVotes > presentCount) {
    incomplete.push(
      `${totalVotes} votes but only ${presentCount} members present: someone may be counted twice (for example in a named vote and a show of hands).`,
    );
  }

  const noConsensus: string[] = [];
  if (blocking > 0) noConsensus.push(`${plural(blocking, 'vote blocks', 'votes block')} the proposal.`);
  if (stances.oppose > 0) noConsensus.push(`${plural(stances.oppose, 'vote does', 'votes do')} not support the proposal.`);
  if (stances.discuss > 0) noConsensus.push(`${plural(stances.discuss, 'vote asks', 'votes ask')} for more discussion or changes first.`);
  if (totalVotes > 0 && supporting === 0 && notSupporting === 0) noConsensus.push('Everyone stood aside: nobody supports the proposal.');
  if (needsConcernList.length > 0) {
    const people = needsConcernList.reduce((n, m) => n + (m.kind === 'tally' ? m.count : 1), 0);
    noConsensus.push(`${plural(people, 'vote', 'votes')} below the line ${people === 1 ? 'has' : 'have'} no concern recorded yet.`);
  }

  let outcome: ConsensusOutcome;
  if (!quorum.met) outcome = 'no-quorum';
  else if (incomplete.length > 0) outcome = 'incomplete';
  else if (notSupporting > 0 || supporting === 0) outcome = 'no-consensus';
  else outcome = 'consensus';

  const reasons = [...noQuorum, ...incomplete, ...noConsensus];
  if (outcome === 'consensus') {
    reasons.push(
      standingAside > 0
        ? `All ${totalVotes} votes support the proposal or stand aside (${standingAside} standing aside).`
        : `All ${totalVotes} votes support the proposal.`,
    );
  }

  return {
    breakdownBySide,
    stancesBySide,
    totalVotes,
    supporting,
    standingAside,
    notSupporting,
    blocking,
    needsConcern: needsConcernList,
    duplicateVoters,
    invalidValues,
    votersNotPresent,
    quorum,
    outcome,
    reasons,
  };
}

// Retests. A test that fails is not edited: the group hears the concerns, modifies the proposal
// and takes a new test that points at the one it modifies, so the record keeps every proposal.

export interface TestRecord {
  id: string;
  sessionId: string;
  number: number;
  proposal: string;
  modifiedFromTestId: string | null;
  outcome: string | null;
}

export interface NewTest {
  sessionId: string;
  number: number;
  proposal: string;
  modifiedFromTestId: string | null;
}

export type RetestProblemCode =
  | 'first-test-modifies'
  | 'retest-needs-source'
  | 'unknown-source'
  | 'other-session'
  | 'proposal-unchanged'
  | 'empty-proposal'
  | 'number-taken'
  | 'source-reached-consensus';

export interface RetestProblem {
  code: RetestProblemCode;
  message: string;
}

/** Proposal text compared for "was it modified": case, spacing and final punctuation do not count as a change. */
const comparable = (text: string) =>
  text
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[\s.!]+$/, '')
    .trim();

export function nextTestNumber(tests: ReadonlyArray<Pick<TestRecord, 'number'>>): number {
  return tests.reduce((max, t) => Math.max(max, t.number), 0) + 1;
}

/**
 * Problems with adding `next` to a session's tests (`existing` may contain other sessions' tests;
 * they are ignored). The first test stands alone; every later test must modify an earlier test of
 * the same session and carry the modified proposal, so an unchanged proposal is refused.
 */
export function checkNewTest(existing: readonly TestRecord[], next: NewTest): RetestProblem[] {
  const problems: RetestProblem[] = [];
  const session = existing.filter((t) => t.sessionId === next.sessionId);
  if (comparable(next.proposal).length === 0) {
    problems.push({ code: 'empty-proposal', message: 'A consensus test needs the proposal being tested.' });
  }
  if (session.some((t) => t.number === next.number)) {
    problems.push({ code: 'number-taken', message: `There is already a test number ${next.number}; use ${nextTestNumber(session)}.` });
  }
  if (session.length === 0) {
    if (next.modifiedFromTestId !== null) {
      problems.push({ code: 'first-test-modifies', message: 'The first test of a session does not modify an earlier one.' });
    }
    return problems;
  }
  if (next.modifiedFromTestId === null) {
    problems.push({
      code: 'retest-needs-source',
      message: 'A new test modifies an earlier one: say which test, and record the modified proposal.',
    });
    return problems;
  }
  const source = existing.find((t) => t.id === next.modifiedFromTestId);
  if (!source) {
    problems.push({ code: 'unknown-source', message: 'The test this one modifies could not be found.' });
    return problems;
  }
  if (source.sessionId !== next.sessionId) {
    problems.push({ code: 'other-session', message: 'A test can only modify a test of the same session.' });
    return problems;
  }
  if (source.outcome === 'consensus') {
    problems.push({ code: 'source-reached-consensus', message: `Test ${source.number} already reached consensus.` });
  }
  if (comparable(source.proposal) === comparable(next.proposal)) {
    problems.push({
      code: 'proposal-unchanged',
      message: `The proposal is the same as in test ${source.number}. Record the modified proposal the group will test.`,
    });
  }
  return problems;
}

/**
 * The fields of a retest of `fromTestId` with the modified proposal, or the problems that stop it.
 * It never touches the earlier test: every test is kept as it was.
 */
export function planRetest(
  existing: readonly TestRecord[],
  fromTestId: string,
  modifiedProposal: string,
): { ok: true; test: NewTest } | { ok: false; problems: RetestProblem[] } {
  const source = existing.find((t) => t.id === fromTestId);
  if (!source) return { ok: false, problems: [{ code: 'unknown-source', message: 'The test this one modifies could not be found.' }] };
  const test: NewTest = {
    sessionId: source.sessionId,
    number: nextTestNumber(existing.filter((t) => t.sessionId === source.sessionId)),
    proposal: modifiedProposal.trim(),
    modifiedFromTestId: source.id,
  };
  const problems = checkNewTest(existing, test);
  return problems.length === 0 ? { ok: true, test } : { ok: false, problems };
}

/**
 * A session's tests in order, with any numbers used twice. Two laptops offline can both add
 * "test 2"; both are kept (every test is), and the duplicates are reported so the recorder can
 * renumber one rather than lose it.
 */
export function testHistory<T extends TestRecord & { createdAt?: string }>(tests: readonly T[], sessionId: string): { tests: T[]; duplicateNumbers: number[] } {
  const own = tests
    .filter((t) => t.sessionId === sessionId)
    .sort((a, b) => a.number - b.number || (a.createdAt ?? '').localeCompare(b.createdAt ?? '') || a.id.localeCompare(b.id));
  const seen = new Map<number, number>();
  for (const t of own) seen.set(t.number, (seen.get(t.number) ?? 0) + 1);
  return { tests: own, duplicateNumbers: [...seen].filter(([, n]) => n > 1).map(([num]) => num) };
}

export interface SideShortfall {
  side: Side;
  /** Votes of that side that support the proposal. */
  support: number;
  /** Votes of that side that stand aside (gradients only): they do not stop the group. */
  standingAside: number;
  /** Every counted vote of that side. */
  voted: number;
}

/**
 * The sides that kept a test from consensus: each side with a vote that neither supports nor
 * stands aside. A partnership decision needs every side, so the room is told which side is short
 * and by how much ("Union: 0 of 2 at support"), not only that the test failed.
 */
export function sidesShortOfSupport(result: Pick<ConsensusTestResult, 'stancesBySide'>, sides: readonly Side[] = SIDES): SideShortfall[] {
  return sides.flatMap((side) => {
    const s = result.stancesBySide[side];
    const voted = s.support + s['stand-aside'] + s.discuss + s.oppose + s.block;
    const short = s.discuss + s.oppose + s.block;
    return short > 0 ? [{ side, support: s.support, standingAside: s['stand-aside'], voted }] : [];
  });
}

/** "Union: 0 of 2 at support" (with "1 standing aside" when someone stood aside). */
export function describeShortfall(s: SideShortfall, sideLabel: string): string {
  return `${sideLabel}: ${s.support} of ${s.voted} at support${s.standingAside ? `, ${s.standingAside} standing aside` : ''}`;
}

/**
 * Where the support line falls on a method's scale, in the order the values are shown: the
 * values above it support the proposal (or stand aside), the ones below need a concern heard.
 */
export function supportLineSplit(method: ConsensusMethod): { above: ConsensusValueMeta[]; below: ConsensusValueMeta[] } {
  const values = CONSENSUS_METHODS[method].values;
  return {
    above: values.filter((v) => v.stance === 'support' || v.stance === 'stand-aside'),
    below: values.filter((v) => v.stance !== 'support' && v.stance !== 'stand-aside'),
  };
}

/**
 * A keyboard shortcut for each value: the digit of an ordered scale (fist-to-five "0".."5",
 * gradients "1".."8") and U/S/D for thumbs (up, sideways, down).
 */
export function valueForKey(method: ConsensusMethod, key: string): number | undefined {
  const k = key.toLowerCase();
  if (method === 'thumbs') return ({ u: 2, s: 1, d: 0 } as Record<string, number>)[k];
  if (!/^\d$/.test(k)) return undefined;
  const value = Number(k);
  return CONSENSUS_METHODS[method].values.some((v) => v.value === value) ? value : undefined;
}

export const keyForValue = (method: ConsensusMethod, value: number): string =>
  method === 'thumbs' ? ({ 2: 'U', 1: 'S', 0: 'D' } as Record<number, string>)[value]! : String(value);
