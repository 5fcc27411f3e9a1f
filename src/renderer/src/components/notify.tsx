import { trackSave } from '../stores/saveStatus/store';
import { Button, Group, Text } from '@mantine/core';
import { notifications, type NotificationData } from '@mantine/notifications';
import { createI18n, translatorOf, type Translate } from '@shared/i18n/translator';
import { RESOURCES } from '../i18n';
import { errorText, errorTextLoaded, isSharedRefusal } from './errorText';
import { useLanguage, type UiLanguage } from '../stores/language/store';

/**
 * Toasts sit bottom-left, over the navigation column, away from the capture lists and the
 * parking lot (centre and right) that the recorder is typing into, and none stays longer than
 * 8 seconds: a toast must never hide what the room is looking at.
 */
const PLACEMENT: Pick<NotificationData, 'position' | 'style'> = { position: 'bottom-left', style: { maxWidth: 420 } };

let shared: { language: UiLanguage; t: Translate } | undefined;

/**
 * Toasts are shown from outside React too (after a save resolves, from the menu): their own words
 * (Close, Undo) are read in the language chosen at the moment the toast appears.
 */
export function commonT(): Translate {
  const language = useLanguage.getState().language;
  if (shared?.language !== language) shared = { language, t: translatorOf(createI18n(language, RESOURCES), 'common') };
  return shared.t;
}

function placement(): Pick<NotificationData, 'position' | 'style' | 'closeButtonProps'> {
  return { ...PLACEMENT, closeButtonProps: { 'aria-label': commonT()('toast.close') } };
}

/** How long each kind of toast stays: long enough to read, never long enough to be in the way. */
export const TOAST_MS = { error: 8000, success: 3000, undo: 8000 } as const;

/**
 * A failure, with why: a refusal every feature shares (an approved record's lock) is said in the
 * screens' language, waiting for its words if they are not loaded yet (errorText.ts).
 */
export function notifyError(title: string, error: unknown) {
  const show = (message: string) => notifications.show({ ...placement(), color: 'red', title, message, autoClose: TOAST_MS.error });
  if (isSharedRefusal(error)) void errorTextLoaded(error).then(show);
  else show(errorText(error));
}

export function notifySuccess(message: string) {
  notifications.show({ ...placement(), color: 'teal', message, autoClose: TOAST_MS.success });
}

/** Destructive-but-reversible actions confirm with an Undo instead of a blocking dialog. */
export function notifyWithUndo(message: string, undo: () => Promise<unknown>) {
  const t = commonT();
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
            undo().catch((e: unknown) => notifyError(t('undoFailed'), e));
          }}
        >
          {t('undo')}
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
    notifyError(commonT()('removeFailed'), e);
  }
}
