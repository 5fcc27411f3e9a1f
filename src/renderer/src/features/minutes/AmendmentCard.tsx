import { Box, Button, Card, Group, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import type { MinutesVersion } from '@shared/model/minutes';
import { hasChanges, minutesChanges } from '@shared/minutes/changes';
import { renderBlocksMarkdown } from '@shared/minutes/markdown';
import { notifyError } from '../../components/notify';
import { useRepos } from '../../db/live';
import { discardAmendment } from './commands';
import { type MinutesState } from './queries';
import { trackSave } from '../../stores/saveStatus/store';

const CONTEXT = 1;

/** What the amendment changes against the approved version, as the co-leads will review it. */
export function AmendmentCard({ meetingId, previous, state }: { meetingId: string; previous: MinutesVersion; state: MinutesState }) {
  const repos = useRepos();
  const changes = useMemo(() => minutesChanges(previous.markdown, renderBlocksMarkdown(state.live.blocks)), [previous.markdown, state.live]);
  const discard = () => trackSave(() => discardAmendment(repos, meetingId)).catch((e: unknown) => notifyError('Could not discard the amendment', e));
  return (
    <Card withBorder data-testid="amendment-card">
      <Group justify="space-between" mb={4}>
        <Title order={4}>Changes from version {previous.number}</Title>
        <Button size="compact-sm" variant="subtle" color="red" onClick={() => void discard()}>
          Discard amendment
        </Button>
      </Group>
      {state.approval.amendmentReason && (
        <Text size="sm" mb="xs">
          <b>Reason:</b> {state.approval.amendmentReason}
        </Text>
      )}
      {!hasChanges(changes) ? (
        <Text size="sm" c="dimmed">
          Nothing has changed yet. Edit the meeting record or the summaries; the changes appear here.
        </Text>
      ) : (
        <Box
          component="pre"
          data-testid="amendment-changes"
          style={{ fontSize: 12, lineHeight: 1.45, whiteSpace: 'pre-wrap', margin: 0, maxHeight: 320, overflow: 'auto' }}
        >
          {changes.map((part, i) => {
            if (part.kind === 'same') {
              // Fold unchanged text to a line of context either side of each change.
              const lines =
                part.lines.length > CONTEXT * 2 + 1
                  ? [...(i > 0 ? part.lines.slice(0, CONTEXT) : []), '…', ...(i < changes.length - 1 ? part.lines.slice(-CONTEXT) : [])]
                  : part.lines;
              return (
                <div key={i} style={{ color: 'var(--mantine-color-dimmed)' }}>
                  {lines.map((l) => `  ${l}`).join('\n')}
                </div>
              );
            }
            const added = part.kind === 'added';
            return (
              <div
                key={i}
                data-change={part.kind}
                style={{ background: added ? 'var(--mantine-color-teal-0)' : 'var(--mantine-color-red-0)', textDecoration: added ? undefined : 'line-through' }}
              >
                {part.lines.map((l) => `${added ? '+' : '−'} ${l}`).join('\n')}
              </div>
            );
          })}
        </Box>
      )}
    </Card>
  );
}
