import { SIDES, type Side } from '../model/common';
import type { EvaluationRating } from '../model/ibps';
import { relatedPhrases } from './similarity';

// The option views of IBPS steps 3-5: which options still stand after merges, the
// option-by-criterion matrix and the interest-by-option coverage. Rows come from several laptops,
// so every function here gives the same answer whatever order the rows arrive in.

interface Row {
  id: string;
  updatedAt: string;
}

interface OptionLike extends Row {
  mergedIntoId: string | null;
  position: number;
}

const byPosition = (a: { position: number; id: string }, b: { position: number; id: string }) => a.position - b.position || a.id.localeCompare(b.id);

/**
 * Where each option ended up after merges: its own id if it stands, else the option it was merged
 * into, followed through chains (A into B into C gives C). Two laptops can merge A into B and B
 * into A while offline; such a cycle keeps its lowest id standing, so every device agrees and no
 * idea disappears from the record. A merge into an unknown option is ignored (not synced yet).
 */
export function resolveMerges(options: readonly OptionLike[]): Map<string, string> {
  const byId = new Map(options.map((o) => [o.id, o]));
  const next = (id: string): string | null => {
    const target = byId.get(id)?.mergedIntoId ?? null;
    return target !== null && byId.has(target) ? target : null;
  };
  const resolved = new Map<string, string>();
  for (const o of options) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let cur: string = o.id;
    let end: string;
    for (;;) {
      const known = resolved.get(cur);
      if (known !== undefined) {
        end = known;
        break;
      }
      if (onPath.has(cur)) {
        const cycle = path.slice(path.indexOf(cur));
        end = cycle.reduce((min, id) => (id < min ? id : min));
        break;
      }
      path.push(cur);
      onPath.add(cur);
      const n = next(cur);
      if (n === null) {
        end = cur;
        break;
      }
      cur = n;
    }
    for (const id of path) resolved.set(id, end);
  }
  return resolved;
}

/** The options still standing after merges, in board order. */
export function standingOptions<T extends OptionLike>(options: readonly T[]): T[] {
  const resolved = resolveMerges(options);
  return options.filter((o) => resolved.get(o.id) === o.id).sort(byPosition);
}

/** The newest row per key: two laptops rating one cell offline leave two rows, and the later edit wins. */
export function latestByKey<T extends Row>(rows: readonly T[], key: (row: T) => string): Map<string, T> {
  const latest = new Map<string, T>();
  for (const r of rows) {
    const k = key(r);
    const cur = latest.get(k);
    if (!cur || r.updatedAt > cur.updatedAt || (r.updatedAt === cur.updatedAt && r.id > cur.id)) latest.set(k, r);
  }
  return latest;
}

/**
 * Options may be judged once the criteria are agreed, or earlier with a recorded reason: the
 * group agreeing its standards first is what keeps the evaluation from favouring a side's position.
 */
export function canEvaluateOptions(session: { criteriaAgreedAt: string | null; criteriaOverrideReason: string }): boolean {
  return session.criteriaAgreedAt !== null || session.criteriaOverrideReason.trim().length > 0;
}

export interface MatrixCell {
  criterionId: string;
  rating: EvaluationRating | null;
  note: string;
}

export interface MatrixRow<O> {
  option: O;
  cells: MatrixCell[];
  counts: Record<EvaluationRating | 'unrated', number>;
}

/**
 * The option-by-criterion matrix: standing options down, criteria across, each in board order.
 * Ratings of a merged-away option are not moved to the survivor: the group rates the merged idea
 * afresh, since merging changes what is being rated.
 */
export function buildEvaluationMatrix<O extends OptionLike, C extends { id: string; position: number }>(input: {
  options: readonly O[];
  criteria: readonly C[];
  evaluations: ReadonlyArray<Row & { optionId: string; criterionId: string; rating: EvaluationRating; note: string }>;
}): { criteria: C[]; rows: MatrixRow<O>[] } {
  const criteria = [...input.criteria].sort(byPosition);
  const latest = latestByKey(input.evaluations, (e) => `${e.optionId}|${e.criterionId}`);
  const rows = standingOptions(input.options).map((option): MatrixRow<O> => {
    const counts: MatrixRow<O>['counts'] = { meets: 0, partly: 0, 'does-not': 0, unrated: 0 };
    const cells = criteria.map((c): MatrixCell => {
      const e = latest.get(`${option.id}|${c.id}`);
      counts[e?.rating ?? 'unrated'] += 1;
      return { criterionId: c.id, rating: e?.rating ?? null, note: e?.note ?? '' };
    });
    return { option, cells, counts };
  });
  return { criteria, rows };
}

