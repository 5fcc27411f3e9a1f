import { formatDate, formatNumber } from '../i18n/format';
import type { Locale } from '../i18n/locales';
import { escapeHtml } from '../minutes/html';
import { dayToDate, legendEntries, type ChartMark, type LegendKey, type MeasureChartModel, type MeasureChartPoint } from './measureChart';
import type { RimWords } from './words';

// A measure's chart as a picture worth pasting into a huddle slide or a report: the measure, its
// unit and the team at the top; the chart with its centre line and limits labelled, the baseline
// solid and its extension dashed, points outside the limits in red, shifts and trends marked, PDSA
// cycles and chart notes at their dates; a legend; the signals in words; the date range; and
// "Made with Common Ground". Laid out here from the same model as the chart on screen (not a copy
// of the screen's SVG), so every label is placed on purpose and the picture grows to fit its
// text instead of cutting it off. Pure: the renderer turns the SVG into a PNG. Its words, dates and
// numbers are in the language of the words given.

export interface ChartPictureMeta {
  measureName: string;
  /** "Outcome measure" */
  kindLabel: string;
  /** "Lower is better" */
  directionLabel: string;
  teamName: string;
  projectTitle: string;
  /** Why the baseline is frozen, printed with it. */
  frozenReason?: string;
}

export interface ChartPictureOptions {
  /** CSS pixels; the PNG is drawn at twice this. Default 1000. */
  width?: number;
  /** A shared time axis: [first day, last day] (days since 1970-01-01). Default: the chart's own dates. */
  domain?: readonly [number, number] | null;
}

/** A text's estimated box, for checks that nothing runs off the picture. */
export interface PlacedText {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ChartPicture {
  svg: string;
  width: number;
  height: number;
  texts: PlacedText[];
}

export const COLORS = {
  ink: '#1d2733',
  muted: '#5c6670',
  grid: '#e6eaef',
  axis: '#8a949e',
  points: '#1c63b7',
  outside: '#d6336c',
  centre: '#2b2f33',
  limits: '#c2410c',
  target: '#2b8a3e',
  pdsa: '#6741d9',
  note: '#9c6500',
  trend: '#f59f00',
  shift: '#fcc419',
  period: '#868e96',
} as const;

/** The picture's fonts: DejaVu Sans (which its text is measured for), else the close Verdana. */
export const CHART_FONT = "DejaVu Sans, Verdana, 'Segoe UI', Arial, sans-serif";

// Advance widths of DejaVu Sans (the font the picture names first; Verdana's are close) in em, so
// text can be measured without a browser. Unknown characters count as wide.
const NARROW = new Map<string, number>(
  Object.entries({
    ' ': 0.318,
    '.': 0.318,
    ',': 0.318,
    ':': 0.337,
    ';': 0.337,
    '·': 0.318,
    "'": 0.275,
    '’': 0.318,
    '′': 0.3,
    '"': 0.46,
    '!': 0.4,
    '|': 0.337,
    '(': 0.39,
    ')': 0.39,
    '[': 0.39,
    ']': 0.39,
    '-': 0.361,
    '–': 0.5,
    '—': 1,
    '/': 0.337,
    '%': 0.95,
    '+': 0.838,
    '=': 0.838,
    '<': 0.838,
    '>': 0.838,
    '&': 0.78,
    '#': 0.838,
    i: 0.278,
    j: 0.278,
    l: 0.278,
    f: 0.352,
    t: 0.392,
    r: 0.411,
    s: 0.521,
    z: 0.525,
    c: 0.55,
    k: 0.579,
    v: 0.592,
    x: 0.592,
    y: 0.592,
    m: 0.974,
    w: 0.818,
    I: 0.295,
    J: 0.295,
    L: 0.557,
    F: 0.575,
    P: 0.603,
    T: 0.611,
    Y: 0.611,
    E: 0.632,
    S: 0.635,
    K: 0.656,
    M: 0.863,
    W: 0.989,
    O: 0.787,
    Q: 0.787,
    G: 0.775,
    D: 0.77,
  }),
);

/** Estimated width in px of `text` at `size` px (bold is wider). */
export function textWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const glyph of text) {
    // An accented letter is as wide as its letter ("á" as "a", "ñ" as "n"): Spanish text is not over-wrapped.
    const ch = glyph.normalize('NFD')[0] ?? glyph;
    const known = NARROW.get(ch);
    if (known !== undefined) em += known;
    else if (/[0-9]/.test(ch)) em += 0.636;
    else if (/[a-z]/.test(ch)) em += 0.63;
    else if (/[A-Z]/.test(ch)) em += 0.72;
    else em += 1;
  }
  return em * size * (bold ? 1.12 : 1);
}

