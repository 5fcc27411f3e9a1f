import { Group, NumberInput, Stack, Text } from '@mantine/core';
import { SIDES, type Quorum } from '@shared/model';
import { useT } from '../../i18n';
import { useAutosave } from '../../components/useAutosave';

/** Edits a quorum rule; saves as it changes, and only whole, in-range numbers. */
export function QuorumEditor({ label, value, onSave }: { label: string; value: Quorum; onSave: (q: Quorum) => Promise<unknown> }) {
  const t = useT('roster');
  const { draft, change, flush, error } = useAutosave(value, onSave);
  const num = (v: string | number, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
  return (
    <Stack gap={6}>
      <Text fw={600} size="sm">
        {label}
      </Text>
      <Group grow align="flex-start" onBlur={() => void flush()}>
        <NumberInput
          label={t('quorum.percent')}
          min={0}
          max={100}
          clampBehavior="strict"
          allowDecimal={false}
          value={draft.percentOfMembers}
          onChange={(v) => change({ ...draft, percentOfMembers: num(v, draft.percentOfMembers) })}
        />
        {SIDES.map((side) => (
          <NumberInput
            key={side}
            label={t('quorum.minPerSide', { side })}
            min={0}
            max={500}
            clampBehavior="strict"
            allowDecimal={false}
            value={draft.minPerSide[side]}
            onChange={(v) => change({ ...draft, minPerSide: { ...draft.minPerSide, [side]: num(v, draft.minPerSide[side]) } })}
          />
        ))}
      </Group>
      {error && (
        <Text c="red" size="sm">
          {error}
        </Text>
      )}
    </Stack>
  );
}
