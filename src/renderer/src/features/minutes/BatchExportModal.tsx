import { Button, Checkbox, Group, Modal, Progress, Stack, Text, TextInput } from '@mantine/core';
import { format, subMonths } from 'date-fns';
import { now, today } from '@shared/clock';
import { useState } from 'react';
import { MINUTES_FORMATS, type MinutesFormat } from '@shared/minutes/exports';
import { notifyError, notifySuccess } from '../../components/notify';
import { useRepos } from '../../db/live';
import { exportMinutesRange, type BatchProgress } from './exportMinutes';
import { useFormat, useT } from '../../i18n';

/** All minutes of a council or team between two dates, in the chosen formats, as one zip file. */
export function BatchExportModal({ opened, onClose, body }: { opened: boolean; onClose: () => void; body: { id: string; name: string } }) {
  const t = useT('minutes');
  const f = useFormat();
  const repos = useRepos();
  const [from, setFrom] = useState(() => format(subMonths(now(), 12), 'yyyy-MM-dd'));
  const [to, setTo] = useState(today);
  const [formats, setFormats] = useState<MinutesFormat[]>(['pdf', 'docx']);
  const [progress, setProgress] = useState<BatchProgress | null>(null);
  const problem = !from || !to ? t('batch.bothDates') : from > to ? t('batch.startAfterEnd') : formats.length === 0 ? t('batch.oneFormat') : null;
  const stepText = (step: BatchProgress['step']): string =>
    step.kind === 'reading'
      ? t('batch.reading')
      : step.kind === 'zip'
        ? t('batch.writing')
        : t('batch.meeting', { title: step.title, format: t(`export.formats.${step.format}`) });
  const run = async () => {
    setProgress({ done: 0, total: 1, step: { kind: 'reading' } });
    try {
      const result = await exportMinutesRange(repos, { bodyId: body.id, bodyName: body.name, from, to, formats }, setProgress, {
        title: t('export.dialogTitle'),
        zipFilter: t('batch.zipFilter'),
        zipName: (name, start, end) => t('batch.zipName', { body: name, from: start, to: end }),
      });
      if (result.status === 'empty')
        notifyError(t('batch.nothing'), new Error(t('batch.nothingBody', { body: body.name, from: f.date(from), to: f.date(to) })));
      else if (result.status === 'saved') {
        notifySuccess(t('saved', { path: result.path }));
        onClose();
      } else if (result.status === 'error') notifyError(t('batch.notSaved'), new Error(result.message));
    } catch (e) {
      notifyError(t('batch.notSaved'), e);
    } finally {
      setProgress(null);
    }
  };
  return (
    <Modal opened={opened} onClose={() => !progress && onClose()} title={t('batch.title', { body: body.name })}>
      <Stack>
        <Group grow>
          <TextInput type="date" label={t('batch.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} disabled={!!progress} />
          <TextInput type="date" label={t('batch.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} disabled={!!progress} />
        </Group>
        <Checkbox.Group label={t('batch.formats')} value={formats} onChange={(v) => setFormats(v as MinutesFormat[])}>
          <Group mt={6}>
            {MINUTES_FORMATS.map((m) => (
              <Checkbox key={m.format} value={m.format} label={t(`export.formats.${m.format}`)} disabled={!!progress} />
            ))}
          </Group>
        </Checkbox.Group>
        {progress && (
          <Stack gap={4} data-testid="batch-progress">
            <Progress value={(100 * progress.done) / Math.max(progress.total, 1)} animated />
            <Text size="xs" c="dimmed">
              {t('batch.progress', { done: progress.done, total: progress.total, current: stepText(progress.step) })}
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
            {t('cancel')}
          </Button>
          <Button onClick={() => void run()} disabled={!!problem} loading={!!progress}>
            {t('batch.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
