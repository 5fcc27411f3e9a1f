import { Select, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { CouncilLevel } from '@shared/model';
import { useT } from '../../i18n';
import { useRepos } from '../../db/live';
import { useValidatedSave } from '../../components/useValidatedSave';
import { LEVELS, regionOptions } from './labels';
import { createCouncil } from './commands';
import { FormModal } from '../../components/FormModal';

/** New council: only what is needed to start; everything else is edited on the council page. */
export function CouncilFormModal({ opened, onClose, onCreated }: { opened: boolean; onClose: () => void; onCreated: (id: string) => void }) {
  const repos = useRepos();
  const t = useT('roster');
  const [name, setName] = useState('');
  const [level, setLevel] = useState<CouncilLevel>('local');
  const [region, setRegion] = useState<string | null>(null);
  const { error, save } = useValidatedSave();

  const submit = async () => {
    const council = await save(() => createCouncil(repos, { name, level, region: region ?? '' }));
    if (!council) return;
    setName('');
    onCreated(council.id);
  };

  return (
    <FormModal opened={opened} onClose={onClose} title={t('councilForm.title')} submitLabel={t('councilForm.submit')} onSubmit={submit}>
      <TextInput
        label={t('field.name')}
        placeholder={t('councilForm.namePlaceholder')}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={error?.forField('name')}
        data-autofocus
        required
      />
      <Select
        label={t('field.level')}
        data={LEVELS.map((value) => ({ value, label: t(`level.${value}`) }))}
        value={level}
        onChange={(v) => v && setLevel(v as CouncilLevel)}
        allowDeselect={false}
      />
      <Select
        label={t('field.region')}
        data={regionOptions(t)}
        value={region}
        onChange={setRegion}
        clearable
        searchable
        placeholder={t('councilForm.regionPlaceholder')}
      />
    </FormModal>
  );
}
