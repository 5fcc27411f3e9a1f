import { P2P_DIMENSIONS, P2P_LEVELS, type P2pDimension } from '../model/p2p';
import { CRITERIA, criteriaAt, type Criterion } from './criteria';

// The level rule: a team is at a level only when it meets every criterion of that level in all
// seven dimensions. Levels are a ladder, so reaching level 4 also needs every criterion of levels
// 1 to 3: a team strong in one dimension cannot climb past a gap in another, and a gap at a low
// level holds the whole team there however much it does above it.

/** Level 4 and 5 teams count as high performing in every partnership report. */
export const HIGH_PERFORMING_FROM = 4;
export const isHighPerforming = (level: number | null | undefined): boolean => typeof level === 'number' && level >= HIGH_PERFORMING_FROM;

export interface DimensionResult {
  dimension: P2pDimension;
  /** The highest level whose criteria (and every lower level's) all hold in this dimension; 0 when level 1 does not. */
  level: number;
  /** Criteria of the next level in this dimension that do not hold yet (empty at level 5). */
  nextUnmet: Criterion[];
  /** Criteria above the dimension's level that already hold (work that does not count yet). */
  metAbove: Criterion[];
}

export interface LevelResult {
  /** 0-5: the highest level at which every criterion of it and of every level below holds, in all seven dimensions. */
  level: number;
  dimensions: DimensionResult[];
  /** What holds the team back: the unmet criteria of the next level, across the seven dimensions (empty at level 5). */
  holdingBack: Criterion[];
}

function dimensionLevel(dimension: P2pDimension, met: ReadonlySet<string>): number {
  let level = 0;
  for (const l of P2P_LEVELS) {
    if (!criteriaAt(dimension, l).every((c) => met.has(c.id))) break;
    level = l;
  }
  return level;
}

/** The level a set of met criteria reaches, dimension by dimension, and what stands in the way. Unknown ids are ignored. */
export function assessLevel(metIds: Iterable<string>): LevelResult {
  const met = new Set(metIds);
  const dimensions = P2P_DIMENSIONS.map((dimension): DimensionResult => {
    const level = dimensionLevel(dimension, met);
    return {
      dimension,
      level,
      nextUnmet: level < 5 ? criteriaAt(dimension, level + 1).filter((c) => !met.has(c.id)) : [],
      metAbove: CRITERIA.filter((c) => c.dimension === dimension && c.level > level && met.has(c.id)),
    };
  });
  const level = Math.min(...dimensions.map((d) => d.level));
  const holdingBack = level < 5 ? P2P_DIMENSIONS.flatMap((d) => criteriaAt(d, level + 1).filter((c) => !met.has(c.id))) : [];
  return { level, dimensions, holdingBack };
}
