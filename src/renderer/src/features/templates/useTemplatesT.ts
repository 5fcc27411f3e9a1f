import type { Locale } from '@shared/i18n/locales';
import type { Translate } from '@shared/i18n/translator';
import { useFormat, useT } from '../../i18n';

/** The templates namespace as a plain Translate (what shared builders take) and the screens' locale. */
export function useTemplatesT(): { t: Translate; locale: Locale } {
  const t = useT('templates');
  const { locale } = useFormat();
  return { t: (key, values) => t(key, values), locale };
}