/** Words into lines no wider than `max` px; a word longer than a line is cut across lines. */
export function wrapText(text: string, size: number, max: number, bold = false): string[] {
  const lines: string[] = [];
  let line = '';
  const push = (word: string) => {
    const candidate = line ? `${line} ${word}` : word;
    if (textWidth(candidate, size, bold) <= max) {
      line = candidate;
      return;
    }
    if (line) lines.push(line);
    line = '';
    let rest = word;
    while (textWidth(rest, size, bold) > max) {
      let cut = rest.length - 1;
      while (cut > 1 && textWidth(rest.slice(0, cut), size, bold) > max) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  };
  for (const word of text.split(/\s+/).filter(Boolean)) push(word);
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/** A number as a label in the locale's digits: no more decimals than the spread of the chart needs. */
export function formatValue(v: number, spread: number, locale: Locale): string {
  const digits = spread >= 50 ? 0 : spread >= 5 ? 1 : spread >= 0.5 ? 2 : 3;
  // "-0" is not a value anyone measured: a value rounding to zero prints as 0.
  return formatNumber(v, locale, { maximumFractionDigits: digits, signDisplay: 'negative' });
}

/** Round tick values covering [lo, hi]: steps of 1, 2, 2.5 or 5 times a power of ten. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power) as number;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) ticks.push(Number(v.toFixed(10)));
  return ticks;
}

/**
 * What a chart is drawn from: plain shapes, written out as an SVG document for export and drawn
 * as SVG elements on screen, so the chart on screen is the picture that is exported. `role`
 * names what a shape is (the data line, a point outside the limits), for tests and hit-testing.
 */
export type Shape =
  | { kind: 'path'; d: string; stroke: string; width: number; dash?: string; opacity?: number; round?: boolean; role?: string }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; width?: number; dash?: string; role?: string }
  | { kind: 'rect'; x: number; y: number; w: number; h: number; fill: string; opacity?: number; role?: string }
  | { kind: 'circle'; cx: number; cy: number; r: number; fill: string; stroke?: string; role?: string }
  | {
      kind: 'text';
      x: number;
      y: number;
      text: string;
      size: number;
      fill: string;
      bold?: boolean;
      anchor?: 'start' | 'middle' | 'end';
      halo?: boolean;
      role?: string;
    };

interface Svg {
  shapes: Shape[];
}

interface TextStyle {
  size: number;
  fill?: string;
  bold?: boolean;
  anchor?: 'start' | 'middle' | 'end';
  halo?: boolean;
}

/** Draw one line of text with `y` its baseline. */
function text(svg: Svg, x: number, y: number, content: string, style: TextStyle & { role?: string }): void {
  svg.shapes.push({
    kind: 'text',
    x,
    y,
    text: content,
    size: style.size,
    fill: style.fill ?? COLORS.ink,
    bold: style.bold,
    anchor: style.anchor,
    halo: style.halo,
    role: style.role,
  });
}

/** The estimated box of every text shape, for checks that nothing runs off the picture. */
export function placedTexts(shapes: readonly Shape[]): PlacedText[] {
  return shapes.flatMap((s) => {
    if (s.kind !== 'text') return [];
    const width = textWidth(s.text, s.size, s.bold);
    const left = s.anchor === 'middle' ? s.x - width / 2 : s.anchor === 'end' ? s.x - width : s.x;
    return [{ text: s.text, x: left, y: s.y - s.size * 0.8, width, height: s.size * 1.05 }];
  });
}

const attr = (name: string, value: string | number | undefined | false) => (value === undefined || value === false ? '' : ` ${name}="${value}"`);

/** Shapes as SVG markup (text escaped). */
export function shapesToSvg(shapes: readonly Shape[]): string {
  return shapes
    .map((s) => {
      switch (s.kind) {
        case 'path':
          return `<path d="${s.d}" fill="none" stroke="${s.stroke}" stroke-width="${s.width}"${attr('stroke-dasharray', s.dash)}${attr('stroke-opacity', s.opacity)}${s.round ? ' stroke-linecap="round" stroke-linejoin="round"' : ' stroke-linejoin="round"'}/>`;
        case 'line':
          return `<line x1="${r(s.x1)}" x2="${r(s.x2)}" y1="${r(s.y1)}" y2="${r(s.y2)}" stroke="${s.stroke}"${attr('stroke-width', s.width)}${attr('stroke-dasharray', s.dash)}/>`;
        case 'rect':
          return `<rect x="${r(s.x)}" y="${r(s.y)}" width="${r(s.w)}" height="${r(s.h)}" fill="${s.fill}"${attr('fill-opacity', s.opacity)}/>`;
        case 'circle':
          return `<circle cx="${r(s.cx)}" cy="${r(s.cy)}" r="${s.r}" fill="${s.fill}"${s.stroke ? ` stroke="${s.stroke}" stroke-width="1"` : ''}/>`;
        case 'text':
          return (
            `<text x="${r(s.x)}" y="${r(s.y)}" font-size="${s.size}" fill="${s.fill}"${attr('font-weight', s.bold && 'bold')}` +
            `${attr('text-anchor', s.anchor && s.anchor !== 'start' && s.anchor)}` +
            // A label over lines and points stays readable on a white outline.
            `${s.halo ? ' stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"' : ''}>${escapeHtml(s.text)}</text>`
          );
      }
    })
    .join('');
}

export const r = (n: number) => (Math.round(n * 10) / 10).toString();

export interface Plot {
  left: number;
  top: number;
  width: number;
  height: number;
  x: (day: number) => number;
  y: (v: number) => number;
  lo: number;
  hi: number;
}

/** Lines as SVG path data, with a gap at each missing value and between periods. */
function pathOf(points: readonly MeasureChartPoint[], plot: Plot, value: (p: MeasureChartPoint) => number | null, breakAtPeriods = true): string {
  let d = '';
  let open = false;
  let period = -1;
  for (const p of points) {
    const v = value(p);
    if (v === null || (breakAtPeriods && p.period !== period)) open = false;
    period = p.period;
    if (v === null) continue;
    d += `${open ? 'L' : 'M'}${r(plot.x(p.day))} ${r(plot.y(v))}`;
    open = true;
  }
  return d;
}

/**
 * A limit or centre line that may change from point to point (P and U limits follow each
 * denominator): drawn as steps centred on the points, from the first point to the last.
 */
function stepPath(points: readonly MeasureChartPoint[], plot: Plot, value: (p: MeasureChartPoint) => number | null): string {
  let d = '';
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    const v = value(p);
    if (v === null) continue;
    const prev = points[i - 1];
    const next = points[i + 1];
    const from = prev && value(prev) !== null ? (prev.day + p.day) / 2 : p.day;
    const to = next && value(next) !== null ? (p.day + next.day) / 2 : p.day;
    const joined = prev && value(prev) !== null;
    d += `${joined ? 'L' : 'M'}${r(plot.x(from))} ${r(plot.y(v))}L${r(plot.x(to))} ${r(plot.y(v))}`;
  }
  return d;
}

