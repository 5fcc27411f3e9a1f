import { Button, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconTemplate } from '@tabler/icons-react';
import { useState } from 'react';
import { FormModal } from '../../components/FormModal';
import { notifySuccess } from '../../components/notify';
import { useValidatedSave } from '../../components/useValidatedSave';
import { useRepos } from '../../db/live';
import { saveMeetingAsTemplate } from './commands';
import { templateFieldText } from './problems';
import { useTemplatesT } from './useTemplatesT';

/** Save this meeting's shape (agenda, roles, objective) as a template of its council or team. */
export function SaveTemplateButton({ meetingId, defaultName }: { meetingId: string; defaultName: string }) {
  const repos = useRepos();
  const { t } = useTemplatesT();
  const [opened, modal] = useDisclosure(false);
  const [name, setName] = useState(defaultName);
  const { error, save } = useValidatedSave();
  const submit = async () => {
    const template = await save(() => saveMeetingAsTemplate(repos, meetingId, name));
    if (!template) return;
    notifySuccess(t('save.saved', { name: template.name }));
    modal.close();
  };
  return (
    <>
      <Button
        variant="default"
        leftSection={<IconTemplate size={16} />}
        onClick={() => {
          setName(defaultName);
          modal.open();
        }}
        data-testid="save-template"
      >
        {t('save.button')}
      </Button>
      <FormModal opened={opened} onClose={modal.close} title={t('save.title')} submitLabel={t('save.submit')} onSubmit={submit}>
        <Text size="sm" c="dimmed">
          {t('save.description')}
        </Text>
        <TextInput
          label={t('save.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={templateFieldText(error, 'name', t)}
          data-autofocus
          required
        />
      </FormModal>
    </>
  );
}
