import { LineChart, type ChartReferenceAreaProps, type ChartReferenceDotProps, type ChartReferenceLineProps, type LineChartSeries } from '@mantine/charts';
import { Group, Paper, Stack, Text } from '@mantine/core';
import { useMemo, type ReactElement } from 'react';
import { COLORS, formatValue, longDate, scaleOf } from '@shared/rim/chartPicture';
import { chartRows, dayToDate, legendEntries, type ChartRow, type LegendKey, type MeasureChartModel } from '@shared/rim/measureChart';

/** Dots for every point up to this many; beyond, only the points outside the limits (hundreds of dots cost more than they tell). */
const DOTS_UP_TO = 150;

type SeriesKey = keyof Pick<ChartRow, 'y' | 'trend' | 'uclBase' | 'uclExt' | 'lclBase' | 'lclExt'>;

const SERIES: Record<SeriesKey, LineChartSeries & { name: SeriesKey }> = {
  trend: { name: 'trend', color: COLORS.trend, curveType: 'linear' },
  uclBase: { name: 'uclBase', color: COLORS.limits, curveType: 'step' },
  uclExt: { name: 'uclExt', color: COLORS.limits, curveType: 'step', strokeDasharray: '7 4' },
  lclBase: { name: 'lclBase', color: COLORS.limits, curveType: 'step' },
  lclExt: { name: 'lclExt', color: COLORS.limits, curveType: 'step', strokeDasharray: '7 4' },
  y: { name: 'y', label: 'Value', color: COLORS.points, curveType: 'linear' },
};

/**
 * What the chart library draws point by point is what costs (three 500-point charts must open in
 * well under 300 ms): a line that is constant over a stretch (every centre line, I, C and G
 * limits) is drawn as segments, and only limits that follow each denominator (P, U) as series.
 */
function drawing(model: MeasureChartModel) {
  const { points, periods } = model;
  const segments: ChartReferenceLineProps[] = [];
  const series: SeriesKey[] = [];
  const frozen = periods.some((p) => p.baselineLast !== null);
  for (const limit of ['ucl', 'lcl', 'centre'] as const) {
    const color = limit === 'centre' ? COLORS.centre : COLORS.limits;
    const varies = periods.some((p) => {
      const vs = new Set(points.slice(p.first, p.last + 1).map((pt) => pt[limit]));
      return vs.size > 1;
    });
    if (varies && limit !== 'centre') {
      series.push(`${limit}Base`);
      if (frozen) series.push(`${limit}Ext`);
      continue;
    }
    for (const p of periods) {
      const value = points[p.first]?.[limit] ?? null;
      if (p.last < p.first || value === null) continue;
      const cut = p.baselineLast ?? p.last;
      const from = points[p.first]!.day;
      const to = points[cut]!.day;
      const end = points[p.last]!.day;
      segments.push({
        segment: [
          { x: from, y: value },
          { x: to === from ? from + 0.5 : to, y: value },
        ],
        color,
        strokeWidth: 1.6,
        ifOverflow: 'visible',
      });
      if (cut < p.last)
        segments.push({
          segment: [
            { x: to, y: value },
            { x: end, y: value },
          ],
          color,
          strokeWidth: 1.6,
          strokeDasharray: '7 4',
          ifOverflow: 'visible',
        });
    }
  }
  if (model.spans.some((sp) => sp.kind === 'trend')) series.unshift('trend');
  series.push('y');
  return { segments, series: series.map((k) => SERIES[k]) };
}

/** A small picture of each legend entry, the same marks the chart uses. */
export function LegendSwatch({ kind }: { kind: LegendKey }) {
  const line = (color: string, dash?: string, width = 2) => <line x1={0} x2={22} y1={7} y2={7} stroke={color} strokeWidth={width} strokeDasharray={dash} />;
  const shapes: Record<LegendKey, ReactElement> = {
    points: (
      <>
        {line(COLORS.points, undefined, 1.6)}
        <circle cx={11} cy={7} r={2.7} fill={COLORS.points} />
      </>
    ),
    centre: line(COLORS.centre),
    limits: line(COLORS.limits),
    extension: line(COLORS.centre, '7 4'),
    outside: <circle cx={11} cy={7} r={4.2} fill={COLORS.outside} />,
    shift: <rect x={0} y={1} width={22} height={12} fill={COLORS.shift} fillOpacity={0.35} />,
    trend: <line x1={3} x2={19} y1={7} y2={7} stroke={COLORS.trend} strokeOpacity={0.55} strokeWidth={9} strokeLinecap="round" />,
    target: line(COLORS.target, '8 4'),
    pdsa: <line x1={11} x2={11} y1={0} y2={14} stroke={COLORS.pdsa} strokeWidth={1.6} strokeDasharray="5 3" />,
    note: <line x1={11} x2={11} y1={0} y2={14} stroke={COLORS.note} strokeWidth={1.6} strokeDasharray="1 3" />,
  };
  return (
    <svg width={22} height={14} aria-hidden>
      {shapes[kind]}
    </svg>
  );
}

