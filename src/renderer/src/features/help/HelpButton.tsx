import { Anchor, Button, Drawer, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconHelpCircle } from '@tabler/icons-react';
import { Link } from 'wouter';
import { HELP_PARTS, type HelpKind } from '@shared/help/topics';
import { useT } from '../../i18n';

/**
 * Help for one IBPS or RIM step: what it is for, what good looks like, a common pitfall. Bundled
 * (locale files), so it is there in a break room with no network. The drawer traps focus while
 * open and gives it back to this button on close (Mantine's returnFocus).
 */
export function HelpButton({ kind, topic, fullWidth = false }: { kind: HelpKind; topic: string; fullWidth?: boolean }) {
  const t = useT('help');
  const [opened, { open, close }] = useDisclosure(false);
  const title = t(`${kind}.${topic}.title`);
  return (
    <>
      <Button
        variant="subtle"
        size="xs"
        fullWidth={fullWidth}
        leftSection={<IconHelpCircle size={16} />}
        onClick={open}
        aria-label={t('buttonLabel', { topic: title })}
        aria-haspopup="dialog"
        data-testid={`help-${kind}-${topic}`}
      >
        {t('button')}
      </Button>
      <Drawer
        opened={opened}
        onClose={close}
        position="right"
        size="md"
        title={t('drawerTitle', { topic: title })}
        closeButtonProps={{ 'aria-label': t('close') }}
        data-testid="help-drawer"
      >
        <Stack gap="md">
          {HELP_PARTS.map((part) => (
            <section key={part} data-part={part}>
              <Title order={2} size="h5" mb={4}>
                {t(`parts.${part}`)}
              </Title>
              <Text size="sm">{t(`${kind}.${topic}.${part}`)}</Text>
            </section>
          ))}
          <Anchor component={Link} href="/glossary" onClick={close} size="sm">
            {t('openGlossary')}
          </Anchor>
        </Stack>
      </Drawer>
    </>
  );
}
