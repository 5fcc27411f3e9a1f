import { format } from 'date-fns';
import type { ConflictKind } from '@shared/sync/merge';
import { hlcWall } from '@shared/sync/hlc';
import { DELETED_FIELD, type JsonValue } from '@shared/sync/protocol';
import { isAbsent } from '@shared/sync/values';

/** One per table declared in db/capture/syncedTables.ts: what a facilitator calls one of its rows. */
export const TABLE_LABELS: Readonly<Record<string, string>> = {
  councils: 'Council',
  teams: 'Team',
  people: 'Person',
  memberships: 'Membership',
  meetings: 'Meeting',
  agendaItems: 'Agenda item',
  attendance: 'Attendance',
  ibpsSessions: 'IBPS session',
  ibpsSessionMeetings: 'IBPS session meeting',
  issueRevisions: 'Issue statement',
  interests: 'Interest',
  options: 'Option',
  criteria: 'Criterion',
  evaluations: 'Evaluation',
  coverage: 'Interest coverage',
  consensusTests: 'Consensus test',
  votes: 'Vote',
  tallies: 'Tally',
  concerns: 'Concern',
  decisions: 'Decision',
  actionItems: 'Action item',
  parkingLot: 'Parking lot item',
  plusDeltas: 'Plus/delta',
  minutes: 'Minutes',
  minutesSummaries: 'Minutes summary',
  minutesApprovals: 'Minutes approval',
  minutesVersions: 'Approved minutes',
  improvementProjects: 'Improvement project',
  measures: 'Measure',
  measurePeriods: 'Measure period',
  dataPoints: 'Data point',
  changeIdeas: 'Change idea',
  pdsaCycles: 'PDSA cycle',
  chartNotes: 'Chart note',
  measureHistory: 'Measure history entry',
  p2pAssessments: 'Path to Performance assessment',
  p2pChecks: 'Assessment criterion',
  p2pDimensionNotes: 'Assessment notes',
  p2pEvidence: 'Assessment evidence',
  p2pConfirmations: 'Assessment confirmation',
  p2pRatings: 'Confirmed assessment',
  programFigures: 'Imported program figure',
};

/** "minutesSummaries" -> "minutes summaries" for a table a newer app added. */
const words = (name: string): string =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .trim()
    .toLowerCase();

export const tableLabel = (table: string): string => {
  const known = TABLE_LABELS[table];
  if (known) return known;
  const w = words(table);
  return w.charAt(0).toUpperCase() + w.slice(1);
};

/** "dueDate" -> "due date"; the tombstone field is the row's existence. */
export const fieldLabel = (field: string): string => (field === DELETED_FIELD ? 'the whole row' : words(field).replace(/ id$/, ''));

const KIND_LABELS: Record<ConflictKind, string> = {
  'concurrent-edit': 'Edited on two laptops at once',
  'edit-vs-delete': 'Edited here while deleted elsewhere',
};

/** How the conflicts list shows one entry: what happened, why, and what can be done about it. */
export interface ConflictPresentation {
  label: string;
  color: string;
  /** Why it is listed, when the label alone does not say it. */
  explanation: string | null;
  /** Titles of the two values: the one that stands and the one that did not get in. */
  keptTitle: string;
  otherTitle: string;
  /** Whether "Restore" is offered: never for a change sync refused (it would alter approved minutes). */
  restorable: boolean;
  /** The button that clears it: "Keep current" sends a synced choice, "Dismiss" only clears this laptop's list. */
  keepLabel: string;
}

export function presentConflict(c: { kind: ConflictKind; refused?: string; table: string; field: string }): ConflictPresentation {
  if (c.refused !== undefined) {
    return {
      label: 'Refused by sync',
      color: 'red',
      // The reason names the rule the change broke; nothing of it was applied, here or elsewhere.
      explanation: `${c.refused} Nothing of it was applied; the record stands as shown. Dismiss it once you have looked at it (this clears it on this laptop only).`,
      keptTitle: 'Stands (current)',
      otherTitle: 'Refused change',
      restorable: false,
      keepLabel: 'Dismiss',
    };
  }
  const deleteRace = c.kind === 'edit-vs-delete';
  return {
    label: KIND_LABELS[c.kind],
    color: deleteRace ? 'red' : 'orange',
    explanation: deleteRace
      ? `Another laptop deleted this ${tableLabel(c.table).toLowerCase()} while this ${fieldLabel(c.field)} was being edited. Restoring the row brings it back with every edit made to it.`
      : null,
    keptTitle: 'Kept (current)',
    otherTitle: 'Not kept',
    restorable: true,
    keepLabel: 'Keep current',
  };
}

export interface ValueDisplay {
  text: string;
  /** text: shown as typed (whitespace kept); json: objects and lists, monospace; empty: a placeholder. */
  style: 'text' | 'json' | 'empty';
}

/** A stored value for reading: strings as they are, objects as JSON, a cleared field as "(empty)". */
export function describeValue(field: string, value: JsonValue | undefined): ValueDisplay {
  if (value === undefined || isAbsent(value)) return { text: '(empty)', style: 'empty' };
  if (value === null) return { text: '(none)', style: 'empty' };
  // A tombstone reads as what it means.
  if (field === DELETED_FIELD && typeof value === 'object' && !Array.isArray(value) && typeof value.deleted === 'boolean') {
    return { text: value.deleted ? '(deleted)' : '(restored)', style: 'empty' };
  }
  if (typeof value === 'string') return value.trim() === '' ? { text: '(empty)', style: 'empty' } : { text: value, style: 'text' };
  if (typeof value === 'number' || typeof value === 'boolean') return { text: String(value), style: 'text' };
  return { text: JSON.stringify(value, null, 2), style: 'json' };
}

/** When the edit was made: an HLC starts with its writer's wall-clock milliseconds. */
export function hlcTime(hlc: string): string {
  const wall = hlcWall(hlc);
  return Number.isFinite(wall) && wall > 0 ? format(new Date(wall), 'EEE d MMM yyyy, HH:mm:ss') : 'unknown time';
}
