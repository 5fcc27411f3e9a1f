import { formatDate } from '@shared/i18n/format';
import type { Locale } from '@shared/i18n/locales';
import { createI18n, translatorOf, type Translate } from '@shared/i18n/translator';
import type { Side } from '@shared/model';
import { ValidationError, type FieldProblem } from '../../db/errors';
import en from '../../i18n/locales/en/minutes.json';

// The minutes commands (and the record lock every feature's commands check) refuse without
// knowing the screen's language: they run in a transaction, not in a component. Each refusal
// carries what it means (a code and its values) beside an English message for logs and tests;
// the screen that shows it says it again in the person's language.

export type MinutesRefusal =
  | { code: 'recordLocked'; approvedAt: string | null }
  | { code: 'beforeMeeting'; date: string }
  | { code: 'noSide'; body: 'team' | 'council'; side: Side }
  | { code: 'onlyCoLead'; side: Side }
  | { code: 'wrongSide'; name: string; side: Side; personSide: Side }
  | { code: 'notMember'; name: string; body: 'team' | 'council' }
  | { code: 'recordedByTooLong'; max: number }
  | {
      code:
        | 'locked'
        | 'meetingGone'
        | 'changed'
        | 'chooseApprover'
        | 'recordedByMissing'
        | 'recordedByRequired'
        | 'emailEvidence'
        | 'ownLaptopNeedsServer'
        | 'ownLaptopSelf'
        | 'amendReason'
        | 'onlyApproved'
        | 'noAmendment';
    };

/** A field problem that knows what it means. */
export interface MinutesProblem extends FieldProblem {
  refusal: MinutesRefusal;
}

/** What refusals are said with: the `minutes` translator and the locale dates are written in. */
export interface MinutesWords {
  t: Translate;
  locale: Locale;
}

export function refusalText(r: MinutesRefusal, { t, locale }: MinutesWords): string {
  switch (r.code) {
    case 'recordLocked':
      return r.approvedAt ? t('refusal.recordLocked', { date: formatDate(r.approvedAt, locale) }) : t('refusal.recordLockedNoDate');
    case 'beforeMeeting':
      return t('refusal.beforeMeeting', { date: formatDate(r.date, locale) });
    case 'noSide':
      return t('refusal.noSide', { body: r.body, side: r.side });
    case 'onlyCoLead':
      return t('refusal.onlyCoLead', { side: r.side });
    case 'wrongSide':
      return t('refusal.wrongSide', { name: r.name, side: r.side, personSide: r.personSide });
    case 'notMember':
      return t('refusal.notMember', { name: r.name, body: r.body });
    case 'recordedByTooLong':
      return t('refusal.recordedByTooLong', { max: r.max });
    default:
      return t(`refusal.${r.code}`);
  }
}

const english: MinutesWords = { t: translatorOf(createI18n('en', { en: { minutes: en } }, 'minutes'), 'minutes'), locale: 'en' };

export const refusalProblem = (path: string, refusal: MinutesRefusal): MinutesProblem => ({ path, message: refusalText(refusal, english), refusal });

/** Refuse with one problem for `path`. */
export const refuse = (path: string, refusal: MinutesRefusal): ValidationError => new ValidationError([refusalProblem(path, refusal)]);

const isRefusal = (p: FieldProblem): p is MinutesProblem => 'refusal' in p;

/** A field problem in the screen's words (a problem from a model's schema keeps its own). */
export const problemText = (p: FieldProblem, words: MinutesWords): string => (isRefusal(p) ? refusalText(p.refusal, words) : p.message);

/** The message for one field of a refusal, for showing under an input; undefined when that field is fine. */
export function fieldText(error: ValidationError | null | undefined, path: string, words: MinutesWords): string | undefined {
  const problem = error?.problems.find((p) => p.path === path || p.path.startsWith(`${path}.`));
  return problem ? problemText(problem, words) : undefined;
}

/**
 * An error as a notification shows it: a refusal in the screen's words (every problem, as the
 * ValidationError's own message lists them), anything else as it came. Other features' screens
 * show a locked record's refusal (RecordLockedError) through this too.
 */
export function shownError(e: unknown, words: MinutesWords): unknown {
  if (!(e instanceof ValidationError) || !e.problems.some(isRefusal)) return e;
  return new Error(e.problems.map((p) => problemText(p, words)).join('; '));
}
