import { Select, TextInput } from '@mantine/core';
import { useState } from 'react';
import { REGIONS, type CouncilLevel } from '@shared/model';
import { useRepos } from '../../db/live';
import { useValidatedSave } from '../../components/useValidatedSave';
import { LEVEL_LABELS } from './labels';
import { createCouncil } from './commands';
import { FormModal } from '../../components/FormModal';

/** New council: only what is needed to start; everything else is edited on the council page. */
export function CouncilFormModal({ opened, onClose, onCreated }: { opened: boolean; onClose: () => void; onCreated: (id: string) => void }) {
  const repos = useRepos();
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
    <FormModal opened={opened} onClose={onClose} title="New council" submitLabel="Create council" onSubmit={submit}>
      <TextInput
        label="Name"
        placeholder="e.g. Riverside Medical Center Local Council"
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={error?.forField('name')}
        data-autofocus
        required
      />
      <Select
        label="Level"
        data={Object.entries(LEVEL_LABELS).map(([value, label]) => ({ value, label }))}
        value={level}
        onChange={(v) => v && setLevel(v as CouncilLevel)}
        allowDeselect={false}
      />
      <Select label="Region" data={[...REGIONS]} value={region} onChange={setRegion} clearable searchable placeholder="Choose a region" />
    </FormModal>
  );
}
