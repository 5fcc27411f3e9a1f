import { SIDES, type Side } from '../model/common';
import type { Quorum } from '../model/roster';

export type SideCounts = Record<Side, number>;

export interface QuorumInput {
  /** Every member of the body (council or team) with their side. Guests are not members. */
  members: ReadonlyArray<{ side: Side }>;
  /** The members present, with their side. */
  present: ReadonlyArray<{ side: Side }>;
}

export interface SideQuorum {
  side: Side;
  members: number;
  present: number;
  required: number;
  met: boolean;
}

export interface QuorumResult {
  met: boolean;
  members: number;
  present: number;
  /** Members needed present for the percentage part: ceil(percent * members / 100). */
  requiredTotal: number;
  totalMet: boolean;
  bySide: SideQuorum[];
  /** Plain-words reasons quorum is not met, for the facilitator to read aloud. */
  shortfalls: string[];
}

export const emptySideCounts = (): SideCounts => ({ management: 0, union: 0, physician: 0 });

export function countBySide(people: ReadonlyArray<{ side: Side }>): SideCounts {
  const counts = emptySideCounts();
  for (const p of people) counts[p.side] += 1;
  return counts;
}

/**
 * Whether a charter's quorum holds. A side's minimum can never exceed the members that side has:
 * a team with no physicians is not blocked by a physician minimum (it is capped at 0 members).
 */
export function evaluateQuorum(quorum: Quorum, input: QuorumInput): QuorumResult {
  const members = countBySide(input.members);
  const present = countBySide(input.present);
  const totalMembers = input.members.length;
  const totalPresent = input.present.length;
  const requiredTotal = Math.ceil((quorum.percentOfMembers * totalMembers) / 100);
  const totalMet = totalPresent >= requiredTotal;
  const shortfalls: string[] = [];
  if (!totalMet) {
    shortfalls.push(`${totalPresent} of ${totalMembers} members present; ${quorum.percentOfMembers}% needs ${requiredTotal}`);
  }
  const bySide = SIDES.map((side): SideQuorum => {
    const required = Math.min(quorum.minPerSide[side], members[side]);
    const met = present[side] >= required;
    if (!met) shortfalls.push(`${side}: ${present[side]} present, ${required} needed`);
    return { side, members: members[side], present: present[side], required, met };
  });
  return {
    met: totalMet && bySide.every((s) => s.met),
    members: totalMembers,
    present: totalPresent,
    requiredTotal,
    totalMet,
    bySide,
    shortfalls,
  };
}
