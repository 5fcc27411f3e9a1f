import { format, parseISO } from 'date-fns';
import { bold, italic, type Block } from '../minutes/blocks';
import { escapeHtml } from '../minutes/html';
import { P2P_LEVEL_LABELS, P2P_LEVELS } from '../model/p2p';
import { VALUE_COMPASS_LABELS, VALUE_COMPASS_POINTS } from '../model/rim';
import type { DashboardData, RegionRow } from './dashboard';
import { quarterLabel } from './quarters';
import { describeChange, formatShare } from './rollup';

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
}

const longDate = (d: string) => format(parseISO(d), 'MMM d, yyyy');
const pct = (p: number | null) => (p === null ? '-' : `${p}%`);
/** Long lists are cut so the report stays within two pages; the dashboard has them in full. */
const LIST_MAX = 8;

export const scopeName = (scope: Pick<ReportScope, 'councilName' | 'region'>): string =>
  [scope.councilName ?? (scope.region ? null : 'All councils'), scope.region].filter(Boolean).join(', ');

export const sourceLabel = (row: Pick<RegionRow, 'source' | 'asOf'>, quarter: string): string =>
  row.source === 'computed' ? `Assessments, ${quarterLabel(quarter)}` : `Imported, as of ${longDate(row.asOf)}`;

/** Teams per level as a bar chart picture for documents (the screen uses Mantine's chart). */
export function levelsChartSvg(byLevel: readonly number[], options: { width?: number; height?: number; title?: string } = {}): string {
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
      `<text x="${(x + slot * 0.32).toFixed(1)}" y="${height - pad.bottom + 14}" text-anchor="middle" fill="#333">Level ${level}</text>` +
        `<text x="${(x + slot * 0.32).toFixed(1)}" y="${height - pad.bottom + 26}" text-anchor="middle" fill="#666" font-size="9">${escapeHtml(P2P_LEVEL_LABELS[level]!)}</text>`,
    );
  }
  out.push('</svg>');
  return out.join('');
}

function shortList(names: readonly string[]): string {
  if (names.length === 0) return 'none';
  return names.length > LIST_MAX ? `${names.slice(0, LIST_MAX).join(', ')} and ${names.length - LIST_MAX} more` : names.join(', ');
}

