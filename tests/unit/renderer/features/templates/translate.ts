import { createI18n, translatorOf, type Translate } from '@shared/i18n/translator';
import en from '@renderer/i18n/locales/en/templates.json';
import es from '@renderer/i18n/locales/es/templates.json';

/** The templates namespace as the screens read it, in one language. */
export const templatesT = (locale: 'en' | 'es' = 'en'): Translate =>
  translatorOf(createI18n(locale, { en: { templates: en }, es: { templates: es } }, 'templates'), 'templates');
