import { formatDate } from '@shared/i18n/format';
import { createI18n, translatorOf, type Translate } from '@shared/i18n/translator';
import { pdsaProblemMessage, type PdsaProblemField } from '@shared/rim/pdsa';
import { rimWords, type RimWords } from '@shared/rim/words';
import { RecordLockedError } from '../minutes/recordLock';
import { ValidationError, type FieldProblem } from '../../db/errors';
import en from '../../i18n/locales/en/rim.json';

// The RIM commands refuse bad input without knowing the screen's language (they run in a
// transaction, not in a component). Each refusal carries what it means (a code and its values)
// beside an English message for logs and tests; the screen that shows it says it again in the
// person's language. A refusal is never a guessed English sentence on a Spanish screen.

export type Refusal =
  | { code: 'pointTaken' | 'pointTakenRestore' | 'periodTaken'; date: string }
  | { code: 'rowNeedsCounts'; row: number; measure: string }
  | { code: 'rowProblem'; row: number; message: string }
  | { code: 'freezeAtLeastOne' | 'frozenReasonMissing' | 'notFrozen' | 'noteMeasure' | 'spawnNotAdapted' }
  | { code: 'freezeTooMany'; available: number }
  | { code: 'otherFrozen'; count: number }
  | { code: 'stage'; field: PdsaProblemField };

/** A field problem that knows what it means. */
export interface RefusalProblem extends FieldProblem {
  refusal: Refusal;
}

/** What a screen says refusals with: the feature's translator and the shared RIM words, in one language. */
export interface RefusalWords {
  /** The `rim` namespace's translator. */
  t: Translate;
  words: RimWords;
}

/** A refusal in words. */
export function refusalText(r: Refusal, { t, words }: RefusalWords): string {
  switch (r.code) {
    case 'pointTaken':
    case 'pointTakenRestore':
    case 'periodTaken':
      return t(`refusal.${r.code}`, { date: formatDate(r.date, words.locale) });
    case 'rowNeedsCounts':
      return t('refusal.rowNeedsCounts', { row: String(r.row), measure: r.measure });
    case 'rowProblem':
      return t('refusal.rowProblem', { row: String(r.row), message: r.message });
    case 'freezeTooMany':
      return t('refusal.freezeTooMany', { available: r.available });
    case 'otherFrozen':
      return t('refusal.otherFrozen', { count: r.count });
    case 'stage':
      return pdsaProblemMessage(r.field, words);
    default:
      return t(`refusal.${r.code}`);
  }
}

const english: RefusalWords = {
  t: translatorOf(createI18n('en', { en: { rim: en } }, 'rim'), 'rim'),
  words: rimWords('en'),
};

/** A problem for `path` that a screen can say in its own language. */
export const refusalProblem = (path: string, refusal: Refusal): RefusalProblem => ({ path, message: refusalText(refusal, english), refusal });

/** Refuse with one problem for `path`. */
export const refuse = (path: string, refusal: Refusal): ValidationError => new ValidationError([refusalProblem(path, refusal)]);

const isRefusal = (p: FieldProblem): p is RefusalProblem => 'refusal' in p;

/** A field problem in the screen's words (a problem from the model's schema keeps its own). */
export const problemText = (p: FieldProblem, words: RefusalWords): string => (isRefusal(p) ? refusalText(p.refusal, words) : p.message);

/** The message for one field of a refusal, for showing under an input; undefined when that field is fine. */
export function fieldText(error: ValidationError | null | undefined, path: string, words: RefusalWords): string | undefined {
  const problem = error?.problems.find((p) => p.path === path || p.path.startsWith(`${path}.`));
  return problem ? problemText(problem, words) : undefined;
}

/**
 * An error as it is shown in a notification: a refusal in the screen's words (every problem,
 * as the ValidationError's own message lists them), anything else as it came.
 */
export function shownError(e: unknown, words: RefusalWords): unknown {
  // A locked record's refusal is the minutes' words: notifyError says it (components/errorText.ts).
  if (!(e instanceof ValidationError) || e instanceof RecordLockedError || !e.problems.some(isRefusal)) return e;
  return new Error(e.problems.map((p) => problemText(p, words)).join('; '));
}
