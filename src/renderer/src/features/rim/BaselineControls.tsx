import { Button, Group, List, NumberInput, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconLock, IconLockOpen, IconTimelineEvent } from '@tabler/icons-react';
import { useState } from 'react';
import type { Measure, MeasureEvent, MeasurePeriod, PdsaCycle } from '@shared/model/rim';
import { cycleLabel } from '@shared/rim/chartSeries';
import { longDate } from '@shared/rim/chartPicture';
import { notifyError, notifyWithUndo } from '../../components/notify';
import { useValidatedSave } from '../../components/useValidatedSave';
import { useRepos } from '../../db/live';
import { today as todayDate } from '@shared/clock';
import { freezeBaseline, rebaseMeasure, restoreFrozenBaseline, unfreezeBaseline } from './commands';
import { trackSave } from '../../stores/saveStatus/store';
import { FormModal } from '../../components/FormModal';

/** Freeze the baseline (with a reason) so the median stops moving, or start a new period after an adopted change. */
export function BaselineControls({ measure, valuedPoints, cycles }: { measure: Measure; valuedPoints: number; cycles: PdsaCycle[] }) {
  const repos = useRepos();
  const [freezeOpen, freeze] = useDisclosure(false);
  const [rebaseOpen, rebase] = useDisclosure(false);
  const [unfreezeOpen, unfreeze] = useDisclosure(false);
  return (
    <Group gap="xs">
      {measure.frozenBaselineCount === null ? (
        <Button size="xs" variant="light" leftSection={<IconLock size={14} />} onClick={freeze.open} disabled={valuedPoints === 0}>
          Freeze baseline
        </Button>
      ) : (
        <Button
          size="xs"
          variant="light"
          color="gray"
          leftSection={<IconLockOpen size={14} />}
          title={`Frozen on the first ${measure.frozenBaselineCount} points: ${measure.frozenReason}`}
          onClick={unfreeze.open}
        >
          Unfreeze baseline
        </Button>
      )}
      <Button size="xs" variant="light" leftSection={<IconTimelineEvent size={14} />} onClick={rebase.open} disabled={valuedPoints === 0}>
        Start a new period
      </Button>
      <FreezeModal key={`f-${freezeOpen}`} measure={measure} valuedPoints={valuedPoints} opened={freezeOpen} onClose={freeze.close} />
      <RebaseModal key={`r-${rebaseOpen}`} measure={measure} cycles={cycles} opened={rebaseOpen} onClose={rebase.close} />
      <FormModal
        opened={unfreezeOpen}
        onClose={unfreeze.close}
        title={`Unfreeze the baseline of ${measure.name}?`}
        submitLabel="Unfreeze baseline"
        onSubmit={async () => {
          unfreeze.close();
          try {
            const { unfrozen } = await trackSave(() => unfreezeBaseline(repos, measure.id));
            notifyWithUndo('Baseline unfrozen. It is kept in the measure’s history.', () =>
              trackSave(() => restoreFrozenBaseline(repos, measure.id, unfrozen)),
            );
          } catch (e) {
            notifyError('Could not unfreeze the baseline', e);
          }
        }}
      >
        <Text size="sm" data-testid="unfreeze-warning">
          The centre line (and any control limits) will be worked out from every point again, so a change the team made will pull it along instead of showing as
          a shift away from it.
        </Text>
        <Text size="sm">
          The frozen baseline, the first {measure.frozenBaselineCount} points
          {measure.frozenAt ? `, frozen on ${longDate(measure.frozenAt.slice(0, 10))}` : ''} because “{measure.frozenReason}”, stays in the measure’s history,
          and Undo puts it back.
        </Text>
      </FormModal>
    </Group>
  );
}