interface LineSeries {
  name: 'centre' | 'ucl' | 'lcl';
  value: (p: MeasureChartPoint) => number | null;
  color: string;
  width: number;
}

const SERIES: LineSeries[] = [
  { name: 'ucl', value: (p) => p.ucl, color: COLORS.limits, width: 1.4 },
  { name: 'lcl', value: (p) => p.lcl, color: COLORS.limits, width: 1.4 },
  { name: 'centre', value: (p) => p.centre, color: COLORS.centre, width: 1.6 },
];

/** Assign each label to the first row where it overlaps nothing; returns row per label. */
function stackLabels(labels: readonly { x: number; width: number }[], gap = 8): number[] {
  const rows: { from: number; to: number }[][] = [];
  return labels.map((l) => {
    const from = l.x;
    const to = l.x + l.width;
    let row = rows.findIndex((taken) => taken.every((t) => to + gap <= t.from || from >= t.to + gap));
    if (row < 0) {
      rows.push([]);
      row = rows.length - 1;
    }
    rows[row]!.push({ from, to });
    return row;
  });
}

/** Spread labels vertically so none overlaps, keeping each as near its line as the space allows. */
export function spreadLabels(wanted: readonly number[], height: number, min: number, max: number): number[] {
  const order = wanted.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y);
  const placed = order.map((o) => Math.min(Math.max(o.y, min), max));
  for (let k = 1; k < placed.length; k++) placed[k] = Math.max(placed[k]!, placed[k - 1]! + height);
  // Pushed past the bottom: shift the stack up.
  const overflow = (placed.at(-1) ?? min) - max;
  if (overflow > 0) {
    placed[placed.length - 1] = max;
    for (let k = placed.length - 2; k >= 0; k--) placed[k] = Math.min(placed[k]!, placed[k + 1]! - height);
  }
  const out = new Array<number>(wanted.length);
  order.forEach((o, k) => (out[o.i] = placed[k]!));
  return out;
}

interface DrawnChart {
  height: number;
  plot: Plot;
}

