import { describe, expect, it } from 'vitest';
import {
  CONSENSUS_METHODS,
  checkNewTest,
  describeShortfall,
  evaluateConsensusTest,
  keyForValue,
  nextTestNumber,
  sidesShortOfSupport,
  supportLineSplit,
  valueForKey,
  planRetest,
  testHistory,
  valueMeta,
  valueNeedsConcern,
  valueSupports,
  type ConcernEntry,
  type ConsensusEvaluationInput,
  type NamedVote,
  type Tally,
  type TestRecord,
} from '@shared/ibps/consensus';
import { evaluateQuorum } from '@shared/roster/quorum';
import type { Quorum, Side } from '@shared/model';

const majorityWithOneEach: Quorum = { percentOfMembers: 51, minPerSide: { management: 1, union: 1, physician: 0 } };

/** Members with ids like "union-1", "management-2", so votes can name them. */
const people = (spec: Partial<Record<Side, number>>) =>
  (Object.entries(spec) as [Side, number][]).flatMap(([side, n]) => Array.from({ length: n }, (_, i) => ({ side, personId: `${side}-${i + 1}` })));

/** One named vote per present person, by id, from a list of values in the same order. */
const namedVotes = (present: ReadonlyArray<{ side: Side; personId: string }>, values: number[]): NamedVote[] =>
  present.map((p, i) => ({ personId: p.personId, side: p.side, value: values[i] as number }));

const team = people({ management: 4, union: 4 });

const run = (over: Partial<ConsensusEvaluationInput> & Pick<ConsensusEvaluationInput, 'method'>) =>
  evaluateConsensusTest({ members: team, present: team, quorum: majorityWithOneEach, ...over });

