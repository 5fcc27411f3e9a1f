import { useMemo } from 'react';
import type { Translate } from '@shared/i18n/translator';
import { useFormat, useT } from '../../i18n';
import type { SyncWords } from './labels';

/** The sync labels' words in the screens' language. */
export function useSyncWords(): SyncWords {
  const t = useT('sync');
  const { locale } = useFormat();
  return useMemo(() => ({ t: ((key, values) => t(key, values)) as Translate, locale }), [t, locale]);
}
