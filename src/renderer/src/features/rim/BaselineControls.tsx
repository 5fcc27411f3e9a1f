import { Button, Group, List, NumberInput, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconLock, IconLockOpen, IconTimelineEvent } from '@tabler/icons-react';
import { useState } from 'react';
import type { Measure, MeasureEvent, MeasurePeriod, PdsaCycle } from '@shared/model/rim';
import { cycleLabel } from '@shared/rim/chartSeries';
import { notifyError, notifyWithUndo } from '../../components/notify';
import { useValidatedSave } from '../../components/useValidatedSave';
import { useRepos } from '../../db/live';
import { useFormat, useT } from '../../i18n';
import { today as todayDate } from '@shared/clock';
import { freezeBaseline, rebaseMeasure, restoreFrozenBaseline, unfreezeBaseline } from './commands';
import { trackSave } from '../../stores/saveStatus/store';
import { FormModal } from '../../components/FormModal';
import { numberSeparators } from '@shared/i18n/format';
import { fieldText, shownError } from './refusals';
import { useRefusalWords } from './useRimWords';

/** Freeze the baseline (with a reason) so the median stops moving, or start a new period after an adopted change. */
export function BaselineControls({ measure, valuedPoints, cycles }: { measure: Measure; valuedPoints: number; cycles: PdsaCycle[] }) {
  const repos = useRepos();
  const t = useT('rim');
  const fmt = useFormat();
  const said = useRefusalWords();
  const [freezeOpen, freeze] = useDisclosure(false);
  const [rebaseOpen, rebase] = useDisclosure(false);
  const [unfreezeOpen, unfreeze] = useDisclosure(false);
  return (
    <Group gap="xs">
      {measure.frozenBaselineCount === null ? (
        <Button size="xs" variant="light" leftSection={<IconLock size={14} />} onClick={freeze.open} disabled={valuedPoints === 0}>
          {t('baseline.freeze')}
        </Button>
      ) : (
        <Button
          size="xs"
          variant="light"
          color="gray"
          leftSection={<IconLockOpen size={14} />}
          title={t('baseline.frozenHint', { count: measure.frozenBaselineCount, reason: measure.frozenReason })}
          onClick={unfreeze.open}
        >
          {t('baseline.unfreeze')}
        </Button>
      )}
      <Button size="xs" variant="light" leftSection={<IconTimelineEvent size={14} />} onClick={rebase.open} disabled={valuedPoints === 0}>
        {t('baseline.newPeriod')}
      </Button>
      <FreezeModal key={`f-${freezeOpen}`} measure={measure} valuedPoints={valuedPoints} opened={freezeOpen} onClose={freeze.close} />
      <RebaseModal key={`r-${rebaseOpen}`} measure={measure} cycles={cycles} opened={rebaseOpen} onClose={rebase.close} />
      <FormModal
        opened={unfreezeOpen}
        onClose={unfreeze.close}
        title={t('baseline.unfreezeTitle', { measure: measure.name })}
        submitLabel={t('baseline.unfreeze')}
        onSubmit={async () => {
          unfreeze.close();
          try {
            const { unfrozen } = await trackSave(() => unfreezeBaseline(repos, measure.id));
            notifyWithUndo(t('baseline.unfrozen'), () =>
              trackSave(() => restoreFrozenBaseline(repos, measure.id, unfrozen)).catch((e: unknown) => {
                throw shownError(e, said);
              }),
            );
          } catch (e) {
            notifyError(t('baseline.unfreezeFailed'), shownError(e, said));
          }
        }}
      >
        <Text size="sm" data-testid="unfreeze-warning">
          {t('baseline.unfreezeWarning')}
        </Text>
        <Text size="sm">
          {measure.frozenAt
            ? t('baseline.unfreezeKeptOn', {
                count: measure.frozenBaselineCount ?? 0,
                date: fmt.date(measure.frozenAt.slice(0, 10)),
                reason: measure.frozenReason,
              })
            : t('baseline.unfreezeKept', { count: measure.frozenBaselineCount ?? 0, reason: measure.frozenReason })}
        </Text>
      </FormModal>
    </Group>
  );
}

