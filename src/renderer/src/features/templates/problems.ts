import type { Translate } from '@shared/i18n/translator';
import { ValidationError, type FieldProblem } from '../../db/errors';

// The template forms' refusals come from the shared model (zod) and the templates commands in
// English; the screens say each one again in the person's language, by the field it is about.

const problemOf = (error: ValidationError | null | undefined, path: string): FieldProblem | undefined =>
  error?.problems.find((p) => p.path === path || p.path.startsWith(`${path}.`));

/** The message under one field of a template form; undefined when that field is fine. */
export function templateFieldText(
  error: ValidationError | null | undefined,
  path: 'name' | 'weekday' | 'interval' | 'anchor' | 'time',
  t: Translate,
): string | undefined {
  const problem = problemOf(error, path);
  if (!problem) return undefined;
  if (path === 'name') return t(/required/.test(problem.message) ? 'problem.nameRequired' : 'problem.nameTooLong', { max: 120 });
  return t(`problem.${path}`);
}

/** A failure to start a series' next meeting, in the screens' words (anything else as it came). */
export function startNextError(e: unknown, name: string, t: Translate): unknown {
  if (e instanceof ValidationError && problemOf(e, 'recurrence')) return new Error(t('problem.notRepeating', { name }));
  return e;
}
