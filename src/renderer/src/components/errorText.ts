import { createI18n, translatorOf } from '@shared/i18n/translator';
import type { ValidationError } from '../db/errors';
import { RecordLockedError } from '../features/minutes/recordLock';
import { shownError, type MinutesWords } from '../features/minutes/refusals';
import { RESOURCES } from '../i18n';
import { localeOf, useLanguage } from '../stores/language/store';

// Every feature's commands refuse an edit to an approved meeting's record (RecordLockedError),
// so every screen's error path can meet it, often outside React (a save's promise rejecting).
// Its words are the minutes', a namespace loaded lazily: the first refusal may have to wait for
// them, so the shared paths (notifyError, autosave) ask for the message asynchronously and say
// it in the language chosen at the moment it is shown. Other errors are shown as they came.
// English is loaded like any other language (every language has every key: the screens'
// namespace test), so the minutes' words never ship with the first screen.

type Messages = Record<string, unknown>;
const minutesFiles = import.meta.glob<{ default: Messages }>('../i18n/locales/*/minutes.json');

let cached: { language: string; words: MinutesWords } | undefined;
/** Bundles this module loaded itself, by locale (the screens' cache, RESOURCES, may have them too). */
const loaded: Record<string, Messages> = {};

function wordsFrom(bundle: Messages): MinutesWords {
  const language = useLanguage.getState().language;
  const locale = localeOf(language);
  const t = translatorOf(createI18n(language, { [locale]: { minutes: bundle } }, 'minutes'), 'minutes');
  cached = { language, words: { t, locale } };
  return cached.words;
}

/** The minutes' words in the language chosen now, if they are loaded already. */
function wordsNow(): MinutesWords | undefined {
  const language = useLanguage.getState().language;
  if (cached?.language === language) return cached.words;
  const locale = localeOf(language);
  const bundle = loaded[locale] ?? (RESOURCES[locale]?.minutes as Messages | undefined);
  return bundle ? wordsFrom(bundle) : undefined;
}

async function loadWords(): Promise<MinutesWords> {
  const now = wordsNow();
  if (now) return now;
  const locale = localeOf(useLanguage.getState().language);
  const loader = minutesFiles[`../i18n/locales/${locale}/minutes.json`];
  if (!loader) throw new Error('No minutes words for this language');
  loaded[locale] = (await loader()).default;
  return wordsFrom(loaded[locale]);
}

/** A refusal every feature shares, said in the screens' language (see the module comment). */
export const isSharedRefusal = (e: unknown): e is ValidationError => e instanceof RecordLockedError;

const plain = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** An error's message in the screens' language, when its words are loaded already (else as it came). */
export function errorText(e: unknown): string {
  if (!isSharedRefusal(e)) return plain(e);
  const words = wordsNow();
  return plain(words ? shownError(e, words) : e);
}

/** An error's message in the screens' language, loading the words it needs (as it came if they cannot load). */
export async function errorTextLoaded(e: unknown): Promise<string> {
  if (!isSharedRefusal(e)) return plain(e);
  try {
    return plain(shownError(e, await loadWords()));
  } catch {
    return plain(e);
  }
}
