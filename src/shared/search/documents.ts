// What can be found, as index documents: one per record a facilitator might be asked about
// ("what did we decide about parking last spring?"), each knowing where to open it.

export const SEARCH_KINDS = [
  'decision',
  'meeting',
  'agendaItem',
  'summary',
  'issue',
  'interest',
  'option',
  'actionItem',
  'parkingLot',
  'minutes',
  'project',
  'pdsaCycle',
  'council',
  'team',
  'person',
] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** Which table each kind is read from (a table's change re-indexes its kind). */
export const KIND_TABLE: Record<SearchKind, string> = {
  council: 'councils',
  team: 'teams',
  person: 'people',
  meeting: 'meetings',
  agendaItem: 'agendaItems',
  summary: 'minutesSummaries',
  issue: 'issueRevisions',
  interest: 'interests',
  option: 'options',
  decision: 'decisions',
  actionItem: 'actionItems',
  parkingLot: 'parkingLot',
  minutes: 'minutesVersions',
  project: 'improvementProjects',
  pdsaCycle: 'pdsaCycles',
};

export interface SearchDocument {
  /** `${kind}:${rowId}`: unique across kinds. */
  id: string;
  kind: SearchKind;
  rowId: string;
  /** What the result is called (shown, boosted). */
  title: string;
  /** Its own words (shown as an excerpt). */
  text: string;
  /** Words it can be found by that are not its own: a decision by the interests behind it. */
  context: string;
  /** Where it belongs, shown under the title (e.g. "Pharmacy UBT · Nov 24, 2026"). */
  where: string;
  /** The app route that opens exactly this record. */
  route: string;
  /** Newest first among equally good matches (ISO date or instant). */
  date: string;
}

export const documentId = (kind: SearchKind, rowId: string): string => `${kind}:${rowId}`;
