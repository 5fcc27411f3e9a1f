import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { MEASURE_FREQUENCIES, isRatioValueType, type Measure, type MeasureFrequency } from '@shared/model/rim';
import { parseDate, parsePastedPoints } from '@shared/rim/dataImport';
import { notifyError, notifySuccess } from '../../components/notify';
import { useRepos } from '../../db/live';
import { useFormat, useT } from '../../i18n';
import { importDataPoints } from './commands';
import { trackSave } from '../../stores/saveStatus/store';
import { ImportProblems } from './ImportProblems';
import { importSummary } from './importReport';
import { shownError } from './refusals';
import { useRefusalWords } from './useRimWords';

/**
 * Paste a column (or date and value columns) copied from a spreadsheet. The paste is checked as it
 * is typed: how many points are ready and which lines are wrong, before anything is stored.
 */
export function PasteDataModal({ measure, opened, onClose, defaultStart }: { measure: Measure; opened: boolean; onClose: () => void; defaultStart: string }) {
  const repos = useRepos();
  const t = useT('rim');
  const fmt = useFormat();
  const said = useRefusalWords();
  const { words } = said;
  const [text, setText] = useState('');
  const [startDate, setStartDate] = useState(defaultStart);
  const [frequency, setFrequency] = useState<MeasureFrequency>(measure.frequency);
  const [busy, setBusy] = useState(false);
  const ratio = isRatioValueType(measure.valueType);
  const shape = ratio ? { valueType: measure.valueType, numeratorLabel: measure.numeratorLabel, denominatorLabel: measure.denominatorLabel } : {};
  const parsed = text.trim() ? parsePastedPoints(text, { startDate, frequency, ...shape }, words) : null;
  // Dates are asked for when the paste has none: one column of values, or a numerator and a denominator.
  const dated = text.split(/\r\n|\r|\n/).some((l) => parseDate(l.split('\t')[0] ?? '', words.locale) !== null);
  const singleColumn = ratio ? !dated : !text.includes('\t');
  const whole = parsed?.errors.find((e) => e.line === 0);

  const submit = async () => {
    if (!parsed || parsed.rows.length === 0) return;
    setBusy(true);
    try {
      const report = await trackSave(() => importDataPoints(repos, measure.id, parsed.rows));
      notifySuccess(importSummary(report, parsed.errors, t));
      setText('');
      onClose();
    } catch (e) {
      notifyError(t('grid.pasteFailed'), shownError(e, said));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('paste.title', { measure: measure.name })} size="lg" closeButtonProps={{ 'aria-label': t('close') }}>
      <Stack>
        <Text size="sm" c="dimmed">
          {ratio
            ? t('paste.howRatio', {
                numerator: measure.numeratorLabel || t('paste.numerator'),
                denominator: measure.denominatorLabel || t('paste.denominator'),
              })
            : t('paste.how')}
        </Text>
        <Textarea
          label={t('paste.data')}
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
            <TextInput label={t('paste.firstDate')} type="date" value={startDate} onChange={(e) => setStartDate(e.currentTarget.value)} />
            <Select
              label={t('paste.frequency')}
              data={MEASURE_FREQUENCIES.map((f) => ({ value: f, label: words.t(`vocab.frequency.${f}`) }))}
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
            {t('paste.ready', { count: parsed.rows.length, from: fmt.date(parsed.rows[0]!.date), to: fmt.date(parsed.rows.at(-1)!.date) })}
          </Text>
        )}
        <ImportProblems title={t('paste.skipped')} errors={parsed?.errors.filter((e) => e.line > 0) ?? []} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('cancel')}
          </Button>
          <Button onClick={() => void submit()} loading={busy} disabled={!parsed || parsed.rows.length === 0}>
            {t('paste.add', { count: parsed?.rows.length ?? 0 })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
