import { Group, Loader, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { lazy, Suspense } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../i18n';
import { useSaveStatus } from '../stores/saveStatus/store';
import { errorText } from './errorText';

// The tooltip (and its positioning library) is for the error state only: loaded when it happens.
const SaveErrorTooltip = lazy(() => import('./SaveErrorTooltip').then((m) => ({ default: m.SaveErrorTooltip })));

export function SaveIndicator() {
  const t = useT('common');
  const { pending, error, lastSavedAt } = useSaveStatus(useShallow((s) => s));
  if (pending > 0)
    return (
      <Group gap={6} aria-live="polite" data-testid="save-indicator" data-state="saving">
        <Loader size={14} />
        <Text size="sm" c="dimmed">
          {t('saveStatus.saving')}
        </Text>
      </Group>
    );
  if (error) {
    const shown = (
      <Group gap={6} aria-live="polite" data-testid="save-indicator" data-state="error">
        <IconAlertTriangle size={16} color="var(--mantine-color-red-6)" />
        <Text size="sm" c="red">
          {t('saveStatus.error')}
        </Text>
      </Group>
    );
    return (
      <Suspense fallback={shown}>
        <SaveErrorTooltip label={errorText(error)}>{shown}</SaveErrorTooltip>
      </Suspense>
    );
  }
  if (lastSavedAt)
    return (
      <Group gap={6} aria-live="polite" data-testid="save-indicator" data-state="saved">
        <IconCircleCheck size={16} color="var(--mantine-color-teal-6)" />
        <Text size="sm" c="dimmed">
          {t('saveStatus.saved')}
        </Text>
      </Group>
    );
  return null;
}