/** The sides a body has members on: a team without physicians shares an interest with two sides, not three. */
export function sidesOf(members: ReadonlyArray<{ side: Side }>): Side[] {
  const present = new Set(members.map((m) => m.side));
  return SIDES.filter((s) => present.has(s));
}

/** Held by every side the body has: the foundation a solution is built on. */
export function isSharedInterest(interest: { sides: readonly Side[] }, bodySides: readonly Side[]): boolean {
  return bodySides.length > 0 && bodySides.every((s) => interest.sides.includes(s));
}

export interface CoverageRow<O> {
  option: O;
  coveredInterestIds: string[];
  coveredShared: number;
  /** Interests covered, by side holding them (an interest held by two sides counts for both). */
  coveredBySide: Record<Side, number>;
}

/**
 * Which interests each standing option satisfies. Positions are left out: the view is about
 * underlying needs, and a position still on the board has not been turned into one yet.
 */
export function buildCoverage<O extends OptionLike, I extends { id: string; position: number; sides: readonly Side[]; isPosition: boolean }>(input: {
  options: readonly O[];
  interests: readonly I[];
  coverage: ReadonlyArray<Row & { optionId: string; interestId: string; covered: boolean }>;
  bodySides: readonly Side[];
}): { interests: I[]; sharedInterestIds: string[]; rows: CoverageRow<O>[] } {
  const interests = input.interests.filter((i) => !i.isPosition).sort(byPosition);
  const shared = new Set(interests.filter((i) => isSharedInterest(i, input.bodySides)).map((i) => i.id));
  const latest = latestByKey(input.coverage, (c) => `${c.optionId}|${c.interestId}`);
  const rows = standingOptions(input.options).map((option): CoverageRow<O> => {
    const covered = interests.filter((i) => latest.get(`${option.id}|${i.id}`)?.covered === true);
    const coveredBySide: Record<Side, number> = { management: 0, union: 0, physician: 0 };
    for (const i of covered) for (const s of i.sides) coveredBySide[s] += 1;
    return {
      option,
      coveredInterestIds: covered.map((i) => i.id),
      coveredShared: covered.filter((i) => shared.has(i.id)).length,
      coveredBySide,
    };
  });
  return { interests, sharedInterestIds: [...shared], rows };
}

export interface CoverageSuggestion {
  optionId: string;
  interestId: string;
  /** The criterion the option meets that speaks to this interest. */
  criterionId: string;
}

/**
 * Coverage the evaluation matrix already implies: an option rated "meets" on a criterion that is
 * about the same thing as an interest (criteria are often written from the interests) probably
 * satisfies that interest. Only cells nobody has decided yet are suggested; the group confirms.
 */
export function suggestCoverage(input: {
  options: readonly OptionLike[];
  criteria: ReadonlyArray<{ id: string; text: string; position: number }>;
  interests: ReadonlyArray<{ id: string; text: string; isPosition: boolean }>;
  evaluations: ReadonlyArray<Row & { optionId: string; criterionId: string; rating: EvaluationRating }>;
  coverage: ReadonlyArray<{ optionId: string; interestId: string }>;
}): CoverageSuggestion[] {
  const decided = new Set(input.coverage.map((c) => `${c.optionId}|${c.interestId}`));
  const ratings = latestByKey(input.evaluations, (e) => `${e.optionId}|${e.criterionId}`);
  const criteria = [...input.criteria].sort(byPosition);
  const related = new Map(input.interests.filter((i) => !i.isPosition).map((i) => [i.id, criteria.filter((c) => relatedPhrases(c.text, i.text))]));
  const suggestions: CoverageSuggestion[] = [];
  for (const option of standingOptions(input.options)) {
    for (const [interestId, about] of related) {
      if (decided.has(`${option.id}|${interestId}`)) continue;
      const met = about.find((c) => ratings.get(`${option.id}|${c.id}`)?.rating === 'meets');
      if (met) suggestions.push({ optionId: option.id, interestId, criterionId: met.id });
    }
  }
  return suggestions;
}
