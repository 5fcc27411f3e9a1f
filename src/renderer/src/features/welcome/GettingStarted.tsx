import { Anchor, Card, List, Text, Title } from '@mantine/core';
import { Link } from 'wouter';
import { GUIDE_STEPS } from '@shared/help/topics';
import { useT } from '../../i18n';

/** The short first-run guide: the six things a facilitator does, in the order they do them. */
export function GettingStarted() {
  const t = useT('welcome');
  return (
    <Card withBorder data-testid="getting-started">
      <Title order={2} size="h3" mb="sm">
        {t('guide.title')}
      </Title>
      <List type="ordered" spacing="xs">
        {GUIDE_STEPS.map((step) => (
          <List.Item key={step}>
            <Text fw={600} span>
              {t(`guide.${step}.title`)}
            </Text>
            <Text size="sm" c="dimmed">
              {t(`guide.${step}.body`)}
            </Text>
          </List.Item>
        ))}
      </List>
      <Anchor component={Link} href="/glossary" mt="sm" display="inline-block">
        {t('glossaryLink')}
      </Anchor>
    </Card>
  );
}
