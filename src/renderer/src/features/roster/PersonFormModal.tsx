import { Group, SegmentedControl, TagsInput, TextInput } from '@mantine/core';
import { useState } from 'react';
import { SIDES, type Person, type Side } from '@shared/model';
import { useT } from '../../i18n';
import { useRepos } from '../../db/live';
import { useValidatedSave } from '../../components/useValidatedSave';
import { ArchiveButton } from './ArchiveButton';
import { FormModal } from '../../components/FormModal';
import { savePerson } from './commands';

interface Draft {
  name: string;
  side: Side;
  union: string;
  local: string;
  email: string;
  roleTitles: string[];
}

const fromPerson = (p?: Person): Draft => ({
  name: p?.name ?? '',
  side: p?.side ?? 'union',
  union: p?.union ?? '',
  local: p?.local ?? '',
  email: p?.email ?? '',
  roleTitles: p?.roleTitles ?? [],
});

/** Create or edit a person. Mount with a key per person so the draft starts from that record. */
export function PersonFormModal({
  opened,
  onClose,
  person,
  onSaved,
}: {
  opened: boolean;
  onClose: () => void;
  person?: Person;
  onSaved?: (p: Person) => void;
}) {
  const repos = useRepos();
  const t = useT('roster');
  const [draft, setDraft] = useState<Draft>(() => fromPerson(person));
  const { error, save } = useValidatedSave();
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));

  const submit = async () => {
    // Union and local only belong to the union side; clear them rather than fail on a side change.
    const input = draft.side === 'union' ? draft : { ...draft, union: '', local: '' };
    const saved = await save(() => savePerson(repos, person?.id ?? null, input));
    if (!saved) return;
    if (!person) setDraft(fromPerson());
    onSaved?.(saved);
    onClose();
  };

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={person ? t('personForm.editTitle', { name: person.name }) : t('personForm.newTitle')}
      submitLabel={person ? t('personForm.save') : t('personForm.add')}
      onSubmit={submit}
      aside={person && <ArchiveButton table="people" record={person} label={person.name} onDone={onClose} />}
    >
      <TextInput
        label={t('field.name')}
        value={draft.name}
        onChange={(e) => set('name', e.currentTarget.value)}
        error={error?.forField('name')}
        data-autofocus
        required
      />
      <div>
        <SegmentedControl
          fullWidth
          aria-label={t('people.side')}
          data={SIDES.map((s) => ({ value: s, label: t(`side.${s}`) }))}
          value={draft.side}
          onChange={(v) => set('side', v as Side)}
        />
      </div>
      {draft.side === 'union' && (
        <Group grow>
          <TextInput
            label={t('personForm.union')}
            placeholder={t('personForm.unionPlaceholder')}
            value={draft.union}
            onChange={(e) => set('union', e.currentTarget.value)}
            error={error?.forField('union')}
          />
          <TextInput
            label={t('personForm.local')}
            placeholder={t('personForm.localPlaceholder')}
            value={draft.local}
            onChange={(e) => set('local', e.currentTarget.value)}
          />
        </Group>
      )}
      <TagsInput
        label={t('personForm.roleTitles')}
        placeholder={t('personForm.roleTitlesPlaceholder')}
        value={draft.roleTitles}
        onChange={(v) => set('roleTitles', v)}
        error={error?.forField('roleTitles')}
      />
      <TextInput
        label={t('personForm.email')}
        type="email"
        value={draft.email}
        onChange={(e) => set('email', e.currentTarget.value)}
        error={error?.forField('email')}
      />
    </FormModal>
  );
}
