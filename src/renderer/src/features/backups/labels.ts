import { useMemo } from 'react';
import type { Translate } from '@shared/i18n/translator';
import { WEB_BACKUPS_MESSAGE } from '../../bridge/browserBackups';
import { useFormat, useT } from '../../i18n';
import type { BackupWords } from './words';

export * from './words';

/** The backups screens' words in the chosen language. */
export function useBackupWords(): BackupWords {
  const t = useT('backups');
  const f = useFormat();
  return useMemo(() => ({ t: ((key, values) => t(key, values)) as Translate, f }), [t, f]);
}

/** A message from the backups bridge: the browser's "backups are downloads" in the screen's words, others as they came. */
export const bridgeMessage = (message: string, { t }: BackupWords): string => (message === WEB_BACKUPS_MESSAGE ? t('web') : message);
