import { describe, expect, it } from 'vitest';
import {
  buildCoverage,
  buildEvaluationMatrix,
  canEvaluateOptions,
  isSharedInterest,
  latestByKey,
  resolveMerges,
  sidesOf,
  standingOptions,
  suggestCoverage,
} from '@shared/ibps/matrix';
import type { Side } from '@shared/model';
import type { EvaluationRating } from '@shared/model/ibps';

const T0 = '2026-03-01T10:00:00.000Z';
const T1 = '2026-03-01T10:05:00.000Z';

const option = (id: string, position: number, mergedIntoId: string | null = null) => ({ id, position, mergedIntoId, updatedAt: T0 });

describe('resolveMerges and standingOptions', () => {
  it('follows merge chains to the option that stands', () => {
    const r = resolveMerges([option('a', 1, 'b'), option('b', 2, 'c'), option('c', 3), option('d', 4)]);
    expect(Object.fromEntries(r)).toEqual({ a: 'c', b: 'c', c: 'c', d: 'd' });
  });

  it('keeps the lowest id of a cycle made by two laptops merging each way, whatever the row order', () => {
    const rows = [option('b', 2, 'a'), option('a', 1, 'b'), option('x', 3, 'b')];
    expect(Object.fromEntries(resolveMerges(rows))).toEqual({ a: 'a', b: 'a', x: 'a' });
    expect(Object.fromEntries(resolveMerges([...rows].reverse()))).toEqual({ a: 'a', b: 'a', x: 'a' });
  });

  it('ignores a merge into an option it does not have yet', () => {
    expect(resolveMerges([option('a', 1, 'ghost')]).get('a')).toBe('a');
  });

  it('lists standing options in board order', () => {
    const s = standingOptions([option('c', 3), option('a', 1, 'c'), option('b', 0.5)]);
    expect(s.map((o) => o.id)).toEqual(['b', 'c']);
  });
});

describe('latestByKey', () => {
  it('keeps the most recently updated row per key, ties to the higher id', () => {
    const rows = [
      { id: '1', updatedAt: T1, k: 'x', v: 'new' },
      { id: '2', updatedAt: T0, k: 'x', v: 'old' },
      { id: '3', updatedAt: T0, k: 'y', v: 'first' },
      { id: '4', updatedAt: T0, k: 'y', v: 'tie' },
    ];
    const m = latestByKey(rows, (r) => r.k);
    expect(m.get('x')?.v).toBe('new');
    expect(m.get('y')?.v).toBe('tie');
  });
});

describe('canEvaluateOptions', () => {
  it('waits for agreed criteria unless a reason to go ahead is recorded', () => {
    expect(canEvaluateOptions({ criteriaAgreedAt: null, criteriaOverrideReason: '' })).toBe(false);
    expect(canEvaluateOptions({ criteriaAgreedAt: null, criteriaOverrideReason: '   ' })).toBe(false);
    expect(canEvaluateOptions({ criteriaAgreedAt: null, criteriaOverrideReason: 'Out of time; criteria next meeting' })).toBe(true);
    expect(canEvaluateOptions({ criteriaAgreedAt: T0, criteriaOverrideReason: '' })).toBe(true);
  });
});

describe('buildEvaluationMatrix', () => {
  const rate = (id: string, optionId: string, criterionId: string, rating: EvaluationRating, updatedAt = T0) => ({
    id,
    optionId,
    criterionId,
    rating,
    note: '',
    updatedAt,
  });

  it('shows standing options by criteria, the latest rating per cell, and counts per option', () => {
    const m = buildEvaluationMatrix({
      options: [option('o2', 2), option('o1', 1), option('dup', 3, 'o1')],
      criteria: [
        { id: 'cost', position: 2 },
        { id: 'legal', position: 1 },
      ],
      evaluations: [
        rate('e1', 'o1', 'legal', 'partly', T0),
        rate('e2', 'o1', 'legal', 'meets', T1),
        rate('e3', 'o1', 'cost', 'does-not'),
        rate('e4', 'dup', 'cost', 'meets'),
      ],
    });
    expect(m.criteria.map((c) => c.id)).toEqual(['legal', 'cost']);
    expect(m.rows.map((r) => r.option.id)).toEqual(['o1', 'o2']);
    expect(m.rows[0]?.cells.map((c) => c.rating)).toEqual(['meets', 'does-not']);
    expect(m.rows[0]?.counts).toEqual({ meets: 1, partly: 0, 'does-not': 1, unrated: 0 });
    expect(m.rows[1]?.counts).toEqual({ meets: 0, partly: 0, 'does-not': 0, unrated: 2 });
  });
});

