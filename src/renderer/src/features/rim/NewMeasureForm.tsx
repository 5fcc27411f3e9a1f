import { Button, Group, Select, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import {
  MEASURE_DIRECTION_LABELS,
  MEASURE_KINDS,
  MEASURE_KIND_LABELS,
  MEASURE_VALUE_TYPES,
  type MeasureDirection,
  type MeasureKind,
  type MeasureValueType,
} from '@shared/model/rim';

/** Short names for the one-line form; the definition shows the long ones. */
const VALUE_TYPE_SHORT: Record<MeasureValueType, string> = {
  measurement: 'A measurement',
  count: 'A count of events',
  proportion: 'A proportion (x of n)',
  rate: 'A rate (per 1,000 …)',
  'between-events': 'Cases between events',
};
import { useValidatedSave } from '../../components/useValidatedSave';
import { useRepos } from '../../db/live';
import { addMeasure } from './commands';

/** Add a measure in one line: name, kind, which way is better. The rest is in its definition. */
export function NewMeasureForm({ projectId }: { projectId: string }) {
  const repos = useRepos();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<MeasureKind>('outcome');
  const [direction, setDirection] = useState<MeasureDirection>('up');
  const [valueType, setValueType] = useState<MeasureValueType>('measurement');
  const { error, save } = useValidatedSave();
  const submit = async () => {
    if (await save(() => addMeasure(repos, projectId, { name, kind, direction, valueType }))) setName('');
  };
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Group align="flex-start" gap="xs">
        <TextInput
          aria-label="New measure name"
          placeholder="Add a measure, e.g. Falls per 1,000 patient days"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={error?.forField('name')}
          style={{ flex: 1 }}
        />
        <Select
          aria-label="New measure kind"
          w={140}
          data={MEASURE_KINDS.map((k) => ({ value: k, label: MEASURE_KIND_LABELS[k] }))}
          value={kind}
          allowDeselect={false}
          onChange={(k) => k && setKind(k as MeasureKind)}
        />
        <Select
          aria-label="New measure value type"
          w={190}
          data={MEASURE_VALUE_TYPES.map((t) => ({ value: t, label: VALUE_TYPE_SHORT[t] }))}
          value={valueType}
          allowDeselect={false}
          onChange={(t) => t && setValueType(t as MeasureValueType)}
        />
        <Select
          aria-label="New measure direction"
          w={170}
          data={(['up', 'down'] as const).map((d) => ({ value: d, label: MEASURE_DIRECTION_LABELS[d] }))}
          value={direction}
          allowDeselect={false}
          onChange={(d) => d && setDirection(d as MeasureDirection)}
        />
        <Button type="submit" leftSection={<IconPlus size={16} />}>
          Add measure
        </Button>
      </Group>
    </form>
  );
}
