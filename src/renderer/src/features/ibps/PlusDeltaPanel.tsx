import { Grid, List, Stack, Text, Title } from '@mantine/core';
import type { PlusDelta } from '@shared/model/ibps';
import { useRepos } from '../../db/live';
import { trackSave } from '../../stores/saveStatus/store';
import { CaptureInput } from './CaptureInput';
import { addPlusDelta } from './commands';
import { useIbpsT } from './words';

/** Step 7 of the meeting: what went well, what to change next time. */
export function PlusDeltaPanel({ items, meetingId, sessionId }: { items: PlusDelta[]; meetingId: string; sessionId: string | null }) {
  const repos = useRepos();
  const t = useIbpsT();
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t('plusDelta.title')}
      </Title>
      <Grid>
        {(['plus', 'delta'] as const).map((kind) => (
          <Grid.Col key={kind} span={6}>
            <Text fw={600}>{kind === 'plus' ? t('plusDelta.plus') : t('plusDelta.delta')}</Text>
            <CaptureInput
              size="sm"
              aria-label={kind === 'plus' ? t('plusDelta.newPlus') : t('plusDelta.newDelta')}
              placeholder={t('plusDelta.placeholder')}
              onAdd={(text) => trackSave(() => addPlusDelta(repos, { meetingId, sessionId, kind, text }))}
            />
            <List size="sm" mt={6} data-testid={`${kind}-list`}>
              {items
                .filter((i) => i.kind === kind)
                .map((i) => (
                  <List.Item key={i.id}>{i.text}</List.Item>
                ))}
            </List>
          </Grid.Col>
        ))}
      </Grid>
    </Stack>
  );
}
