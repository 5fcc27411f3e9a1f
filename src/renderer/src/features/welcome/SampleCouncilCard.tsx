import { Anchor, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconFlask, IconTrash } from '@tabler/icons-react';
import { lazy, Suspense, useState } from 'react';
import { Link } from 'wouter';
import { notifyError, notifySuccess } from '../../components/notify';
import { ValidationError } from '../../db/errors';
import { useRepos } from '../../db/live';
import { useT } from '../../i18n';
import { trackSave } from '../../stores/saveStatus/store';
import type { SampleSummary } from './queries';

// The sample is built with the IBPS, RIM and meetings commands: their code loads when the
// facilitator asks for the sample, not with the home page (the first screen); so does the
// removal's confirmation dialog.
const sampleCommands = () => import('./commands');
const RemoveSampleDialog = lazy(() => import('./RemoveSampleDialog').then((m) => ({ default: m.RemoveSampleDialog })));

/** "Try it with a sample council": offered on a fresh store (`offer`). */
export function TrySampleButton() {
  const t = useT('welcome');
  const repos = useRepos();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="light"
      leftSection={<IconFlask size={16} />}
      loading={busy}
      data-testid="try-sample"
      onClick={() => {
        setBusy(true);
        trackSave(async () => (await sampleCommands()).createSampleCouncil(repos))
          .then(() => notifySuccess(t('added')))
          .catch((e: unknown) => notifyError(t('addFailed'), e instanceof ValidationError && e.forField('sample') ? new Error(t('alreadyHere')) : e))
          .finally(() => setBusy(false));
      }}
    >
      {t('trySample')}
    </Button>
  );
}

/** Where the sample's places are, and its removal in one confirmed step. */
export function SampleCouncilCard({ sample }: { sample: SampleSummary }) {
  const t = useT('welcome');
  const [asking, ask] = useDisclosure(false);
  const [asked, setAsked] = useState(false);
  const links = [
    sample.teamId && { href: `/roster/teams/${sample.teamId}`, label: t('openTeam') },
    sample.meetingId && { href: `/meetings/${sample.meetingId}`, label: t('openMeeting') },
    sample.sessionId && { href: `/ibps/${sample.sessionId}`, label: t('openSession') },
    sample.projectId && { href: `/improvement/projects/${sample.projectId}`, label: t('openProject') },
  ].filter((l): l is { href: string; label: string } => Boolean(l));
  return (
    <Card withBorder data-testid="sample-card">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Title order={2} size="h3">
            {t('sampleTitle')}
          </Title>
          <Button
            variant="light"
            color="red"
            leftSection={<IconTrash size={16} />}
            onClick={() => {
              setAsked(true);
              ask.open();
            }}
            data-testid="remove-sample"
          >
            {t('remove')}
          </Button>
        </Group>
        <Text>{t('sampleBody', { name: sample.councilName })}</Text>
        <List spacing={4}>
          {links.map((l) => (
            <List.Item key={l.href}>
              <Anchor component={Link} href={l.href}>
                {l.label}
              </Anchor>
            </List.Item>
          ))}
        </List>
      </Stack>
      {/* Mounted from the first open on, so closing keeps the dialog's transition. */}
      {asked && (
        <Suspense fallback={null}>
          <RemoveSampleDialog opened={asking} onClose={ask.close} />
        </Suspense>
      )}
    </Card>
  );
}
