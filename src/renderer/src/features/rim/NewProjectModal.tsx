import { Select, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ValidationError } from '../../db/errors';
import { useLive, useRepos } from '../../db/live';
import { useT } from '../../i18n';
import { createProject } from './commands';
import { useValidatedSave } from '../../components/useValidatedSave';
import { FormModal } from '../../components/FormModal';
import { teamOptions } from './queries';
import { fieldText } from './refusals';
import { useRefusalWords } from './useRimWords';

/** Start an improvement project for a team; the aim, measures and cycles are filled in on its page. */
export function NewProjectModal({
  opened,
  onClose,
  onCreated,
  teamId,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (id: string) => void;
  teamId?: string;
}) {
  const repos = useRepos();
  const t = useT('rim');
  const said = useRefusalWords();
  const teams = useLive((r) => teamOptions(r), []);
  const [team, setTeam] = useState<string | null>(teamId ?? null);
  const [title, setTitle] = useState('');
  const { error, setError, save } = useValidatedSave();

  const submit = async () => {
    const chosen = teamId ?? team;
    if (!chosen) return setError(new ValidationError([{ path: 'teamId', message: t('newProject.chooseTeam') }]));
    const project = await save(() => createProject(repos, { teamId: chosen, title }));
    if (!project) return;
    setTitle('');
    onCreated(project.id);
  };

  return (
    <FormModal opened={opened} onClose={onClose} title={t('newProject.title')} submitLabel={t('newProject.submit')} onSubmit={submit}>
      <Select
        label={t('newProject.team')}
        data={teams ?? []}
        value={teamId ?? team}
        onChange={setTeam}
        searchable
        required
        disabled={Boolean(teamId)}
        error={fieldText(error, 'teamId', said)}
        nothingFoundMessage={t('newProject.noTeamMatches')}
      />
      <TextInput
        label={t('newProject.projectTitle')}
        placeholder={t('newProject.projectTitlePlaceholder')}
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        error={fieldText(error, 'title', said)}
        data-autofocus
        required
      />
    </FormModal>
  );
}
