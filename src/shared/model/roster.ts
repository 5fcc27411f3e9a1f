import { z } from 'zod';
import { CalendarDate, Id, RecordMeta, Side, line, longText, requiredLine, Timestamp } from './common';

export const CouncilLevel = z.enum(['national', 'regional', 'local']);
export type CouncilLevel = z.infer<typeof CouncilLevel>;

export const REGIONS = [
  'Northern California',
  'Southern California',
  'Northwest',
  'Mid-Atlantic States',
  'Colorado',
  'Georgia',
  'Hawaii',
  'Washington',
  'Program-wide',
] as const;

/**
 * A charter's quorum: a share of the body's members present AND a minimum present from each side.
 * Both parts must hold; charters typically say "a majority, with at least one co-lead per side".
 */
export const Quorum = z.object({
  percentOfMembers: z.number().int().min(0).max(100),
  minPerSide: z.object({
    management: z.number().int().min(0).max(500),
    union: z.number().int().min(0).max(500),
    physician: z.number().int().min(0).max(500),
  }),
});
export type Quorum = z.infer<typeof Quorum>;
export const DEFAULT_QUORUM: Quorum = { percentOfMembers: 51, minPerSide: { management: 1, union: 1, physician: 0 } };

export const CouncilFields = z.object({
  name: requiredLine('Name'),
  level: CouncilLevel,
  region: line(100).default(''),
  /** Councils have no team charter; their bylaws' quorum lives here. */
  quorum: Quorum.default(DEFAULT_QUORUM),
  archivedAt: Timestamp.nullable().default(null),
  /**
   * The invented council of "Try it with a sample council": kept on this laptop only (a local-only
   * field that sync never sends; the engine never pushes its rows) and removable in one step.
   */
  sample: z.boolean().optional(),
  /** The invented people the sample added (removing the sample removes them, and only them). */
  samplePeople: z.array(Id).max(50).optional(),
});
export const Council = RecordMeta.extend(CouncilFields.shape);
export type Council = z.infer<typeof Council>;
export type CouncilInput = z.input<typeof CouncilFields>;

export const ConsensusMethod = z.enum(['fist-to-five', 'gradients-of-agreement', 'thumbs']);
export type ConsensusMethod = z.infer<typeof ConsensusMethod>;

export const DEFAULT_GROUND_RULES = [
  'Focus on issues, not personalities',
  'Seek first to understand',
  'Assume positive intent',
  'One conversation at a time',
  'Everyone participates; no one dominates',
  'What is said here stays here; what is learned here leaves here',
];

export const Charter = z.object({
  purpose: longText(4000).default(''),
  scope: longText(4000).default(''),
  meetingQuorum: Quorum.default(DEFAULT_QUORUM),
  consensusQuorum: Quorum.default(DEFAULT_QUORUM),
  consensusMethod: ConsensusMethod.default('fist-to-five'),
  emergencyDecisions: longText(4000).default(''),
  whenConsensusFails: longText(4000).default(''),
  groundRules: z.array(line(300)).max(50).default(DEFAULT_GROUND_RULES),
});
export type Charter = z.infer<typeof Charter>;

export const PathToPerformanceLevel = z.number().int().min(1).max(5);

export const TeamFields = z.object({
  councilId: Id,
  name: requiredLine('Name'),
  department: line(120).default(''),
  region: line(100).default(''),
  managementCoLeadId: Id.nullable().default(null),
  unionCoLeadId: Id.nullable().default(null),
  physicianCoLeadId: Id.nullable().default(null),
  managementSponsorId: Id.nullable().default(null),
  unionSponsorId: Id.nullable().default(null),
  p2pLevel: PathToPerformanceLevel.nullable().default(null),
  p2pRatedOn: CalendarDate.nullable().default(null),
  charter: Charter.default(() => Charter.parse({})),
  archivedAt: Timestamp.nullable().default(null),
});
export const Team = RecordMeta.extend(TeamFields.shape);
export type Team = z.infer<typeof Team>;
export type TeamInput = z.input<typeof TeamFields>;

const PersonBase = z.object({
  name: requiredLine('Name', 120),
  side: Side,
  union: line(120).default(''),
  local: line(60).default(''),
  roleTitles: z.array(line(120)).max(20).default([]),
  email: z.union([z.literal(''), z.string().trim().toLowerCase().email('must be a valid email address')]).default(''),
  archivedAt: Timestamp.nullable().default(null),
});
// Union members are identified by union and local in every partnership record; others have none.
const unionOnlyForUnionSide = (p: { side: Side; union: string; local: string }, ctx: z.RefinementCtx) => {
  if (p.side !== 'union' && (p.union || p.local)) {
    ctx.addIssue({ code: 'custom', path: ['union'], message: 'union and local apply only to union-side people' });
  }
};
export const PersonFields = PersonBase.superRefine(unionOnlyForUnionSide);
export const Person = RecordMeta.extend(PersonBase.shape).superRefine(unionOnlyForUnionSide);
export type Person = z.infer<typeof Person>;
export type PersonInput = z.input<typeof PersonFields>;

export const BodyKind = z.enum(['council', 'team']);
export type BodyKind = z.infer<typeof BodyKind>;

/** A person's membership of a council or team: a row of its own so concurrent additions merge. */
export const MembershipFields = z.object({
  personId: Id,
  bodyKind: BodyKind,
  bodyId: Id,
});
export const Membership = RecordMeta.extend(MembershipFields.shape);
export type Membership = z.infer<typeof Membership>;
