import { formatDate, formatNumber } from '../i18n/format';
import type { Locale } from '../i18n/locales';
import { escapeHtml } from '../minutes/html';
import type { RunChartModel } from './chartSeries';
import { rimWords, type RimWords } from './words';

// A run chart as a small static SVG for documents (minutes, worksheets): the interactive chart
// on screen is Mantine's LineChart; a printed page needs a picture that needs no script and no
// stylesheet. It draws the same model: points, each period's median, the target, PDSA markers.
// Its words, dates and numbers are in the language of `words` (English unless given).

export interface RunChartSvgOptions {
  width?: number;
  height?: number;
  title?: string;
  unit?: string;
  words?: RimWords;
}

const fmtIn = (locale: Locale) => (n: number) => formatNumber(n, locale, { maximumFractionDigits: Math.abs(n) >= 100 ? 0 : 1, signDisplay: 'negative' });

export function runChartSvg(model: RunChartModel, options: RunChartSvgOptions = {}): string {
  const { t, locale } = options.words ?? rimWords('en');
  const fmt = fmtIn(locale);
  const width = options.width ?? 640;
  const height = options.height ?? 260;
  const pad = { left: 48, right: 16, top: options.title ? 28 : 12, bottom: 40 };
  const rows = model.rows;
  const values = rows.flatMap((r) => [r.value, r.median, r.target]).filter((v): v is number => v !== null);
  let lo = values.length ? Math.min(...values) : 0;
  let hi = values.length ? Math.max(...values) : 1;
  if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
  const margin = (hi - lo) * 0.08;
  lo -= margin;
  hi += margin;
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const x = (i: number) => pad.left + (rows.length <= 1 ? plotW / 2 : (i * plotW) / (rows.length - 1));
  const y = (v: number) => pad.top + plotH - ((v - lo) / (hi - lo)) * plotH;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Arial, sans-serif" font-size="10">`,
  );
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  if (options.title) out.push(`<text x="${pad.left}" y="16" font-size="12" font-weight="bold" fill="#1f3a5f">${escapeHtml(options.title)}</text>`);
  // Axes and a few value gridlines.
  for (let k = 0; k <= 4; k++) {
    const v = lo + ((hi - lo) * k) / 4;
    out.push(`<line x1="${pad.left}" x2="${width - pad.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#e3e8ee"/>`);
    out.push(`<text x="${pad.left - 6}" y="${(y(v) + 3).toFixed(1)}" text-anchor="end" fill="#555">${fmt(v)}</text>`);
  }
  out.push(`<line x1="${pad.left}" x2="${pad.left}" y1="${pad.top}" y2="${pad.top + plotH}" stroke="#888"/>`);
  out.push(`<line x1="${pad.left}" x2="${width - pad.right}" y1="${pad.top + plotH}" y2="${pad.top + plotH}" stroke="#888"/>`);
  // Dates: first, last and a few between.
  const ticks = rows.length <= 6 ? rows.map((_, i) => i) : [0, Math.round((rows.length - 1) / 3), Math.round((2 * (rows.length - 1)) / 3), rows.length - 1];
  for (const i of new Set(ticks)) {
    // The first and last labels hug the plot's edges so they are never cut off.
    const anchor = rows.length > 1 && i === 0 ? 'start' : rows.length > 1 && i === rows.length - 1 ? 'end' : 'middle';
    out.push(
      `<text x="${x(i).toFixed(1)}" y="${height - pad.bottom + 14}" text-anchor="${anchor}" fill="#555">${escapeHtml(formatDate(rows[i]!.date, locale))}</text>`,
    );
  }
  // Target, then each period's median as its own segment.
  const target = rows.find((r) => r.target !== null)?.target ?? null;
  if (target !== null)
    out.push(
      `<line x1="${pad.left}" x2="${width - pad.right}" y1="${y(target).toFixed(1)}" y2="${y(target).toFixed(1)}" stroke="#1a7f37" stroke-dasharray="6 4"/><text x="${width - pad.right}" y="${(y(target) - 4).toFixed(1)}" text-anchor="end" fill="#1a7f37">${escapeHtml(t('runSvg.target', { value: fmt(target) }))}</text>`,
    );
  let start = 0;
  for (let i = 1; i <= rows.length; i++) {
    if (i === rows.length || rows[i]!.median !== rows[start]!.median) {
      const m = rows[start]!.median;
      if (m !== null)
        out.push(
          `<line x1="${x(start).toFixed(1)}" x2="${x(i - 1).toFixed(1)}" y1="${y(m).toFixed(1)}" y2="${y(m).toFixed(1)}" stroke="#a60" stroke-width="1.5"/>`,
        );
      start = i;
    }
  }
  // PDSA cycles as labelled vertical markers.
  model.annotations.forEach((a, k) => {
    const i = rows.findIndex((r) => r.date === a.at);
    if (i < 0) return;
    out.push(
      `<line x1="${x(i).toFixed(1)}" x2="${x(i).toFixed(1)}" y1="${pad.top}" y2="${pad.top + plotH}" stroke="#7048e8" stroke-dasharray="2 3"/><text x="${(x(i) + 3).toFixed(1)}" y="${pad.top + 10 + (k % 3) * 11}" fill="#7048e8">${escapeHtml(a.short)}</text>`,
    );
  });
  // The points, with gaps where a point is missing.
  let path = '';
  rows.forEach((r, i) => {
    if (r.value === null) return;
    path += `${path && rows[i - 1]?.value !== null && i > 0 ? 'L' : 'M'}${x(i).toFixed(1)} ${y(r.value).toFixed(1)} `;
  });
  if (path) out.push(`<path d="${path.trim()}" fill="none" stroke="#1c7ed6" stroke-width="1.6"/>`);
  for (const [i, r] of rows.entries()) if (r.value !== null) out.push(`<circle cx="${x(i).toFixed(1)}" cy="${y(r.value).toFixed(1)}" r="2.6" fill="#1c7ed6"/>`);
  const legend = [
    options.unit ? t('runSvg.pointsIn', { unit: options.unit }) : t('runSvg.points'),
    t('runSvg.median'),
    ...(target !== null ? [t('runSvg.targetLegend')] : []),
    ...(model.annotations.length ? [t('runSvg.pdsa')] : []),
  ];
  out.push(`<text x="${pad.left}" y="${height - 8}" fill="#555">${escapeHtml(legend.join('  ·  '))}</text>`);
  out.push('</svg>');
  return out.join('');
}
