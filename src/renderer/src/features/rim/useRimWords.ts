import { useMemo } from 'react';
import type { Translate } from '@shared/i18n/translator';
import { rimWords, type RimWords } from '@shared/rim/words';
import { useT } from '../../i18n';
import { useLanguage } from '../../stores/language/store';
import type { RefusalWords } from './refusals';

/**
 * The words shared RIM code writes with (signals, chart reasons, aim checks, vocabulary), in the
 * screens' language: the same pure path the minutes take with their meeting's language.
 */
export function useRimWords(): RimWords {
  const language = useLanguage((s) => s.language);
  return useMemo(() => rimWords(language), [language]);
}

/** The feature's translator and the shared words together: what refusals are said with. */
export function useRefusalWords(): RefusalWords {
  const t = useT('rim');
  const words = useRimWords();
  return useMemo(() => ({ t: ((key, values) => t(key, values)) as Translate, words }), [t, words]);
}
