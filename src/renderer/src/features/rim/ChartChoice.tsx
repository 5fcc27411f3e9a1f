import { Select, Stack, Text } from '@mantine/core';
import { MEASURE_CHART_TYPES, type Measure, type MeasureChartType } from '@shared/model/rim';
import { CHARTS_FOR } from '@shared/rim/chartChoice';
import { chartKindLabel, chartKindShort, type MeasureChartModel } from '@shared/rim/measureChart';
import { notifyError } from '../../components/notify';
import { useRepos } from '../../db/live';
import { useT } from '../../i18n';
import { trackSave } from '../../stores/saveStatus/store';
import { setMeasureChart } from './commands';
import { useRimWords } from './useRimWords';

const SUGGESTED = 'suggested';

/** Which chart to draw: the suggestion for the measure's data (with why), or the team's own choice. */
export function ChartChoice({ measure, model }: { measure: Measure; model: MeasureChartModel }) {
  const repos = useRepos();
  const t = useT('rim');
  const words = useRimWords();
  const { suggestion } = model;
  const suggested = chartKindShort(suggestion.chart, words);
  const data = [
    { value: SUGGESTED, label: t('chartChoice.suggested', { chart: suggested }) },
    // The charts made for this data, and the one chosen earlier if the data has changed kind since.
    ...MEASURE_CHART_TYPES.filter((kind) => CHARTS_FOR[measure.valueType].includes(kind) || kind === measure.chart).map((kind) => ({
      value: kind,
      label: kind === 'i' ? t('chartChoice.iWithMr') : chartKindLabel(kind, words),
    })),
  ];
  const choose = (value: string | null) => {
    const chart = value === null || value === SUGGESTED ? null : (value as MeasureChartType);
    void trackSave(() => setMeasureChart(repos, measure.id, chart)).catch((e: unknown) => notifyError(t('chartChoice.failed'), e));
  };
  const differs = model.chosen && model.kind !== suggestion.chart;
  return (
    <Stack gap={4} data-testid="chart-choice">
      <Select
        size="xs"
        w={260}
        label={t('chartChoice.label')}
        data={data}
        value={measure.chart ?? SUGGESTED}
        allowDeselect={false}
        onChange={choose}
        aria-label={t('chartChoice.for', { measure: measure.name })}
      />
      <Text size="xs" c="dimmed" data-testid="chart-suggestion">
        {differs ? t('chartChoice.suggestedInstead', { chart: suggested, reason: suggestion.reason }) : suggestion.reason}
      </Text>
      {suggestion.advice && (
        <Text size="xs" c="dimmed" data-testid="chart-advice">
          {suggestion.advice}
        </Text>
      )}
    </Stack>
  );
}