function ChartTooltip({ row, model, spread }: { row: ChartRow | undefined; model: MeasureChartModel; spread: number }) {
  if (!row || row.date === null) return null;
  const fmt = (v: number) => formatValue(v, spread);
  const unit = model.unit === '%' ? '%' : '';
  return (
    <Paper withBorder shadow="sm" p="xs" fz="sm">
      <Text fw={600} size="sm">
        Point {row.number}, {longDate(row.date)}
      </Text>
      <Text size="sm">
        {row.y === null ? 'No value' : `${fmt(row.y)}${unit}`}
        {row.numerator !== null || row.denominator !== null ? ` (${row.numerator ?? '–'} of ${row.denominator ?? '–'})` : ''}
        {row.outside ? ' · outside the limits' : ''}
      </Text>
      {row.centre !== null && (
        <Text size="xs" c="dimmed">
          {model.centreName} {fmt(row.centre)}
          {row.ucl !== null ? ` · UCL ${fmt(row.ucl)}` : ''}
          {row.lcl !== null ? ` · LCL ${fmt(row.lcl)}` : ''}
        </Text>
      )}
    </Paper>
  );
}

interface Props {
  model: MeasureChartModel;
  name: string;
  /** A time axis shared with the project's other charts: [first day, last day]. */
  domain?: readonly [number, number] | null;
  height?: number;
  /** The MR chart under an I chart: no legend of its own. */
  compact?: boolean;
}

/**
 * A measure's chart on screen: points over time, the centre line and control limits of each
 * period (solid over the baseline, dashed where extended past it), the target, points outside the
 * limits in red, shifts shaded, trends as a band, PDSA cycles and chart notes at their dates.
 */
