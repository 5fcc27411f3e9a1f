import { criterionById, type Criterion } from './criteria';
import { isHighPerforming } from './level';
import { previousQuarter, quartersBetween } from './quarters';

// Roll-ups of confirmed ratings: the figures a council reports ("188 of 256 (73%) rated high
// performing"), movement between quarters, and a team's own history. Only confirmed ratings
// count; a correction (a later version for the same quarter) replaces the version it corrects.

export interface RatedTeam {
  id: string;
  name: string;
}

export interface RatingLike {
  teamId: string;
  quarter: string;
  version: number;
  level: number;
  met?: readonly string[];
  confirmedAt?: string;
}

const key = (teamId: string, quarter: string) => `${teamId}|${quarter}`;

/** The rating that counts for each team and quarter: the latest confirmed version. */
export class RatingIndex<R extends RatingLike = RatingLike> {
  private readonly byKey = new Map<string, R>();

  constructor(ratings: Iterable<R>) {
    for (const r of ratings) {
      const k = key(r.teamId, r.quarter);
      const known = this.byKey.get(k);
      if (!known || r.version > known.version) this.byKey.set(k, r);
    }
  }

  get(teamId: string, quarter: string): R | undefined {
    return this.byKey.get(key(teamId, quarter));
  }
}

export interface Share {
  highPerforming: number;
  total: number;
  /** Whole percent, rounded half up; null when there is nothing to divide by. */
  percent: number | null;
}

export function share(highPerforming: number, total: number): Share {
  return { highPerforming, total, percent: total > 0 ? Math.round((highPerforming * 100) / total) : null };
}

const number = (n: number) => n.toLocaleString('en-US');

/** "188 of 256 (73%)", the way councils report it. */
export function formatShare(s: Share): string {
  return s.percent === null ? 'no rated teams' : `${number(s.highPerforming)} of ${number(s.total)} (${s.percent}%)`;
}

export interface LevelCounts<T extends RatedTeam = RatedTeam> {
  quarter: string;
  /** Teams per level; index 0 counts teams not yet at level 1. */
  byLevel: [number, number, number, number, number, number];
  rated: number;
  share: Share;
  /** Teams with no confirmed rating for the quarter. */
  notAssessed: T[];
}

export function levelCounts<T extends RatedTeam>(teams: readonly T[], index: RatingIndex, quarter: string): LevelCounts<T> {
  const byLevel: LevelCounts['byLevel'] = [0, 0, 0, 0, 0, 0];
  const notAssessed: T[] = [];
  let highPerforming = 0;
  for (const team of teams) {
    const rating = index.get(team.id, quarter);
    if (!rating) {
      notAssessed.push(team);
      continue;
    }
    byLevel[rating.level] = (byLevel[rating.level] ?? 0) + 1;
    if (isHighPerforming(rating.level)) highPerforming += 1;
  }
  const rated = teams.length - notAssessed.length;
  return { quarter, byLevel, rated, share: share(highPerforming, rated), notAssessed };
}

/** Level counts for each quarter, oldest first (the trend chart). */
export const levelTrend = <T extends RatedTeam>(teams: readonly T[], index: RatingIndex, quarters: readonly string[]) =>
  quarters.map((q) => levelCounts(teams, index, q));

export interface Move<T extends RatedTeam = RatedTeam> {
  team: T;
  from: number;
  to: number;
  /** Levels moved: positive up, negative down. */
  change: number;
}

export interface Movement<T extends RatedTeam = RatedTeam> {
  quarter: string;
  since: string;
  /** Teams rated in both quarters. */
  compared: number;
  up: number;
  down: number;
  same: number;
  /** Teams per number of levels moved, e.g. { 1: 12, 2: 3, -1: 4 }. */
  byChange: Record<number, number>;
  /** The teams that moved, biggest moves first. */
  moves: Move<T>[];
}

/** Change since the previous quarter, for teams rated in both. */
export function movement<T extends RatedTeam>(teams: readonly T[], index: RatingIndex, quarter: string): Movement<T> {
  const since = previousQuarter(quarter);
  const moves: Move<T>[] = [];
  let compared = 0;
  let same = 0;
  const byChange: Record<number, number> = {};
  for (const team of teams) {
    const now = index.get(team.id, quarter);
    const before = index.get(team.id, since);
    if (!now || !before) continue;
    compared += 1;
    const change = now.level - before.level;
    if (change === 0) {
      same += 1;
      continue;
    }
    byChange[change] = (byChange[change] ?? 0) + 1;
    moves.push({ team, from: before.level, to: now.level, change });
  }
  moves.sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || b.change - a.change || a.team.name.localeCompare(b.team.name));
  return {
    quarter,
    since,
    compared,
    up: moves.filter((m) => m.change > 0).length,
    down: moves.filter((m) => m.change < 0).length,
    same,
    byChange,
    moves,
  };
}

export interface HistoryEntry<R extends RatingLike = RatingLike> {
  rating: R;
  /** The previous rated quarter's rating, if any. */
  previous: R | null;
  /** Level change since the previous rated quarter (null for the first). */
  change: number | null;
  /** Quarters since the previous rating: 1 normally, more when quarters were skipped. */
  gap: number | null;
  gained: Criterion[];
  lost: Criterion[];
}

/** A team's level per quarter, oldest first, with what changed since the quarter before. */
export function teamHistory<R extends RatingLike>(ratings: readonly R[]): HistoryEntry<R>[] {
  const latest = new Map<string, R>();
  for (const r of ratings) {
    const known = latest.get(r.quarter);
    if (!known || r.version > known.version) latest.set(r.quarter, r);
  }
  const ordered = [...latest.values()].sort((a, b) => quartersBetween(b.quarter, a.quarter));
  return ordered.map((rating, i) => {
    const previous = ordered[i - 1] ?? null;
    const nowMet = new Set(rating.met ?? []);
    const beforeMet = new Set(previous?.met ?? []);
    const known = (ids: Iterable<string>) => [...ids].map(criterionById).filter((c): c is Criterion => Boolean(c));
    return {
      rating,
      previous,
      change: previous ? rating.level - previous.level : null,
      gap: previous ? quartersBetween(previous.quarter, rating.quarter) : null,
      gained: previous ? known([...nowMet].filter((id) => !beforeMet.has(id))) : [],
      lost: previous ? known([...beforeMet].filter((id) => !nowMet.has(id))) : [],
    };
  });
}

/** "Moved up 2 levels", "Moved down 1 level", "No change". */
export function describeChange(change: number | null): string {
  if (change === null) return 'First rating';
  if (change === 0) return 'No change';
  const n = Math.abs(change);
  return `Moved ${change > 0 ? 'up' : 'down'} ${n} level${n === 1 ? '' : 's'}`;
}
