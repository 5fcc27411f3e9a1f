import { List, Stack, Text } from '@mantine/core';
import type { MeasureChartModel } from '@shared/rim/measureChart';
import { formatValue } from '@shared/rim/chartPicture';

/** Each period's centre line and the signals found, in plain words a facilitator can read aloud. */
export function SignalsList({ model }: { model: MeasureChartModel }) {
  if (model.points.length === 0) return null;
  const values = model.points.map((p) => p.y).filter((v): v is number => v !== null);
  const spread = values.length ? Math.max(...values) - Math.min(...values) : 1;
  const periods = model.periods.filter((p) => p.last >= p.first);
  const companion = model.companion?.signals ?? [];
  return (
    <Stack gap="xs" data-testid="chart-signals" data-special={periods.some((p) => p.special)}>
      {periods.map((p, i) => {
        const prefix = periods.length > 1 ? (i === 0 ? 'First period: ' : `From ${p.startsOn} (${p.reason}): `) : '';
        const centre = p.centre === null ? '–' : `${formatValue(p.centre, spread)}${model.unit === '%' ? '%' : ''}`;
        return (
          <Text key={p.startsOn ?? 'first'} size="sm" fw={600} data-testid="period-centre">
            {prefix}
            {prefix ? model.centreName.toLowerCase() : model.centreName} {centre}
            {p.baselineLast !== null ? `, frozen on the first ${p.baselineCount} points` : ''}
          </Text>
        );
      })}
      <List size="sm" spacing={2}>
        {model.signals.map((s) => (
          <List.Item key={s} data-testid="signal">
            {s}
          </List.Item>
        ))}
        {companion.map((s) => (
          <List.Item key={`mr-${s}`} data-testid="signal">
            MR chart: {s}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}
