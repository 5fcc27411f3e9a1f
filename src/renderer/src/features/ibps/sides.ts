import { SIDES, type Person, type Side } from '@shared/model';

/** The sides a body actually has: a team with no physicians shares an interest across two sides. */
export const bodySides = (members: readonly Person[]): Side[] => {
  const present = new Set(members.map((m) => m.side));
  const sides = SIDES.filter((s) => present.has(s));
  return sides.length > 0 ? sides : ['management', 'union'];
};

export const isShared = (sides: readonly Side[], all: readonly Side[]) => all.length > 1 && all.every((s) => sides.includes(s));

export const SIDE_SHORT: Record<Side, string> = { management: 'Mgmt', union: 'Labor', physician: 'MD' };
