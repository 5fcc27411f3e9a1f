import { ActionIcon, Button, Card, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { ChartNote, Measure } from '@shared/model/rim';
import { today as todayDate } from '@shared/clock';
import { AutosaveTextInput } from '../../components/AutosaveFields';
import { notifyError, removeWithUndo } from '../../components/notify';
import { useValidatedSave } from '../../components/useValidatedSave';
import { useRepos } from '../../db/live';
import { useFormat, useT } from '../../i18n';
import { trackSave } from '../../stores/saveStatus/store';
import { addChartNote, removeChartNote, restoreChartNote, updateChartNote } from './commands';
import { fieldText, shownError } from './refusals';
import { useRefusalWords } from './useRimWords';

const ALL = 'all';

/**
 * Chart notes: what else was going on at a date ("EHR go-live", "flu season"), drawn on the
 * project's charts beside the PDSA cycles, on one measure's chart or on all of them.
 */
export function ChartNotesCard({ projectId, notes, measures }: { projectId: string; notes: ChartNote[]; measures: Measure[] }) {
  const repos = useRepos();
  const t = useT('rim');
  const fmt = useFormat();
  const said = useRefusalWords();
  const [date, setDate] = useState(todayDate());
  const [text, setText] = useState('');
  const [on, setOn] = useState<string>(ALL);
  const { error, save } = useValidatedSave();
  const options = [{ value: ALL, label: t('notes.allCharts') }, ...measures.map((m) => ({ value: m.id, label: m.name }))];
  const nameOf = (id: string | null) => (id === null ? t('notes.all') : (measures.find((m) => m.id === id)?.name ?? t('notes.removedMeasure')));

  const add = async () => {
    if (await save(() => addChartNote(repos, projectId, { date, text, measureId: on === ALL ? null : on }))) setText('');
  };

  return (
    <Card withBorder data-testid="chart-notes">
      <Stack gap="sm">
        <div>
          <Title order={3} size="h4">
            {t('notes.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('notes.hint')}
          </Text>
        </div>
        {notes.length > 0 && (
          <Table verticalSpacing={2} withRowBorders={false} aria-label={t('notes.title')}>
            <Table.Tbody>
              {notes.map((n) => (
                <Table.Tr key={n.id} data-testid="chart-note">
                  <Table.Td w={130}>
                    <TextInput
                      size="xs"
                      type="date"
                      aria-label={t('notes.dateOf', { note: n.text })}
                      value={n.date}
                      onChange={(e) => {
                        const value = e.currentTarget.value;
                        if (value)
                          void trackSave(() => updateChartNote(repos, n.id, { date: value })).catch((err: unknown) =>
                            notifyError(t('grid.moveFailed'), shownError(err, said)),
                          );
                      }}
                    />
                  </Table.Td>
                  <Table.Td>
                    <AutosaveTextInput
                      draftKey={`chartNotes:${n.id}:text`}
                      size="xs"
                      aria-label={t('notes.noteOn', { date: fmt.date(n.date) })}
                      value={n.text}
                      onSave={(t) => trackSave(() => updateChartNote(repos, n.id, { text: t }))}
                    />
                  </Table.Td>
                  <Table.Td w={200}>
                    <Text size="xs" c="dimmed">
                      {nameOf(n.measureId)}
                    </Text>
                  </Table.Td>
                  <Table.Td w={40}>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={t('notes.remove', { note: n.text })}
                      onClick={() =>
                        void removeWithUndo(
                          t('notes.removed', { note: n.text }),
                          () => removeChartNote(repos, n.id),
                          (row) => restoreChartNote(repos, row),
                        )
                      }
                    >
                      <IconTrash size={14} />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <Group align="flex-start" gap="xs">
            <TextInput
              type="date"
              aria-label={t('notes.newDate')}
              value={date}
              onChange={(e) => setDate(e.currentTarget.value)}
              error={fieldText(error, 'date', said)}
              w={150}
            />
            <TextInput
              aria-label={t('notes.new')}
              placeholder={t('notes.newPlaceholder')}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              error={fieldText(error, 'text', said)}
              style={{ flex: 1 }}
            />
            <Select
              aria-label={t('notes.newChart')}
              data={options}
              value={on}
              onChange={(v) => setOn(v ?? ALL)}
              allowDeselect={false}
              w={240}
              error={fieldText(error, 'measureId', said)}
            />
            <Button type="submit" variant="light" leftSection={<IconPlus size={14} />}>
              {t('notes.add')}
            </Button>
          </Group>
        </form>
      </Stack>
    </Card>
  );
}
