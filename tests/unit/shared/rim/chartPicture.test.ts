import { describe, expect, it } from 'vitest';
import { seriesDate } from '@shared/rim/dataImport';
import {
  chartPicture,
  chartViews,
  shapesToSvg,
  chartSummaryText,
  formatValue,
  niceTicks,
  placedTexts,
  spreadLabels,
  textWidth,
  wrapText,
  type ChartPicture,
  type ChartPictureMeta,
} from '@shared/rim/chartPicture';
import { buildMeasureChart, dayToDate, type MeasureChartInput } from '@shared/rim/measureChart';
import { formatDate } from '@shared/i18n/format';
import { rimWords } from '@shared/rim/words';

const EN = rimWords('en');

const META: ChartPictureMeta = {
  measureName: 'Patients seen within 30 minutes of arrival',
  kindLabel: 'Outcome measure',
  directionLabel: 'Higher is better',
  teamName: 'Bayview Emergency Department UBT',
  projectTitle: 'Faster first look in the ED',
  frozenReason: 'Twelve weeks before the triage nurse role',
};

const base: MeasureChartInput['measure'] = {
  id: 'm1',
  valueType: 'proportion',
  ratePer: 1000,
  target: 90,
  frozenBaselineCount: null,
  chart: null,
  unit: '',
  denominatorLabel: 'Patients seen',
};

/** A seeded 500-week proportion with a shift, a bad week, missing weeks, cycles and notes. */
function longChart(over: Partial<MeasureChartInput['measure']> = {}) {
  let seed = 3;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const points = Array.from({ length: 500 }, (_, i) => {
    const n = 40 + Math.round(random() * 20);
    const rate = i === 130 ? 0.3 : i > 300 ? 0.88 : 0.75;
    return {
      date: seriesDate('2016-01-04', 'weekly', i),
      value: null,
      numerator: i % 47 === 0 ? null : Math.round(n * rate + (random() - 0.5) * 6),
      denominator: n,
    };
  }).map((p) => ({ ...p, numerator: p.numerator === null ? null : Math.min(p.numerator, p.denominator) }));
  return buildMeasureChart(
    {
      measure: { ...base, ...over },
      points,
      cycles: [1, 2, 3].map((k) => ({
        id: `c${k}`,
        number: k,
        title: `Triage test ${k}`,
        decision: 'adapt' as const,
        plannedOn: null,
        doneOn: points[290 + k * 4]!.date,
        measureIds: ['m1'],
      })),
      notes: [{ id: 'n1', date: points[400]!.date, text: 'EHR go-live & new <triage> screen', measureId: null }],
    },
    EN,
  );
}

/** Every text box inside the picture: nothing runs off an edge. */
function expectNothingClipped(p: ChartPicture) {
  const off = p.texts.filter((t) => t.x < 0 || t.x + t.width > p.width + 0.5 || t.y < 0 || t.y + t.height > p.height + 0.5);
  expect(off).toEqual([]);
}

const allText = (p: ChartPicture) => p.texts.map((t) => t.text).join('\n');