/** "Frozen on the first 12 points", "Unfrozen", "Frozen again (undo)": the measure's baseline decisions and new periods, oldest first. */
export function MeasureHistory({ history, periods }: { history: MeasureEvent[]; periods: MeasurePeriod[] }) {
  const entries = [
    ...history.map((e) => ({ at: e.createdAt, key: e.id, text: historyText(e) })),
    ...periods.map((p) => ({ at: p.createdAt, key: p.id, text: `New period from ${longDate(p.startsOn)}: ${p.reason}` })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  if (entries.length === 0) return null;
  return (
    <Stack gap={2} data-testid="measure-history">
      <Text size="sm" fw={600}>
        Baseline history
      </Text>
      <List size="xs" spacing={2}>
        {entries.map((e) => (
          <List.Item key={e.key} data-testid="history-entry">
            {longDate(e.at.slice(0, 10))}: {e.text}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

function historyText(e: MeasureEvent): string {
  const points = e.baselineCount === 1 ? 'the first point' : `the first ${e.baselineCount} points`;
  const why = e.reason ? ` (${e.reason})` : '';
  switch (e.kind) {
    case 'baseline-frozen':
      return `baseline frozen on ${points}${why}`;
    case 'baseline-unfrozen':
      return `baseline on ${points}${why} unfrozen`;
    case 'baseline-restored':
      return `unfreeze undone: baseline on ${points}${why} frozen again`;
  }
}

function FreezeModal({ measure, valuedPoints, opened, onClose }: { measure: Measure; valuedPoints: number; opened: boolean; onClose: () => void }) {
  const repos = useRepos();
  const [count, setCount] = useState<number | string>(valuedPoints);
  const [reason, setReason] = useState('');
  const { error, save } = useValidatedSave();
  const submit = async () => {
    if (await save(() => freezeBaseline(repos, measure.id, typeof count === 'number' ? count : Number.NaN, reason))) onClose();
  };
  return (
    <FormModal opened={opened} onClose={onClose} title={`Freeze the baseline of ${measure.name}`} submitLabel="Freeze baseline" onSubmit={submit}>
      <Text size="sm" c="dimmed">
        The median is computed from the first points only and stops moving, so a change shows as a shift away from it.
      </Text>
      <NumberInput
        label="Points in the baseline"
        min={1}
        max={valuedPoints}
        allowDecimal={false}
        value={count}
        onChange={setCount}
        error={error?.forField('frozenBaselineCount')}
      />
      <Textarea
        label="Why freeze here?"
        placeholder="e.g. 12 weeks before the first PDSA cycle"
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={error?.forField('frozenReason')}
        required
        data-autofocus
      />
    </FormModal>
  );
}

function RebaseModal({ measure, cycles, opened, onClose }: { measure: Measure; cycles: PdsaCycle[]; opened: boolean; onClose: () => void }) {
  const repos = useRepos();
  const adopted = cycles.filter((c) => c.decision === 'adopt' && c.measureIds.includes(measure.id));
  const [startsOn, setStartsOn] = useState(todayDate());
  const [reason, setReason] = useState('');
  const [cycleId, setCycleId] = useState<string | null>(adopted.at(-1)?.id ?? null);
  const { error, save } = useValidatedSave();
  const submit = async () => {
    if (await save(() => rebaseMeasure(repos, measure.id, { startsOn, reason, pdsaCycleId: cycleId }))) onClose();
  };
  return (
    <FormModal opened={opened} onClose={onClose} title={`Start a new period for ${measure.name}`} submitLabel="Start the new period" onSubmit={submit}>
      <Text size="sm" c="dimmed">
        After an adopted change has shifted the process, points from this date on get their own median.
      </Text>
      <TextInput
        label="New period starts on"
        type="date"
        value={startsOn}
        onChange={(e) => setStartsOn(e.currentTarget.value)}
        error={error?.forField('startsOn')}
        required
      />
      <Textarea
        label="Reason"
        placeholder="e.g. Bed alarms adopted on all shifts"
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={error?.forField('reason')}
        required
        data-autofocus
      />
      {adopted.length > 0 && (
        <Select label="Adopted change" data={adopted.map((c) => ({ value: c.id, label: cycleLabel(c) }))} value={cycleId} onChange={setCycleId} clearable />
      )}
    </FormModal>
  );
}