describe('consensus method metadata', () => {
  it('fist-to-five: 0 to 5, 3 and up support, anything below 3 needs a concern, a fist blocks', () => {
    const m = CONSENSUS_METHODS['fist-to-five'];
    expect(m.supportThreshold).toBe(3);
    expect(m.values.map((v) => v.value).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    for (const v of m.values) {
      expect(valueSupports('fist-to-five', v.value)).toBe(v.value >= 3);
      expect(valueNeedsConcern('fist-to-five', v.value)).toBe(v.value < 3);
    }
    expect(valueMeta('fist-to-five', 0)?.stance).toBe('block');
  });

  it('gradients of agreement: the eight points in order, with what supports, stands aside and blocks', () => {
    const m = CONSENSUS_METHODS['gradients-of-agreement'];
    expect([...m.values].sort((a, b) => a.value - b.value).map((v) => v.label)).toEqual([
      'Whole-hearted endorsement',
      'Agreement with a minor point of contention',
      'Support with reservations',
      'Abstain',
      'More discussion needed',
      "Don't like but will support",
      'Serious disagreement',
      'Veto / block',
    ]);
    expect(m.supportThreshold).toBeNull();
    const byStance = (stance: string) =>
      m.values
        .filter((v) => v.stance === stance)
        .map((v) => v.value)
        .sort();
    expect(byStance('support')).toEqual([1, 2, 3, 6]);
    expect(byStance('stand-aside')).toEqual([4]);
    expect(byStance('discuss')).toEqual([5]);
    expect(byStance('oppose')).toEqual([7]);
    expect(byStance('block')).toEqual([8]);
    expect(
      m.values
        .filter((v) => v.needsConcern)
        .map((v) => v.value)
        .sort(),
    ).toEqual([5, 7, 8]);
  });

  it('thumbs: up and sideways support, down does not and needs a concern', () => {
    expect(CONSENSUS_METHODS.thumbs.values.map((v) => [v.label, v.stance, v.needsConcern])).toEqual([
      ['Thumbs up', 'support', false],
      ['Thumbs sideways', 'support', false],
      ['Thumbs down', 'oppose', true],
    ]);
    expect(CONSENSUS_METHODS.thumbs.supportThreshold).toBe(1);
  });

  it('knows no value off the scale', () => {
    expect(valueMeta('fist-to-five', 6)).toBeUndefined();
    expect(valueMeta('gradients-of-agreement', 0)).toBeUndefined();
    expect(valueSupports('thumbs', 3)).toBe(false);
  });
});

describe('evaluateConsensusTest: fist-to-five', () => {
  it('reaches consensus when every vote is 3 or more, with a breakdown by side', () => {
    const r = run({ method: 'fist-to-five', votes: namedVotes(team, [5, 4, 3, 3, 5, 5, 4, 3]) });
    expect(r.outcome).toBe('consensus');
    expect(r).toMatchObject({ totalVotes: 8, supporting: 8, notSupporting: 0, blocking: 0, needsConcern: [] });
    expect(r.breakdownBySide.management).toEqual({ 0: 0, 1: 0, 2: 0, 3: 2, 4: 1, 5: 1 });
    expect(r.breakdownBySide.union).toEqual({ 0: 0, 1: 0, 2: 0, 3: 1, 4: 1, 5: 2 });
    expect(r.breakdownBySide.physician).toEqual({ 0: 0, 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 });
    expect(r.stancesBySide.union.support).toBe(4);
    expect(r.reasons).toEqual(['All 8 votes support the proposal.']);
  });

  it('has no consensus when one person shows 2, even with the concern stated', () => {
    const votes = namedVotes(team, [5, 4, 3, 3, 5, 5, 4, 2]);
    const concerns: ConcernEntry[] = [{ personId: 'union-4', side: 'union', text: 'Night shift was not asked' }];
    const r = run({ method: 'fist-to-five', votes, concerns });
    expect(r.outcome).toBe('no-consensus');
    expect(r).toMatchObject({ supporting: 7, notSupporting: 1, blocking: 0, needsConcern: [] });
    expect(r.reasons).toEqual(['1 vote asks for more discussion or changes first.']);
  });

  it('lists votes below 3 that have no concern yet, without changing the outcome', () => {
    const votes = namedVotes(team, [5, 4, 3, 1, 5, 5, 4, 2]);
    const concerns: ConcernEntry[] = [{ personId: 'union-4', side: 'union', text: 'Night shift was not asked' }];
    const r = run({ method: 'fist-to-five', votes, concerns });
    expect(r.outcome).toBe('no-consensus');
    expect(r.needsConcern).toEqual([{ kind: 'vote', personId: 'management-4', side: 'management', value: 1 }]);
    expect(r.reasons).toContain('1 vote below the line has no concern recorded yet.');
  });

  it('does not accept a blank concern as a stated one', () => {
    const votes = namedVotes(team, [5, 4, 3, 3, 5, 5, 4, 2]);
    const r = run({ method: 'fist-to-five', votes, concerns: [{ personId: 'union-4', side: 'union', text: '   ' }] });
    expect(r.needsConcern).toHaveLength(1);
  });

  it('counts a fist as a block', () => {
    const votes = namedVotes(team, [5, 4, 3, 3, 5, 5, 4, 0]);
    const r = run({ method: 'fist-to-five', votes, concerns: [{ personId: 'union-4', side: 'union', text: 'Unsafe' }] });
    expect(r).toMatchObject({ outcome: 'no-consensus', blocking: 1, notSupporting: 1 });
    expect(r.reasons[0]).toBe('1 vote blocks the proposal.');
  });

  it('has no quorum when a side is missing, however the votes go', () => {
    const members = people({ management: 4, union: 6 });
    const present = people({ union: 6 });
    const r = run({ method: 'fist-to-five', members, present, votes: namedVotes(present, [5, 5, 5, 5, 5, 5]) });
    expect(r.outcome).toBe('no-quorum');
    expect(r.supporting).toBe(6);
    expect(r.quorum).toEqual(evaluateQuorum(majorityWithOneEach, { members, present }));
    expect(r.reasons).toEqual(['No consensus quorum: management: 0 present, 1 needed.']);
  });

  it('has no quorum below the charter percentage', () => {
    const present = people({ management: 2, union: 2 });
    const r = run({ method: 'fist-to-five', present, votes: namedVotes(present, [5, 5, 5, 5]) });
    expect(r.outcome).toBe('no-quorum');
    expect(r.quorum.requiredTotal).toBe(5);
  });

  it('uses the consensus quorum it is given, not a default', () => {
    const present = people({ management: 2, union: 2 });
    const loose: Quorum = { percentOfMembers: 50, minPerSide: { management: 1, union: 1, physician: 0 } };
    const r = run({ method: 'fist-to-five', quorum: loose, present, votes: namedVotes(present, [5, 5, 5, 5]) });
    expect(r.outcome).toBe('consensus');
  });

  it('is incomplete until everyone present has voted', () => {
    const r = run({ method: 'fist-to-five', votes: namedVotes(team.slice(0, 6), [5, 5, 5, 5, 5, 5]) });
    expect(r.outcome).toBe('incomplete');
    expect(r.reasons).toContain('6 of 8 members present have voted; 2 still to vote.');
  });

  it('is incomplete with no votes at all', () => {
    const r = run({ method: 'fist-to-five' });
    expect(r).toMatchObject({ outcome: 'incomplete', totalVotes: 0 });
    expect(r.reasons).toEqual(['No votes recorded yet.']);
  });

  it('reports a person who voted twice and does not decide on that count', () => {
    const votes = [...namedVotes(team.slice(0, 7), [5, 5, 5, 5, 5, 5, 5]), { personId: 'union-3', side: 'union' as const, value: 4 }];
    const r = run({ method: 'fist-to-five', votes });
    expect(r.duplicateVoters).toEqual([{ personId: 'union-3', count: 2 }]);
    expect(r.outcome).toBe('incomplete');
    expect(r.reasons).toContain('The same person voted 2 times; keep one vote per person.');
  });

  it('reports a value off the scale and leaves it out of the counts', () => {
    const votes = namedVotes(team, [5, 4, 3, 3, 5, 5, 4, 6]);
    const r = run({ method: 'fist-to-five', votes: votes.map((v, i) => ({ ...v, id: `v${i}` })) });
    expect(r.invalidValues).toEqual([{ kind: 'vote', id: 'v7', side: 'union', value: 6 }]);
    expect(r.totalVotes).toBe(7);
    expect(r.outcome).toBe('incomplete');
  });

  it('reports named voters who are not marked present', () => {
    const present = team.slice(0, 7);
    const r = run({ method: 'fist-to-five', present, votes: namedVotes(team, [5, 5, 5, 5, 5, 5, 5, 5]) });
    expect(r.votersNotPresent).toEqual(['union-4']);
    expect(r.outcome).toBe('incomplete');
  });

  it('skips the presence check when attendance carries no ids', () => {
    const present = team.map(({ side }) => ({ side }));
    const r = run({ method: 'fist-to-five', present, votes: namedVotes(team, [5, 5, 5, 5, 5, 5, 5, 5]) });
    expect(r.votersNotPresent).toEqual([]);
    expect(r.outcome).toBe('consensus');
  });

  it('puts no-quorum before incomplete and incomplete before no-consensus, keeping every reason', () => {
    const members = people({ management: 4, union: 6 });
    const present = people({ union: 6 });
    const r = run({ method: 'fist-to-five', members, present, votes: namedVotes(present.slice(0, 3), [0, 5, 5]) });
    expect(r.outcome).toBe('no-quorum');
    expect(r.reasons).toEqual([
      'No consensus quorum: management: 0 present, 1 needed.',
      '3 of 6 members present have voted; 3 still to vote.',
      '1 vote blocks the proposal.',
      '1 vote below the line has no concern recorded yet.',
    ]);
  });
});

describe('evaluateConsensusTest: gradients of agreement', () => {
  it('reaches consensus with endorsements, reservations and "don\'t like but will support"', () => {
    const r = run({ method: 'gradients-of-agreement', votes: namedVotes(team, [1, 2, 3, 6, 1, 1, 2, 6]) });
    expect(r).toMatchObject({ outcome: 'consensus', supporting: 8 });
  });

  it('lets an abstention stand aside without stopping the group', () => {
    const r = run({ method: 'gradients-of-agreement', votes: namedVotes(team, [1, 2, 3, 4, 1, 1, 4, 6]) });
    expect(r).toMatchObject({ outcome: 'consensus', supporting: 6, standingAside: 2, notSupporting: 0 });
    expect(r.reasons).toEqual(['All 8 votes support the proposal or stand aside (2 standing aside).']);
  });

  it('has no consensus when everyone stands aside', () => {
    const r = run({ method: 'gradients-of-agreement', votes: namedVotes(team, [4, 4, 4, 4, 4, 4, 4, 4]) });
    expect(r.outcome).toBe('no-consensus');
    expect(r.reasons).toEqual(['Everyone stood aside: nobody supports the proposal.']);
  });

  it('treats "more discussion needed" as no consensus yet, and asks what needs discussing', () => {
    const r = run({ method: 'gradients-of-agreement', votes: namedVotes(team, [1, 1, 1, 1, 1, 1, 1, 5]) });
    expect(r).toMatchObject({ outcome: 'no-consensus', notSupporting: 1, blocking: 0 });
    expect(r.needsConcern).toEqual([{ kind: 'vote', personId: 'union-4', side: 'union', value: 5 }]);
  });

  it('treats serious disagreement as not supporting, but not as a block', () => {
    const r = run({ method: 'gradients-of-agreement', votes: namedVotes(team, [1, 1, 1, 1, 1, 1, 1, 7]) });
    expect(r).toMatchObject({ outcome: 'no-consensus', notSupporting: 1, blocking: 0 });
    expect(r.reasons[0]).toBe('1 vote does not support the proposal.');
  });

  it('counts a veto as a block', () => {
    const r = run({ method: 'gradients-of-agreement', votes: namedVotes(team, [1, 1, 8, 1, 1, 1, 1, 8]) });
    expect(r).toMatchObject({ outcome: 'no-consensus', blocking: 2, notSupporting: 2 });
    expect(r.stancesBySide.management.block).toBe(1);
    expect(r.stancesBySide.union.block).toBe(1);
  });

  it('does not accept 0 on the gradients scale', () => {
    const r = run({ method: 'gradients-of-agreement', votes: namedVotes(team, [1, 1, 1, 1, 1, 1, 1, 0]) });
    expect(r.outcome).toBe('incomplete');
    expect(r.invalidValues).toHaveLength(1);
  });
});

describe('evaluateConsensusTest: thumbs', () => {
  it('counts sideways as support', () => {
    const r = run({ method: 'thumbs', votes: namedVotes(team, [2, 2, 1, 1, 2, 1, 2, 2]) });
    expect(r).toMatchObject({ outcome: 'consensus', supporting: 8 });
    expect(r.breakdownBySide.management).toEqual({ 0: 0, 1: 2, 2: 2 });
  });

  it('has no consensus with a thumb down, which needs a concern', () => {
    const r = run({ method: 'thumbs', votes: namedVotes(team, [2, 2, 1, 1, 2, 1, 2, 0]) });
    expect(r).toMatchObject({ outcome: 'no-consensus', notSupporting: 1, blocking: 0 });
    expect(r.needsConcern).toHaveLength(1);
  });
});

describe('evaluateConsensusTest: shows of hands', () => {
  const tally = (side: Side, value: number, count: number, id?: string): Tally => ({ side, value, count, ...(id ? { id } : {}) });

  it('decides on tallies alone and adds up rows for the same side and value', () => {
    const tallies = [tally('management', 4, 3), tally('management', 5, 1), tally('union', 3, 2), tally('union', 3, 2)];
    const r = run({ method: 'fist-to-five', tallies });
    expect(r).toMatchObject({ outcome: 'consensus', totalVotes: 8 });
    expect(r.breakdownBySide.union[3]).toBe(4);
    expect(r.breakdownBySide.management).toMatchObject({ 4: 3, 5: 1 });
  });

  it('ignores tallies of zero', () => {
    const r = run({ method: 'thumbs', tallies: [tally('management', 2, 4), tally('union', 2, 4), tally('union', 0, 0)] });
    expect(r.outcome).toBe('consensus');
    expect(r.needsConcern).toEqual([]);
  });

  it('combines named votes (for instance the co-leads) with a show of hands for the rest', () => {
    const coLeads = [
      { personId: 'management-1', side: 'management' as const, value: 4 },
      { personId: 'union-1', side: 'union' as const, value: 5 },
    ];
    const r = run({ method: 'fist-to-five', votes: coLeads, tallies: [tally('management', 3, 3), tally('union', 4, 3)] });
    expect(r).toMatchObject({ outcome: 'consensus', totalVotes: 8 });
    expect(r.breakdownBySide.union).toMatchObject({ 4: 3, 5: 1 });
  });

  it('flags someone counted in both a named vote and the show of hands', () => {
    const coLead = [{ personId: 'union-1', side: 'union' as const, value: 5 }];
    const r = run({ method: 'fist-to-five', votes: coLead, tallies: [tally('management', 3, 4), tally('union', 4, 4)] });
    expect(r.totalVotes).toBe(9);
    expect(r.outcome).toBe('incomplete');
    expect(r.reasons[0]).toMatch(/^9 votes but only 8 members present: someone may be counted twice/);
  });

  it('needs a concern from the side whose hands went below the line', () => {
    const tallies = [tally('management', 4, 4), tally('union', 4, 2), tally('union', 1, 2, 't-low')];
    const without = run({ method: 'fist-to-five', tallies });
    expect(without.outcome).toBe('no-consensus');
    expect(without.needsConcern).toEqual([{ kind: 'tally', tallyId: 't-low', side: 'union', value: 1, count: 2 }]);
    expect(without.reasons).toContain('2 votes below the line have no concern recorded yet.');

    const otherSide = run({ method: 'fist-to-five', tallies, concerns: [{ personId: null, side: 'management', text: 'Cost' }] });
    expect(otherSide.needsConcern).toHaveLength(1);

    const answered = run({ method: 'fist-to-five', tallies, concerns: [{ personId: null, side: 'union', text: 'Weekend coverage' }] });
    expect(answered.needsConcern).toEqual([]);
    expect(answered.outcome).toBe('no-consensus');
  });

  it("does not let a named voter's own concern answer for the show of hands", () => {
    const votes = [{ personId: 'union-1', side: 'union' as const, value: 2 }];
    const tallies = [tally('management', 4, 4), tally('union', 4, 1), tally('union', 1, 2)];
    const concerns: ConcernEntry[] = [{ personId: 'union-1', side: 'union', text: 'Training time' }];
    const r = run({ method: 'fist-to-five', votes, tallies, concerns });
    expect(r.needsConcern).toEqual([{ kind: 'tally', side: 'union', value: 1, count: 2 }]);
  });

  it('matches an unnamed vote to a concern from its side', () => {
    const votes: NamedVote[] = [{ personId: null, side: 'management', value: 0 }];
    const tallies = [tally('management', 5, 3), tally('union', 5, 4)];
    const r = run({ method: 'fist-to-five', votes, tallies, concerns: [{ personId: null, side: 'management', text: 'Budget' }] });
    expect(r).toMatchObject({ outcome: 'no-consensus', blocking: 1, needsConcern: [] });
  });

  it('reports a tally value off the scale', () => {
    const r = run({ method: 'thumbs', tallies: [tally('management', 2, 4), tally('union', 5, 4, 'bad')] });
    expect(r.invalidValues).toEqual([{ kind: 'tally', id: 'bad', side: 'union', value: 5 }]);
    expect(r.outcome).toBe('incomplete');
  });

  it('counts physicians as their own side', () => {
    const members = people({ management: 2, union: 2, physician: 2 });
    const q: Quorum = { percentOfMembers: 51, minPerSide: { management: 1, union: 1, physician: 1 } };
    const tallies = [tally('management', 2, 2), tally('union', 2, 2), tally('physician', 2, 1), tally('physician', 1, 1)];
    const r = evaluateConsensusTest({ method: 'thumbs', members, present: members, quorum: q, tallies });
    expect(r.outcome).toBe('consensus');
    expect(r.breakdownBySide.physician).toEqual({ 0: 0, 1: 1, 2: 1 });
  });
});

describe('retests', () => {
  const S = 'session-1';
  const t1: TestRecord = { id: 't1', sessionId: S, number: 1, proposal: 'Rotate weekend call monthly.', modifiedFromTestId: null, outcome: 'no-consensus' };

  it('accepts a first test that modifies nothing and numbers the next one', () => {
    expect(checkNewTest([], { sessionId: S, number: 1, proposal: t1.proposal, modifiedFromTestId: null })).toEqual([]);
    expect(nextTestNumber([])).toBe(1);
    expect(nextTestNumber([t1, { ...t1, id: 't3', number: 3 }])).toBe(4);
  });

  it('refuses a first test that claims to modify another', () => {
    const p = checkNewTest([], { sessionId: S, number: 1, proposal: 'x', modifiedFromTestId: 't0' });
    expect(p.map((x) => x.code)).toEqual(['first-test-modifies']);
  });

  it('requires a retest to say which test it modifies', () => {
    const p = checkNewTest([t1], { sessionId: S, number: 2, proposal: 'Rotate weekend call every six weeks.', modifiedFromTestId: null });
    expect(p.map((x) => x.code)).toEqual(['retest-needs-source']);
  });

  it('requires the modified proposal, not the same one again', () => {
    const same = checkNewTest([t1], { sessionId: S, number: 2, proposal: '  rotate weekend   call monthly ', modifiedFromTestId: 't1' });
    expect(same.map((x) => x.code)).toEqual(['proposal-unchanged']);
    expect(same[0]?.message).toContain('test 1');
    const changed = checkNewTest([t1], { sessionId: S, number: 2, proposal: 'Rotate weekend call every six weeks.', modifiedFromTestId: 't1' });
    expect(changed).toEqual([]);
  });

  it('refuses a number already used, an unknown test and another session\u2019s test', () => {
    const other: TestRecord = { ...t1, id: 'o1', sessionId: 'session-2' };
    expect(checkNewTest([t1], { sessionId: S, number: 1, proposal: 'New wording', modifiedFromTestId: 't1' }).map((x) => x.code)).toEqual(['number-taken']);
    expect(checkNewTest([t1], { sessionId: S, number: 2, proposal: 'New wording', modifiedFromTestId: 'nope' }).map((x) => x.code)).toEqual(['unknown-source']);
    expect(checkNewTest([t1, other], { sessionId: S, number: 2, proposal: 'New wording', modifiedFromTestId: 'o1' }).map((x) => x.code)).toEqual([
      'other-session',
    ]);
  });

  it('refuses an empty proposal and flags retesting a proposal that already reached consensus', () => {
    expect(checkNewTest([], { sessionId: S, number: 1, proposal: '  ', modifiedFromTestId: null }).map((x) => x.code)).toEqual(['empty-proposal']);
    const agreed = { ...t1, outcome: 'consensus' };
    expect(checkNewTest([agreed], { sessionId: S, number: 2, proposal: 'Another idea', modifiedFromTestId: 't1' }).map((x) => x.code)).toEqual([
      'source-reached-consensus',
    ]);
  });

  it('plans a retest as a new test and leaves the earlier tests untouched', () => {
    const existing = Object.freeze([Object.freeze({ ...t1 }), Object.freeze({ ...t1, id: 'x1', sessionId: 'session-2', number: 7 })]);
    const r = planRetest(existing, 't1', '  Rotate weekend call every six weeks, with swaps allowed. ');
    expect(r).toEqual({
      ok: true,
      test: { sessionId: S, number: 2, proposal: 'Rotate weekend call every six weeks, with swaps allowed.', modifiedFromTestId: 't1' },
    });
    expect(existing[0]).toEqual(t1);
  });

  it('does not plan a retest with the same proposal or from an unknown test', () => {
    const same = planRetest([t1], 't1', 'Rotate weekend call monthly');
    expect(same.ok).toBe(false);
    expect(same.ok === false && same.problems.map((p) => p.code)).toEqual(['proposal-unchanged']);
    expect(planRetest([t1], 'nope', 'x')).toMatchObject({ ok: false, problems: [{ code: 'unknown-source' }] });
  });

  it('keeps every test in order and reports numbers taken twice by two laptops offline', () => {
    const t2a = { ...t1, id: 't2a', number: 2, modifiedFromTestId: 't1', createdAt: '2026-03-01T10:10:00.000Z' };
    const t2b = { ...t1, id: 't2b', number: 2, modifiedFromTestId: 't1', createdAt: '2026-03-01T10:09:00.000Z' };
    const other = { ...t1, id: 'o1', sessionId: 'session-2' };
    const h = testHistory([t2a, other, t2b, { ...t1, createdAt: '2026-03-01T10:00:00.000Z' }], S);
    expect(h.tests.map((t) => t.id)).toEqual(['t1', 't2b', 't2a']);
    expect(h.duplicateNumbers).toEqual([2]);
  });
});

describe('which side is short of consensus', () => {
  it('names each side with a vote below the line, as "Union: 0 of 2 at support"', () => {
    const present = people({ management: 2, union: 2 });
    const result = evaluateConsensusTest({
      method: 'fist-to-five',
      members: present,
      present,
      quorum: majorityWithOneEach,
      votes: namedVotes(present, [4, 3, 2, 1]),
    });
    const short = sidesShortOfSupport(result, ['management', 'union']);
    expect(short).toEqual([{ side: 'union', support: 0, standingAside: 0, voted: 2 }]);
    expect(describeShortfall(short[0]!, 'Union')).toBe('Union: 0 of 2 at support');
  });

  it('counts stand-asides apart: they do not stop the group', () => {
    const present = people({ management: 2, union: 2 });
    // Gradients: 4 abstains (stands aside), 7 is serious disagreement.
    const result = evaluateConsensusTest({
      method: 'gradients-of-agreement',
      members: present,
      present,
      quorum: majorityWithOneEach,
      votes: namedVotes(present, [1, 4, 7, 2]),
      concerns: [{ personId: 'union-1', side: 'union', text: 'The late wave is too late' }],
    });
    expect(sidesShortOfSupport(result).map((s) => describeShortfall(s, s.side))).toEqual(['union: 1 of 2 at support']);
    const aside = evaluateConsensusTest({
      method: 'gradients-of-agreement',
      members: present,
      present,
      quorum: majorityWithOneEach,
      votes: namedVotes(present, [4, 7, 1, 1]),
      concerns: [{ personId: 'management-2', side: 'management', text: 'Cost' }],
    });
    expect(describeShortfall(sidesShortOfSupport(aside)[0]!, 'Management')).toBe('Management: 0 of 2 at support, 1 standing aside');
  });

  it('names no side when everyone supports', () => {
    const present = people({ management: 2, union: 2 });
    const result = evaluateConsensusTest({
      method: 'thumbs',
      members: present,
      present,
      quorum: majorityWithOneEach,
      votes: namedVotes(present, [2, 1, 2, 2]),
    });
    expect(sidesShortOfSupport(result)).toEqual([]);
  });
});

describe('the support line and vote keys', () => {
  it('splits each scale at the support line, support first', () => {
    expect(supportLineSplit('fist-to-five').above.map((v) => v.value)).toEqual([5, 4, 3]);
    expect(supportLineSplit('fist-to-five').below.map((v) => v.value)).toEqual([2, 1, 0]);
    // Gradients are not ordered by support: 6 ("don't like but will support") is above the line, 5 below.
    expect(supportLineSplit('gradients-of-agreement').above.map((v) => v.value)).toEqual([1, 2, 3, 4, 6]);
    expect(supportLineSplit('gradients-of-agreement').below.map((v) => v.value)).toEqual([5, 7, 8]);
    expect(supportLineSplit('thumbs').below.map((v) => v.label)).toEqual(['Thumbs down']);
  });

  it('maps keys to votes on each scale, and nothing else', () => {
    expect(valueForKey('fist-to-five', '0')).toBe(0);
    expect(valueForKey('fist-to-five', '5')).toBe(5);
    expect(valueForKey('fist-to-five', '6')).toBeUndefined();
    expect(valueForKey('gradients-of-agreement', '8')).toBe(8);
    expect(valueForKey('gradients-of-agreement', '0')).toBeUndefined();
    expect(valueForKey('thumbs', 'U')).toBe(2);
    expect(valueForKey('thumbs', 's')).toBe(1);
    expect(valueForKey('thumbs', 'd')).toBe(0);
    expect(valueForKey('thumbs', '2')).toBeUndefined();
    expect(valueForKey('fist-to-five', 'Enter')).toBeUndefined();
    expect(CONSENSUS_METHODS.thumbs.values.map((v) => keyForValue('thumbs', v.value))).toEqual(['U', 'S', 'D']);
    expect(keyForValue('fist-to-five', 3)).toBe('3');
  });
});
