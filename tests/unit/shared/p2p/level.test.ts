import { describe, expect, it } from 'vitest';
import { P2P_DIMENSIONS, P2P_LEVELS } from '@shared/model/p2p';
import { CRITERIA, CRITERIA_EDITION, criteriaAt, criterionById } from '@shared/p2p/criteria';
import { assessLevel, isHighPerforming } from '@shared/p2p/level';

/** Every criterion of levels 1..n in every dimension. */
const upTo = (n: number) => CRITERIA.filter((c) => c.level <= n).map((c) => c.id);

describe('Path to Performance criteria', () => {
  it('has at least one criterion for every level of all seven dimensions, with unique ids', () => {
    expect(P2P_DIMENSIONS).toHaveLength(7);
    for (const d of P2P_DIMENSIONS) for (const l of P2P_LEVELS) expect(criteriaAt(d, l).length, `${d} level ${l}`).toBeGreaterThan(0);
    expect(new Set(CRITERIA.map((c) => c.id)).size).toBe(CRITERIA.length);
    expect(CRITERIA_EDITION).toBe(1);
  });

  it('carries the toolkit structure DOMAIN.md names for use of tools: 2 cycles at level 3, 3+ documented every 90 days at level 4', () => {
    expect(criterionById('use-of-tools.3.two-cycles')?.text).toMatch(/two test/);
    expect(criteriaAt('use-of-tools', 4).map((c) => c.id)).toEqual(['use-of-tools.4.three-cycles', 'use-of-tools.4.documented']);
    expect(criterionById('goals-performance.5.all-four')?.evidence).toContain('value-compass');
  });
});

describe('the level rule', () => {
  it('reaches a level only when every criterion of it, in all seven dimensions, holds', () => {
    expect(assessLevel([]).level).toBe(0);
    expect(assessLevel(upTo(1)).level).toBe(1);
    expect(assessLevel(upTo(3)).level).toBe(3);
    expect(assessLevel(upTo(5)).level).toBe(5);
    // One level-4 criterion missing in one dimension keeps the whole team at 3.
    const result = assessLevel(upTo(4).filter((id) => id !== 'use-of-tools.4.documented'));
    expect(result.level).toBe(3);
    expect(result.holdingBack.map((c) => c.id)).toEqual(['use-of-tools.4.documented']);
    expect(result.dimensions.find((d) => d.dimension === 'use-of-tools')).toMatchObject({ level: 3 });
    expect(result.dimensions.find((d) => d.dimension === 'leadership')).toMatchObject({ level: 4 });
  });

  it('is a ladder: work above a gap does not count until the gap is closed', () => {
    // Everything but one level-2 sponsorship criterion, including all of levels 3-5.
    const result = assessLevel(CRITERIA.map((c) => c.id).filter((id) => id !== 'sponsorship.2.charter'));
    expect(result.level).toBe(1);
    expect(result.holdingBack.map((c) => c.id)).toEqual(['sponsorship.2.charter']);
    const sponsorship = result.dimensions.find((d) => d.dimension === 'sponsorship')!;
    expect(sponsorship.level).toBe(1);
    expect(sponsorship.nextUnmet.map((c) => c.id)).toEqual(['sponsorship.2.charter']);
    expect(sponsorship.metAbove.map((c) => c.level)).toEqual([2, 3, 4, 5]);
  });

  it('lists what holds the team back across dimensions, in dimension order, and nothing at level 5', () => {
    const result = assessLevel(upTo(2));
    expect(result.level).toBe(2);
    expect(result.holdingBack.map((c) => c.dimension)).toEqual([...P2P_DIMENSIONS]);
    expect(assessLevel(upTo(5)).holdingBack).toEqual([]);
    // Unknown ids (a criterion from a newer app) are ignored, not counted.
    expect(assessLevel(['sponsorship.9.future', ...upTo(1)]).level).toBe(1);
  });

  it('counts levels 4 and 5 as high performing', () => {
    expect([0, 1, 2, 3, 4, 5, null].map(isHighPerforming)).toEqual([false, false, false, false, true, true, false]);
  });
});
