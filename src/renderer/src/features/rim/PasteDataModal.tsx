import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { MEASURE_FREQUENCIES, MEASURE_FREQUENCY_LABELS, isRatioValueType, type Measure, type MeasureFrequency } from '@shared/model/rim';
import { parseDate, parsePastedPoints } from '@shared/rim/dataImport';
import { notifyError, notifySuccess } from '../../components/notify';
import { useRepos } from '../../db/live';
import { importDataPoints } from './commands';
import { trackSave } from '../../stores/saveStatus/store';
import { ImportProblems } from './ImportProblems';
import { importSummary } from './importReport';

/**
 * Paste a column (or date and value columns) copied from a spreadsheet. The paste is checked as it
 * is typed: how many points are ready and which lines are wrong, before anything is stored.
 */
export function PasteDataModal({ measure, opened, onClose, defaultStart }: { measure: Measure; opened: boolean; onClose: () => void; defaultStart: string }) {
  const repos = useRepos();
  const [text, setText] = useState('');
  const [startDate, setStartDate] = useState(defaultStart);
  const [frequency, setFrequency] = useState<MeasureFrequency>(measure.frequency);
  const [busy, setBusy] = useState(false);
  const ratio = isRatioValueType(measure.valueType);
  const shape = ratio ? { valueType: measure.valueType, numeratorLabel: measure.numeratorLabel, denominatorLabel: measure.denominatorLabel } : {};
  const parsed = text.trim() ? parsePastedPoints(text, { startDate, frequency, ...shape }) : null;
  // Dates are asked for when the paste has none: one column of values, or a numerator and a denominator.
  const dated = text.split(/\r\n|\r|\n/).some((l) => parseDate(l.split('\t')[0] ?? '') !== null);
  const singleColumn = ratio ? !dated : !text.includes('\t');
  const whole = parsed?.errors.find((e) => e.line === 0);

  const submit = async () => {
    if (!parsed || parsed.rows.length === 0) return;
    setBusy(true);
    try {
      const report = await trackSave(() => importDataPoints(repos, measure.id, parsed.rows));
      notifySuccess(importSummary(report, parsed.errors));
      setText('');
      onClose();
    } catch (e) {
      notifyError('The paste was not imported', e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={`Paste data: ${measure.name}`} size="lg">
      <Stack>
        <Text size="sm" c="dimmed">
          {ratio
            ? `Copy two columns (${measure.numeratorLabel || 'numerator'} and ${measure.denominatorLabel || 'denominator'}), or three with the date first, from a spreadsheet and paste them here. A blank cell is a missing count.`
            : 'Copy a column of values, or two columns (date and value), from a spreadsheet and paste it here. A blank cell is a missing point.'}
        </Text>
        <Textarea
          label="Pasted data"
          autosize
          minRows={6}
          maxRows={14}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          data-autofocus
          styles={{ input: { fontFamily: 'monospace' } }}
        />
        {singleColumn && (
          <Group grow>
            <TextInput label="Date of the first value" type="date" value={startDate} onChange={(e) => setStartDate(e.currentTarget.value)} />
            <Select
              label="How often"
              data={MEASURE_FREQUENCIES.map((f) => ({ value: f, label: MEASURE_FREQUENCY_LABELS[f] }))}
              value={frequency}
              allowDeselect={false}
              onChange={(f) => f && setFrequency(f as MeasureFrequency)}
            />
          </Group>
        )}
        {whole && (
          <Alert color="red" data-testid="paste-rejected">
            {whole.message}
          </Alert>
        )}
        {parsed && parsed.rows.length > 0 && (
          <Text size="sm" data-testid="paste-ready">
            {parsed.rows.length} point{parsed.rows.length === 1 ? '' : 's'} ready, from {parsed.rows[0]!.date} to {parsed.rows.at(-1)!.date}.
          </Text>
        )}
        <ImportProblems title="These lines will be skipped" errors={parsed?.errors.filter((e) => e.line > 0) ?? []} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void submit()} loading={busy} disabled={!parsed || parsed.rows.length === 0}>
            Add {parsed?.rows.length ?? 0} point{parsed?.rows.length === 1 ? '' : 's'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