export function buildReport(data: DashboardData, scope: ReportScope): ReportDocument {
  const q = quarterLabel(data.quarter);
  const where = scopeName(scope);
  const c = data.counts;
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: `Path to Performance: ${where}, ${q}` },
    {
      kind: 'paragraph',
      content: [
        `${data.teams} team${data.teams === 1 ? '' : 's'}. Prepared ${longDate(scope.preparedOn)}. Only assessments confirmed by both co-leads count; projects, action items and meetings as of ${longDate(data.today)}.`,
      ],
    },
    { kind: 'heading', level: 2, text: 'Teams by level' },
    {
      kind: 'paragraph',
      content:
        c.rated === 0
          ? [`No team has a confirmed assessment for ${q}.`]
          : [
              bold(`${formatShare(c.share)} of the rated teams are high performing`),
              ` (level 4 or 5). ${c.rated} of ${data.teams} teams have a confirmed assessment for ${q}`,
              c.notAssessed.length ? `; ${c.notAssessed.length} ${c.notAssessed.length === 1 ? 'does' : 'do'} not.` : '.',
            ],
    },
  ];
  if (c.rated > 0) {
    blocks.push({
      kind: 'image',
      svg: levelsChartSvg(c.byLevel),
      alt: `Teams by level, ${q}: ${P2P_LEVELS.map((l) => `level ${l}: ${c.byLevel[l]}`).join(', ')}`,
      width: 560,
      height: 160,
    });
  }
  const share = (n: number) => pct(c.rated ? Math.round((n * 100) / c.rated) : null);
  const below = c.byLevel[0] > 0;
  blocks.push({
    kind: 'table',
    header: ['', ...(below ? ['Below 1'] : []), ...P2P_LEVELS.map((l) => `Level ${l}`), 'Not assessed'],
    rows: [
      ['Teams', ...(below ? [String(c.byLevel[0])] : []), ...P2P_LEVELS.map((l) => String(c.byLevel[l])), String(c.notAssessed.length)],
      ['Share of rated', ...(below ? [share(c.byLevel[0])] : []), ...P2P_LEVELS.map((l) => share(c.byLevel[l])), ''],
    ],
  });

  const m = data.movement;
  blocks.push({ kind: 'heading', level: 2, text: `Change since ${quarterLabel(m.since)}` });
  if (m.compared === 0) blocks.push({ kind: 'paragraph', content: [`No team has a confirmed assessment in both ${quarterLabel(m.since)} and ${q}.`] });
  else {
    const by = (dir: 1 | -1) =>
      Object.entries(m.byChange)
        .map(([k, n]) => [Number(k), n] as const)
        .filter(([k]) => Math.sign(k) === dir)
        .sort((a, b) => Math.abs(a[0]) - Math.abs(b[0]))
        .map(([k, n]) => `${n} by ${Math.abs(k)} level${Math.abs(k) === 1 ? '' : 's'}`)
        .join(', ');
    blocks.push({
      kind: 'paragraph',
      content: [
        `Of ${m.compared} team${m.compared === 1 ? '' : 's'} rated in both quarters, `,
        bold(`${m.up} moved up`),
        m.up ? ` (${by(1)})` : '',
        ', ',
        bold(`${m.down} moved down`),
        m.down ? ` (${by(-1)})` : '',
        ` and ${m.same} stayed at the same level.`,
      ],
    });
    if (m.moves.length) {
      blocks.push({
        kind: 'table',
        header: ['Team', quarterLabel(m.since), q, 'Change'],
        rows: m.moves.slice(0, LIST_MAX).map((x) => [x.team.name, `Level ${x.from}`, `Level ${x.to}`, describeChange(x.change)]),
      });
      if (m.moves.length > LIST_MAX) blocks.push({ kind: 'paragraph', content: [italic(`and ${m.moves.length - LIST_MAX} more teams that moved.`)] });
    }
  }

  blocks.push({ kind: 'heading', level: 2, text: 'Levels over eight quarters' });
  blocks.push({
    kind: 'table',
    header: ['Quarter', ...P2P_LEVELS.map((l) => `L${l}`), 'Rated', 'High performing'],
    rows: data.trend.map((t) => [
      quarterLabel(t.quarter),
      ...P2P_LEVELS.map((l) => String(t.byLevel[l])),
      String(t.rated),
      t.rated ? formatShare(t.share) : '-',
    ]),
  });

  if (data.regions.length) {
    blocks.push({ kind: 'heading', level: 2, text: 'By region' });
    const rows = data.regions.map((r) => [
      r.region,
      sourceLabel(r, data.quarter),
      r.share.total.toLocaleString('en-US'),
      r.share.highPerforming.toLocaleString('en-US'),
      pct(r.share.percent),
    ]);
    // Totals only where they add something: one region's total is that region's row again.
    if (data.regions.filter((r) => r.source === 'computed').length > 1)
      rows.push([
        'All regions',
        `Assessments, ${q}`,
        String(data.computedTotal.total),
        String(data.computedTotal.highPerforming),
        pct(data.computedTotal.percent),
      ]);
    if (data.imported && data.imported.regions > 1) {
      rows.push([
        `Program-wide (${data.imported.regions} regions)`,
        `Imported, as of ${data.imported.asOf.map(longDate).join(' / ')}`,
        data.imported.share.total.toLocaleString('en-US'),
        data.imported.share.highPerforming.toLocaleString('en-US'),
        pct(data.imported.share.percent),
      ]);
    }
    blocks.push({ kind: 'table', header: ['Region', 'Source', 'Teams', 'High performing', 'Share'], rows });
    if (data.imported) {
      blocks.push({
        kind: 'paragraph',
        content: [
          italic('Imported figures are aggregates from a file, for regions without team-level data here; they are not computed from assessments in this app.'),
        ],
      });
    }
  }

  blocks.push({ kind: 'heading', level: 2, text: 'Needs attention' });
  blocks.push({
    kind: 'table',
    header: ['', 'Count', 'Which'],
    rows: [
      [`Teams without an assessment for ${q}`, String(c.notAssessed.length), shortList(c.notAssessed.map((t) => t.name))],
      ['Projects not updated in 90 days', String(data.staleProjects.length), shortList(data.staleProjects.map((s) => `${s.project.title} (${s.team.name})`))],
      ['Overdue action items', String(data.overdueActions.length), shortList(data.overdueActions.map((o) => `${o.item.what} (${o.team.name})`))],
      ['Teams with no meeting in 60 days', String(data.quietTeams.length), shortList(data.quietTeams.map((t) => t.team.name))],
    ],
  });

  blocks.push({ kind: 'heading', level: 2, text: 'Value Compass coverage' });
  blocks.push({
    kind: 'table',
    header: ['Teams with a project on', ...VALUE_COMPASS_POINTS.map((p) => VALUE_COMPASS_LABELS[p]), 'All four'],
    rows: [[`${data.teams} teams`, ...VALUE_COMPASS_POINTS.map((p) => String(data.valueCompass.teamsByPoint[p])), String(data.valueCompass.teamsWithAllFour)]],
  });

  const stem = `${scope.preparedOn} Path to Performance ${where} ${q}`.replace(/[/\\:*?"<>|]+/g, ' ').replace(/\s+/g, ' ');
  return { title: `Path to Performance: ${where}, ${q}`, fileStem: stem.trim(), blocks };
}