export interface Scale {
  lo: number;
  hi: number;
  ticks: number[];
  fmt: (v: number) => string;
  rightLabels: { text: string; value: number; color: string }[];
  leftPad: number;
  rightPad: number;
}

/** The value scale of a chart and the room its axis labels and line labels need on each side (shared by the chart on screen). */
export function scaleOf(model: MeasureChartModel, { t, locale }: RimWords): Scale {
  const pts = model.points;
  const values = pts.flatMap((p) => [p.y, p.centre, p.ucl, p.lcl]).filter((v): v is number => v !== null && Number.isFinite(v));
  if (model.target !== null) values.push(model.target);
  let lo = values.length ? Math.min(...values) : 0;
  let hi = values.length ? Math.max(...values) : 1;
  if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
  const pad = (hi - lo) * 0.08;
  lo -= pad;
  hi += pad;
  if (model.unit === '%' && lo < 0 && Math.min(...values) >= 0) lo = 0;
  if (model.unit === '%' && hi > 100 && Math.max(...values) <= 100) hi = 100;
  if (lo < 0 && values.every((v) => v >= 0)) lo = 0;
  const ticks = niceTicks(lo, hi, 6);
  lo = Math.min(lo, ticks[0]!);
  hi = Math.max(hi, ticks.at(-1)!);
  const spread = hi - lo;
  const fmt = (v: number) => formatValue(v, spread, locale);

  // Right-hand labels of the last period's lines, then the margins they need.
  const last = [...pts].reverse().find((p) => p.centre !== null) ?? null;
  const rightLabels: { text: string; value: number; color: string }[] = [];
  if (last) {
    if (last.ucl !== null) rightLabels.push({ text: t('chart.ucl', { value: fmt(last.ucl) }), value: last.ucl, color: COLORS.limits });
    rightLabels.push({ text: t('chart.centreLine', { centre: model.centre, value: fmt(last.centre!) }), value: last.centre!, color: COLORS.centre });
    if (last.lcl !== null) rightLabels.push({ text: t('chart.lcl', { value: fmt(last.lcl) }), value: last.lcl, color: COLORS.limits });
  }
  if (model.target !== null) rightLabels.push({ text: t('chart.target', { value: fmt(model.target) }), value: model.target, color: COLORS.target });
  const tickLabelWidth = Math.max(...ticks.map((t) => textWidth(fmt(t), 12)), 10);
  const leftPad = tickLabelWidth + 12;
  const rightPad = Math.max(16, ...rightLabels.map((l) => textWidth(l.text, 12, true) + 14));
  return { lo, hi, ticks, fmt, rightLabels, leftPad, rightPad };
}

