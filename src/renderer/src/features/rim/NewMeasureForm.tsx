import { Button, Group, Select, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { MEASURE_KINDS, MEASURE_VALUE_TYPES, type MeasureDirection, type MeasureKind, type MeasureValueType } from '@shared/model/rim';
import { useValidatedSave } from '../../components/useValidatedSave';
import { useRepos } from '../../db/live';
import { useT } from '../../i18n';
import { addMeasure } from './commands';
import { fieldText } from './refusals';
import { useRefusalWords } from './useRimWords';

/** Add a measure in one line: name, kind, which way is better. The rest is in its definition (which shows the long names). */
export function NewMeasureForm({ projectId }: { projectId: string }) {
  const repos = useRepos();
  const t = useT('rim');
  const said = useRefusalWords();
  const { words } = said;
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
          aria-label={t('newMeasure.name')}
          placeholder={t('newMeasure.namePlaceholder')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldText(error, 'name', said)}
          style={{ flex: 1 }}
        />
        <Select
          aria-label={t('newMeasure.kind')}
          w={140}
          data={MEASURE_KINDS.map((k) => ({ value: k, label: words.t(`vocab.measureKind.${k}`) }))}
          value={kind}
          allowDeselect={false}
          onChange={(k) => k && setKind(k as MeasureKind)}
        />
        <Select
          aria-label={t('newMeasure.valueType')}
          w={190}
          data={MEASURE_VALUE_TYPES.map((v) => ({ value: v, label: words.t(`vocab.valueTypeShort.${v}`) }))}
          value={valueType}
          allowDeselect={false}
          onChange={(v) => v && setValueType(v as MeasureValueType)}
        />
        <Select
          aria-label={t('newMeasure.direction')}
          w={170}
          data={(['up', 'down'] as const).map((d) => ({ value: d, label: words.t(`vocab.direction.${d}`) }))}
          value={direction}
          allowDeselect={false}
          onChange={(d) => d && setDirection(d as MeasureDirection)}
        />
        <Button type="submit" leftSection={<IconPlus size={16} />}>
          {t('newMeasure.add')}
        </Button>
      </Group>
    </form>
  );
}
