import { Button, Card, Group, List, ScrollArea, Text, Title } from '@mantine/core';
import type { MinutesVersion } from '@shared/model/minutes';
import { notifyError } from '../../components/notify';
import { useRepos } from '../../db/live';
import { trackSave } from '../../stores/saveStatus/store';
import { discardAmendment } from './commands';
import { type MinutesState } from './queries';
import { useT } from '../../i18n';
import { shownError } from './refusals';
import { useMinutesWords } from './useMinutesWords';

const KIND_COLORS = { added: 'teal.8', removed: 'red.8', changed: undefined } as const;

/** What the amendment changes against the approved version, in plain words, as the co-leads will review it. */
export function AmendmentCard({ meetingId, previous, state }: { meetingId: string; previous: MinutesVersion; state: MinutesState }) {
  const t = useT('minutes');
  const words = useMinutesWords();
  const repos = useRepos();
  const changes = state.changes ?? [];
  const discard = () =>
    trackSave(() => discardAmendment(repos, meetingId)).catch((e: unknown) => notifyError(t('amendment.discardFailed'), shownError(e, words)));
  return (
    <Card withBorder data-testid="amendment-card">
      <Group justify="space-between" mb={4}>
        <Title order={2} size="h4">
          {t('amendment.title', { number: previous.number })}
        </Title>
        <Button size="compact-sm" variant="subtle" color="red" onClick={() => void discard()}>
          {t('amendment.discard')}
        </Button>
      </Group>
      {state.approval.amendmentReason && (
        <Text size="sm" mb="xs">
          <b>{t('amendment.reason')}</b> {state.approval.amendmentReason}
        </Text>
      )}
      {changes.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('amendment.none')}
        </Text>
      ) : (
        <ScrollArea.Autosize mah={320} type="auto">
          <List size="sm" spacing={4} data-testid="amendment-changes">
            {changes.map((c, i) => (
              <List.Item key={i} data-change={c.kind}>
                <Text size="sm" c={KIND_COLORS[c.kind]}>
                  {c.text}
                </Text>
              </List.Item>
            ))}
          </List>
        </ScrollArea.Autosize>
      )}
    </Card>
  );
}
