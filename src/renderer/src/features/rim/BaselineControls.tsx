import { Button, Group, NumberInput, Select, Text, Textarea, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconLock, IconLockOpen, IconTimelineEvent } from '@tabler/icons-react';
import { useState } from 'react';
import type { Measure, PdsaCycle } from '@shared/model/rim';
import { cycleLabel } from '@shared/rim/chartSeries';
import { notifyError } from '../../components/notify';
import { useValidatedSave } from '../../components/useValidatedSave';
import { useRepos } from '../../db/live';
import { today as todayDate } from '@shared/clock';
import { freezeBaseline, rebaseMeasure, unfreezeBaseline } from './commands';
import { trackSave } from '../../stores/saveStatus/store';
import { FormModal } from '../../components/FormModal';

/** Freeze the baseline (with a reason) so the median stops moving, or start a new period after an adopted change. */
export function BaselineControls({ measure, valuedPoints, cycles }: { measure: Measure; valuedPoints: number; cycles: PdsaCycle[] }) {
  const repos = useRepos();
  const [freezeOpen, freeze] = useDisclosure(false);
  const [rebaseOpen, rebase] = useDisclosure(false);
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
          onClick={() => void trackSave(() => unfreezeBaseline(repos, measure.id)).catch((e: unknown) => notifyError('Could not unfreeze', e))}
        >
          Unfreeze baseline
        </Button>
      )}
      <Button size="xs" variant="light" leftSection={<IconTimelineEvent size={14} />} onClick={rebase.open} disabled={valuedPoints === 0}>
        Start a new period
      </Button>
      <FreezeModal key={`f-${freezeOpen}`} measure={measure} valuedPoints={valuedPoints} opened={freezeOpen} onClose={freeze.close} />
      <RebaseModal key={`r-${rebaseOpen}`} measure={measure} cycles={cycles} opened={rebaseOpen} onClose={rebase.close} />
    </Group>
  );
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
