import { describe, expect, it } from 'vitest';
import { createI18n, translatorOf } from '@shared/i18n/translator';
import { MeetingTemplateFields } from '@shared/model/template';
import enCommon from '@renderer/i18n/locales/en/common.json';
import esCommon from '@renderer/i18n/locales/es/common.json';
import { fieldProblemText } from '@renderer/components/fieldProblem';
import { ValidationError } from '@renderer/db/errors';

// A field that saves itself shows the model's refusal under it: on a Spanish screen in Spanish,
// on an English screen exactly as the model says it.

const es = translatorOf(createI18n('es', { en: { common: enCommon }, es: { common: esCommon } }), 'common');
const en = translatorOf(createI18n('en', { en: { common: enCommon } }), 'common');

/** The save error of a template renamed to `name`, as the autosave hook keeps it. */
function renameError(name: string): string {
  const parsed = MeetingTemplateFields.pick({ name: true }).safeParse({ name });
  if (parsed.success) throw new Error('expected a refusal');
  return ValidationError.fromZod(parsed.error).message;
}

describe('a field problem under an autosaving input', () => {
  it('is the model’s own sentence, without the field path, on an English screen', () => {
    expect(fieldProblemText(renameError('  '), true, en)).toBe('Template name is required');
    expect(fieldProblemText(renameError('x'.repeat(121)), true, en)).toBe('Template name must be at most 120 characters');
  });

  it('is said in Spanish on a Spanish screen, with the limit', () => {
    expect(fieldProblemText(renameError('  '), false, es)).toBe('Obligatorio');
    expect(fieldProblemText(renameError('x'.repeat(121)), false, es)).toBe('Como máximo 120 caracteres');
    expect(fieldProblemText('anchor: must be a date like 2026-03-14', false, es)).toBe('Debe ser una fecha como 2026-03-14');
  });

  it('shows a message it does not know as it came, and nothing when the save went through', () => {
    expect(fieldProblemText('The store is full', false, es)).toBe('The store is full');
    expect(fieldProblemText(null, false, es)).toBeUndefined();
  });
});
