import type { Person, Side } from '@shared/model';
import { isSharedInterest, sidesOf } from '@shared/ibps/matrix';

/**
 * The sides a body has; a body with no members yet is treated as the two partners, so capture
 * can start before the roster is complete.
 */
export const bodySides = (members: readonly Person[]): Side[] => {
  const sides = sidesOf(members);
  return sides.length > 0 ? sides : ['management', 'union'];
};

/** Shared by all sides; with only one side in the room "shared" would say nothing, so never. */
export const isShared = (sides: readonly Side[], all: readonly Side[]) => all.length > 1 && isSharedInterest({ sides }, all);