/** Draw one chart (the main one or the MR chart under it) with its top at `top`; answers its height. */
function drawChart(
  svg: Svg,
  model: MeasureChartModel,
  scale: Scale,
  frame: {
    left: number;
    width: number;
    top: number;
    plotHeight: number;
    domain: readonly [number, number];
    leftPad: number;
    rightPad: number;
    /** Label the marks above the plot (the MR chart under an I chart shows the lines only). */
    markLabels: boolean;
  },
  { t, locale }: RimWords,
): DrawnChart {
  const pts = model.points;
  const { lo, hi, ticks, fmt, rightLabels } = scale;
  const { leftPad, rightPad } = frame;

  // Mark labels (periods, PDSA cycles, notes) in rows above the plot.
  const [d0, d1] = frame.domain;
  const plotLeft = frame.left + leftPad;
  const plotWidth = frame.width - leftPad - rightPad;
  const x = (day: number) => plotLeft + (d1 === d0 ? plotWidth / 2 : ((day - d0) / (d1 - d0)) * plotWidth);
  const inDomain = (day: number) => day >= d0 && day <= d1;
  const marks: { day: number; text: string; color: string; dash: string; role: string }[] = [
    ...model.periods
      .slice(1)
      .flatMap((p) =>
        p.startsOn && p.last >= p.first ? [{ day: pts[p.first]!.day, text: t('chart.newPeriod'), color: COLORS.period, dash: '2 3', role: 'period' }] : [],
      ),
    ...model.cycles.map((c) => ({ day: c.day, text: c.short, color: COLORS.pdsa, dash: '5 3', role: 'pdsa' })),
    ...model.notes.map((n) => ({ day: n.day, text: n.short, color: COLORS.note, dash: '1 3', role: 'note' })),
  ].filter((m) => inDomain(m.day));
  const markBoxes = marks.map((m) => {
    const width = textWidth(m.text, 11, true);
    // Kept inside the plot's width: a mark at the right edge is labelled to its left.
    const left = Math.min(Math.max(x(m.day) - width / 2, plotLeft), plotLeft + plotWidth - width);
    return { x: left, width };
  });
  const rows = frame.markLabels ? stackLabels(markBoxes) : [];
  const rowCount = rows.length ? Math.max(...rows) + 1 : 0;
  const unitLine = model.unit ? 16 : 0;
  const plotTop = frame.top + unitLine + rowCount * 14 + (rowCount ? 6 : 0) + 6;
  const plotHeight = frame.plotHeight;
  const y = (v: number) => plotTop + plotHeight - ((v - lo) / (hi - lo)) * plotHeight;
  const plot: Plot = { left: plotLeft, top: plotTop, width: plotWidth, height: plotHeight, x, y, lo, hi };

  if (model.unit) text(svg, plotLeft, frame.top + 12, model.unit, { size: 12, fill: COLORS.muted });

  // Shifts shaded behind everything.
  for (const s of model.spans.filter((sp) => sp.kind === 'shift')) {
    const a = x(pts[s.start]!.day);
    const b = x(pts[s.end]!.day);
    const w = Math.max(b - a, 4);
    svg.shapes.push({ kind: 'rect', x: a - (w === 4 ? 2 : 0), y: plotTop, w, h: plotHeight, fill: COLORS.shift, opacity: 0.18, role: 'shift' });
  }
  // Grid and value axis.
  for (const t of ticks) {
    svg.shapes.push({ kind: 'line', x1: plotLeft, x2: plotLeft + plotWidth, y1: y(t), y2: y(t), stroke: COLORS.grid });
    text(svg, plotLeft - 8, y(t) + 4, fmt(t), { size: 12, fill: COLORS.muted, anchor: 'end' });
  }
  svg.shapes.push({ kind: 'path', d: `M${r(plotLeft)} ${r(plotTop)}V${r(plotTop + plotHeight)}H${r(plotLeft + plotWidth)}`, stroke: COLORS.axis, width: 1 });

  // Period, PDSA and note marks: a line through the plot and the label above it.
  marks.forEach((m, i) => {
    const mx = x(m.day);
    svg.shapes.push({ kind: 'line', x1: mx, x2: mx, y1: plotTop, y2: plotTop + plotHeight, stroke: m.color, width: 1.3, dash: m.dash, role: m.role });
    const box = markBoxes[i]!;
    if (frame.markLabels) text(svg, box.x, frame.top + unitLine + rows[i]! * 14 + 12, m.text, { size: 11, fill: m.color, bold: true, role: `${m.role}-label` });
  });

  // Target.
  if (model.target !== null) {
    svg.shapes.push({
      kind: 'line',
      x1: plotLeft,
      x2: plotLeft + plotWidth,
      y1: y(model.target),
      y2: y(model.target),
      stroke: COLORS.target,
      width: 1.4,
      dash: '8 4',
      role: 'target',
    });
  }

  // Centre line and limits per period: solid over the baseline, dashed where extended past it.
  for (const period of model.periods) {
    if (period.last < period.first) continue;
    const own = pts.slice(period.first, period.last + 1);
    const cut = period.baselineLast === null ? own.length - 1 : period.baselineLast - period.first;
    const base = own.slice(0, cut + 1);
    const extension = period.baselineLast === null ? [] : own.slice(cut);
    for (const s of SERIES) {
      const solid = stepPath(base, plot, s.value);
      if (solid) svg.shapes.push({ kind: 'path', d: solid, stroke: s.color, width: s.width, role: `${s.name}-baseline` });
      const dashed = extension.length > 1 ? stepPath(extension, plot, s.value) : '';
      if (dashed) svg.shapes.push({ kind: 'path', d: dashed, stroke: s.color, width: s.width, dash: '7 4', role: `${s.name}-extension` });
    }
    // Earlier periods name their own centre line where it starts.
    if (period !== model.periods.filter((p) => p.last >= p.first).at(-1) && period.centre !== null) {
      text(svg, x(own[0]!.day) + 8, y(period.centre) - 6, t('chart.centreLine', { centre: model.centre, value: fmt(period.centre) }), {
        size: 11,
        fill: COLORS.centre,
        halo: true,
      });
    }
  }

  // Trends: a broad band under the points that form them.
  for (const s of model.spans.filter((sp) => sp.kind === 'trend')) {
    const d = pathOf(pts.slice(s.start, s.end + 1), plot, (p) => p.y, false);
    if (d) svg.shapes.push({ kind: 'path', d, stroke: COLORS.trend, opacity: 0.55, width: 9, round: true, role: 'trend' });
  }

  // The data.
  const line = pathOf(pts, plot, (p) => p.y);
  if (line) svg.shapes.push({ kind: 'path', d: line, stroke: COLORS.points, width: 1.6, role: 'values' });
  const dots = pts.length <= 150;
  for (const p of pts) {
    if (p.y === null) continue;
    if (p.outside) {
      svg.shapes.push({ kind: 'circle', cx: x(p.day), cy: y(p.y), r: 4.2, fill: COLORS.outside, stroke: '#ffffff', role: 'outside' });
    } else if (dots) {
      svg.shapes.push({ kind: 'circle', cx: x(p.day), cy: y(p.y), r: 2.7, fill: COLORS.points });
    }
  }

  // Right-hand labels, spread apart where lines run close.
  const ys = spreadLabels(
    rightLabels.map((l) => y(l.value) + 4),
    14,
    plotTop + 10,
    plotTop + plotHeight + 4,
  );
  rightLabels.forEach((l, i) => text(svg, plotLeft + plotWidth + 8, ys[i]!, l.text, { size: 12, fill: l.color, bold: true, role: 'line-label' }));

  // Date axis: evenly spaced dates, the first and last kept inside the plot.
  const tickCount = Math.max(2, Math.min(8, Math.floor(plotWidth / 120)));
  const seen = new Set<string>();
  for (let k = 0; k < tickCount; k++) {
    const day = Math.round(d0 + ((d1 - d0) * k) / (tickCount - 1));
    const label = formatDate(dayToDate(day), locale);
    if (seen.has(label)) continue;
    seen.add(label);
    const tx = x(day);
    const anchor = k === 0 ? 'start' : k === tickCount - 1 ? 'end' : 'middle';
    svg.shapes.push({ kind: 'line', x1: tx, x2: tx, y1: plotTop + plotHeight, y2: plotTop + plotHeight + 4, stroke: COLORS.axis });
    text(svg, tx, plotTop + plotHeight + 18, label, { size: 12, fill: COLORS.muted, anchor });
  }
  return { height: plotTop + plotHeight + 24 - frame.top, plot };
}

