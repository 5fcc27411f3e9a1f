import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { MIN_PASSPHRASE_LENGTH, passphraseProblem } from '@shared/backup/encryption';
import { notifyError } from '../../components/notify';
import { useRepos } from '../../db/live';
import { appBackupContext, bridge } from './appContext';
import { saveBackupCopy } from './commands';
import { bridgeMessage, errorText, useBackupWords } from './labels';

/** A copy of the whole store in a file the facilitator chooses, protected with a passphrase if they want one. */
export function SaveCopyModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const repos = useRepos();
  const w = useBackupWords();
  const { t } = w;
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<{ passphrase?: string; again?: string }>({});
  const [busy, setBusy] = useState(false);

  const close = () => {
    setPassphrase('');
    setAgain('');
    setErrors({});
    onClose();
  };

  const save = async () => {
    if (passphrase) {
      const problem = passphraseProblem(passphrase) && t('copy.passphraseShort', { min: String(MIN_PASSPHRASE_LENGTH) });
      if (problem || again !== passphrase) return setErrors({ passphrase: problem || undefined, again: again !== passphrase ? t('copy.differ') : undefined });
    }
    setBusy(true);
    try {
      const { result, encrypted } = await saveBackupCopy(repos, bridge, appBackupContext(), { passphrase: passphrase || undefined });
      if (result.status === 'canceled') return;
      if (result.status === 'error') return notifications.show({ color: 'red', message: bridgeMessage(result.message, w), autoClose: 10_000 });
      notifications.show({
        color: 'teal',
        message: t(encrypted ? 'copy.savedProtected' : 'copy.saved', { path: result.path }),
        autoClose: 8000,
      });
      close();
    } catch (error) {
      notifyError(t('copy.failed'), new Error(errorText(error, w)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={busy ? () => undefined : close} title={t('copy.title')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack>
          <Text size="sm">{t('copy.explain')}</Text>
          <PasswordInput
            label={t('copy.passphrase')}
            description={t('copy.passphraseHelp')}
            value={passphrase}
            onChange={(e) => setPassphrase(e.currentTarget.value)}
            error={errors.passphrase}
            data-testid="copy-passphrase"
          />
          {passphrase && (
            <PasswordInput
              label={t('copy.again')}
              value={again}
              onChange={(e) => setAgain(e.currentTarget.value)}
              error={errors.again}
              data-testid="copy-passphrase-again"
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={busy}>
              {t('copy.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="copy-save">
              {passphrase ? t('copy.saveProtected') : t('copy.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
