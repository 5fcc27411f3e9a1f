import Papa from 'papaparse';
import { REGIONS } from '../model/roster';
import { share, type Share } from './rollup';
import { p2pWords } from './words';

// Aggregate figures for regions or program-wide departments where the facilitator has no
// team-level data, imported from a CSV (region, teams, high performing, as of). A figure is
// reported to a council as fact, so a file with any bad row is refused whole, with every problem
// listed by line: a half-imported set of regions would add up to a wrong program-wide share.

export const FIGURES_MAX_BYTES = 512 * 1024;
export const FIGURES_MAX_ROWS = 500;
export const FIGURES_COLUMNS = ['region', 'teams', 'high_performing', 'as_of'] as const;

export interface FigureRow {
  /** 1-based line in the file (the header is line 1). */
  line: number;
  region: string;
  teams: number;
  highPerforming: number;
  asOf: string;
}

export interface LineProblem {
  line: number;
  /** Every reason of the line, in English. */
  reason: string;
}

/** Why a file is refused, for a screen to say in its own language (p2pWords `figures.refusal.*`). */
export type FiguresRefusalCode = 'tooLarge' | 'notText' | 'empty' | 'missingColumns' | 'tooManyRows' | 'lineProblems' | 'noFigures';
/** What is wrong on a line (p2pWords `figures.reason.*`). Numbers are kept as written in the file. */
export type FiguresReasonCode =
  | 'unbalancedQuotes'
  | 'regionMissing'
  | 'unknownRegion'
  | 'countMissing'
  | 'notWhole'
  | 'negative'
  | 'tooLarge'
  | 'moreHighPerforming'
  | 'asOfMissing'
  | 'notADate'
  | 'duplicate';
export type FiguresValues = Record<string, string | number>;
export interface FiguresReason {
  code: FiguresReasonCode;
  values: FiguresValues;
}
export interface FiguresRefusal {
  code: FiguresRefusalCode;
  values: FiguresValues;
  /** The bad lines, each with every reason, in file order. */
  lines: Array<{ line: number; reasons: FiguresReason[] }>;
}

export type FiguresParseResult = { ok: true; rows: FigureRow[] } | { ok: false; message: string; problems: LineProblem[]; refusal: FiguresRefusal };

const english = () => p2pWords('en');
/** A refusal's sentence, in `words`' language. */
export const figuresRefusalText = (r: Pick<FiguresRefusal, 'code' | 'values'>, words = english()) => words.t(`figures.refusal.${r.code}`, r.values);
/** A line's reasons, in `words`' language, one after another. */
export const figuresReasonsText = (reasons: readonly FiguresReason[], words = english()) =>
  reasons.map((r) => words.t(`figures.reason.${r.code}`, r.values)).join('; ');

const squash = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '');

/** Known region names, and the ways a report spells them. */
const REGION_BY_KEY = new Map<string, string>([
  ...REGIONS.map((r) => [squash(r), r] as const),
  [squash('Program-wide departments'), 'Program-wide'],
  [squash('Program wide depts'), 'Program-wide'],
  [squash('National program'), 'Program-wide'],
  [squash('Mid-Atlantic'), 'Mid-Atlantic States'],
  [squash('Northern Cal'), 'Northern California'],
  [squash('Southern Cal'), 'Southern California'],
]);

/** The app's name for a region as typed in a file, or null when it is not a region the app knows. */
export const canonicalRegion = (text: string): string | null => REGION_BY_KEY.get(squash(text)) ?? null;

const HEADER_ALIASES: Record<string, (typeof FIGURES_COLUMNS)[number]> = {
  region: 'region',
  department: 'region',
  teams: 'teams',
  ubts: 'teams',
  total_teams: 'teams',
  all_teams: 'teams',
  high_performing: 'high_performing',
  highperforming: 'high_performing',
  high_performing_teams: 'high_performing',
  teams_rated_high_performing: 'high_performing',
  as_of: 'as_of',
  asof: 'as_of',
  as_of_date: 'as_of',
  date: 'as_of',
};

const normalizeHeader = (h: string) =>
  h
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** A whole count as written in a report: "1,347" or "1347"; anything else is a problem. */
function parseCount(text: string, column: 'teams' | 'highPerforming'): { value: number } | { problem: FiguresReason } {
  const t = text.trim();
  if (t === '') return { problem: { code: 'countMissing', values: { column } } };
  if (!/^-?(\d{1,3}(,\d{3})+|\d+)(\.0+)?$/.test(t)) return { problem: { code: 'notWhole', values: { column, text: t } } };
  const value = Number(t.replace(/,/g, ''));
  if (value < 0) return { problem: { code: 'negative', values: { column, text: t } } };
  if (value > 1_000_000) return { problem: { code: 'tooLarge', values: { column, text: t } } };
  return { value };
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOf = (year: number, month: number) =>
  [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;

/** "2021-06-30", "6/30/2021", or "June 2021" (the month's last day); null when it is not a real date. */
export function parseAsOf(text: string): string | null {
  const t = text.trim();
  let year: number;
  let month: number;
  let day: number;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t))) [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t))) [year, month, day] = [Number(m[3]), Number(m[1]), Number(m[2])];
  else if ((m = /^([A-Za-z]+)\.?\s+(\d{4})$/.exec(t))) {
    const name = m[1]!.toLowerCase();
    const found = MONTHS.findIndex((mo) => mo === name || (name.length >= 3 && mo.startsWith(name)));
    if (found < 0) return null;
    [year, month] = [Number(m[2]), found + 1];
    day = lastDayOf(year, month);
  } else return null;
  if (year < 1990 || year > 2200 || month < 1 || month > 12 || day < 1 || day > lastDayOf(year, month)) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * Parse a program-figures CSV. Every problem is reported with its line; if there is any, the
 * result is a refusal and nothing is to be imported.
 */
