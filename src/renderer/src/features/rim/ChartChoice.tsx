import { Select, Stack, Text } from '@mantine/core';
import { MEASURE_CHART_TYPES, type Measure, type MeasureChartType } from '@shared/model/rim';
import { CHARTS_FOR } from '@shared/rim/chartChoice';
import { CHART_KIND_LABELS, CHART_KIND_SHORT, type MeasureChartModel } from '@shared/rim/measureChart';
import { notifyError } from '../../components/notify';
import { useRepos } from '../../db/live';
import { trackSave } from '../../stores/saveStatus/store';
import { setMeasureChart } from './commands';

const SUGGESTED = 'suggested';

/** Which chart to draw: the suggestion for the measure's data (with why), or the team's own choice. */
export function ChartChoice({ measure, model }: { measure: Measure; model: MeasureChartModel }) {
  const repos = useRepos();
  const { suggestion } = model;
  const data = [
    { value: SUGGESTED, label: `Suggested: ${CHART_KIND_SHORT[suggestion.chart]}` },
    // The charts made for this data, and the one chosen earlier if the data has changed kind since.
    ...MEASURE_CHART_TYPES.filter((t) => CHARTS_FOR[measure.valueType].includes(t) || t === measure.chart).map((t) => ({
      value: t,
      label: t === 'i' ? 'I chart with its MR chart' : CHART_KIND_LABELS[t],
    })),
  ];
  const choose = (value: string | null) => {
    const chart = value === null || value === SUGGESTED ? null : (value as MeasureChartType);
    void trackSave(() => setMeasureChart(repos, measure.id, chart)).catch((e: unknown) => notifyError('Could not change the chart', e));
  };
  const differs = model.chosen && model.kind !== suggestion.chart;
  return (
    <Stack gap={4} data-testid="chart-choice">
      <Select
        size="xs"
        w={260}
        label="Chart"
        data={data}
        value={measure.chart ?? SUGGESTED}
        allowDeselect={false}
        onChange={choose}
        aria-label={`Chart for ${measure.name}`}
      />
      <Text size="xs" c="dimmed" data-testid="chart-suggestion">
        {differs ? `Suggested for this data: ${CHART_KIND_SHORT[suggestion.chart]}. ` : ''}
        {suggestion.reason}
      </Text>
      {suggestion.advice && (
        <Text size="xs" c="dimmed" data-testid="chart-advice">
          {suggestion.advice}
        </Text>
      )}
    </Stack>
  );
}
