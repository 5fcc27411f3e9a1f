import { useMemo } from 'react';
import type { Side, SignOffMethod } from '@shared/model';
import type { P2pDimension } from '@shared/model/p2p';
import { p2pWords } from '@shared/p2p/words';
import { useFormat, useT } from '../../i18n';
import { useLanguage } from '../../stores/language/store';

/** Level colours: the two high-performing levels share the green of "approved" elsewhere in the app. */
export const LEVEL_COLORS: Record<number, string> = { 0: 'gray.5', 1: 'gray.6', 2: 'blue.4', 3: 'blue.7', 4: 'teal.6', 5: 'teal.8' };

/** The same levels as hues, for light badges (a light badge takes a colour name, not a shade). */
export const LEVEL_HUES: Record<number, string> = { 0: 'gray', 1: 'gray', 2: 'cyan', 3: 'blue', 4: 'teal', 5: 'green' };

export const assessmentHref = (teamId: string, quarter: string) => `/p2p/teams/${teamId}/${quarter}`;

/**
 * The Path to Performance words in the screens' language: the shared vocabulary (quarters,
 * levels, dimensions, criteria, changes, shares: the same functions the exported report says
 * them with) and the `p2p` namespace of the screens' own sentences, with sides and sign-off
 * methods. The model keeps the English names it stores; the screens say them through these.
 */
export function useP2pWords() {
  const t = useT('p2p');
  const f = useFormat();
  const language = useLanguage((s) => s.language);
  return useMemo(() => {
    const words = p2pWords(language);
    return {
      ...words,
      /** The screens' language, for what is worded while reading (the evidence offered). */
      language,
      /** The `p2p` namespace's translator (the shared words' own is `words.t`). */
      t,
      words,
      f,
      /** Shorter dimension names where seven must sit side by side (the assessment's tabs). */
      dimensionShort: (d: P2pDimension) => t(`dimensionsShort.${d}`),
      side: (side: Side) => t(`sides.${side}`),
      method: (method: SignOffMethod) => t(`methods.${method}`),
    };
  }, [t, f, language]);
}

export type P2pScreenWords = ReturnType<typeof useP2pWords>;
