import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { passphraseProblem } from '@shared/backup/encryption';
import { notifyError } from '../../components/notify';
import { useRepos } from '../../db/live';
import { appBackupContext, bridge } from './appContext';
import { saveBackupCopy } from './commands';

/** A copy of the whole store in a file the facilitator chooses, protected with a passphrase if they want one. */
export function SaveCopyModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const repos = useRepos();
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
      const problem = passphraseProblem(passphrase);
      if (problem || again !== passphrase)
        return setErrors({ passphrase: problem ?? undefined, again: again !== passphrase ? 'The two passphrases differ.' : undefined });
    }
    setBusy(true);
    try {
      const { result, encrypted } = await saveBackupCopy(repos, bridge, appBackupContext(), { passphrase: passphrase || undefined });
      if (result.status === 'canceled') return;
      if (result.status === 'error') return notifications.show({ color: 'red', message: result.message, autoClose: 10_000 });
      notifications.show({
        color: 'teal',
        message: encrypted ? `Saved ${result.path}. Keep the passphrase apart from the file: without it the backup cannot be opened.` : `Saved ${result.path}.`,
        autoClose: 8000,
      });
      close();
    } catch (error) {
      notifyError('Could not save the copy', error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={busy ? () => undefined : close} title="Save a copy of everything to a file">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack>
          <Text size="sm">
            For a USB stick or a shared drive, or to move to a new laptop. With a passphrase, nobody can read the copy without it (the file is encrypted in the
            standard age format).
          </Text>
          <PasswordInput
            label="Passphrase (optional)"
            description="At least 10 characters; a few unrelated words work well."
            value={passphrase}
            onChange={(e) => setPassphrase(e.currentTarget.value)}
            error={errors.passphrase}
            data-testid="copy-passphrase"
          />
          {passphrase && (
            <PasswordInput
              label="Passphrase again"
              value={again}
              onChange={(e) => setAgain(e.currentTarget.value)}
              error={errors.again}
              data-testid="copy-passphrase-again"
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={busy}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} data-testid="copy-save">
              {passphrase ? 'Save protected copy' : 'Save copy'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
