import { Group, Paper, Stack, Text } from '@mantine/core';
import { useLayoutEffect, useMemo, useRef, useState, type MouseEvent, type ReactElement } from 'react';
import { CHART_FONT, COLORS, chartViews, formatValue, swatch, type ChartView, type Shape } from '@shared/rim/chartPicture';
import { dayToDate, legendEntries, type LegendKey, type MeasureChartModel } from '@shared/rim/measureChart';
import { useFormat, useT } from '../../i18n';
import { useRimWords } from './useRimWords';

/** A shape of the chart as an SVG element; `data-role` names what it is (the data line, a point outside the limits). */
function element(s: Shape, key: number): ReactElement {
  switch (s.kind) {
    case 'path':
      return (
        <path
          key={key}
          d={s.d}
          fill="none"
          stroke={s.stroke}
          strokeWidth={s.width}
          strokeDasharray={s.dash}
          strokeOpacity={s.opacity}
          strokeLinecap={s.round ? 'round' : undefined}
          strokeLinejoin="round"
          data-role={s.role}
        />
      );
    case 'line':
      return <line key={key} x1={s.x1} x2={s.x2} y1={s.y1} y2={s.y2} stroke={s.stroke} strokeWidth={s.width} strokeDasharray={s.dash} data-role={s.role} />;
    case 'rect':
      return <rect key={key} x={s.x} y={s.y} width={s.w} height={s.h} fill={s.fill} fillOpacity={s.opacity} data-role={s.role} />;
    case 'circle':
      return <circle key={key} cx={s.cx} cy={s.cy} r={s.r} fill={s.fill} stroke={s.stroke} strokeWidth={s.stroke ? 1 : undefined} data-role={s.role} />;
    case 'text':
      return (
        <text
          key={key}
          x={s.x}
          y={s.y}
          fontSize={s.size}
          fill={s.fill}
          fontWeight={s.bold ? 'bold' : undefined}
          textAnchor={s.anchor && s.anchor !== 'start' ? s.anchor : undefined}
          stroke={s.halo ? '#ffffff' : undefined}
          strokeWidth={s.halo ? 3 : undefined}
          paintOrder={s.halo ? 'stroke' : undefined}
          data-role={s.role}
        >
          {s.text}
        </text>
      );
  }
}

/** A small picture of each legend entry: the same marks the chart uses. */
function LegendSwatch({ kind }: { kind: LegendKey }) {
  return (
    <svg width={22} height={14} aria-hidden>
      {swatch(kind, 0, 7).map(element)}
    </svg>
  );
}

/**
 * The width of an element: measured before the first paint (so a chart is drawn in the same
 * frame as the page, not one frame later), then followed as the window or layout changes.
 */
function useWidth<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.getBoundingClientRect().width);
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(entry.contentRect.width);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

/** The point nearest a day on the chart (points are in date order). */
function nearest(model: MeasureChartModel, day: number): number | null {
  const pts = model.points;
  if (pts.length === 0) return null;
  let lo = 0;
  let hi = pts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pts[mid]!.day < day) lo = mid + 1;
    else hi = mid;
  }
  const before = pts[lo - 1];
  return before && day - before.day < pts[lo]!.day - day ? lo - 1 : lo;
}

function Tooltip({ model, index, spread }: { model: MeasureChartModel; index: number; spread: number }) {
  const t = useT('rim');
  const words = useRimWords();
  const format = useFormat();
  const p = model.points[index]!;
  const fmt = (v: number) => formatValue(v, spread, format.locale);
  const count = (v: number | null) => (v === null ? '–' : format.number(v));
  const value = p.y === null ? t('chart.noValue') : model.unit === '%' ? t('chart.percent', { value: fmt(p.y) }) : fmt(p.y);
  const facts = [
    p.numerator !== null || p.denominator !== null ? t('chart.valueOf', { value, numerator: count(p.numerator), denominator: count(p.denominator) }) : value,
    ...(p.outside ? [t('chart.outside')] : []),
  ];
  const lines = [
    words.t('chart.centreLine', { centre: model.centre, value: p.centre === null ? '' : fmt(p.centre) }),
    ...(p.ucl !== null ? [words.t('chart.ucl', { value: fmt(p.ucl) })] : []),
    ...(p.lcl !== null ? [words.t('chart.lcl', { value: fmt(p.lcl) })] : []),
  ];
  return (
    <>
      <Text fw={600} size="sm">
        {t('chart.point', { number: String(p.number), date: format.date(p.date) })}
      </Text>
      <Text size="sm">{facts.join(' · ')}</Text>
      {p.centre !== null && (
        <Text size="xs" c="dimmed">
          {lines.join(' · ')}
        </Text>
      )}
    </>
  );
}

