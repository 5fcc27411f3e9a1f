import { LineChart, type ChartReferenceAreaProps, type ChartReferenceLineProps } from '@mantine/charts';
import { Group, Text } from '@mantine/core';
import type { RunChartModel } from '@shared/rim/chartSeries';

const DOTS_UP_TO = 150;

/**
 * The run chart: points over time, the median of each period as a stepped centre line, the target,
 * PDSA cycles as labelled vertical lines at their dates, re-bases as period boundaries and the
 * longest run shaded when it is a shift.
 */
export function RunChart({ model, unit, name }: { model: RunChartModel; unit: string; name: string }) {
  const { rows, periods, annotations } = model;
  if (rows.length === 0) {
    return (
      <Text c="dimmed" size="sm" py="xl" ta="center">
        No data yet: enter or paste points and the run chart appears here.
      </Text>
    );
  }
  const target = rows[0]?.target ?? null;
  // Hundreds of dots cost more to draw than they tell: a long series is read from its line.
  const withDots = rows.length <= DOTS_UP_TO;
  const lines: ChartReferenceLineProps[] = [];
  if (target !== null)
    lines.push({
      y: target,
      color: 'teal.7',
      label: `Target ${target}`,
      labelPosition: 'insideBottomRight',
      strokeDasharray: '6 3',
      ifOverflow: 'extendDomain',
    });
  for (const p of periods.slice(1)) {
    const at = rows.find((r) => p.startsOn !== null && r.date >= p.startsOn)?.date;
    if (at) lines.push({ x: at, color: 'gray.6', label: 'New period', labelPosition: 'insideBottomLeft', strokeDasharray: '2 2' });
  }
  for (const a of annotations) {
    if (a.at) lines.push({ x: a.at, color: 'orange.7', label: a.short, labelPosition: 'insideTopRight', strokeWidth: 2 });
  }

  // Shade each period's shift (the longest run, when it is a signal).
  const areas: ChartReferenceAreaProps[] = [];
  let offset = 0;
  for (const p of periods) {
    const run = p.spans.longestRun;
    if ((p.analysis.shiftSignal || p.analysis.ihi.shift) && run) {
      areas.push({
        x1: rows[offset + run.start]?.date,
        x2: rows[offset + run.end]?.date,
        color: 'yellow',
        fillOpacity: 0.15,
        label: 'Shift',
        labelPosition: 'insideTop',
      });
    }
    offset += p.pointCount;
  }

  return (
    <div data-testid="run-chart" data-points={rows.length} data-annotations={annotations.length} aria-label={`Run chart of ${name}`} role="img">
      <LineChart
        h={300}
        data={rows}
        dataKey="date"
        unit={unit === '%' ? '%' : undefined}
        series={[
          { name: 'value', label: 'Value', color: 'blue.6', curveType: 'linear' },
          { name: 'median', label: 'Median', color: 'gray.6', curveType: 'stepAfter', strokeDasharray: '5 5' },
        ]}
        connectNulls={false}
        withDots={withDots}
        withLegend
        legendProps={{ verticalAlign: 'bottom', height: 30 }}
        referenceLines={lines}
        referenceAreas={areas}
        lineProps={(s) => (s.name === 'median' ? { dot: false, activeDot: false, isAnimationActive: false } : { isAnimationActive: false })}
        yAxisProps={{ domain: ['auto', 'auto'] }}
        xAxisProps={{ minTickGap: 24 }}
        gridAxis="xy"
      />
      {annotations.length > 0 && (
        <Group gap="md" mt={4} data-testid="chart-annotations">
          {annotations.map((a) => (
            <Text key={a.cycleId} size="xs" c="orange.8" data-testid="chart-annotation">
              {a.label}, {a.date}
            </Text>
          ))}
        </Group>
      )}
    </div>
  );
}
