/**
 * The content of "Try it with a sample council": invented people (no real names), one council
 * with one unit-based team, one meeting whose IBPS session has been carried through its first
 * steps, and one RIM project whose outcome measure has enough points for a run chart with a
 * signal. Pure data: the app writes it through its ordinary commands (features/welcome/commands.ts).
 */
import type { Side } from '../model';
import type { MeasureDirection, ValueCompassPoint } from '../model/rim';

export interface SamplePerson {
  key: string;
  name: string;
  side: Side;
  union?: string;
  local?: string;
  roleTitles: string[];
}

/** Every name is invented; "(sample)" is in the council's and team's names so no one mistakes them. */
export const SAMPLE_COUNCIL = { name: 'Sample: Riverbend Partnership Council', level: 'local' as const, region: 'Sample region' };
export const SAMPLE_TEAM = { name: 'Sample: 4 North Medical-Surgical UBT', department: 'Medical-Surgical' };

export const SAMPLE_PEOPLE: readonly SamplePerson[] = [
  { key: 'mgmtLead', name: 'Corinne Baptiste-Lowe', side: 'management', roleTitles: ['Nurse manager'] },
  { key: 'unionLead', name: 'Tomasz Arvelo', side: 'union', union: 'Sample Nurses Union', local: 'Local 0', roleTitles: ['Staff RN'] },
  { key: 'physician', name: 'Dr. Imani Sorensen-Kato', side: 'physician', roleTitles: ['Hospitalist'] },
  { key: 'mgmtSponsor', name: 'Wendell Marchetti', side: 'management', roleTitles: ['Director of nursing'] },
  { key: 'unionSponsor', name: 'Luz Adeyemi-Ferro', side: 'union', union: 'Sample Nurses Union', local: 'Local 0', roleTitles: ['Union steward'] },
  { key: 'member', name: 'Priyasha Okonkwo-Lind', side: 'union', union: 'Sample Service Workers', local: 'Local 0', roleTitles: ['Unit assistant'] },
];

export const SAMPLE_MEETING = {
  title: 'Sample: monthly UBT meeting',
  location: 'Sample break room',
  objective: 'Agree how the unit covers lunch breaks on weekend day shifts, and review the falls project.',
  ibpsItem: 'Weekend lunch-break coverage',
  rimItem: 'Falls project: review the run chart',
  /** Days before today the meeting took place: a session carried a few steps, worked last week. */
  daysAgo: 7,
};

export const SAMPLE_SESSION = {
  issue: 'How can we make sure every nurse on weekend day shifts gets an uninterrupted lunch break while patients stay safely covered?',
  interests: [
    { text: 'Rest during a 12-hour shift', sides: ['union'] as Side[] },
    { text: 'Safe coverage of every patient at all times', sides: ['union', 'management', 'physician'] as Side[] },
    { text: 'Stay within the weekend staffing budget', sides: ['management'] as Side[] },
    { text: 'Reach a nurse who knows the patient when orders change', sides: ['physician'] as Side[] },
  ],
  options: [
    'A break-relief nurse from 11:00 to 15:00 on weekends',
    'Buddy pairs who hand off their patients to each other',
    'A lunch schedule posted at the start of each shift',
  ],
  criteria: ['Every patient has a named nurse at all times', 'No added cost beyond the current budget', 'Fits the contract break rules'],
};

export const SAMPLE_PROJECT = {
  title: 'Sample: fewer patient falls on 4 North',
  problem: 'Falls rose over the winter, mostly at night and on the way to the bathroom.',
  valueCompass: ['best-quality'] as ValueCompassPoint[],
  changeIdea: 'Purposeful hourly rounding (pain, position, potty, possessions)',
  cycleTitle: 'Hourly rounding on night shift, one hallway',
  /** The first cycle's plan, written as a team would: with its prediction, so it can move to Do. */
  cyclePlan: {
    objective: 'Test whether hourly rounding fits into the night shift on one hallway.',
    question: 'Can the night nurses on the east hallway round every hour for a week?',
    prediction: 'Rounding will be done at least 9 times in 10, and no patient on the hallway will fall that week.',
    who: 'The night nurses of the east hallway, with the unit assistant keeping the log',
    what: 'Round every hour: pain, position, potty, possessions; tick the log at the door',
    when: 'Seven nights, starting next Monday',
    where: 'East hallway, rooms 401 to 412',
    dataCollection: 'The rounding log (ticks per hour) and the unit falls report',
  },
  measure: {
    name: 'Falls per 1,000 patient days',
    kind: 'outcome' as const,
    direction: 'down' as MeasureDirection,
    unit: 'falls per 1,000 patient days',
    target: 2,
  },
  /**
   * Weekly values, oldest first: around 4 before rounding began, then a run below the median, so
   * the run chart shows a shift signal the facilitator can read.
   */
  values: [4.2, 3.8, 4.5, 4.1, 3.9, 4.6, 4.0, 4.3, 3.7, 4.4, 3.1, 2.9, 2.6, 3.0, 2.4, 2.7, 2.2, 2.5],
};

/** The aim, with its measure, target and date: a SMART aim the project's live check accepts. */
export function sampleAim(targetDate: string): string {
  return `Reduce falls on 4 North from about 4 to 2 per 1,000 patient days by ${targetDate}.`;
}