/** One chart's drawing, with the point under the pointer picked out and described. */
function ChartSvg({ view, model, label }: { view: ChartView; model: MeasureChartModel; label: string }) {
  const [hover, setHover] = useState<number | null>(null);
  const elements = useMemo(() => view.shapes.map(element), [view]);
  const { plot, domain } = view;
  const [d0, d1] = domain;
  const onMove = (e: MouseEvent<SVGSVGElement>) => {
    const x = e.clientX - e.currentTarget.getBoundingClientRect().left;
    if (x < plot.left - 6 || x > plot.left + plot.width + 6) return setHover(null);
    setHover(nearest(model, d0 + ((x - plot.left) / plot.width) * (d1 - d0)));
  };
  const point = hover === null ? null : model.points[hover];
  const values = model.points.flatMap((p) => (p.y === null ? [] : [p.y]));
  const spread = values.length ? Math.max(...values) - Math.min(...values) : 1;
  return (
    <div style={{ position: 'relative' }}>
      <svg
        width={view.width}
        height={view.height}
        viewBox={`0 0 ${view.width} ${view.height}`}
        fontFamily={CHART_FONT}
        role="img"
        aria-label={label}
        onMouseMove={onMove}
        onMouseLeave={() => setHover(null)}
        style={{ display: 'block' }}
      >
        {elements}
        {point && point.y !== null && (
          <g pointerEvents="none">
            <line x1={plot.x(point.day)} x2={plot.x(point.day)} y1={plot.top} y2={plot.top + plot.height} stroke={COLORS.axis} strokeDasharray="2 2" />
            <circle cx={plot.x(point.day)} cy={plot.y(point.y)} r={5} fill="none" stroke={COLORS.ink} strokeWidth={1.5} />
          </g>
        )}
      </svg>
      {point && (
        <Paper
          withBorder
          shadow="sm"
          p="xs"
          data-testid="chart-tooltip"
          style={{
            position: 'absolute',
            top: plot.top,
            pointerEvents: 'none',
            zIndex: 2,
            ...(plot.x(point.day) > view.width / 2 ? { right: view.width - plot.x(point.day) + 12 } : { left: plot.x(point.day) + 12 }),
          }}
        >
          <Tooltip model={model} index={hover!} spread={spread} />
        </Paper>
      )}
    </div>
  );
}

interface Props {
  model: MeasureChartModel;
  name: string;
  /** A time axis shared with the project's other charts: [first day, last day]. */
  domain?: readonly [number, number] | null;
  height?: number;
}

/**
 * A measure's chart on screen, drawn from the same shapes as the exported picture: points over
 * time, the centre line and control limits of each period (solid over the baseline, dashed where
 * extended past it) labelled with their values, the target, points outside the limits in red,
 * shifts shaded, trends as a band, PDSA cycles and chart notes at their dates; the MR chart under
 * an I chart on the same time axis.
 */
export function MeasureChart({ model, name, domain, height = 280 }: Props) {
  const t = useT('rim');
  const words = useRimWords();
  const format = useFormat();
  const { ref, width } = useWidth<HTMLDivElement>();
  const views = useMemo(
    () => (width > 0 && model.points.length > 0 ? chartViews(model, { width, plotHeight: height, domain }, words) : null),
    [model, width, height, domain, words],
  );
  const { points } = model;
  const shown = views?.main.domain;
  return (
    <Stack gap={4}>
      <div
        ref={ref}
        data-testid="measure-chart"
        data-kind={model.kind}
        data-points={points.length}
        data-outside={points.filter((p) => p.outside).length}
        data-annotations={model.cycles.length}
        data-notes={model.notes.length}
        data-trends={model.spans.filter((s) => s.kind === 'trend').length}
        data-domain={shown ? `${dayToDate(shown[0])}/${dayToDate(shown[1])}` : undefined}
        data-drawn={views ? 'true' : undefined}
      >
        {points.length === 0 ? (
          <Text c="dimmed" size="sm" py="xl" ta="center">
            {t('chart.empty')}
          </Text>
        ) : (
          views && <ChartSvg view={views.main} model={model} label={t('chart.label', { chart: model.title, measure: name })} />
        )}
      </div>
      {views?.companion && model.companion && (
        <div data-testid="companion-chart" data-kind="mr">
          <Text size="xs" fw={600} c="dimmed">
            {model.companion.title}
          </Text>
          <ChartSvg view={views.companion} model={model.companion} label={t('chart.label', { chart: model.companion.title, measure: name })} />
        </div>
      )}
      {points.length > 0 && (
        <Group gap="md" data-testid="chart-legend">
          {legendEntries(model, words).map((e) => (
            <Group key={e.key} gap={6} wrap="nowrap">
              <LegendSwatch kind={e.key} />
              <Text size="xs">{e.label}</Text>
            </Group>
          ))}
        </Group>
      )}
      {(model.cycles.length > 0 || model.notes.length > 0) && (
        <Group gap="md" data-testid="chart-annotations">
          {model.cycles.map((c) => (
            <Text key={c.id} size="xs" c={COLORS.pdsa} data-testid="chart-annotation">
              {t('chart.cycleMark', { label: c.label, date: format.date(c.date) })}
            </Text>
          ))}
          {model.notes.map((n) => (
            <Text key={n.id} size="xs" c={COLORS.note} data-testid="chart-note-mark">
              {words.t('picture.mark', { short: n.short, date: format.date(n.date), label: n.label })}
            </Text>
          ))}
        </Group>
      )}
    </Stack>
  );
}
