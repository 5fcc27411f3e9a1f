import { Alert, Anchor, Badge, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMemo } from 'react';
import { Link } from 'wouter';
import { minutesHtml } from '@shared/minutes/exports';
import { useLive } from '../../db/live';
import { loadMinutes, minutesState } from './queries';
import { NotFound } from '../placeholders/NotFound';
import { AmendmentCard } from './AmendmentCard';
import { ApprovalCard } from './ApprovalCard';
import { ExportMenu } from './ExportMenu';
import { SummariesCard } from './SummariesCard';

/** Review, approve and export a meeting's minutes. The preview is the exported HTML itself. */
export function MinutesPage({ id }: { id: string }) {
  const loaded = useLive((r) => loadMinutes(r, id), [id]);
  const state = useMemo(() => (loaded ? minutesState(loaded) : null), [loaded]);
  const html = useMemo(() => (state ? minutesHtml(state.document, state.approval) : ''), [state]);
  if (loaded === undefined) return null;
  if (!loaded || !state) return <NotFound what="meeting" />;
  const { meeting } = loaded;
  const approved = state.approval.status === 'approved';
  const amending = !approved && state.approval.version > 1;
  // Approved minutes never follow the record; say so when the record has moved on.
  const recordMoved = approved && state.approved && state.approved.contentHash !== state.liveHash;

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Text size="sm" c="dimmed">
            <Anchor component={Link} href="/meetings">
              Meetings
            </Anchor>{' '}
            /{' '}
            <Anchor component={Link} href={`/meetings/${meeting.id}`}>
              {meeting.title}
            </Anchor>{' '}
            / Minutes
          </Text>
          <Group gap="sm">
            <Title order={2}>Minutes</Title>
            <Badge data-testid="minutes-status" color={approved ? 'teal' : 'orange'} variant="light" size="lg">
              {approved
                ? state.approval.version > 1
                  ? `Approved, version ${state.approval.version}`
                  : 'Approved'
                : amending
                  ? `Amendment ${state.approval.version - 1}: draft`
                  : 'Draft'}
            </Badge>
          </Group>
        </Stack>
        <ExportMenu document={state.document} approval={state.approval} body={{ id: meeting.bodyId, name: loaded.source.body.name }} />
      </Group>
      {recordMoved && (
        <Alert color="yellow" icon={<IconAlertTriangle size={18} />} title="The meeting record changed after approval" data-testid="record-moved">
          The approved minutes stay as they were approved. To bring these changes into the minutes, start an amendment; both co-leads approve it again.
        </Alert>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
            {/* sandbox="" : the preview can run nothing and reach nothing; it is only the document. */}
            <iframe
              title="Minutes preview"
              data-testid="minutes-preview"
              sandbox=""
              srcDoc={html}
              style={{ width: '100%', height: '78vh', border: 0, display: 'block', background: 'white' }}
            />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack>
            <ApprovalCard loaded={loaded} state={state} />
            {amending && state.previous && <AmendmentCard meetingId={meeting.id} previous={state.previous} state={state} />}
            <SummariesCard meetingId={meeting.id} agenda={loaded.source.agenda} summaries={loaded.source.summaries} locked={approved} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