describe('chartPicture', () => {
  it('carries what a slide needs: measure, chart and unit, team, labelled lines, legend, signals, dates and where it was made', () => {
    const model = longChart();
    const p = chartPicture(model, META, EN, { width: 1000 });
    const text = allText(p);
    expect(p.svg).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="1000" height="\d+"/);
    for (const expected of [
      'Patients seen within 30 minutes of arrival',
      'P chart (proportions) · in % · Outcome measure · Higher is better',
      'Bayview Emergency Department UBT · Faster first look in the ED',
      'What the chart shows',
      'Centre line (mean)',
      'Control limits (3 sigma)',
      'Outside the limits',
      'PDSA cycle',
      'Chart note',
      'Made with Common Ground',
      'PDSA 1',
      'Note 1',
    ])
      expect(text).toContain(expected);
    // The last period's lines are labelled with their values.
    expect(text).toMatch(/UCL \d+\nMean \d+\nLCL \d+\nTarget 90/);
    expect(text).toMatch(/Points? 131 (is|are) below the lower control limit/);
    expect(text).toContain('489 points, Jan 4, 2016 to Jul 28, 2025');
    // Text is escaped, never markup.
    expect(p.svg).toContain('EHR go-live &amp; new &lt;triage&gt; screen');
    expect(p.svg).not.toContain('<triage>');
    // A picture, not a web page: no stylesheet, no script, no CSS variables.
    expect(p.svg).not.toMatch(/<style|<script|var\(--|class=/);
    expectNothingClipped(p);
  });

  it('fits its text at a narrow width and with very long names: lines wrap, the picture grows', () => {
    const model = longChart({ frozenBaselineCount: 100 });
    const long = { ...META, measureName: `${'Patients with a documented pain reassessment within an hour of each dose '.repeat(2)}(all units)` };
    const wide = chartPicture(model, long, EN, { width: 1000 });
    const narrow = chartPicture(model, long, EN, { width: 480 });
    expect(narrow.height).toBeGreaterThan(wide.height);
    const titleLines = narrow.texts.filter((t) => long.measureName.includes(t.text) && t.text.length > 10);
    expect(titleLines.length).toBeGreaterThan(2);
    expectNothingClipped(wide);
    expectNothingClipped(narrow);
    // The frozen baseline is drawn solid, its extension dashed, and both are explained.
    expect(wide.svg).toContain('stroke-dasharray="7 4"');
    expect(allText(wide)).toContain('Extended past the frozen baseline');
    expect(allText(wide).replace(/\n/g, ' ')).toContain(
      'Baseline frozen on the first 100 points (Twelve weeks before the triage nurse role): the centre line and limits are drawn solid over the baseline and dashed where extended past it.',
    );
  });

  it('draws an I chart with its MR chart beneath on the same time axis, and a shared axis when asked', () => {
    const values = Array.from({ length: 60 }, (_, i) => (i === 30 ? 40 : 20 + ((i * 7) % 9)));
    const model = buildMeasureChart(
      {
        measure: { ...base, valueType: 'measurement', unit: 'minutes', target: null },
        points: values.map((value, i) => ({ date: seriesDate('2025-01-06', 'weekly', i), value, numerator: null, denominator: null })),
      },
      EN,
    );
    const p = chartPicture(model, { ...META, measureName: 'Minutes to first antibiotic dose' }, EN);
    const text = allText(p);
    expect(text).toContain('I chart (individual values) · in minutes');
    expect(text).toContain('MR chart (moving ranges)');
    expect(text).toMatch(/Average MR \d/);
    expect(text).toMatch(/MR chart: Points 31 and 32 are above the upper control limit/);
    // The two charts' date axes end at the same x: their plots have the same width.
    const last = p.texts.filter((t) => t.text === formatDate(seriesDate('2025-01-06', 'weekly', 59), 'en'));
    expect(last).toHaveLength(2);
    expect(last[0]!.x).toBeCloseTo(last[1]!.x, 5);
    expectNothingClipped(p);

    const shared = chartPicture(model, META, EN, { domain: [model.points[0]!.day - 365, model.points.at(-1)!.day] });
    expect(allText(shared)).toContain(formatDate(dayToDate(model.points[0]!.day - 365), 'en'));
  });

  it('says so when there is nothing to draw yet', () => {
    const model = buildMeasureChart({ measure: base, points: [] }, EN);
    const p = chartPicture(model, META, EN);
    expect(allText(p)).toContain('No data yet.');
    expect(allText(p)).toContain('No points yet');
    expectNothingClipped(p);
  });

  it('puts the chart in words beside the picture for the clipboard', () => {
    const model = longChart();
    const words = chartSummaryText(model, META, EN);
    expect(words.split('\n').slice(0, 4)).toEqual([
      'Patients seen within 30 minutes of arrival',
      'P chart (proportions) · in % · Outcome measure · Higher is better',
      'Bayview Emergency Department UBT · Faster first look in the ED',
      'Jan 4, 2016 to Jul 28, 2025',
    ]);
    expect(words).toMatch(/- Points? 131 (is|are) below the lower control limit/);
    expect(words).toContain('- PDSA 1, ');
    expect(words.trim().endsWith('Made with Common Ground')).toBe(true);
  });
});

describe('chartViews: the same drawing on screen', () => {
  it('lays a chart out at the width it is given, the MR chart on the same axis, with what it draws named', () => {
    const values = Array.from({ length: 40 }, (_, i) => (i === 20 ? 40 : 20 + ((i * 7) % 9)));
    const model = buildMeasureChart(
      {
        measure: { ...base, valueType: 'measurement', unit: 'minutes', target: 18, frozenBaselineCount: 20 },
        points: values.map((value, i) => ({ date: seriesDate('2025-01-06', 'weekly', i), value, numerator: null, denominator: null })),
      },
      EN,
    );
    const { main, companion } = chartViews(model, { width: 640, plotHeight: 240 }, EN);
    expect(main.width).toBe(640);
    expect(companion).not.toBeNull();
    expect(companion!.plot.left).toBe(main.plot.left);
    expect(companion!.plot.width).toBe(main.plot.width);
    const roles = new Set(main.shapes.map((s) => s.role).filter(Boolean));
    for (const role of ['values', 'outside', 'target', 'centre-baseline', 'centre-extension', 'ucl-baseline', 'ucl-extension', 'line-label'])
      expect(roles).toContain(role);
    // Every text fits the width it was given.
    for (const t of placedTexts(main.shapes)) expect(t.x + t.width).toBeLessThanOrEqual(640.5);
    // Written out, the shapes are the picture's marks: the data line, the red point, the dashed extension.
    const markup = shapesToSvg(main.shapes);
    expect(markup.match(/<circle[^>]*fill="#d6336c"/g)).toHaveLength(1);
    expect(markup).toContain('stroke-dasharray="7 4"');
  });
});

