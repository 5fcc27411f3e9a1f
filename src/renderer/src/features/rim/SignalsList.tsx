import { List, Stack, Text } from '@mantine/core';
import type { RunChartModel } from '@shared/rim/chartSeries';

const round = (n: number) => Math.round(n * 100) / 100;

/** Each period's median and the signals found, in plain words a facilitator can read aloud. */
export function SignalsList({ model }: { model: RunChartModel }) {
  if (model.rows.length === 0) return null;
  const several = model.periods.length > 1;
  return (
    <Stack gap="xs" data-testid="run-chart-signals">
      {model.periods.map((p, i) =>
        p.pointCount === 0 ? null : (
          <Stack
            key={p.startsOn ?? 'first'}
            gap={2}
            data-testid="period-signals"
            data-non-random={p.analysis.nonRandom || p.analysis.ihi.shift || p.analysis.ihi.trend}
          >
            <Text size="sm" fw={600}>
              {several ? (i === 0 ? 'First period: median ' : `From ${p.startsOn} (${p.reason}): median `) : 'Median '}
              {round(p.analysis.median)}
              {p.baselineCount ? `, frozen on the first ${p.baselineCount} points` : ''}
            </Text>
            <List size="sm" spacing={2}>
              {p.signals.map((s) => (
                <List.Item key={s} data-testid="signal">
                  {s}
                </List.Item>
              ))}
            </List>
          </Stack>
        ),
      )}
    </Stack>
  );
}
