import { useMemo } from 'react';
import type { Translate } from '@shared/i18n/translator';
import { useFormat, useT } from '../../i18n';
import type { MinutesWords } from './refusals';

/** The minutes' words (refusals, sign-offs) in the screens' language. */
export function useMinutesWords(): MinutesWords {
  const t = useT('minutes');
  const { locale } = useFormat();
  return useMemo(() => ({ t: ((key, values) => t(key, values)) as Translate, locale }), [t, locale]);
}
