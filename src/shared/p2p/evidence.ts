import { format, parseISO } from 'date-fns';
import { VALUE_COMPASS_LABELS, VALUE_COMPASS_POINTS, type ValueCompassPoint } from '../model/rim';
import { DOCUMENTATION_INTERVAL_DAYS } from '../rim/pdsa';
import type { Criterion, EvidenceKind } from './criteria';
import { quarterLabel } from './quarters';

// Evidence the app already holds, offered beside the criteria it bears on. It is offered, never
// decided: the co-leads judge whether a criterion holds. Nothing here ticks a box, and a fact that
// looks unfavourable is shown as plainly as one that looks good, so the offer cannot steer.

export interface ProjectFacts {
  title: string;
  statusLabel: string;
  valueCompass: readonly ValueCompassPoint[];
  cyclesCompleted: number;
  /** Open and not documented for more than 90 days. */
  stale: boolean;
  daysSinceUpdate: number;
  /** Measures with at least one data point. */
  measuresWithData: number;
  /** Run charts with at least one test cycle or note drawn on them. */
  annotatedCharts: string[];
  lastPoint: string | null;
}

export interface MeetingFacts {
  /** Calendar date the meeting started. */
  date: string;
  /** Both co-leads named as presenters of agenda items, or both present. */
  bothCoLeadsPresenting: boolean;
  bothCoLeadsPresent: boolean;
}

export interface TeamFacts {
  quarter: string;
  sponsors: { management: string | null; union: string | null };
  coLeads: { management: string | null; union: string | null; physician: string | null };
  charter: { purpose: boolean; scope: boolean; groundRules: number; whenConsensusFails: boolean };
  /** Team meetings held in the quarter (up to today), oldest first. */
  meetings: readonly MeetingFacts[];
  consensusDecisions: number;
  failedDecisions: number;
  actionItems: number;
  actionOwners: number;
  projects: readonly ProjectFacts[];
}

export interface Offer {
  kind: EvidenceKind;
  /** One line, as it is attached to the assessment when the team chooses to. */
  text: string;
}

const day = (d: string) => format(parseISO(d), 'MMM d');
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const list = (items: readonly string[], max = 4) =>
  items.length > max ? `${items.slice(0, max).join(', ')} and ${items.length - max} more` : items.join(', ');

function sponsors(f: TeamFacts): string {
  const { management, union } = f.sponsors;
  if (management && union) return `Sponsors named on the team record: ${management} (management) and ${union} (union).`;
  if (!management && !union) return 'No sponsor is named on the team record.';
  return `Only one sponsor is named on the team record: ${management ?? union} (${management ? 'management' : 'union'}); no ${management ? 'union' : 'management'} sponsor.`;
}

function coLeads(f: TeamFacts): string {
  const { management, union, physician } = f.coLeads;
  const named = [management && `${management} (management)`, union && `${union} (union)`, physician && `${physician} (physician)`].filter(Boolean) as string[];
  const missing = [!management && 'management', !union && 'union'].filter(Boolean) as string[];
  if (named.length === 0) return 'No co-lead is named on the team record.';
  return `Co-leads named on the team record: ${named.join(', ')}.${missing.length ? ` No ${missing.join(' or ')} co-lead is named.` : ''}`;
}

function charter(f: TeamFacts): string {
  const c = f.charter;
  const parts = [
    c.purpose ? 'purpose written' : 'no purpose written',
    c.scope ? 'scope written' : 'no scope written',
    plural(c.groundRules, 'ground rule'),
    c.whenConsensusFails ? 'says what happens when consensus fails' : 'does not say what happens when consensus fails',
  ];
  return `Team charter in the app: ${parts.join(', ')}.`;
}

function cadence(f: TeamFacts): string {
  const q = quarterLabel(f.quarter);
  if (f.meetings.length === 0) return `No team meeting recorded in ${q}.`;
  return `${plural(f.meetings.length, 'team meeting')} recorded in ${q}: ${list(
    f.meetings.map((m) => day(m.date)),
    6,
  )}.`;
}

function jointAgendas(f: TeamFacts): string {
  const q = quarterLabel(f.quarter);
  if (f.meetings.length === 0) return `No team meeting recorded in ${q}, so no agenda to look at.`;
  const presenting = f.meetings.filter((m) => m.bothCoLeadsPresenting).length;
  const present = f.meetings.filter((m) => m.bothCoLeadsPresent).length;
  return `In ${q}, both co-leads presented agenda items at ${presenting} of ${plural(f.meetings.length, 'meeting')} and both attended ${present}.`;
}

