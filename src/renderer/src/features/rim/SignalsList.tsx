import { List, Stack, Text } from '@mantine/core';
import type { MeasureChartModel } from '@shared/rim/measureChart';
import { formatValue } from '@shared/rim/chartPicture';
import { useFormat, useT } from '../../i18n';
import { useRimWords } from './useRimWords';

/** Each period's centre line and the signals found, in plain words a facilitator can read aloud. */
export function SignalsList({ model }: { model: MeasureChartModel }) {
  const t = useT('rim');
  const words = useRimWords();
  const fmt = useFormat();
  if (model.points.length === 0) return null;
  const values = model.points.map((p) => p.y).filter((v): v is number => v !== null);
  const spread = values.length ? Math.max(...values) - Math.min(...values) : 1;
  const periods = model.periods.filter((p) => p.last >= p.first);
  const companion = model.companion?.signals ?? [];
  return (
    <Stack gap="xs" data-testid="chart-signals" data-special={periods.some((p) => p.special)}>
      {periods.map((p, i) => {
        const number = p.centre === null ? '–' : formatValue(p.centre, spread, fmt.locale);
        const centre = {
          centre: model.centre,
          value: model.unit === '%' && p.centre !== null ? t('grid.percent', { value: number }) : number,
          count: p.baselineCount ?? 0,
          frozen: p.baselineLast !== null ? 'yes' : 'no',
        };
        const line =
          periods.length === 1
            ? t('signals.centre', centre)
            : i === 0
              ? t('signals.firstPeriod', centre)
              : p.reason
                ? t('signals.fromPeriodBecause', { ...centre, date: p.startsOn ? fmt.date(p.startsOn) : '', reason: p.reason })
                : t('signals.fromPeriod', { ...centre, date: p.startsOn ? fmt.date(p.startsOn) : '' });
        return (
          <Text key={p.startsOn ?? 'first'} size="sm" fw={600} data-testid="period-centre">
            {line}
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
            {words.t('picture.mrSignal', { signal: s })}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}
