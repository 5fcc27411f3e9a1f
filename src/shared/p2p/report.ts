import { bold, italic, type Block, type Inline } from '../minutes/blocks';
import { escapeHtml } from '../minutes/html';
import { P2P_LEVELS } from '../model/p2p';
import { VALUE_COMPASS_POINTS } from '../model/rim';
import { DOCUMENTATION_INTERVAL_DAYS } from '../rim/pdsa';
import { QUIET_AFTER_DAYS, type DashboardData, type RegionRow } from './dashboard';
import { p2pWords, type P2pWords } from './words';

// The dashboard as a one- or two-page report for the council's quarterly meeting: the same
// blocks document the minutes use, so HTML, PDF (Chromium's print of that HTML) and Word all
// come from one source. Imported figures are always labelled as imported, never blended silently.

export interface ReportScope {
  councilName: string | null;
  region: string | null;
  /** Calendar date the report was prepared. */
  preparedOn: string;
}

export interface ReportDocument {
  title: string;
  fileStem: string;
  blocks: Block[];
  /** The words it was written in: its banner, footer and file dialog speak the same language. */
  words: P2pWords;
}

const pct = (p: number | null, words: P2pWords) => (p === null ? '-' : words.percent(p));
/** Long lists are cut so the report stays within two pages; the dashboard has them in full. */
const LIST_MAX = 8;

/** A sentence with **bold** spans as the blocks' inlines: a whole translated sentence keeps its emphasis. */
function emphasised(text: string): Inline[] {
  return text
    .split('**')
    .map((part, i) => (i % 2 === 1 ? bold(part) : part))
    .filter((part) => (typeof part === 'string' ? part !== '' : part.text !== ''));
}

export const scopeName = (scope: Pick<ReportScope, 'councilName' | 'region'>, words: P2pWords = p2pWords('en')): string =>
  [scope.councilName ?? (scope.region ? null : words.t('report.allCouncils')), scope.region].filter(Boolean).join(', ');

export const sourceLabel = (row: Pick<RegionRow, 'source' | 'asOf'>, quarter: string, words: P2pWords = p2pWords('en')): string =>
  row.source === 'computed'
    ? words.t('report.sourceComputed', { quarter: words.quarter(quarter) })
    : words.t('report.sourceImported', { date: words.date(row.asOf) });

/** Teams per level as a bar chart picture for documents (the screen uses Mantine's chart). */
export function levelsChartSvg(
  byLevel: readonly number[],
  options: { width?: number; height?: number; title?: string } = {},
  words: P2pWords = p2pWords('en'),
): string {
  const width = options.width ?? 560;
  const height = options.height ?? 160;
  const pad = { left: 36, right: 12, top: options.title ? 26 : 10, bottom: 34 };
  const levels = P2P_LEVELS.map((l) => ({ level: l, n: byLevel[l] ?? 0 }));
  const max = Math.max(1, ...levels.map((l) => l.n));
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const slot = plotW / levels.length;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Arial, sans-serif" font-size="10">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
  ];
  if (options.title) out.push(`<text x="${pad.left}" y="16" font-size="12" font-weight="bold" fill="#1f3a5f">${escapeHtml(options.title)}</text>`);
  out.push(`<line x1="${pad.left}" x2="${width - pad.right}" y1="${pad.top + plotH}" y2="${pad.top + plotH}" stroke="#888"/>`);
  for (const [i, { level, n }] of levels.entries()) {
    const h = (n / max) * plotH;
    const x = pad.left + i * slot + slot * 0.18;
    const y = pad.top + plotH - h;
    const fill = level >= 4 ? '#1a7f37' : '#7a8da3';
    out.push(`<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(slot * 0.64).toFixed(1)}" height="${h.toFixed(1)}" fill="${fill}"/>`);
    out.push(`<text x="${(x + slot * 0.32).toFixed(1)}" y="${(y - 4).toFixed(1)}" text-anchor="middle" fill="#222">${n}</text>`);
    out.push(
      `<text x="${(x + slot * 0.32).toFixed(1)}" y="${height - pad.bottom + 14}" text-anchor="middle" fill="#333">${escapeHtml(words.levelShort(level))}</text>` +
        `<text x="${(x + slot * 0.32).toFixed(1)}" y="${height - pad.bottom + 26}" text-anchor="middle" fill="#666" font-size="9">${escapeHtml(words.levelLabel(level))}</text>`,
    );
  }
  out.push('</svg>');
  return out.join('');
}

