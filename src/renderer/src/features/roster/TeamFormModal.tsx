import { Select, TextInput } from '@mantine/core';
import { useState } from 'react';
import { DEFAULT_GROUND_RULES, type Council } from '@shared/model';
import { ValidationError } from '../../db/errors';
import { useRepos } from '../../db/live';
import { useT } from '../../i18n';
import { useValidatedSave } from '../../components/useValidatedSave';
import { FormModal } from '../../components/FormModal';
import { createTeam } from './commands';

export function TeamFormModal({
  opened,
  onClose,
  onCreated,
  councils,
  defaultCouncilId,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (id: string) => void;
  councils: readonly Council[];
  defaultCouncilId?: string;
}) {
  const repos = useRepos();
  const t = useT('roster');
  const [name, setName] = useState('');
  const [department, setDepartment] = useState('');
  const active = councils.filter((c) => !c.archivedAt);
  // With one council on the roster there is nothing to choose: it is preselected (until changed).
  const [chosen, setCouncilId] = useState<string | null>(defaultCouncilId ?? null);
  const councilId = chosen ?? (active.length === 1 ? active[0]!.id : null);
  const { error, setError, save } = useValidatedSave();
  const council = councils.find((c) => c.id === councilId);

  const submit = async () => {
    if (!councilId) {
      setError(new ValidationError([{ path: 'councilId', message: t('teamForm.chooseCouncil') }]));
      return;
    }
    // A new team's charter starts with the usual ground rules, in the language the team is set up in.
    const groundRules = DEFAULT_GROUND_RULES.map((_, i) => t(`defaultGroundRules.${i + 1}`));
    const team = await save(() => createTeam(repos, { councilId, name, department, region: council?.region ?? '', charter: { groundRules } }));
    if (!team) return;
    setName('');
    setDepartment('');
    onCreated(team.id);
  };

  return (
    <FormModal opened={opened} onClose={onClose} title={t('teamForm.title')} submitLabel={t('teamForm.submit')} onSubmit={submit}>
      <Select
        label={t('field.council')}
        data={active.map((c) => ({ value: c.id, label: c.name }))}
        value={councilId}
        onChange={setCouncilId}
        searchable
        error={error?.forField('councilId')}
        required
      />
      <TextInput
        label={t('field.teamName')}
        placeholder={t('teamForm.namePlaceholder')}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={error?.forField('name')}
        data-autofocus
        required
      />
      <TextInput
        label={t('field.department')}
        placeholder={t('teamForm.departmentPlaceholder')}
        value={department}
        onChange={(e) => setDepartment(e.currentTarget.value)}
      />
    </FormModal>
  );
}
