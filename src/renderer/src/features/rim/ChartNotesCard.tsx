import { ActionIcon, Button, Card, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { ChartNote, Measure } from '@shared/model/rim';
import { today as todayDate } from '@shared/clock';
import { AutosaveTextInput } from '../../components/AutosaveFields';
import { notifyError, removeWithUndo } from '../../components/notify';
import { useValidatedSave } from '../../components/useValidatedSave';
import { useRepos } from '../../db/live';
import { trackSave } from '../../stores/saveStatus/store';
import { addChartNote, removeChartNote, restoreChartNote, updateChartNote } from './commands';

const ALL = 'all';

/**
 * Chart notes: what else was going on at a date ("EHR go-live", "flu season"), drawn on the
 * project's charts beside the PDSA cycles, on one measure's chart or on all of them.
 */
export function ChartNotesCard({ projectId, notes, measures }: { projectId: string; notes: ChartNote[]; measures: Measure[] }) {
  const repos = useRepos();
  const [date, setDate] = useState(todayDate());
  const [text, setText] = useState('');
  const [on, setOn] = useState<string>(ALL);
  const { error, save } = useValidatedSave();
  const options = [{ value: ALL, label: 'All charts of the project' }, ...measures.map((m) => ({ value: m.id, label: m.name }))];
  const nameOf = (id: string | null) => (id === null ? 'All charts' : (measures.find((m) => m.id === id)?.name ?? 'A removed measure'));

  const add = async () => {
    if (await save(() => addChartNote(repos, projectId, { date, text, measureId: on === ALL ? null : on }))) setText('');
  };

  return (
    <Card withBorder data-testid="chart-notes">
      <Stack gap="sm">
        <div>
          <Title order={4}>Chart notes</Title>
          <Text size="sm" c="dimmed">
            What else happened, at its date: drawn on the charts beside the PDSA cycles, so a chart explains itself in a meeting or on a slide.
          </Text>
        </div>
        {notes.length > 0 && (
          <Table verticalSpacing={2} withRowBorders={false} aria-label="Chart notes">
            <Table.Tbody>
              {notes.map((n) => (
                <Table.Tr key={n.id} data-testid="chart-note">
                  <Table.Td w={130}>
                    <TextInput
                      size="xs"
                      type="date"
                      aria-label={`Date of the note ${n.text}`}
                      value={n.date}
                      onChange={(e) => {
                        const value = e.currentTarget.value;
                        if (value)
                          void trackSave(() => updateChartNote(repos, n.id, { date: value })).catch((err: unknown) =>
                            notifyError('Could not change the date', err),
                          );
                      }}
                    />
                  </Table.Td>
                  <Table.Td>
                    <AutosaveTextInput
                      draftKey={`chartNotes:${n.id}:text`}
                      size="xs"
                      aria-label={`Note on ${n.date}`}
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
                      aria-label={`Remove the note ${n.text}`}
                      onClick={() =>
                        void removeWithUndo(
                          `Note “${n.text}” removed`,
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
              aria-label="Date of the new note"
              value={date}
              onChange={(e) => setDate(e.currentTarget.value)}
              error={error?.forField('date')}
              w={150}
            />
            <TextInput
              aria-label="New chart note"
              placeholder="e.g. EHR go-live"
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              error={error?.forField('text')}
              style={{ flex: 1 }}
            />
            <Select
              aria-label="Chart of the new note"
              data={options}
              value={on}
              onChange={(v) => setOn(v ?? ALL)}
              allowDeselect={false}
              w={240}
              error={error?.forField('measureId')}
            />
            <Button type="submit" variant="light" leftSection={<IconPlus size={14} />}>
              Add note
            </Button>
          </Group>
        </form>
      </Stack>
    </Card>
  );
}
