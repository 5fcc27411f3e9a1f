import { Select } from '@mantine/core';
import { LOCALE_NAMES, LOCALES, isLocale, type Locale } from '@shared/i18n/locales';
import { useT } from '../../i18n';

/**
 * The language a meeting is held in, which its minutes are written and exported in. Each language
 * is named in itself ("Español"), so a facilitator finds theirs whatever the screens speak.
 */
export function MeetingLanguageSelect({ value, onChange, disabled }: { value: Locale; onChange: (language: Locale) => void; disabled?: boolean }) {
  const t = useT('meetings');
  return (
    <Select
      label={t('language.label')}
      description={t('language.hint')}
      data={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))}
      value={value}
      allowDeselect={false}
      disabled={disabled}
      onChange={(v) => isLocale(v) && onChange(v)}
      data-testid="meeting-language"
    />
  );
}
