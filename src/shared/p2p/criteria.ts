import { P2P_DIMENSIONS, type P2pDimension } from '../model/p2p';

// The checklist co-leads assess their team against: for each of the seven dimensions, what the
// team looks like at each of the five levels. Written in our own words from the structure of the
// partnership's public toolkit (see DOMAIN.md); the toolkit's own wording is not reproduced.
// A criterion's id is stored in every check and frozen rating: never reuse or rename an id; a
// rewording that changes meaning is a new id and a new CRITERIA_EDITION.

/** Bumped when the meaning of any criterion changes, so a rating records which wording was confirmed. */
export const CRITERIA_EDITION = 1;

/** Something the app already holds that may bear on a criterion: offered to the team, never decided for it. */
export type EvidenceKind =
  | 'sponsors-named'
  | 'co-leads-named'
  | 'charter'
  | 'meeting-cadence'
  | 'joint-agendas'
  | 'consensus-decisions'
  | 'action-owners'
  | 'rim-projects'
  | 'pdsa-cycles'
  | 'documented-90-days'
  | 'annotated-run-charts'
  | 'value-compass'
  | 'measures-with-data';

export interface Criterion {
  id: string;
  dimension: P2pDimension;
  level: 1 | 2 | 3 | 4 | 5;
  text: string;
  /** What the app may offer as evidence for it. */
  evidence: readonly EvidenceKind[];
}

type Row = readonly [level: Criterion['level'], slug: string, text: string, evidence?: readonly EvidenceKind[]];

const ROWS: Record<P2pDimension, readonly Row[]> = {
  sponsorship: [
    [1, 'named', 'A sponsor is named for management and one for the union.', ['sponsors-named']],
    [2, 'trained', 'Both sponsors have completed sponsor training.'],
    [2, 'charter', 'The team has a written charter the sponsors have seen.', ['charter']],
    [3, 'in-touch', 'The sponsors check in with the co-leads regularly, at least once a quarter.'],
    [4, 'accountable', 'The sponsors hold both co-leads jointly accountable for the team’s goals.'],
    [5, 'champion', 'The sponsors champion the team’s results beyond the unit (council, other teams).'],
  ],
  leadership: [
    [1, 'named', 'A co-lead is named on each side (and a physician co-lead where doctors are on the team).', ['co-leads-named']],
    [2, 'joint', 'The co-leads plan the agenda and run meetings together.', ['joint-agendas']],
    [3, 'facilitate', 'The co-leads facilitate the discussion rather than direct it.'],
    [4, 'either', 'Either co-lead can lead the team alone, with the team’s trust, when the other is away.'],
    [5, 'self-managing', 'The team largely manages itself; the co-leads coach rather than run it.'],
  ],
  training: [
    [1, 'booked', 'Co-lead training is booked.'],
    [2, 'co-leads', 'Both co-leads have completed co-lead training.'],
    [3, 'members', 'Most members have been trained in UBT basics and the Rapid Improvement Model.'],
    [4, 'coaching', 'Members coach one another in using what they learned.'],
    [5, 'teaching', 'The team teaches or mentors other teams.'],
  ],
  'team-process': [
    [1, 'scheduled', 'Team meetings are scheduled on a regular calendar.', ['meeting-cadence']],
    [2, 'ubt-meetings', 'Staff meetings are run as UBT meetings, on an agenda both sides set.', ['joint-agendas', 'meeting-cadence']],
    [3, 'outcomes', 'Meetings work toward stated outcomes and most members take an active part.', ['meeting-cadence']],
    [4, 'consensus', 'Decisions are made by consensus under a charter the team actually uses.', ['consensus-decisions', 'charter']],
    [5, 'adapts', 'The team adapts quickly: it spreads its own good practices or adopts others’.'],
  ],
  engagement: [
    [1, 'aware', 'Members know the team exists and what it is for.'],
    [2, 'represented', 'Members representing the unit’s staff come to meetings.'],
    [3, 'tasks', 'Members speak up in meetings and take on tasks between them.', ['action-owners']],
    [4, 'all', 'All members are engaged in the team’s work, not only the regulars.'],
    [5, 'lead', 'Members lead improvement work themselves.', ['rim-projects']],
  ],
  'use-of-tools': [
    [1, 'aware', 'The team knows which improvement tools it will learn.'],
    [2, 'learning', 'The team is learning the Rapid Improvement Model (a first project or training under way).', ['rim-projects']],
    [3, 'two-cycles', 'The team uses RIM and has completed at least two test (PDSA) cycles.', ['pdsa-cycles']],
    [4, 'three-cycles', 'The team has completed three or more test cycles.', ['pdsa-cycles']],
    [4, 'documented', 'Every project and cycle is documented at least every 90 days.', ['documented-90-days']],
    [5, 'advanced', 'The team uses advanced tools and keeps its run charts annotated with its tests.', ['annotated-run-charts']],
  ],
  'goals-performance': [
    [1, 'talked', 'The team has talked about what it wants to improve.'],
    [2, 'value-compass', 'The team’s goals are tied to the Value Compass.', ['value-compass']],
    [3, 'measured', 'Improvement projects with measures are under way.', ['measures-with-data', 'rim-projects']],
    [4, 'improving', 'The measures show improvement toward the team’s targets.', ['measures-with-data']],
    [5, 'all-four', 'The team meets its targets across all four points of the Value Compass.', ['value-compass']],
  ],
};

export const CRITERIA: readonly Criterion[] = P2P_DIMENSIONS.flatMap((dimension) =>
  ROWS[dimension].map(([level, slug, text, evidence]) => ({ id: `${dimension}.${level}.${slug}`, dimension, level, text, evidence: evidence ?? [] })),
);

const BY_ID = new Map(CRITERIA.map((c) => [c.id, c]));

export const criterionById = (id: string): Criterion | undefined => BY_ID.get(id);

/** A dimension's criteria at one level (every dimension has at least one per level). */
export const criteriaAt = (dimension: P2pDimension, level: number): Criterion[] => CRITERIA.filter((c) => c.dimension === dimension && c.level === level);