/** A legend entry's little picture, 22 × 14 px with its middle at (x, y): the same marks as the chart. */
export function swatch(key: LegendKey, x: number, y: number): Shape[] {
  const line = (stroke: string, dash?: string, width = 2): Shape => ({ kind: 'line', x1: x, x2: x + 22, y1: y, y2: y, stroke, width, dash });
  const mark = (stroke: string, dash: string): Shape => ({ kind: 'line', x1: x + 11, x2: x + 11, y1: y - 7, y2: y + 7, stroke, width: 1.6, dash });
  switch (key) {
    case 'points':
      return [line(COLORS.points, undefined, 1.6), { kind: 'circle', cx: x + 11, cy: y, r: 2.7, fill: COLORS.points }];
    case 'centre':
      return [line(COLORS.centre)];
    case 'limits':
      return [line(COLORS.limits)];
    case 'extension':
      return [line(COLORS.centre, '7 4')];
    case 'outside':
      return [{ kind: 'circle', cx: x + 11, cy: y, r: 4.2, fill: COLORS.outside }];
    case 'shift':
      return [{ kind: 'rect', x, y: y - 6, w: 22, h: 12, fill: COLORS.shift, opacity: 0.35 }];
    case 'trend':
      return [{ kind: 'path', d: `M${x + 4} ${y}H${x + 18}`, stroke: COLORS.trend, opacity: 0.55, width: 9, round: true }];
    case 'target':
      return [line(COLORS.target, '8 4')];
    case 'pdsa':
      return [mark(COLORS.pdsa, '5 3')];
    case 'note':
      return [mark(COLORS.note, '1 3')];
  }
}

/** Legend items flowing left to right, wrapping; answers the height used. */
function drawLegend(svg: Svg, items: readonly { key: LegendKey; label: string }[], left: number, top: number, width: number): number {
  let x = left;
  let row = 0;
  for (const item of items) {
    const w = 22 + 6 + textWidth(item.label, 12) + 18;
    if (x > left && x + w > left + width) {
      x = left;
      row += 1;
    }
    const cy = top + row * 20 + 8;
    svg.shapes.push(...swatch(item.key, x, cy));
    text(svg, x + 28, cy + 4, item.label, { size: 12, fill: COLORS.ink });
    x += w;
  }
  return items.length ? (row + 1) * 20 : 0;
}