describe('shared interests and coverage', () => {
  const interest = (id: string, position: number, sides: Side[], isPosition = false) => ({ id, position, sides, isPosition });

  it('counts as shared only an interest every side of the body holds', () => {
    const twoSided = sidesOf([{ side: 'union' }, { side: 'management' }, { side: 'union' }]);
    expect(twoSided).toEqual(['management', 'union']);
    expect(isSharedInterest({ sides: ['union', 'management'] }, twoSided)).toBe(true);
    expect(isSharedInterest({ sides: ['union', 'management'] }, ['management', 'union', 'physician'])).toBe(false);
    expect(isSharedInterest({ sides: [] }, [])).toBe(false);
  });

  it('shows which interests each standing option covers, leaving out unconverted positions', () => {
    const c = buildCoverage({
      options: [option('o1', 1), option('o2', 2)],
      interests: [
        interest('safe', 1, ['union', 'management']),
        interest('cost', 2, ['management']),
        interest('pos', 3, ['union'], true),
        interest('rest', 4, ['union']),
      ],
      coverage: [
        { id: 'c1', optionId: 'o1', interestId: 'safe', covered: true, updatedAt: T0 },
        { id: 'c2', optionId: 'o1', interestId: 'rest', covered: true, updatedAt: T0 },
        { id: 'c3', optionId: 'o1', interestId: 'rest', covered: false, updatedAt: T1 },
        { id: 'c4', optionId: 'o2', interestId: 'cost', covered: true, updatedAt: T0 },
        { id: 'c5', optionId: 'o2', interestId: 'pos', covered: true, updatedAt: T0 },
      ],
      bodySides: ['management', 'union'],
    });
    expect(c.interests.map((i) => i.id)).toEqual(['safe', 'cost', 'rest']);
    expect(c.sharedInterestIds).toEqual(['safe']);
    expect(c.rows[0]).toMatchObject({ coveredInterestIds: ['safe'], coveredShared: 1, coveredBySide: { management: 1, union: 1, physician: 0 } });
    expect(c.rows[1]).toMatchObject({ coveredInterestIds: ['cost'], coveredShared: 0 });
  });
});

describe('suggestCoverage: what the evaluation matrix already says about interests', () => {
  const criteria = [
    { id: 'c-budget', text: 'Within the current budget', position: 1 },
    { id: 'c-lunch', text: 'Every tech gets an uninterrupted lunch', position: 2 },
  ];
  const interests = [
    { id: 'i-lunch', text: 'Staff get an uninterrupted 30-minute lunch', isPosition: false },
    { id: 'i-wait', text: 'Patients are served without long waits', isPosition: false },
    { id: 'i-hire', text: 'Hire an uninterrupted lunch float', isPosition: true },
  ];
  const rating = (optionId: string, criterionId: string, r: EvaluationRating, updatedAt = T0) => ({
    id: `${optionId}-${criterionId}-${updatedAt}`,
    optionId,
    criterionId,
    rating: r,
    updatedAt,
  });

  it('suggests an interest for an option that meets a criterion about it, not one it only partly meets', () => {
    const got = suggestCoverage({
      options: [option('stagger', 1), option('float', 2), option('merged', 3, 'stagger')],
      criteria,
      interests,
      evaluations: [rating('stagger', 'c-lunch', 'meets'), rating('float', 'c-lunch', 'partly'), rating('stagger', 'c-budget', 'meets')],
      coverage: [],
    });
    expect(got).toEqual([{ optionId: 'stagger', interestId: 'i-lunch', criterionId: 'c-lunch' }]);
  });

  it('leaves cells the group already decided, either way, and follows the newest rating', () => {
    const base = { options: [option('stagger', 1)], criteria, interests };
    expect(
      suggestCoverage({ ...base, evaluations: [rating('stagger', 'c-lunch', 'meets')], coverage: [{ optionId: 'stagger', interestId: 'i-lunch' }] }),
    ).toEqual([]);
    // Rated "meets", then changed to "does not meet" on another laptop: no suggestion.
    expect(
      suggestCoverage({ ...base, evaluations: [rating('stagger', 'c-lunch', 'meets', T0), rating('stagger', 'c-lunch', 'does-not', T1)], coverage: [] }),
    ).toEqual([]);
  });
});
