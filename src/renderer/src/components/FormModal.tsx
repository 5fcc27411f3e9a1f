import { Button, Group, Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useT } from '../i18n';

/**
 * A dialog with a form: Enter submits, the browser's own validation bubbles are off (fields show
 * the model's messages instead), and Cancel / submit sit at the bottom right. `aside` goes bottom
 * left (e.g. Archive on an edit form).
 */
export function FormModal({
  opened,
  onClose,
  title,
  submitLabel,
  onSubmit,
  aside,
  children,
}: {
  opened: boolean;
  onClose: () => void;
  title: ReactNode;
  submitLabel: string;
  onSubmit: () => Promise<unknown> | void;
  aside?: ReactNode;
  children: ReactNode;
}) {
  const t = useT('common');
  return (
    <Modal opened={opened} onClose={onClose} title={title}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void onSubmit();
        }}
      >
        <Stack>
          {children}
          <Group justify={aside ? 'space-between' : 'flex-end'}>
            {aside && <div>{aside}</div>}
            <Group>
              <Button variant="default" onClick={onClose}>
                {t('cancel')}
              </Button>
              <Button type="submit">{submitLabel}</Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
