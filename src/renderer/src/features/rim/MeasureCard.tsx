import { Badge, Button, Card, Collapse, Grid, Group, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconClipboardText, IconSettings } from '@tabler/icons-react';
import { isRatioValueType, type PdsaCycle } from '@shared/model/rim';
import type { ChartPictureMeta } from '@shared/rim/chartPicture';
import { seriesDate } from '@shared/rim/dataImport';
import type { MeasureChartModel } from '@shared/rim/measureChart';
import type { MeasureRecord } from './queries';
import { today as todayDate } from '@shared/clock';
import { useFormat, useT } from '../../i18n';
import { BaselineControls, MeasureHistory } from './BaselineControls';
import { ChartChoice } from './ChartChoice';
import { ChartExportMenu } from './ChartExportMenu';
import { DataGrid } from './DataGrid';
import { ImportPointsButton } from './ImportPointsButton';
import { MeasureChart } from './MeasureChart';
import { MeasureDefinition } from './MeasureDefinition';
import { PasteDataModal } from './PasteDataModal';
import { SignalsList } from './SignalsList';
import { useRimWords } from './useRimWords';
import { HelpButton } from '../help/HelpButton';

interface Props {
  record: MeasureRecord;
  model: MeasureChartModel;
  cycles: PdsaCycle[];
  /** The project and team the exported picture names. */
  context: { teamName: string; projectTitle: string };
  /** A time axis shared by the project's charts; null: the chart's own dates. */
  domain: readonly [number, number] | null;
  /** Charts only (side by side with the other measures' charts): no data grid or definition. */
  chartsOnly: boolean;
}

/** One measure: its definition, the data grid, its chart with PDSA cycles and notes, the signals and the baseline. */
export function MeasureCard({ record, model, cycles, context, domain, chartsOnly }: Props) {
  const { measure, points, periods, history } = record;
  const t = useT('rim');
  const words = useRimWords();
  const fmt = useFormat();
  const [defOpen, definition] = useDisclosure(points.length === 0);
  const [pasteOpen, paste] = useDisclosure(false);
  const last = points.at(-1);
  const valued = model.points.filter((p) => p.y !== null).length;
  const ratio = isRatioValueType(measure.valueType);
  const meta: ChartPictureMeta = {
    measureName: measure.name,
    kindLabel: words.t(`vocab.measureKindMeasure.${measure.kind}`),
    directionLabel: words.t(`vocab.direction.${measure.direction}`),
    teamName: context.teamName,
    projectTitle: context.projectTitle,
    frozenReason: measure.frozenReason,
  };

  const chart = (
    <Stack gap="sm">
      {!chartsOnly && <ChartChoice measure={measure} model={model} />}
      <MeasureChart model={model} name={measure.name} domain={domain} height={chartsOnly ? 220 : 260} />
      {!chartsOnly && <BaselineControls measure={measure} valuedPoints={valued} cycles={cycles} />}
      <SignalsList model={model} />
      {!chartsOnly && <MeasureHistory history={history} periods={periods} />}
    </Stack>
  );

  return (
    <Card withBorder data-testid="measure-card" data-measure={measure.name} data-kind={measure.kind}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Group gap="xs">
            <Title order={3} size="h4">
              {measure.name}
            </Title>
            <Badge variant="light">{words.t(`vocab.measureKind.${measure.kind}`)}</Badge>
            <Text size="sm" c="dimmed">
              {[
                words.t(`vocab.direction.${measure.direction}`),
                ...(measure.target === null
                  ? []
                  : [
                      model.unit === '%'
                        ? t('measure.targetPercent', { target: fmt.number(measure.target) })
                        : measure.unit
                          ? t('measure.targetIn', { target: fmt.number(measure.target), unit: measure.unit })
                          : t('measure.target', { target: fmt.number(measure.target) }),
                    ]),
                ...(chartsOnly ? [model.title] : []),
              ].join(' · ')}
            </Text>
          </Group>
          <Group gap={4}>
            <HelpButton kind="rim" topic="run-chart" />
            {points.length > 0 && <ChartExportMenu model={model} meta={meta} domain={domain} />}
            {!chartsOnly && (
              <Button size="xs" variant="subtle" leftSection={<IconSettings size={14} />} onClick={definition.toggle} aria-expanded={defOpen}>
                {defOpen ? t('measure.hideDefinition') : t('measure.definition')}
              </Button>
            )}
          </Group>
        </Group>
        {chartsOnly ? (
          chart
        ) : (
          <>
            {/* Mounted only while open: a dozen hidden inputs per measure slow the page down for nothing. */}
            <Collapse expanded={defOpen}>{defOpen && <MeasureDefinition measure={measure} hasPoints={points.length > 0} />}</Collapse>
            <Grid>
              <Grid.Col span={{ base: 12, lg: ratio ? 5 : 4 }}>
                <Stack gap="xs">
                  <Text size="xs" c="dimmed">
                    {words.t(`vocab.valueType.${measure.valueType}`)}
                  </Text>
                  <Group gap="xs">
                    <Button size="xs" variant="default" leftSection={<IconClipboardText size={14} />} onClick={paste.open}>
                      {t('measure.paste')}
                    </Button>
                    <ImportPointsButton measure={measure} />
                  </Group>
                  <ScrollArea.Autosize mah={460} type="auto" offsetScrollbars>
                    <DataGrid measure={measure} points={points} />
                  </ScrollArea.Autosize>
                </Stack>
              </Grid.Col>
              <Grid.Col span={{ base: 12, lg: ratio ? 7 : 8 }}>{chart}</Grid.Col>
            </Grid>
          </>
        )}
      </Stack>
      <PasteDataModal
        key={`${pasteOpen}`}
        measure={measure}
        opened={pasteOpen}
        onClose={paste.close}
        defaultStart={last ? seriesDate(last.date, measure.frequency, 1) : todayDate()}
      />
    </Card>
  );
}
