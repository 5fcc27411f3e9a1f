import { Button, Checkbox, Group, Modal, Progress, Stack, Text, TextInput } from '@mantine/core';
import { format, subMonths } from 'date-fns';
import { now, today } from '@shared/clock';
import { useState } from 'react';
import { MINUTES_FORMATS, type MinutesFormat } from '@shared/minutes/exports';
import { notifyError, notifySuccess } from '../../components/notify';
import { useRepos } from '../../db/live';
import { exportMinutesRange, type BatchProgress } from './exportMinutes';

/** All minutes of a council or team between two dates, in the chosen formats, as one zip file. */
export function BatchExportModal({ opened, onClose, body }: { opened: boolean; onClose: () => void; body: { id: string; name: string } }) {
  const repos = useRepos();
  const [from, setFrom] = useState(() => format(subMonths(now(), 12), 'yyyy-MM-dd'));
  const [to, setTo] = useState(today);
  const [formats, setFormats] = useState<MinutesFormat[]>(['pdf', 'docx']);
  const [progress, setProgress] = useState<BatchProgress | null>(null);
  const problem =
    !from || !to ? 'Choose both dates.' : from > to ? 'The start date is after the end date.' : formats.length === 0 ? 'Choose at least one format.' : null;
  const run = async () => {
    setProgress({ done: 0, total: 1, current: 'Reading the minutes' });
    try {
      const result = await exportMinutesRange(repos, { bodyId: body.id, bodyName: body.name, from, to, formats }, setProgress);
      if (result.status === 'empty') notifyError('Nothing to export', new Error(`${body.name} has no meetings between ${from} and ${to}.`));
      else if (result.status === 'saved') {
        notifySuccess(`Saved ${result.path}`);
        onClose();
      } else if (result.status === 'error') notifyError('The zip file was not saved', new Error(result.message));
    } catch (e) {
      notifyError('The zip file was not saved', e);
    } finally {
      setProgress(null);
    }
  };
  return (
    <Modal opened={opened} onClose={() => !progress && onClose()} title={`Export ${body.name} minutes`}>
      <Stack>
        <Group grow>
          <TextInput type="date" label="From" value={from} onChange={(e) => setFrom(e.currentTarget.value)} disabled={!!progress} />
          <TextInput type="date" label="To" value={to} onChange={(e) => setTo(e.currentTarget.value)} disabled={!!progress} />
        </Group>
        <Checkbox.Group label="Formats" value={formats} onChange={(v) => setFormats(v as MinutesFormat[])}>
          <Group mt={6}>
            {MINUTES_FORMATS.map((f) => (
              <Checkbox key={f.format} value={f.format} label={f.label} disabled={!!progress} />
            ))}
          </Group>
        </Checkbox.Group>
        {progress && (
          <Stack gap={4} data-testid="batch-progress">
            <Progress value={(100 * progress.done) / Math.max(progress.total, 1)} animated />
            <Text size="xs" c="dimmed">
              {progress.done} of {progress.total}: {progress.current}
            </Text>
          </Stack>
        )}
        {problem && (
          <Text size="sm" c="red">
            {problem}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={!!progress}>
            Cancel
          </Button>
          <Button onClick={() => void run()} disabled={!!problem} loading={!!progress}>
            Export zip
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