export function MeasureChart({ model, name, domain, height = 300, compact = false }: Props) {
  const rows = useMemo(() => chartRows(model), [model]);
  const { segments, series } = useMemo(() => drawing(model), [model]);
  const { points } = model;
  if (points.length === 0) {
    return (
      <Text c="dimmed" size="sm" py="xl" ta="center">
        No data yet: enter or paste points and the chart appears here.
      </Text>
    );
  }
  const first = points[0]!.day;
  const last = points.at(-1)!.day;
  // A single day gets a day either side, so its point sits in the middle of a real axis.
  const [d0, d1] = domain ?? (first === last ? [first - 1, last + 1] : [first, last]);
  const span = d1 - d0;
  // Distinct ticks only: the chart library keys ticks by value, and a repeated one is never removed.
  const ticks = [...new Set(Array.from({ length: 6 }, (_, k) => Math.round(d0 + (span * k) / 5)))];
  // The same value axis as the exported picture: round ticks, a percentage never past 100.
  const scale = scaleOf(model);
  const spread = scale.hi - scale.lo;
  const withDots = points.length <= DOTS_UP_TO;

  const lines: ChartReferenceLineProps[] = [];
  if (model.target !== null) {
    lines.push({
      y: model.target,
      color: COLORS.target,
      strokeDasharray: '8 4',
      label: `Target ${formatValue(model.target, spread)}`,
      labelPosition: 'insideBottomRight',
      ifOverflow: 'extendDomain',
    });
  }
  for (const p of model.periods.slice(1)) {
    if (p.last >= p.first)
      lines.push({
        x: points[p.first]!.day,
        color: COLORS.period,
        strokeDasharray: '2 3',
        label: compact ? undefined : 'New period',
        labelPosition: 'insideBottomLeft',
      });
  }
  // Marks closer than this share one label's room: only the first is labelled (all are listed under the chart).
  const room = span * 0.07;
  let labelledUpTo = -Infinity;
  const marks = [
    ...model.cycles.map((c) => ({ ...c, color: COLORS.pdsa, dash: '5 3' })),
    ...model.notes.map((n) => ({ ...n, color: COLORS.note, dash: '1 3' })),
  ].sort((a, b) => a.day - b.day);
  for (const m of marks) {
    const labelled = !compact && m.day - labelledUpTo >= room;
    if (labelled) labelledUpTo = m.day;
    lines.push({ x: m.day, color: m.color, strokeDasharray: m.dash, strokeWidth: 1.5, label: labelled ? m.short : undefined, labelPosition: 'insideTopLeft' });
  }
  const areas: ChartReferenceAreaProps[] = model.spans
    .filter((s) => s.kind === 'shift')
    .map((s) => ({ x1: points[s.start]!.day, x2: points[s.end]!.day, color: COLORS.shift, fillOpacity: 0.18, ifOverflow: 'hidden' }));
  lines.unshift(...segments);
  const outside: ChartReferenceDotProps[] = points
    .filter((p) => p.outside && p.y !== null)
    .map((p) => ({ x: p.day, y: p.y!, r: 4.5, fill: COLORS.outside, stroke: '#ffffff', strokeWidth: 1, ifOverflow: 'visible' }));

  return (
    <Stack gap={4}>
      <div
        data-testid={compact ? 'companion-chart' : 'measure-chart'}
        data-kind={model.kind}
        data-points={points.length}
        data-outside={points.filter((p) => p.outside).length}
        data-annotations={model.cycles.length}
        data-notes={model.notes.length}
        data-trends={model.spans.filter((s) => s.kind === 'trend').length}
        data-domain={`${dayToDate(d0)}/${dayToDate(d1)}`}
        aria-label={`${model.title} of ${name}`}
        role="img"
      >
        {model.unit && (
          <Text size="xs" c="dimmed" ml={4}>
            {model.unit}
          </Text>
        )}
        <LineChart
          h={height}
          data={rows}
          dataKey="day"
          series={series}
          connectNulls={false}
          withDots={withDots}
          dotProps={{ r: 2.6, strokeWidth: 0, fill: COLORS.points }}
          referenceDots={outside}
          withLegend={false}
          referenceLines={lines}
          referenceAreas={areas}
          tooltipProps={{ content: ({ payload }) => <ChartTooltip row={payload?.[0]?.payload as ChartRow | undefined} model={model} spread={spread} /> }}
          lineProps={(s) => {
            if (s.name === 'y') return { activeDot: { r: 4 }, strokeWidth: 1.6, isAnimationActive: false };
            if (s.name === 'trend')
              return { dot: false, activeDot: false, strokeWidth: 9, strokeOpacity: 0.55, strokeLinecap: 'round', isAnimationActive: false };
            return { dot: false, activeDot: false, strokeWidth: 1.5, isAnimationActive: false };
          }}
          xAxisProps={{
            type: 'number',
            domain: [d0, d1],
            ticks,
            allowDataOverflow: true,
            tickFormatter: (day: number) => longDate(dayToDate(day)),
            padding: { left: 8, right: 8 },
            interval: 'preserveStartEnd',
            minTickGap: 16,
          }}
          yAxisProps={{ domain: [scale.lo, scale.hi], ticks: scale.ticks, allowDataOverflow: true, tickFormatter: scale.fmt, width: 56 }}
          gridAxis="x"
        />
      </div>
      {!compact && (
        <Group gap="md" data-testid="chart-legend">
          {legendEntries(model).map((e) => (
            <Group key={e.key} gap={6} wrap="nowrap">
              <LegendSwatch kind={e.key} />
              <Text size="xs">{e.label}</Text>
            </Group>
          ))}
        </Group>
      )}
      {!compact && (model.cycles.length > 0 || model.notes.length > 0) && (
        <Group gap="md" data-testid="chart-annotations">
          {model.cycles.map((c) => (
            <Text key={c.id} size="xs" c={COLORS.pdsa} data-testid="chart-annotation">
              {c.label}, {c.date}
            </Text>
          ))}
          {model.notes.map((n) => (
            <Text key={n.id} size="xs" c={COLORS.note} data-testid="chart-note-mark">
              {n.short}, {n.date}: {n.label}
            </Text>
          ))}
        </Group>
      )}
    </Stack>
  );
}
