import { Alert, Anchor, Badge, Button, Card, Grid, Group, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
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
import { useFormat, useT } from '../../i18n';
import { shownError } from './refusals';
import { useMinutesWords } from './useMinutesWords';

/** Review, approve and export a meeting's minutes. The preview is the exported HTML itself. */
export function MinutesPage({ id }: { id: string }) {
  const t = useT('minutes');
  const words = useMinutesWords();
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
    if (complete) finalizeIfComplete(repos, id).catch((e: unknown) => notifyError(t('page.lockFailed'), shownError(e, words)));
  }, [complete, repos, id, t, words]);
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
              {t('page.meetings')}
            </Anchor>{' '}
            /{' '}
            <Anchor component={Link} href={`/meetings/${meeting.id}`}>
              {meeting.title}
            </Anchor>{' '}
            / {t('page.breadcrumbMinutes')}
          </Text>
          <Group gap="sm">
            <Title order={1} size="h2">
              {t('page.title')}
            </Title>
            <Badge data-testid="minutes-status" color={approved ? 'teal' : 'orange'} variant="light" size="lg">
              {approved
                ? state.approval.version > 1
                  ? t('page.status.approvedVersion', { version: state.approval.version })
                  : t('page.status.approved')
                : amending
                  ? t('page.status.amendment', { number: state.approval.version - 1 })
                  : t('page.status.draft')}
            </Badge>
          </Group>
        </Stack>
        <ExportMenu document={shown.document} approval={shown.approval} body={{ id: meeting.bodyId, name: loaded.source.body.name }} />
      </Group>
      {recordMoved && (
        <Alert color="yellow" icon={<IconAlertTriangle size={18} />} title={t('page.recordMoved.title')} data-testid="record-moved">
          {t('page.recordMoved.body')}
        </Alert>
      )}
      {viewing !== null && shown.approval.version !== state.approval.version && (
        <Alert color="blue" title={t('page.viewing.title', { number: viewing })} data-testid="viewing-version">
          {t('page.viewing.body')}{' '}
          <Button size="compact-sm" variant="subtle" onClick={() => setViewing(null)}>
            {t('page.viewing.back')}
          </Button>
        </Alert>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
            {/* sandbox="" : the preview can run nothing and reach nothing; it is only the document. */}
            <iframe
              title={t('page.preview')}
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
  const t = useT('minutes');
  const f = useFormat();
  const current = state.approval.status === 'approved' ? state.approval.version : null;
  return (
    <Card withBorder data-testid="versions-card">
      <Title order={2} size="h4" mb="xs">
        {t('versions.title')}
      </Title>
      <Table verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('versions.version')}</Table.Th>
            <Table.Th>{t('versions.approved')}</Table.Th>
            <Table.Th>{t('versions.reason')}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t('versions.open')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...state.versions].reverse().map((v) => {
            const open = (viewing ?? current) === v.number;
            return (
              <Table.Tr key={v.id} data-testid={`version-${v.number}`}>
                <Table.Td>{v.number}</Table.Td>
                <Table.Td>{f.date(v.approvedAt)}</Table.Td>
                <Table.Td>{v.amendmentReason || t('versions.original')}</Table.Td>
                <Table.Td>
                  <Button size="compact-sm" variant={open ? 'light' : 'default'} disabled={open} onClick={() => onOpen(v.number === current ? null : v.number)}>
                    {open ? t('versions.shown') : t('versions.openVersion', { number: v.number })}
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
