import { Card, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { GLOSSARY_TERMS } from '@shared/help/topics';
import { useT } from '../../i18n';

/** Folded for matching: "interes" finds "Interés", "anhoj" finds "Anhøj". */
const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/ø/g, 'o')
    .toLowerCase();

/** The glossary: bundled words in the screens' language, reachable offline from the navigation and every help drawer. */
export function GlossaryPage() {
  const t = useT('help');
  const [query, setQuery] = useState('');
  const terms = GLOSSARY_TERMS.map((key) => ({ key, term: t(`glossary.terms.${key}.term`), definition: t(`glossary.terms.${key}.definition`) }));
  const q = fold(query.trim());
  const shown = q ? terms.filter((x) => fold(`${x.term} ${x.definition}`).includes(q)) : terms;
  return (
    <Stack maw={760}>
      <Title order={1} size="h2">
        {t('glossary.title')}
      </Title>
      <Text c="dimmed">{t('glossary.intro')}</Text>
      <TextInput
        label={t('glossary.filter')}
        leftSection={<IconSearch size={16} />}
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        maw={360}
        data-testid="glossary-filter"
      />
      {shown.length === 0 && <Text>{t('glossary.none', { query: query.trim() })}</Text>}
      <Stack gap="sm" component="dl" m={0}>
        {shown.map((x) => (
          <Card key={x.key} withBorder id={`term-${x.key}`} data-testid="glossary-term">
            <Text component="dt" fw={700}>
              {x.term}
            </Text>
            <Text component="dd" m={0} mt={4}>
              {x.definition}
            </Text>
          </Card>
        ))}
      </Stack>
    </Stack>
  );
}
