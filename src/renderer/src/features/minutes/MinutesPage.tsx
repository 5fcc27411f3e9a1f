import { Alert, Anchor, Badge, Button, Card, Grid, Group, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { format, parseISO } from 'date-fns';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'wouter';
import { requiredSides } from '@shared/minutes/approval';
import { minutesHtml } from '@shared/minutes/exports';
import { useLive, useRepos } from '../../db/live';
import { notifyError } from '../../components/notify';
import { finalizeIfComplete } from './commands';
import { loadMinutes, minutesState, versionView, type MinutesState } from './queries';
import { NotFound } from '../placeholders/NotFound';
import { AmendmentCard } from './AmendmentCard';
import { ApprovalCard } from './ApprovalCard';
import { ExportMenu } from './ExportMenu';
import { SummariesCard } from './SummariesCard';

/** Review, approve and export a meeting's minutes. The preview is the exported HTML itself. */
export function MinutesPage({ id }: { id: string }) {
  const repos = useRepos();
  const loaded = useLive((r) => loadMinutes(r, id), [id]);
  const state = useMemo(() => (loaded ? minutesState(loaded) : null), [loaded]);
  // An earlier approved version opened from the Versions card (null: the minutes in force).
  const [viewing, setViewing] = useState<number | null>(null);
  const shown = useMemo(() => {
    if (!loaded || !state) return null;
    const number = viewing !== null && state.versions.some((v) => v.number === viewing) ? viewing : null;
    return number === null ? { document: state.document, approval: state.approval } : versionView(loaded, state.versions, number);
  }, [loaded, state, viewing]);
  const html = useMemo(() => (shown ? minutesHtml(shown.document, shown.approval) : ''), [shown]);
  const complete = Boolean(loaded && state && state.approval.status === 'draft' && approvalComplete(loaded, state));
  useEffect(() => {
    // The last approval may arrive by sync from a co-lead's own laptop: freeze the version here too.
    if (complete) finalizeIfComplete(repos, id).catch((e: unknown) => notifyError('Could not lock the approved minutes', e));
  }, [complete, repos, id]);
  if (loaded === undefined) return null;
  if (!loaded || !state || !shown) return <NotFound what="meeting" />;
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
            <Title order={1} size="h2">
              Minutes
            </Title>
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
        <ExportMenu document={shown.document} approval={shown.approval} body={{ id: meeting.bodyId, name: loaded.source.body.name }} />
      </Group>
      {recordMoved && (
        <Alert color="yellow" icon={<IconAlertTriangle size={18} />} title="The meeting record changed after approval" data-testid="record-moved">
          The approved minutes stay as they were approved. To bring these changes into the minutes, start an amendment; both co-leads approve it again.
        </Alert>
      )}
      {viewing !== null && shown.approval.version !== state.approval.version && (
        <Alert color="blue" title={`Version ${viewing}, as approved`} data-testid="viewing-version">
          This is an earlier approved version, kept as it was approved. Export saves this version.{' '}
          <Button size="compact-sm" variant="subtle" onClick={() => setViewing(null)}>
            Back to the current minutes
          </Button>
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
            {state.versions.length > 0 && <VersionsCard state={state} viewing={viewing} onOpen={setViewing} />}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function approvalComplete(loaded: Parameters<typeof minutesState>[0], state: MinutesState): boolean {
  return requiredSides(loaded.approvalBody).every((side) =>
    loaded.approvals.some((a) => a.round === state.approval.version && a.side === side && a.contentHash === state.liveHash),
  );
}

/** Every approved version: each can be opened (and then exported) as it was approved. */
function VersionsCard({ state, viewing, onOpen }: { state: MinutesState; viewing: number | null; onOpen: (n: number | null) => void }) {
  const current = state.approval.status === 'approved' ? state.approval.version : null;
  return (
    <Card withBorder data-testid="versions-card">
      <Title order={2} size="h4" mb="xs">
        Approved versions
      </Title>
      <Table verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Version</Table.Th>
            <Table.Th>Approved</Table.Th>
            <Table.Th>Why it was amended</Table.Th>
            <Table.Th>
              <VisuallyHidden>Open</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...state.versions].reverse().map((v) => {
            const open = (viewing ?? current) === v.number;
            return (
              <Table.Tr key={v.id} data-testid={`version-${v.number}`}>
                <Table.Td>{v.number}</Table.Td>
                <Table.Td>{format(parseISO(v.approvedAt), 'MMM d, yyyy')}</Table.Td>
                <Table.Td>{v.amendmentReason || '(original minutes)'}</Table.Td>
                <Table.Td>
                  <Button size="compact-sm" variant={open ? 'light' : 'default'} disabled={open} onClick={() => onOpen(v.number === current ? null : v.number)}>
                    {open ? 'Shown' : `Open version ${v.number}`}
                  </Button>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
