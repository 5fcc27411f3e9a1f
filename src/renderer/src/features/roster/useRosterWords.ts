import { useMemo } from 'react';
import { useT } from '../../i18n';
import type { LocalLabel } from './labels';

/** The roster's translator and its wording of a union local ("Local 250"), for labels.ts helpers. */
export function useRosterWords(): { t: ReturnType<typeof useT>; local: LocalLabel } {
  const t = useT('roster');
  return useMemo(() => ({ t, local: (local: string) => t('unionLocal', { local }) }), [t]);
}