/** Paragraphs of wrapped text, each optionally bulleted; answers the height used. */
function drawParagraphs(svg: Svg, paragraphs: readonly string[], left: number, top: number, width: number, style: TextStyle & { bullet?: boolean }): number {
  const lineHeight = Math.round(style.size * 1.4);
  let y = top;
  for (const p of paragraphs) {
    const indent = style.bullet ? 14 : 0;
    const lines = wrapText(p, style.size, width - indent, style.bold);
    lines.forEach((line, i) => {
      if (style.bullet && i === 0) text(svg, left, y + style.size, '•', { ...style, anchor: 'start' });
      text(svg, left + indent, y + style.size, line, style);
      y += lineHeight;
    });
    y += 2;
  }
  return y - top;
}

export interface ChartView {
  shapes: Shape[];
  width: number;
  height: number;
  /** Where the plot sits and how days and values map into it (for pointing at a point). */
  plot: Plot;
  domain: readonly [number, number];
}

/** The time axis of a chart: its own first and last point, or the shared one; a single day gets a day either side. */
export function chartDomain(model: MeasureChartModel, shared?: readonly [number, number] | null): readonly [number, number] {
  if (shared) return shared;
  const first = model.points[0]?.day ?? 0;
  const last = model.points.at(-1)?.day ?? first;
  return first === last ? [first - 1, last + 1] : [first, last];
}

/**
 * A chart laid out at a width for the screen, with the MR chart under an I chart on the same time
 * axis and margins: the picture's own drawing, without its heading, legend and words (the screen
 * shows those as text).
 */
export function chartViews(
  model: MeasureChartModel,
  options: { width: number; plotHeight: number; companionHeight?: number; domain?: readonly [number, number] | null },
  words: RimWords,
): { main: ChartView; companion: ChartView | null } {
  const domain = chartDomain(model, options.domain);
  const scales = [scaleOf(model, words), ...(model.companion ? [scaleOf(model.companion, words)] : [])];
  const pads = { leftPad: Math.max(...scales.map((sc) => sc.leftPad)), rightPad: Math.max(...scales.map((sc) => sc.rightPad)) };
  const width = Math.max(240, Math.round(options.width));
  const view = (m: MeasureChartModel, scale: Scale, plotHeight: number, markLabels: boolean): ChartView => {
    const svg: Svg = { shapes: [] };
    const drawn = drawChart(svg, m, scale, { left: 0, width, top: 0, plotHeight, domain, ...pads, markLabels }, words);
    return { shapes: svg.shapes, width, height: Math.ceil(drawn.height), plot: drawn.plot, domain };
  };
  return {
    main: view(model, scales[0]!, options.plotHeight, true),
    companion: model.companion ? view(model.companion, scales[1]!, options.companionHeight ?? Math.round(options.plotHeight * 0.4), false) : null,
  };
}

/** "PDSA 2, Mar 2, 2026: Bed alarms (adopt)": a cycle's label without its number, which `short` already says. */
function markLine(m: ChartMark, { t, locale }: RimWords, cycle: boolean): string {
  const label = cycle && m.label.startsWith(m.short) ? m.label.slice(m.short.length).replace(/^:?\s*/, '') || m.short : m.label;
  return t('picture.mark', { short: m.short, date: formatDate(m.date, locale), label });
}

const markLines = (model: MeasureChartModel, words: RimWords) => [
  ...model.cycles.map((m) => markLine(m, words, true)),
  ...model.notes.map((m) => markLine(m, words, false)),
];