/** "Frozen on the first 12 points", "Unfrozen", "Frozen again (undo)": the measure's baseline decisions and new periods, oldest first. */
export function MeasureHistory({ history, periods }: { history: MeasureEvent[]; periods: MeasurePeriod[] }) {
  const t = useT('rim');
  const fmt = useFormat();
  const entries = [
    ...history.map((e) => ({
      at: e.createdAt,
      key: e.id,
      // One message per kind of event, with and without a reason: "baseline frozen on the first 12 points (Before the pilot)".
      text: t(e.reason ? `baseline.history.${e.kind}.because` : `baseline.history.${e.kind}.plain`, { count: e.baselineCount, reason: e.reason }),
    })),
    ...periods.map((p) => ({ at: p.createdAt, key: p.id, text: t('baseline.history.period', { date: fmt.date(p.startsOn), reason: p.reason }) })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  if (entries.length === 0) return null;
  return (
    <Stack gap={2} data-testid="measure-history">
      <Text size="sm" fw={600}>
        {t('baseline.history.title')}
      </Text>
      <List size="xs" spacing={2}>
        {entries.map((e) => (
          <List.Item key={e.key} data-testid="history-entry">
            {t('baseline.history.entry', { date: fmt.date(e.at.slice(0, 10)), text: e.text })}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

function FreezeModal({ measure, valuedPoints, opened, onClose }: { measure: Measure; valuedPoints: number; opened: boolean; onClose: () => void }) {
  const repos = useRepos();
  const t = useT('rim');
  const said = useRefusalWords();
  const [count, setCount] = useState<number | string>(valuedPoints);
  const [reason, setReason] = useState('');
  const { error, save } = useValidatedSave();
  const submit = async () => {
    if (await save(() => freezeBaseline(repos, measure.id, typeof count === 'number' ? count : Number.NaN, reason))) onClose();
  };
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('baseline.freezeTitle', { measure: measure.name })}
      submitLabel={t('baseline.freeze')}
      onSubmit={submit}
    >
      <Text size="sm" c="dimmed">
        {t('baseline.freezeHint')}
      </Text>
      <NumberInput
        label={t('baseline.points')}
        min={1}
        max={valuedPoints}
        allowDecimal={false}
        thousandSeparator={numberSeparators(said.words.locale).thousandSeparator}
        value={count}
        onChange={setCount}
        error={fieldText(error, 'frozenBaselineCount', said)}
      />
      <Textarea
        label={t('baseline.why')}
        placeholder={t('baseline.whyExample')}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={fieldText(error, 'frozenReason', said)}
        required
        data-autofocus
      />
    </FormModal>
  );
}

function RebaseModal({ measure, cycles, opened, onClose }: { measure: Measure; cycles: PdsaCycle[]; opened: boolean; onClose: () => void }) {
  const repos = useRepos();
  const t = useT('rim');
  const said = useRefusalWords();
  const adopted = cycles.filter((c) => c.decision === 'adopt' && c.measureIds.includes(measure.id));
  const [startsOn, setStartsOn] = useState(todayDate());
  const [reason, setReason] = useState('');
  const [cycleId, setCycleId] = useState<string | null>(adopted.at(-1)?.id ?? null);
  const { error, save } = useValidatedSave();
  const submit = async () => {
    if (await save(() => rebaseMeasure(repos, measure.id, { startsOn, reason, pdsaCycleId: cycleId }))) onClose();
  };
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('baseline.rebaseTitle', { measure: measure.name })}
      submitLabel={t('baseline.rebaseSubmit')}
      onSubmit={submit}
    >
      <Text size="sm" c="dimmed">
        {t('baseline.rebaseHint')}
      </Text>
      <TextInput
        label={t('baseline.startsOn')}
        type="date"
        value={startsOn}
        onChange={(e) => setStartsOn(e.currentTarget.value)}
        error={fieldText(error, 'startsOn', said)}
        required
      />
      <Textarea
        label={t('baseline.reason')}
        placeholder={t('baseline.reasonExample')}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={fieldText(error, 'reason', said)}
        required
        data-autofocus
      />
      {adopted.length > 0 && (
        <Select
          label={t('baseline.adopted')}
          data={adopted.map((c) => ({ value: c.id, label: cycleLabel(c, said.words) }))}
          value={cycleId}
          onChange={setCycleId}
          clearable
        />
      )}
    </FormModal>
  );
}
