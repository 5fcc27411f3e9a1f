import { trackSave } from '../stores/saveStatus/store';
import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';

export function notifyError(title: string, error: unknown) {
  notifications.show({ color: 'red', title, message: error instanceof Error ? error.message : String(error), autoClose: 8000 });
}

export function notifySuccess(message: string) {
  notifications.show({ color: 'teal', message, autoClose: 3000 });
}

/** Destructive-but-reversible actions confirm with an Undo instead of a blocking dialog. */
export function notifyWithUndo(message: string, undo: () => Promise<unknown>) {
  const id = notifications.show({
    autoClose: 8000,
    message: (
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm">{message}</Text>
        <Button
          size="compact-sm"
          variant="light"
          onClick={() => {
            notifications.hide(id);
            undo().catch((e: unknown) => notifyError('Could not undo', e));
          }}
        >
          Undo
        </Button>
      </Group>
    ),
  });
}

/**
 * Run a feature's remove command and offer Undo, which runs its restore command with exactly the
 * removed row (same id, so anything pointing at it points at it again).
 */
export async function removeWithUndo<T>(message: string, remove: () => Promise<T | undefined>, restore: (removed: T) => Promise<unknown>): Promise<void> {
  try {
    const removed = await trackSave(remove);
    if (removed !== undefined) notifyWithUndo(message, () => trackSave(() => restore(removed)));
  } catch (e) {
    notifyError('Could not remove it', e);
  }
}
