import { Select, TextInput } from '@mantine/core';
import { useState } from 'react';
import { localDateTime, now } from '@shared/clock';
import type { BodyKind } from '@shared/model';
import { ValidationError } from '../../db/errors';
import { useLive, useRepos } from '../../db/live';
import { useValidatedSave } from '../../components/useValidatedSave';
import { FormModal } from '../../components/FormModal';
import { bodyOptions } from '../roster/queries';
import { createMeeting } from './commands';

const defaultStart = () => {
  const d = now();
  d.setDate(d.getDate() + 1);
  d.setHours(9, 0, 0, 0);
  return localDateTime(d);
};

/** Plan a meeting of a council or team; the rest is filled in on the meeting page. */
export function NewMeetingModal({
  opened,
  onClose,
  onCreated,
  body,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (id: string) => void;
  body?: { kind: BodyKind; id: string };
}) {
  const repos = useRepos();
  const bodies = useLive((r) => bodyOptions(r), []);
  const [bodyKey, setBodyKey] = useState<string | null>(body ? `${body.kind}:${body.id}` : null);
  const [title, setTitle] = useState('');
  const [startsAt, setStartsAt] = useState(defaultStart);
  const { error, setError, save } = useValidatedSave();

  const submit = async () => {
    const [kind, id] = (bodyKey ?? '').split(':') as [BodyKind, string];
    if (!id) return setError(new ValidationError([{ path: 'bodyId', message: 'Choose the council or team that is meeting' }]));
    const meeting = await save(() => createMeeting(repos, { bodyKind: kind, bodyId: id, title, startsAt }));
    if (!meeting) return;
    setTitle('');
    onCreated(meeting.id);
  };

  return (
    <FormModal opened={opened} onClose={onClose} title="Plan a meeting" submitLabel="Create meeting" onSubmit={submit}>
      <Select
        label="Council or team"
        data={bodies ?? []}
        value={bodyKey}
        onChange={setBodyKey}
        searchable
        error={error?.forField('bodyId')}
        required
        disabled={Boolean(body)}
      />
      <TextInput
        label="Title"
        placeholder="e.g. Monthly UBT meeting"
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        error={error?.forField('title')}
        data-autofocus
        required
      />
      <TextInput
        label="Date and time"
        type="datetime-local"
        value={startsAt}
        onChange={(e) => setStartsAt(e.currentTarget.value)}
        error={error?.forField('startsAt')}
        required
      />
    </FormModal>
  );
}