export function parseProgramFiguresCsv(text: string): FiguresParseResult {
  const refuse = (code: FiguresRefusalCode, values: FiguresValues = {}, lines: FiguresRefusal['lines'] = []) => ({
    ok: false as const,
    message: figuresRefusalText({ code, values }),
    problems: lines.map(({ line, reasons }) => ({ line, reason: figuresReasonsText(reasons) })),
    refusal: { code, values, lines },
  });
  if (text.length > FIGURES_MAX_BYTES) return refuse('tooLarge', { kb: FIGURES_MAX_BYTES / 1024 });
  if (text.includes('\0')) return refuse('notText');
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return refuse('empty');

  const parsed = Papa.parse<string[]>(body, { skipEmptyLines: false });
  const header = (parsed.data[0] ?? []).map((h) => HEADER_ALIASES[normalizeHeader(h)] ?? null);
  const missing = FIGURES_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) return refuse('missingColumns', { columns: FIGURES_COLUMNS.join(', '), missing: missing.join(', ') });
  if (parsed.data.length - 1 > FIGURES_MAX_ROWS) return refuse('tooManyRows', { max: FIGURES_MAX_ROWS });
  const col = (name: (typeof FIGURES_COLUMNS)[number]) => header.indexOf(name);
  const quoteErrorRows = new Set(parsed.errors.filter((e) => e.code === 'MissingQuotes' || e.code === 'InvalidQuotes').map((e) => e.row));

  const rows: FigureRow[] = [];
  const problems: FiguresRefusal['lines'] = [];
  const seen = new Map<string, number>();
  parsed.data.slice(1).forEach((cells, i) => {
    const line = i + 2;
    if (cells.every((c) => c.trim() === '')) return;
    if (quoteErrorRows.has(i + 1)) return problems.push({ line, reasons: [{ code: 'unbalancedQuotes', values: {} }] });
    const get = (name: (typeof FIGURES_COLUMNS)[number]) => (cells[col(name)] ?? '').trim();
    const reasons: FiguresReason[] = [];
    const regionText = get('region');
    const region = regionText ? canonicalRegion(regionText) : null;
    if (!regionText) reasons.push({ code: 'regionMissing', values: {} });
    else if (!region) reasons.push({ code: 'unknownRegion', values: { region: regionText, known: REGIONS.join(', ') } });
    const teams = parseCount(get('teams'), 'teams');
    const hp = parseCount(get('high_performing'), 'highPerforming');
    if ('problem' in teams) reasons.push(teams.problem);
    if ('problem' in hp) reasons.push(hp.problem);
    if ('value' in teams && 'value' in hp && hp.value > teams.value)
      reasons.push({ code: 'moreHighPerforming', values: { highPerforming: String(hp.value), teams: String(teams.value) } });
    const asOfText = get('as_of');
    const asOf = asOfText ? parseAsOf(asOfText) : null;
    if (!asOfText) reasons.push({ code: 'asOfMissing', values: {} });
    else if (!asOf) reasons.push({ code: 'notADate', values: { text: asOfText } });
    if (region && asOf) {
      const k = `${region}|${asOf}`;
      const first = seen.get(k);
      if (first !== undefined) reasons.push({ code: 'duplicate', values: { region, asOf, line: String(first) } });
      else seen.set(k, line);
    }
    if (reasons.length) return problems.push({ line, reasons });
    rows.push({ line, region: region!, teams: (teams as { value: number }).value, highPerforming: (hp as { value: number }).value, asOf: asOf! });
  });
  if (problems.length) return refuse('lineProblems', { count: problems.length }, problems);
  if (rows.length === 0) return refuse('noFigures');
  return { ok: true, rows };
}

export interface FigureLike {
  region: string;
  teams: number;
  highPerforming: number;
  asOf: string;
  importedAt?: string;
}

/** The figure that stands for each region: the latest as-of date (the latest import on a tie). */
export function latestByRegion<F extends FigureLike>(figures: readonly F[]): F[] {
  const best = new Map<string, F>();
  for (const f of figures) {
    const known = best.get(f.region);
    if (!known || f.asOf > known.asOf || (f.asOf === known.asOf && (f.importedAt ?? '') > (known.importedAt ?? ''))) best.set(f.region, f);
  }
  return [...best.values()].sort((a, b) => a.region.localeCompare(b.region));
}

export interface ImportedTotal {
  share: Share;
  teams: number;
  regions: number;
  /** The as-of dates the total mixes, oldest first (one date when the figures are all of one report). */
  asOf: string[];
}

/** Program-wide total of the imported figures: the latest figure of each region, added up. */
export function importedTotal(figures: readonly FigureLike[]): ImportedTotal {
  const latest = latestByRegion(figures);
  const teams = latest.reduce((n, f) => n + f.teams, 0);
  const hp = latest.reduce((n, f) => n + f.highPerforming, 0);
  return { share: share(hp, teams), teams, regions: latest.length, asOf: [...new Set(latest.map((f) => f.asOf))].sort() };
}