function decisions(f: TeamFacts): string {
  const q = quarterLabel(f.quarter);
  if (f.consensusDecisions + f.failedDecisions === 0) return `No IBPS decision recorded in ${q}.`;
  return `${plural(f.consensusDecisions, 'decision')} reached by consensus in ${q}${f.failedDecisions ? `; consensus failed on ${f.failedDecisions}` : ''}.`;
}

function owners(f: TeamFacts): string {
  const q = quarterLabel(f.quarter);
  if (f.actionItems === 0) return `No action item recorded in ${q}.`;
  return `${plural(f.actionItems, 'action item')} agreed in ${q}, owned by ${plural(f.actionOwners, 'different person', 'different people')}.`;
}

function projects(f: TeamFacts): string {
  const ps = f.projects;
  if (ps.length === 0) return 'No improvement project recorded for the team.';
  return `${plural(ps.length, 'improvement project')}: ${list(ps.map((p) => `${p.title} (${p.statusLabel})`))}.`;
}

function cycles(f: TeamFacts): string {
  const total = f.projects.reduce((n, p) => n + p.cyclesCompleted, 0);
  if (f.projects.length === 0) return 'No improvement project, so no PDSA cycle, recorded for the team.';
  const withCycles = f.projects.filter((p) => p.cyclesCompleted > 0).map((p) => `${p.title}: ${p.cyclesCompleted}`);
  return `${plural(total, 'PDSA cycle')} completed${withCycles.length ? ` (${list(withCycles)})` : ''}.`;
}

function documented(f: TeamFacts): string {
  if (f.projects.length === 0) return 'No improvement project recorded for the team.';
  const stale = f.projects.filter((p) => p.stale);
  if (stale.length === 0) return `Every open project was documented within the last ${DOCUMENTATION_INTERVAL_DAYS} days.`;
  return `Not documented for over ${DOCUMENTATION_INTERVAL_DAYS} days: ${list(stale.map((p) => `${p.title} (${p.daysSinceUpdate} days)`))}.`;
}

function annotated(f: TeamFacts): string {
  const charts = f.projects.flatMap((p) => p.annotatedCharts);
  if (charts.length === 0) return 'No run chart with a test cycle or note drawn on it.';
  return `${plural(charts.length, 'run chart')} annotated with test cycles or notes: ${list(charts)}.`;
}

function valueCompass(f: TeamFacts): string {
  if (f.projects.length === 0) return 'No improvement project, so no goal tagged with a Value Compass point.';
  const covered = VALUE_COMPASS_POINTS.filter((p) => f.projects.some((x) => x.valueCompass.includes(p)));
  const missing = VALUE_COMPASS_POINTS.filter((p) => !covered.includes(p));
  const names = (ps: readonly ValueCompassPoint[]) => ps.map((p) => VALUE_COMPASS_LABELS[p]).join(', ');
  if (covered.length === 0) return 'No project is tagged with a Value Compass point.';
  return `Projects cover ${covered.length} of 4 Value Compass points (${names(covered)})${missing.length ? `; not covered: ${names(missing)}` : ''}.`;
}

function measures(f: TeamFacts): string {
  const n = f.projects.reduce((s, p) => s + p.measuresWithData, 0);
  if (n === 0) return 'No measure with data recorded.';
  const last = f.projects
    .map((p) => p.lastPoint)
    .filter((d): d is string => d !== null)
    .sort()
    .at(-1);
  return `${plural(n, 'measure')} with data${last ? `, the latest point on ${day(last)}` : ''}.`;
}

const BUILDERS: Record<EvidenceKind, (f: TeamFacts) => string> = {
  'sponsors-named': sponsors,
  'co-leads-named': coLeads,
  charter,
  'meeting-cadence': cadence,
  'joint-agendas': jointAgendas,
  'consensus-decisions': decisions,
  'action-owners': owners,
  'rim-projects': projects,
  'pdsa-cycles': cycles,
  'documented-90-days': documented,
  'annotated-run-charts': annotated,
  'value-compass': valueCompass,
  'measures-with-data': measures,
};

/** What the app holds for each kind of evidence, in plain words. */
export function offerEvidence(facts: TeamFacts): Map<EvidenceKind, Offer> {
  return new Map((Object.keys(BUILDERS) as EvidenceKind[]).map((kind) => [kind, { kind, text: BUILDERS[kind](facts) }]));
}

/** The offers for one criterion, in the order the criterion lists them. */
export const offersFor = (criterion: Criterion, offers: ReadonlyMap<EvidenceKind, Offer>): Offer[] =>
  criterion.evidence.map((k) => offers.get(k)).filter((o): o is Offer => Boolean(o));
