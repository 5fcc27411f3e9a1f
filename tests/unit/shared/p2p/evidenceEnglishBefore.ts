import { format, parseISO } from 'date-fns';
import { VALUE_COMPASS_LABELS, VALUE_COMPASS_POINTS, type ValueCompassPoint } from '@shared/model/rim';
import type { EvidenceKind } from '@shared/p2p/criteria';
import type { TeamFacts } from '@shared/p2p/evidence';
import { quarterLabel } from '@shared/p2p/quarters';
import { DOCUMENTATION_INTERVAL_DAYS } from '@shared/rim/pdsa';

// The English offers exactly as the app wrote them before they were worded through the message
// catalogue (#20). Attached offers are stored sentences and the e2e tests find them by text, so
// the worded English must stay this, byte for byte; this copy is the yardstick, not app code.

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

/** The offers' English texts, as the app wrote them before #20. */
export const englishBefore = (facts: TeamFacts): Map<EvidenceKind, string> =>
  new Map((Object.keys(BUILDERS) as EvidenceKind[]).map((kind) => [kind, BUILDERS[kind](facts)]));
