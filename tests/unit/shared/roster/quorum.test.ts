import { describe, expect, it } from 'vitest';
import { evaluateQuorum } from '@shared/roster/quorum';
import type { Quorum, Side } from '@shared/model';

const people = (spec: Partial<Record<Side, number>>) =>
  (Object.entries(spec) as [Side, number][]).flatMap(([side, n]) => Array.from({ length: n }, () => ({ side })));

const majorityWithOneEach: Quorum = { percentOfMembers: 51, minPerSide: { management: 1, union: 1, physician: 0 } };

describe('evaluateQuorum', () => {
  it('is met with a majority present and each side represented', () => {
    const r = evaluateQuorum(majorityWithOneEach, { members: people({ management: 4, union: 6 }), present: people({ management: 2, union: 4 }) });
    expect(r.requiredTotal).toBe(6); // ceil(0.51 * 10)
    expect(r.met).toBe(true);
    expect(r.bySide.find((s) => s.side === 'union')).toMatchObject({ members: 6, present: 4, required: 1, met: true });
  });

  it('is not met when one side is absent even with a majority present, and says why', () => {
    const r = evaluateQuorum(majorityWithOneEach, { members: people({ management: 4, union: 6 }), present: people({ union: 6 }) });
    expect(r.totalMet).toBe(true);
    expect(r.met).toBe(false);
    expect(r.shortfalls).toEqual(['management: 0 present, 1 needed']);
  });

  it('is not met below the percentage', () => {
    const r = evaluateQuorum(majorityWithOneEach, { members: people({ management: 5, union: 5 }), present: people({ management: 1, union: 1 }) });
    expect(r.met).toBe(false);
    expect(r.shortfalls[0]).toBe('2 of 10 members present; 51% needs 6');
  });

  it('does not block on a side the body has no members of', () => {
    const q: Quorum = { percentOfMembers: 50, minPerSide: { management: 1, union: 1, physician: 1 } };
    const r = evaluateQuorum(q, { members: people({ management: 2, union: 2 }), present: people({ management: 1, union: 1 }) });
    expect(r.bySide.find((s) => s.side === 'physician')).toMatchObject({ required: 0, met: true });
    expect(r.met).toBe(true);
  });

  it('handles an empty body without dividing by zero', () => {
    const r = evaluateQuorum(majorityWithOneEach, { members: [], present: [] });
    expect(r).toMatchObject({ met: true, requiredTotal: 0, members: 0, present: 0 });
  });
});