function shortList(names: readonly string[], words: P2pWords): string {
  if (names.length === 0) return words.t('report.none');
  return names.length > LIST_MAX ? words.t('report.andMore', { list: names.slice(0, LIST_MAX).join(', '), count: names.length - LIST_MAX }) : names.join(', ');
}

/** The council report, in the words of one language (English unless told). */
export function buildReport(data: DashboardData, scope: ReportScope, words: P2pWords = p2pWords('en')): ReportDocument {
  const { t } = words;
  const q = words.quarter(data.quarter);
  const where = scopeName(scope, words);
  const c = data.counts;
  const title = t('report.title', { where, quarter: q });
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: title },
    {
      kind: 'paragraph',
      content: [t('report.intro', { teams: data.teams, prepared: words.date(scope.preparedOn), today: words.date(data.today) })],
    },
    { kind: 'heading', level: 2, text: t('report.byLevel') },
    {
      kind: 'paragraph',
      content:
        c.rated === 0
          ? [t('report.noneRated', { quarter: q })]
          : emphasised(
              t('report.highShare', { share: words.share(c.share), rated: c.rated, teams: data.teams, quarter: q, notAssessed: c.notAssessed.length }),
            ),
    },
  ];
  if (c.rated > 0) {
    blocks.push({
      kind: 'image',
      svg: levelsChartSvg(c.byLevel, {}, words),
      alt: t('report.chartAlt', { quarter: q, levels: P2P_LEVELS.map((l) => t('report.chartAltLevel', { level: l, count: c.byLevel[l] })).join(', ') }),
      width: 560,
      height: 160,
    });
  }
  const share = (n: number) => pct(c.rated ? Math.round((n * 100) / c.rated) : null, words);
  const below = c.byLevel[0] > 0;
  blocks.push({
    kind: 'table',
    header: ['', ...(below ? [t('report.below1')] : []), ...P2P_LEVELS.map((l) => words.levelShort(l)), t('report.notAssessed')],
    rows: [
      [
        t('report.teams'),
        ...(below ? [words.number(c.byLevel[0])] : []),
        ...P2P_LEVELS.map((l) => words.number(c.byLevel[l])),
        words.number(c.notAssessed.length),
      ],
      [t('report.shareOfRated'), ...(below ? [share(c.byLevel[0])] : []), ...P2P_LEVELS.map((l) => share(c.byLevel[l])), ''],
    ],
  });

  const m = data.movement;
  const since = words.quarter(m.since);
  blocks.push({ kind: 'heading', level: 2, text: t('report.changeSince', { quarter: since }) });
  if (m.compared === 0) blocks.push({ kind: 'paragraph', content: [t('report.noneCompared', { since, quarter: q })] });
  else {
    const by = (dir: 1 | -1) =>
      Object.entries(m.byChange)
        .map(([k, n]) => [Number(k), n] as const)
        .filter(([k]) => Math.sign(k) === dir)
        .sort((a, b) => Math.abs(a[0]) - Math.abs(b[0]))
        .map(([k, n]) => t('report.byLevels', { count: n, levels: Math.abs(k) }))
        .join(', ');
    const detail = (n: number, dir: 1 | -1) => (n ? t('report.detail', { list: by(dir) }) : '');
    blocks.push({
      kind: 'paragraph',
      content: emphasised(
        t('report.movement', { compared: m.compared, up: m.up, upDetail: detail(m.up, 1), down: m.down, downDetail: detail(m.down, -1), same: m.same }),
      ),
    });
    if (m.moves.length) {
      blocks.push({
        kind: 'table',
        header: [t('report.team'), since, q, t('report.change')],
        rows: m.moves.slice(0, LIST_MAX).map((x) => [x.team.name, words.levelShort(x.from), words.levelShort(x.to), words.change(x.change)]),
      });
      if (m.moves.length > LIST_MAX) blocks.push({ kind: 'paragraph', content: [italic(t('report.moreMoved', { count: m.moves.length - LIST_MAX }))] });
    }
  }

  blocks.push({ kind: 'heading', level: 2, text: t('report.trend') });
  blocks.push({
    kind: 'table',
    header: [t('report.quarterColumn'), ...P2P_LEVELS.map((l) => t('report.levelColumn', { level: l })), t('report.rated'), t('report.highPerforming')],
    rows: data.trend.map((x) => [
      words.quarter(x.quarter),
      ...P2P_LEVELS.map((l) => words.number(x.byLevel[l])),
      words.number(x.rated),
      x.rated ? words.share(x.share) : '-',
    ]),
  });

  if (data.regions.length) {
    blocks.push({ kind: 'heading', level: 2, text: t('report.byRegion') });
    const rows = data.regions.map((r) => [
      r.region,
      sourceLabel(r, data.quarter, words),
      words.number(r.share.total),
      words.number(r.share.highPerforming),
      pct(r.share.percent, words),
    ]);
    // Totals only where they add something: one region's total is that region's row again.
    if (data.regions.filter((r) => r.source === 'computed').length > 1)
      rows.push([
        t('report.allRegions'),
        t('report.sourceComputed', { quarter: q }),
        words.number(data.computedTotal.total),
        words.number(data.computedTotal.highPerforming),
        pct(data.computedTotal.percent, words),
      ]);
    if (data.imported && data.imported.regions > 1) {
      rows.push([
        t('report.programWide', { count: data.imported.regions }),
        t('report.sourceImported', { date: data.imported.asOf.map((d) => words.date(d)).join(' / ') }),
        words.number(data.imported.share.total),
        words.number(data.imported.share.highPerforming),
        pct(data.imported.share.percent, words),
      ]);
    }
    blocks.push({
      kind: 'table',
      header: [t('report.region'), t('report.source'), t('report.teams'), t('report.highPerforming'), t('report.shareColumn')],
      rows,
    });
    if (data.imported) {
      blocks.push({
        kind: 'paragraph',
        content: [italic(t('report.importedNote'))],
      });
    }
  }

  const ofTeam = (item: string, team: string) => t('report.itemOfTeam', { item, team });
  blocks.push({ kind: 'heading', level: 2, text: t('report.attention') });
  blocks.push({
    kind: 'table',
    header: ['', t('report.count'), t('report.which')],
    rows: [
      [
        t('report.notAssessedFor', { quarter: q }),
        words.number(c.notAssessed.length),
        shortList(
          c.notAssessed.map((x) => x.name),
          words,
        ),
      ],
      [
        t('report.stale', { days: DOCUMENTATION_INTERVAL_DAYS }),
        words.number(data.staleProjects.length),
        shortList(
          data.staleProjects.map((s) => ofTeam(s.project.title, s.team.name)),
          words,
        ),
      ],
      [
        t('report.overdue'),
        words.number(data.overdueActions.length),
        shortList(
          data.overdueActions.map((o) => ofTeam(o.item.what, o.team.name)),
          words,
        ),
      ],
      [
        t('report.quiet', { days: QUIET_AFTER_DAYS }),
        words.number(data.quietTeams.length),
        shortList(
          data.quietTeams.map((x) => x.team.name),
          words,
        ),
      ],
    ],
  });

  blocks.push({ kind: 'heading', level: 2, text: t('report.compass') });
  blocks.push({
    kind: 'table',
    header: [t('report.compassTeams'), ...VALUE_COMPASS_POINTS.map((p) => words.valueCompass(p)), t('report.allFour')],
    rows: [
      [
        t('report.teamCount', { count: data.teams }),
        ...VALUE_COMPASS_POINTS.map((p) => words.number(data.valueCompass.teamsByPoint[p])),
        words.number(data.valueCompass.teamsWithAllFour),
      ],
    ],
  });

  const stem = t('report.fileStem', { date: scope.preparedOn, where, quarter: q })
    .replace(/[/\\:*?"<>|]+/g, ' ')
    .replace(/\s+/g, ' ');
  return { title, fileStem: stem.trim(), blocks, words };
}
