import type { AgendaItemInput } from '../model';

/** The seven-step meeting agenda partnership training teaches, as starter items. */
export const SEVEN_STEP_AGENDA: ReadonlyArray<Pick<AgendaItemInput, 'title' | 'timeBoxMinutes' | 'type'>> = [
  { title: 'Clarify the objective', timeBoxMinutes: 5, type: 'information' },
  { title: 'Review roles', timeBoxMinutes: 2, type: 'information' },
  { title: 'Review the agenda', timeBoxMinutes: 3, type: 'information' },
  { title: 'Work the agenda items', timeBoxMinutes: 60, type: 'discussion' },
  { title: 'Review the meeting record', timeBoxMinutes: 5, type: 'discussion' },
  { title: 'Plan next steps and the next agenda', timeBoxMinutes: 5, type: 'discussion' },
  { title: 'Evaluate the meeting (plus/delta)', timeBoxMinutes: 5, type: 'discussion' },
];
