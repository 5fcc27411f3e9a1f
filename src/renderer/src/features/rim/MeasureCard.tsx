import { Badge, Button, Card, Collapse, Grid, Group, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconClipboardText, IconSettings } from '@tabler/icons-react';
import { useMemo, useRef } from 'react';
import { MEASURE_DIRECTION_LABELS, MEASURE_KIND_LABELS, type PdsaCycle } from '@shared/model/rim';
import { buildRunChart } from '@shared/rim/chartSeries';
import { seriesDate } from '@shared/rim/dataImport';
import type { MeasureRecord } from './queries';
import { today as todayDate } from '@shared/clock';
import { BaselineControls } from './BaselineControls';
import { ChartExportMenu } from './ChartExportMenu';
import { DataGrid } from './DataGrid';
import { ImportPointsButton } from './ImportPointsButton';
import { MeasureDefinition } from './MeasureDefinition';
import { PasteDataModal } from './PasteDataModal';
import { RunChart } from './RunChart';
import { SignalsList } from './SignalsList';

/** One measure: its definition, the data grid, the run chart with PDSA annotations and its signals. */
export function MeasureCard({ record, cycles }: { record: MeasureRecord; cycles: PdsaCycle[] }) {
  const { measure, points, periods } = record;
  const [defOpen, definition] = useDisclosure(points.length === 0);
  const [pasteOpen, paste] = useDisclosure(false);
  const model = useMemo(() => buildRunChart(measure.id, measure, points, periods, cycles), [measure, points, periods, cycles]);
  const last = points.at(-1);
  const valued = points.filter((p) => p.value !== null).length;
  const chartRef = useRef<HTMLDivElement>(null);

  return (
    <Card withBorder data-testid="measure-card" data-measure={measure.name}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Group gap="xs">
            <Title order={4}>{measure.name}</Title>
            <Badge variant="light">{MEASURE_KIND_LABELS[measure.kind]}</Badge>
            <Text size="sm" c="dimmed">
              {MEASURE_DIRECTION_LABELS[measure.direction]}
              {measure.target !== null ? ` · target ${measure.target}${measure.unit ? ` ${measure.unit}` : ''}` : ''}
            </Text>
          </Group>
          <Group gap={4}>
            {points.length > 0 && <ChartExportMenu target={chartRef} name={measure.name} />}
            <Button size="xs" variant="subtle" leftSection={<IconSettings size={14} />} onClick={definition.toggle} aria-expanded={defOpen}>
              {defOpen ? 'Hide definition' : 'Definition'}
            </Button>
          </Group>
        </Group>
        <Collapse expanded={defOpen}>
          <MeasureDefinition measure={measure} />
        </Collapse>
        <Grid>
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <Stack gap="xs">
              <Group gap="xs">
                <Button size="xs" variant="default" leftSection={<IconClipboardText size={14} />} onClick={paste.open}>
                  Paste data
                </Button>
                <ImportPointsButton measure={measure} />
              </Group>
              <ScrollArea.Autosize mah={460} type="auto" offsetScrollbars>
                <DataGrid measure={measure} points={points} />
              </ScrollArea.Autosize>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <Stack gap="sm">
              <div ref={chartRef}>
                <RunChart model={model} unit={measure.unit} name={measure.name} />
              </div>
              <BaselineControls measure={measure} valuedPoints={valued} cycles={cycles} />
              <SignalsList model={model} />
            </Stack>
          </Grid.Col>
        </Grid>
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
