import { Select, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ValidationError } from '../../db/errors';
import { useLive, useRepos } from '../../db/live';
import { createProject } from './commands';
import { useValidatedSave } from '../../components/useValidatedSave';
import { FormModal } from '../../components/FormModal';
import { teamOptions } from './queries';

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
  const teams = useLive((r) => teamOptions(r), []);
  const [team, setTeam] = useState<string | null>(teamId ?? null);
  const [title, setTitle] = useState('');
  const { error, setError, save } = useValidatedSave();

  const submit = async () => {
    const chosen = teamId ?? team;
    if (!chosen) return setError(new ValidationError([{ path: 'teamId', message: 'Choose the team doing the project' }]));
    const project = await save(() => createProject(repos, { teamId: chosen, title }));
    if (!project) return;
    setTitle('');
    onCreated(project.id);
  };

  return (
    <FormModal opened={opened} onClose={onClose} title="New improvement project" submitLabel="Create project" onSubmit={submit}>
      <Select
        label="Team"
        data={teams ?? []}
        value={teamId ?? team}
        onChange={setTeam}
        searchable
        required
        disabled={Boolean(teamId)}
        error={error?.forField('teamId')}
        nothingFoundMessage="No team matches"
      />
      <TextInput
        label="Project title"
        placeholder="e.g. Fewer patient falls on nights"
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        error={error?.forField('title')}
        data-autofocus
        required
      />
    </FormModal>
  );
}
