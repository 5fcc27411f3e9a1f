import { describe, expect, it } from 'vitest';
import { RatingIndex, describeChange, formatShare, levelCounts, levelTrend, movement, share, teamHistory } from '@shared/p2p/rollup';

const teams = ['Pharmacy', 'ICU', 'Radiology', 'Lab', 'Imaging'].map((name, i) => ({ id: `t${i}`, name }));
const rating = (teamId: string, quarter: string, level: number, version = 1, met: string[] = []) => ({ teamId, quarter, level, version, met });

describe('shares', () => {
  it('says it the way councils report it, rounding half up', () => {
    expect(formatShare(share(188, 256))).toBe('188 of 256 (73%)');
    expect(formatShare(share(2674, 3651))).toBe('2,674 of 3,651 (73%)');
    expect(share(1, 8).percent).toBe(13); // 12.5 -> 13
    expect(formatShare(share(0, 0))).toBe('no rated teams');
  });
});

describe('level counts and movement', () => {
  const index = new RatingIndex([
    rating('t0', '2026-Q3', 3),
    rating('t0', '2026-Q4', 4),
    rating('t1', '2026-Q3', 2),
    rating('t1', '2026-Q4', 4),
    rating('t2', '2026-Q3', 4),
    rating('t2', '2026-Q4', 3),
    // A correction of Q4 (version 2) replaces version 1.
    rating('t3', '2026-Q4', 5),
    rating('t3', '2026-Q4', 2, 2),
    rating('t3', '2026-Q3', 2),
  ]);

  it('counts teams by level with the share high performing among rated teams, and lists who is not assessed', () => {
    const c = levelCounts(teams, index, '2026-Q4');
    expect(c.byLevel).toEqual([0, 0, 1, 1, 2, 0]);
    expect(c.rated).toBe(4);
    expect(formatShare(c.share)).toBe('2 of 4 (50%)');
    expect(c.notAssessed.map((t) => t.name)).toEqual(['Imaging']);
  });

  it('compares with the previous quarter: up, down, by how many levels', () => {
    const m = movement(teams, index, '2026-Q4');
    expect(m.since).toBe('2026-Q3');
    expect(m).toMatchObject({ compared: 4, up: 2, down: 1, same: 1 });
    expect(m.byChange).toEqual({ 1: 1, 2: 1, [-1]: 1 });
    expect(m.moves.map((x) => [x.team.name, x.change])).toEqual([
      ['ICU', 2],
      ['Pharmacy', 1],
      ['Radiology', -1],
    ]);
    expect(levelTrend(teams, index, ['2026-Q3', '2026-Q4']).map((t) => t.rated)).toEqual([4, 4]);
  });

  it('describes a change in words', () => {
    expect([null, 0, 1, 2, -1].map(describeChange)).toEqual(['First rating', 'No change', 'Moved up 1 level', 'Moved up 2 levels', 'Moved down 1 level']);
  });
});

describe('team history', () => {
  it('orders quarters, takes the latest version of each and says what changed, across skipped quarters', () => {
    const history = teamHistory([
      rating('t0', '2026-Q2', 3, 1, ['sponsorship.1.named', 'training.1.booked']),
      rating('t0', '2025-Q4', 2, 1, ['sponsorship.1.named']),
      rating('t0', '2026-Q2', 2, 2, ['sponsorship.1.named', 'leadership.1.named']),
    ]);
    expect(history.map((h) => [h.rating.quarter, h.rating.version, h.change, h.gap])).toEqual([
      ['2025-Q4', 1, null, null],
      ['2026-Q2', 2, 0, 2],
    ]);
    expect(history[1]!.gained.map((c) => c.id)).toEqual(['leadership.1.named']);
    expect(history[1]!.lost).toEqual([]);
  });
});
