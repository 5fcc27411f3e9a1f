import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { notifyError, notifySuccess } from '../../components/notify';
import { useRepos } from '../../db/live';
import { useT } from '../../i18n';
import { trackSave } from '../../stores/saveStatus/store';

// The sample is removed with the meetings, IBPS and RIM commands: their code loads when asked for.
const sampleCommands = () => import('./commands');

/**
 * "Remove the sample council?", confirmed in one step. Its own module: a dialog (and the overlay,
 * focus trap and scroll lock it brings) is not part of the first screen.
 */
export function RemoveSampleDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const t = useT('welcome');
  const repos = useRepos();
  const [busy, setBusy] = useState(false);
  return (
    <Modal opened={opened} onClose={onClose} title={t('removeTitle')} closeButtonProps={{ 'aria-label': t('close') }}>
      <Stack>
        <Text size="sm">{t('removeBody')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('keep')}
          </Button>
          <Button
            color="red"
            loading={busy}
            data-testid="remove-sample-confirm"
            onClick={() => {
              setBusy(true);
              trackSave(async () => (await sampleCommands()).removeSampleCouncil(repos))
                .then(() => {
                  onClose();
                  notifySuccess(t('removed'));
                })
                .catch((e: unknown) => notifyError(t('removeFailed'), e))
                .finally(() => setBusy(false));
            }}
          >
            {t('removeConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
