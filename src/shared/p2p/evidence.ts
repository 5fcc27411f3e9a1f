import { format, parseISO, type Locale as DateFnsLocale } from 'date-fns';
import { enUS, es } from 'date-fns/locale';
import type { Locale } from '../i18n/locales';
import type { PSEUDO } from '../i18n/pseudo';
import { VALUE_COMPASS_POINTS, type ProjectStatus, type ValueCompassPoint } from '../model/rim';
import { DOCUMENTATION_INTERVAL_DAYS } from '../rim/pdsa';
import { rimWords } from '../rim/words';
import type { Criterion, EvidenceKind } from './criteria';
import { p2pWords, type P2pWords } from './words';

// Evidence the app already holds, offered beside the criteria it bears on. It is offered, never
// decided: the co-leads judge whether a criterion holds. Nothing here ticks a box, and a fact that
// looks unfavourable is shown as plainly as one that looks good, so the offer cannot steer.

export interface ProjectFacts {
  title: string;
  /** The status in English, as the model labels it; said from `status` in other languages when known. */
  statusLabel: string;
  status?: ProjectStatus;
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

const DAY: Record<Locale, { pattern: string; locale: DateFnsLocale }> = { en: { pattern: 'MMM d', locale: enUS }, es: { pattern: 'd MMM', locale: es } };

/** The words the offers are written in: the Path to Performance words, with the RIM vocabulary of the same language. */
interface Writer {
  w: P2pWords;
  /** "Oct 7" / "7 oct": the year is the quarter's. */
  day: (date: string) => string;
  /** At most `max` items, then "and 3 more". */
  list: (items: readonly string[], max?: number) => string;
  status: (project: ProjectFacts) => string;
  valueCompass: (point: ValueCompassPoint) => string;
}

function writer(w: P2pWords, language: Locale | typeof PSEUDO): Writer {
  const rim = rimWords(language);
  const { pattern, locale } = DAY[w.locale];
  return {
    w,
    day: (d) => format(parseISO(d), pattern, { locale }),
    list: (items, max = 4) =>
      items.length > max ? w.t('report.andMore', { list: items.slice(0, max).join(', '), count: items.length - max }) : items.join(', '),
    status: (p) => (p.status ? rim.t(`vocab.projectStatus.${p.status}`) : p.statusLabel),
    valueCompass: (point) => rim.t(`vocab.valueCompass.${point}`),
  };
}

const yes = (b: boolean) => (b ? 'yes' : 'no');

function sponsors(f: TeamFacts, { w }: Writer): string {
  const { management, union } = f.sponsors;
  if (management && union) return w.t('evidence.sponsors.both', { management, union });
  if (!management && !union) return w.t('evidence.sponsors.none');
  return w.t('evidence.sponsors.one', { name: (management ?? union)!, side: management ? 'management' : 'union' });
}

function coLeads(f: TeamFacts, { w }: Writer): string {
  const { management, union, physician } = f.coLeads;
  const named = (
    [
      ['management', management],
      ['union', union],
      ['physician', physician],
    ] as const
  )
    .filter(([, name]) => name)
    .map(([side, name]) => w.t('evidence.coLeads.person', { name: name!, side }));
  if (named.length === 0) return w.t('evidence.coLeads.none');
  const sentence = w.t('evidence.coLeads.named', { list: named.join(', ') });
  const missing = !management && !union ? 'both' : !management ? 'management' : !union ? 'union' : null;
  return missing ? `${sentence} ${w.t('evidence.coLeads.missing', { missing })}` : sentence;
}

function charter(f: TeamFacts, { w }: Writer): string {
  const c = f.charter;
  return w.t('evidence.charter', { purpose: yes(c.purpose), scope: yes(c.scope), rules: c.groundRules, fails: yes(c.whenConsensusFails) });
}

function cadence(f: TeamFacts, { w, day, list }: Writer): string {
  const quarter = w.quarter(f.quarter);
  if (f.meetings.length === 0) return w.t('evidence.cadence.none', { quarter });
  return w.t('evidence.cadence.some', {
    count: f.meetings.length,
    quarter,
    dates: list(
      f.meetings.map((m) => day(m.date)),
      6,
    ),
  });
}

function jointAgendas(f: TeamFacts, { w }: Writer): string {
  const quarter = w.quarter(f.quarter);
  if (f.meetings.length === 0) return w.t('evidence.jointAgendas.none', { quarter });
  const presenting = f.meetings.filter((m) => m.bothCoLeadsPresenting).length;
  const present = f.meetings.filter((m) => m.bothCoLeadsPresent).length;
  return w.t('evidence.jointAgendas.some', { quarter, presenting, count: f.meetings.length, present });
}

function decisions(f: TeamFacts, { w }: Writer): string {
  const quarter = w.quarter(f.quarter);
  if (f.consensusDecisions + f.failedDecisions === 0) return w.t('evidence.decisions.none', { quarter });
  return w.t('evidence.decisions.some', { count: f.consensusDecisions, quarter, failed: f.failedDecisions });
}

function owners(f: TeamFacts, { w }: Writer): string {
  const quarter = w.quarter(f.quarter);
  if (f.actionItems === 0) return w.t('evidence.owners.none', { quarter });
  return w.t('evidence.owners.some', { items: f.actionItems, quarter, owners: f.actionOwners });
}

function projects(f: TeamFacts, { w, list, status }: Writer): string {
  const ps = f.projects;
  if (ps.length === 0) return w.t('evidence.projects.none');
  return w.t('evidence.projects.some', { count: ps.length, list: list(ps.map((p) => `${p.title} (${status(p)})`)) });
}

function cycles(f: TeamFacts, { w, list }: Writer): string {
  const count = f.projects.reduce((n, p) => n + p.cyclesCompleted, 0);
  if (f.projects.length === 0) return w.t('evidence.cycles.none');
  const withCycles = f.projects.filter((p) => p.cyclesCompleted > 0).map((p) => `${p.title}: ${w.number(p.cyclesCompleted)}`);
  return withCycles.length ? w.t('evidence.cycles.byProject', { count, list: list(withCycles) }) : w.t('evidence.cycles.total', { count });
}

function documented(f: TeamFacts, { w, list }: Writer): string {
  if (f.projects.length === 0) return w.t('evidence.projects.none');
  const stale = f.projects.filter((p) => p.stale);
  const days = DOCUMENTATION_INTERVAL_DAYS;
  if (stale.length === 0) return w.t('evidence.documented.all', { days });
  return w.t('evidence.documented.stale', {
    days,
    list: list(stale.map((p) => w.t('evidence.documented.project', { title: p.title, days: p.daysSinceUpdate }))),
  });
}

function annotated(f: TeamFacts, { w, list }: Writer): string {
  const charts = f.projects.flatMap((p) => p.annotatedCharts);
  if (charts.length === 0) return w.t('evidence.annotated.none');
  return w.t('evidence.annotated.some', { count: charts.length, list: list(charts) });
}

function valueCompass(f: TeamFacts, { w, valueCompass: say }: Writer): string {
  if (f.projects.length === 0) return w.t('evidence.valueCompass.noProjects');
  const covered = VALUE_COMPASS_POINTS.filter((p) => f.projects.some((x) => x.valueCompass.includes(p)));
  const missing = VALUE_COMPASS_POINTS.filter((p) => !covered.includes(p));
  const names = (ps: readonly ValueCompassPoint[]) => ps.map(say).join(', ');
  if (covered.length === 0) return w.t('evidence.valueCompass.none');
  return missing.length
    ? w.t('evidence.valueCompass.some', { covered: covered.length, points: names(covered), missing: names(missing) })
    : w.t('evidence.valueCompass.all', { covered: covered.length, points: names(covered) });
}

function measures(f: TeamFacts, { w, day }: Writer): string {
  const count = f.projects.reduce((s, p) => s + p.measuresWithData, 0);
  if (count === 0) return w.t('evidence.measures.none');
  const last = f.projects
    .map((p) => p.lastPoint)
    .filter((d): d is string => d !== null)
    .sort()
    .at(-1);
  return last ? w.t('evidence.measures.latest', { count, date: day(last) }) : w.t('evidence.measures.some', { count });
}

const BUILDERS: Record<EvidenceKind, (f: TeamFacts, words: Writer) => string> = {
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

/**
 * What the app holds for each kind of evidence, in plain words of the screen's language (English
 * when none is given). An attached offer is saved as it was worded: the record keeps the sentence
 * the co-leads read, in the language they read it in.
 */
export function offerEvidence(facts: TeamFacts, language: Locale | typeof PSEUDO = 'en'): Map<EvidenceKind, Offer> {
  const words = writer(p2pWords(language), language);
  return new Map((Object.keys(BUILDERS) as EvidenceKind[]).map((kind) => [kind, { kind, text: BUILDERS[kind](facts, words) }]));
}

/** The offers for one criterion, in the order the criterion lists them. */
export const offersFor = (criterion: Criterion, offers: ReadonlyMap<EvidenceKind, Offer>): Offer[] =>
  criterion.evidence.map((k) => offers.get(k)).filter((o): o is Offer => Boolean(o));
