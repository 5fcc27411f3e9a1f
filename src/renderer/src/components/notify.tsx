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
 * Remove a row and offer Undo, which puts back exactly the removed row (same id, so anything
 * pointing at it points at it again).
 */
export async function removeWithUndo<T extends { id: string }>(
  repo: { remove(id: string): Promise<void>; table: { add(row: T): Promise<unknown> } },
  row: T,
  message: string,
): Promise<void> {
  try {
    await trackSave(() => repo.remove(row.id));
    notifyWithUndo(message, () => trackSave(() => repo.table.add(row)));
  } catch (e) {
    notifyError('Could not remove it', e);
  }
}
