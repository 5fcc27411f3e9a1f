import type { FileProblem } from '@shared/fileProblem';
import { formatNumber } from '@shared/i18n/format';
import type { Locale } from '@shared/i18n/locales';
import type { Translate } from '@shared/i18n/translator';
import { useFormat, useT } from '../i18n';
import { useLanguage } from '../stores/language/store';

// The file bridge (main process or web page) refuses a chosen file with an English message and,
// beside it, what the refusal means (@shared/fileProblem). An English screen shows the message
// exactly as the bridge wrote it; a screen in another language says the meaning in its words.

/** A refused file as the bridge answers it. */
export interface RefusedFile {
  message: string;
  problem?: FileProblem;
}

const KB = 1024;
const MB = 1024 * 1024;

function sizeText(bytes: number, t: Translate, locale: Locale): string {
  if (bytes < KB) return t('files.bytes', { count: bytes });
  if (bytes < MB) return `${formatNumber(Math.ceil(bytes / KB), locale)} KB`;
  return `${formatNumber(bytes / MB, locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} MB`;
}

/** Why the file was refused, in the screens' language (`t` is the `common` translator). */
export function fileRefusalText(refused: RefusedFile, english: boolean, t: Translate, locale: Locale): string {
  const p = refused.problem;
  // A bridge from an older or newer build may send no meaning (or one unknown here): its sentence is all there is.
  if (english || !p) return refused.message;
  switch (p.code) {
    case 'tooLarge':
      return t('files.tooLarge', { name: p.name, size: sizeText(p.size, t, locale), limit: sizeText(p.limit, t, locale) });
    case 'grewTooLarge':
      return t('files.grewTooLarge', { name: p.name, limit: sizeText(p.limit, t, locale) });
    case 'readFailed':
      return t('files.readFailed', { name: p.name, detail: p.detail });
    case 'notAFile':
    case 'notText':
    case 'notUtf8':
    case 'gone':
    case 'denied':
    case 'isFolder':
    case 'diskFull':
    case 'readOnly':
      return t(`files.${p.code}`, { name: p.name });
    default:
      return refused.message;
  }
}

/** `fileRefusalText` bound to the screens' language. */
export function useFileRefusalText(): (refused: RefusedFile) => string {
  const t = useT('common');
  const { locale } = useFormat();
  const english = useLanguage((s) => s.language === 'en');
  return (refused) => fileRefusalText(refused, english, t, locale);
}
