import { Anchor, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCalendarEvent, IconUsersGroup } from '@tabler/icons-react';
import { lazy, Suspense, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { localDateTime, now as clockNow } from '@shared/clock';
import { formatMeetingWhen } from '@shared/i18n/format';
import { useLive } from '../db/live';
import { homeSummary } from './homeSummary';
import { GettingStarted } from '../features/welcome/GettingStarted';
import { SampleCouncilCard, TrySampleButton } from '../features/welcome/SampleCouncilCard';
import { sampleSummary } from '../features/welcome/queries';
import { useFormat, useT, useWords } from '../i18n';

// The council form (and its pickers) loads when first asked for, not with the first screen.
const CouncilFormModal = lazy(() => import('../features/roster/CouncilFormModal').then((m) => ({ default: m.CouncilFormModal })));

/** Its two namespaces load together (the first screen waits for them). */
const WORDS = ['welcome', 'home'] as const;

export function HomePage() {
  useWords(WORDS);
  const t = useT('welcome');
  const th = useT('home');
  const f = useFormat();
  const data = useLive((r) => homeSummary(r, localDateTime(clockNow())), []);
  const sample = useLive((r) => sampleSummary(r), []);
  const [, navigate] = useLocation();
  const [councilOpen, councilModal] = useDisclosure(false);
  // Mounted from the first open on, so closing keeps the dialog's transition.
  const [councilWanted, setCouncilWanted] = useState(false);
  if (!data || sample === undefined) return null;
  const fresh = data.councils === 0 && data.people === 0;

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('title')}
      </Title>
      {fresh && (
        <Card withBorder p="xl" data-testid="welcome">
          <Stack gap="sm" maw={680}>
            <Title order={2} size="h3">
              {t('setUpTitle')}
            </Title>
            <Text>{t('intro')}</Text>
            <Text>{t('setUpBody')}</Text>
            <Group>
              {/* The first step of setting up opens its dialog here, not a page to find it on. */}
              <Button
                leftSection={<IconUsersGroup size={16} />}
                onClick={() => {
                  setCouncilWanted(true);
                  councilModal.open();
                }}
              >
                {t('addCouncil')}
              </Button>
              <Button component={Link} href="/roster" variant="default">
                {t('openRoster')}
              </Button>
              <TrySampleButton />
            </Group>
            <Text size="sm" c="dimmed">
              {t('trySampleHint')}
            </Text>
          </Stack>
        </Card>
      )}
      {sample && <SampleCouncilCard sample={sample} />}
      {(fresh || sample) && <GettingStarted />}
      {!fresh && (
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Stat label={th('stats.councils')} value={f.number(data.councils)} href="/roster" />
          <Stat label={th('stats.teams')} value={f.number(data.teams)} href="/roster" />
          <Stat label={th('stats.people')} value={f.number(data.people)} href="/roster" />
        </SimpleGrid>
      )}
      {councilWanted && (
        <Suspense fallback={null}>
          <CouncilFormModal
            opened={councilOpen}
            onClose={councilModal.close}
            onCreated={(id) => {
              councilModal.close();
              navigate(`/roster/councils/${id}`);
            }}
          />
        </Suspense>
      )}
      <Card withBorder>
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4">
            {th('upcoming.title')}
          </Title>
          <Button component={Link} href="/meetings" variant="subtle" size="xs" leftSection={<IconCalendarEvent size={14} />}>
            {th('upcoming.all')}
          </Button>
        </Group>
        {data.upcoming.length === 0 && (
          <Text c="dimmed" size="sm">
            {th('upcoming.none')}
          </Text>
        )}
        {data.upcoming.map((m) => (
          <Group key={m.id} justify="space-between">
            <Group gap="xs">
              <Anchor component={Link} href={`/meetings/${m.id}`}>
                {m.title}
              </Anchor>
              <Text size="sm" c="dimmed">
                {data.names.get(m.id)}
              </Text>
            </Group>
            <Text size="sm" c="dimmed">
              {formatMeetingWhen({ startsAt: m.startsAt }, f.locale, '')}
            </Text>
          </Group>
        ))}
      </Card>
    </Stack>
  );
}

function Stat({ label, value, href }: { label: string; value: string; href: string }) {
  return (
    <Card withBorder component={Link} href={href} style={{ textDecoration: 'none' }}>
      <Text c="dimmed" size="sm">
        {label}
      </Text>
      <Text fw={700} fz={32}>
        {value}
      </Text>
    </Card>
  );
}
