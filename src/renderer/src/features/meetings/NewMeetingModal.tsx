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
import { BUILT_IN_TEMPLATE_KEYS, builtInTemplate, type BuiltInTemplateKey } from '@shared/meetings/builtInTemplates';
import { startMeetingFromDraft, startMeetingFromTemplate } from '../templates/commands';
import { templateOptionsFor } from '../templates/queries';
import { useTemplatesT } from '../templates/useTemplatesT';
import { useT } from '../../i18n';
import type { Locale } from '@shared/i18n/locales';
import { localeOf, useLanguage } from '../../stores/language/store';
import { MeetingLanguageSelect } from './MeetingLanguageSelect';

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
  const [template, setTemplate] = useState<string>('');
  // A new meeting is held in the language of the screens until the facilitator says otherwise.
  const screenLanguage = localeOf(useLanguage((st) => st.language));
  const [language, setLanguage] = useState<Locale>(screenLanguage);
  const { error, setError, save } = useValidatedSave();
  const { t } = useTemplatesT();
  const tm = useT('meetings');
  // The model's problems are English sentences: each field says its own in the screens' language.
  const problem = {
    bodyId: error?.forField('bodyId') && tm('new.chooseBody'),
    title: error?.forField('title') && (/at most/.test(error.forField('title')!) ? tm('new.titleTooLong', { max: 200 }) : tm('new.titleRequired')),
    startsAt: error?.forField('startsAt') && tm('new.startsAtInvalid'),
  };
  const [kind, id] = (bodyKey ?? '').split(':') as [BodyKind, string];
  const saved = useLive((r) => templateOptionsFor(r, id ? { kind, id } : null), [bodyKey]);
  const templateData = [
    { value: '', label: t('new.none') },
    { group: t('new.builtInGroup'), items: BUILT_IN_TEMPLATE_KEYS.map((key) => ({ value: `builtin:${key}`, label: builtInTemplate(key, t).name })) },
    ...(saved?.length ? [{ group: t('new.savedGroup'), items: saved.map((s) => ({ value: `saved:${s.id}`, label: s.name })) }] : []),
  ];

  const chooseTemplate = (value: string | null) => {
    setTemplate(value ?? '');
    // The template's title is a starting point: one typed already is kept.
    if (title.trim()) return;
    if (value?.startsWith('builtin:')) setTitle(builtInTemplate(value.slice(8) as BuiltInTemplateKey, t).title);
    else if (value?.startsWith('saved:')) setTitle(saved?.find((s) => s.id === value.slice(6))?.title ?? '');
  };

  const submit = async () => {
    if (!id) return setError(new ValidationError([{ path: 'bodyId', message: 'Choose the council or team that is meeting' }]));
    const meeting = await save(() =>
      template.startsWith('builtin:')
        ? startMeetingFromDraft(repos, builtInTemplate(template.slice(8) as BuiltInTemplateKey, t), { kind, id }, startsAt, title, language)
        : template.startsWith('saved:')
          ? startMeetingFromTemplate(repos, template.slice(6), startsAt, title, language)
          : createMeeting(repos, { bodyKind: kind, bodyId: id, title, startsAt, language }),
    );
    if (!meeting) return;
    setTitle('');
    setTemplate('');
    onCreated(meeting.id);
  };

  return (
    <FormModal opened={opened} onClose={onClose} title={tm('new.title')} submitLabel={tm('new.submit')} onSubmit={submit}>
      <Select
        label={tm('new.body')}
        data={bodies ?? []}
        value={bodyKey}
        onChange={(v) => {
          setBodyKey(v);
          // A saved template belongs to one body: another body's meeting starts blank or built-in.
          if (template.startsWith('saved:')) setTemplate('');
        }}
        searchable
        error={problem.bodyId}
        required
        disabled={Boolean(body)}
      />
      <Select
        label={t('new.template')}
        data={templateData}
        value={template}
        onChange={chooseTemplate}
        allowDeselect={false}
        data-testid="new-meeting-template"
      />
      <TextInput
        label={tm('new.meetingTitle')}
        placeholder={tm('new.titlePlaceholder')}
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        error={problem.title}
        data-autofocus
        required
      />
      <TextInput
        label={tm('new.startsAt')}
        type="datetime-local"
        value={startsAt}
        onChange={(e) => setStartsAt(e.currentTarget.value)}
        error={problem.startsAt}
        required
      />
      <MeetingLanguageSelect value={language} onChange={setLanguage} />
    </FormModal>
  );
}
