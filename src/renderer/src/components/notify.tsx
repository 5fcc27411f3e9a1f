import { trackSave } from '../stores/saveStatus/store';
import { Button, Group, Text } from '@mantine/core';
import { notifications, type NotificationData } from '@mantine/notifications';
import { RESOURCES } from '../i18n';
import { localeOf, useLanguage } from '../stores/language/store';

/**
 * Toasts sit bottom-left, over the navigation column, away from the capture lists and the
 * parking lot (centre and right) that the recorder is typing into, and none stays longer than
 * 8 seconds: a toast must never hide what the room is looking at.
 */
const PLACEMENT: Pick<NotificationData, 'position' | 'style'> = { position: 'bottom-left', style: { maxWidth: 420 } };

/** Toasts are shown from outside React too: their close button's name is read from the chosen language here. */
function placement(): Pick<NotificationData, 'position' | 'style' | 'closeButtonProps'> {
  const common = RESOURCES[localeOf(useLanguage.getState().language)]?.common as { toast?: { close?: string } } | undefined;
  return { ...PLACEMENT, closeButtonProps: { 'aria-label': common?.toast?.close ?? 'Close the message' } };
}

/** How long each kind of toast stays: long enough to read, never long enough to be in the way. */
export const TOAST_MS = { error: 8000, success: 3000, undo: 8000 } as const;

export function notifyError(title: string, error: unknown) {
  notifications.show({ ...placement(), color: 'red', title, message: error instanceof Error ? error.message : String(error), autoClose: TOAST_MS.error });
}

export function notifySuccess(message: string) {
  notifications.show({ ...placement(), color: 'teal', message, autoClose: TOAST_MS.success });
}

/** Destructive-but-reversible actions confirm with an Undo instead of a blocking dialog. */
export function notifyWithUndo(message: string, undo: () => Promise<unknown>) {
  const id = notifications.show({
    ...placement(),
    autoClose: TOAST_MS.undo,
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