/** The chart as a standalone SVG document (fonts named, no CSS, white background), in the language of `words`. */
export function chartPicture(model: MeasureChartModel, meta: ChartPictureMeta, words: RimWords, options: ChartPictureOptions = {}): ChartPicture {
  const { t, locale } = words;
  const width = Math.max(480, Math.round(options.width ?? 1000));
  const margin = 24;
  const inner = width - 2 * margin;
  const svg: Svg = { shapes: [] };
  let y = margin;

  // Heading: the measure, the chart, the team.
  y += drawParagraphs(svg, [meta.measureName], margin, y, inner, { size: 20, bold: true, fill: COLORS.ink }) + 2;
  const about = [model.title, model.unitPhrase, meta.kindLabel, meta.directionLabel].filter(Boolean).join(' · ');
  y += drawParagraphs(svg, [about], margin, y, inner, { size: 13, fill: COLORS.muted });
  y += drawParagraphs(svg, [[meta.teamName, meta.projectTitle].filter(Boolean).join(' · ')], margin, y, inner, { size: 13, fill: COLORS.muted });
  y += 8;

  const domain = chartDomain(model, options.domain);

  if (model.points.length === 0) {
    y += drawParagraphs(svg, [t('picture.noData')], margin, y, inner, { size: 14, fill: COLORS.muted });
  } else {
    // The MR chart under an I chart shares its time axis: the same margins on both.
    const scales = [scaleOf(model, words), ...(model.companion ? [scaleOf(model.companion, words)] : [])];
    const pads = { leftPad: Math.max(...scales.map((sc) => sc.leftPad)), rightPad: Math.max(...scales.map((sc) => sc.rightPad)) };
    const plotHeight = Math.round(Math.min(380, Math.max(240, width * 0.34)));
    y += drawChart(svg, model, scales[0]!, { left: margin, width: inner, top: y, plotHeight, domain, ...pads, markLabels: true }, words).height;
    if (model.companion) {
      y += 6;
      y += drawParagraphs(svg, [model.companion.title], margin, y, inner, { size: 12, bold: true, fill: COLORS.muted });
      y += drawChart(
        svg,
        model.companion,
        scales[1]!,
        { left: margin, width: inner, top: y, plotHeight: Math.round(plotHeight * 0.4), domain, ...pads, markLabels: false },
        words,
      ).height;
    }
  }
  y += 10;
  y += drawLegend(svg, legendEntries(model, words), margin, y, inner) + 8;

  // What the chart shows, in words.
  const baseline = model.periods.filter((p) => p.baselineLast !== null);
  const sentences = [...model.signals];
  if (baseline.length) {
    const first = baseline[0]!;
    const frozen = { count: first.baselineCount, limits: model.hasLimits ? 'yes' : 'no', reason: meta.frozenReason };
    sentences.push(meta.frozenReason ? t('picture.frozenBecause', frozen) : t('picture.frozen', frozen));
  }
  if (model.companion) sentences.push(...model.companion.signals.map((signal) => t('picture.mrSignal', { signal })));
  y += drawParagraphs(svg, [t('picture.shows')], margin, y, inner, { size: 14, bold: true });
  y += drawParagraphs(svg, sentences, margin, y, inner, { size: 13, bullet: true }) + 4;

  const marks = markLines(model, words);
  if (marks.length) {
    y += drawParagraphs(svg, [t('picture.marks')], margin, y, inner, { size: 14, bold: true });
    y += drawParagraphs(svg, marks, margin, y, inner, { size: 13, bullet: true }) + 4;
  }

  // Footer: the dates the chart covers, and where it was made.
  y += 6;
  svg.shapes.push({ kind: 'line', x1: margin, x2: width - margin, y1: y, y2: y, stroke: COLORS.grid });
  y += 6;
  const made = t('picture.made');
  const range = model.dateRange
    ? t('picture.range', {
        count: model.points.filter((p) => p.y !== null).length,
        from: formatDate(model.dateRange.from, locale),
        to: formatDate(model.dateRange.to, locale),
      })
    : t('picture.noPoints');
  const madeWidth = textWidth(made, 12, true);
  const rangeLines = wrapText(range, 12, inner - madeWidth - 24);
  rangeLines.forEach((line, i) => text(svg, margin, y + 13 + i * 17, line, { size: 12, fill: COLORS.muted }));
  text(svg, width - margin, y + 13, made, { size: 12, fill: COLORS.muted, bold: true, anchor: 'end' });
  y += rangeLines.length * 17 + margin - 4;

  const height = Math.ceil(y);
  const title = t('picture.title', { measure: meta.measureName, chart: model.title });
  const doc =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${CHART_FONT}">` +
    `<title>${escapeHtml(title)}</title><rect width="${width}" height="${height}" fill="#ffffff"/>${shapesToSvg(svg.shapes)}</svg>`;
  return { svg: doc, width, height, texts: placedTexts(svg.shapes) };
}

/** The chart in words, for the clipboard's text beside the picture (pasted where images are not), in the language of `words`. */
export function chartSummaryText(model: MeasureChartModel, meta: ChartPictureMeta, words: RimWords): string {
  const { t, locale } = words;
  const lines = [
    meta.measureName,
    [model.title, model.unitPhrase, meta.kindLabel, meta.directionLabel].filter(Boolean).join(' · '),
    [meta.teamName, meta.projectTitle].filter(Boolean).join(' · '),
    model.dateRange
      ? t('picture.dates', { from: formatDate(model.dateRange.from, locale), to: formatDate(model.dateRange.to, locale) })
      : t('picture.noPoints'),
    '',
    ...model.signals.map((s) => `- ${s}`),
    ...markLines(model, words).map((m) => `- ${m}`),
    '',
    t('picture.made'),
  ];
  return lines.join('\n');
}
