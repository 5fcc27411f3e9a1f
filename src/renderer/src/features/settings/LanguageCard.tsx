import { Card, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { LOCALE_NAMES, LOCALES, type Locale } from '@shared/i18n/locales';
import { useT, wordsReadyIn } from '../../i18n';
import { useLanguage } from '../../stores/language/store';

/** The language of the screens (the minutes follow each meeting's own language). */
export function LanguageCard() {
  const t = useT('common');
  const language = useLanguage((s) => s.language);
  const setLanguage = useLanguage((s) => s.setLanguage);
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('language.title')}
        </Title>
        <Text size="sm" c="dimmed" id="language-description">
          {t('language.description')}
        </Text>
        <SegmentedControl
          aria-label={t('language.label')}
          aria-describedby="language-description"
          data={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))}
          value={LOCALES.includes(language as Locale) ? language : 'en'}
          onChange={(v) => void wordsReadyIn(v as Locale).then(() => setLanguage(v as Locale))}
          maw={320}
        />
      </Stack>
    </Card>
  );
}