describe('chartViews across a re-base', () => {
  it('starts each period’s lines afresh: no line runs from one period into the next', () => {
    const values = [6, 7, 5, 6, 8, 5, 7, 6, 5, 7, 6, 8, 4, 3, 4, 3, 2, 3, 4, 3, 2, 3, 4, 3];
    const points = values.map((value, i) => ({ date: seriesDate('2026-01-05', 'weekly', i), value, numerator: null, denominator: null }));
    const model = buildMeasureChart(
      {
        measure: { ...base, valueType: 'measurement', unit: '', target: null, chart: 'run' },
        points,
        periods: [{ startsOn: points[12]!.date, reason: 'Bed alarms adopted', baselineCount: null }],
      },
      EN,
    );
    const { main } = chartViews(model, { width: 800, plotHeight: 240 }, EN);
    const d = (role: string) => main.shapes.flatMap((s) => (s.kind === 'path' && s.role === role ? [s.d] : []));
    expect(d('values')).toHaveLength(1);
    expect(d('values')[0]!.match(/M/g)).toHaveLength(2);
    expect(d('centre-baseline')).toHaveLength(2);
    expect(main.shapes.filter((s) => s.role === 'period')).toHaveLength(1);
    // The earlier period names its centre line where it starts; the last one at the right.
    const labels = main.shapes.flatMap((s) => (s.kind === 'text' ? [s.text] : []));
    expect(labels).toEqual(expect.arrayContaining(['Median 6', 'Median 3', 'New period']));
  });
});

describe('picture layout helpers', () => {
  it('wraps words to a width, cutting a word longer than a line', () => {
    const lines = wrapText('The line crosses the centre line only 127 times: fewer than expected', 13, 200);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.every((l) => textWidth(l, 13) <= 200)).toBe(true);
    expect(lines.join(' ')).toBe('The line crosses the centre line only 127 times: fewer than expected');
    const cut = wrapText('x'.repeat(80), 13, 100);
    expect(cut.join('')).toBe('x'.repeat(80));
    expect(cut.every((l) => textWidth(l, 13) <= 100)).toBe(true);
    expect(wrapText('', 13, 100)).toEqual(['']);
  });

  it('measures wide letters wider than narrow ones, and bold wider than regular', () => {
    expect(textWidth('MMMM', 12)).toBeGreaterThan(textWidth('iiii', 12));
    expect(textWidth('Mean 42.2', 12, true)).toBeGreaterThan(textWidth('Mean 42.2', 12));
    expect(textWidth('', 12)).toBe(0);
  });

  it('spreads labels of lines that run close so none overlaps, inside the plot', () => {
    const ys = spreadLabels([100, 104, 102, 300], 14, 20, 320);
    const sorted = [...ys].sort((a, b) => a - b);
    for (let k = 1; k < sorted.length; k++) expect(sorted[k]! - sorted[k - 1]!).toBeGreaterThanOrEqual(14);
    expect(ys[3]).toBe(300);
    // Pushed against the bottom, the stack moves up instead of off the plot.
    const low = spreadLabels([318, 319, 320], 14, 20, 320);
    expect(Math.max(...low)).toBe(320);
    expect(Math.min(...low)).toBe(292);
  });

  it('chooses round ticks and as many digits as the spread needs', () => {
    expect(niceTicks(0, 100, 5)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(2.6, 9.8, 6)).toEqual([4, 6, 8]);
    expect(niceTicks(5, 5)).toEqual([5]);
    expect(formatValue(42.25, 60, 'en')).toBe('42');
    expect(formatValue(42.25, 10, 'en')).toBe('42.3');
    expect(formatValue(0.125, 1, 'en')).toBe('0.13');
    expect(formatValue(3, 1, 'en')).toBe('3');
    expect(formatValue(-0.0001, 1, 'en')).toBe('0');
    expect(formatValue(1234.5, 60, 'en')).toBe('1,235');
    // Spanish decimals take a comma, in the locale's digits.
    expect(formatValue(42.25, 10, 'es')).toBe('42,3');
  });
});
