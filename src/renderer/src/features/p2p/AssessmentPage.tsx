import { Alert, Anchor, Badge, Button, Card, Group, Modal, Select, SimpleGrid, Stack, Table, Tabs, Text, Textarea, Title } from '@mantine/core';
import { IconAlertTriangle, IconClipboardCheck, IconLock } from '@tabler/icons-react';
import { format } from 'date-fns';
import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { today } from '@shared/clock';
import { SIGN_OFF_METHOD_LABELS } from '@shared/model';
import { P2P_DIMENSION_LABELS, P2P_DIMENSIONS } from '@shared/model/p2p';
import { CRITERIA } from '@shared/p2p/criteria';
import { isHighPerforming, type LevelResult } from '@shared/p2p/level';
import { lastQuarters, quarterLabel, quarterOf, quartersBetween } from '@shared/p2p/quarters';
import { notifyError } from '../../components/notify';
import { useValidatedSave } from '../../components/useValidatedSave';
import { ValidationError } from '../../db/errors';
import { useLive, useRepos } from '../../db/live';
import { trackSave } from '../../stores/saveStatus/store';
import { NotFound } from '../placeholders/NotFound';
import { startAssessment, startCorrection, discardCorrection } from './commands';
import { ConfirmationCard } from './ConfirmationCard';
import { DimensionPanel } from './DimensionPanel';
import { DIMENSION_SHORT_LABELS, LEVEL_COLORS, assessmentHref, levelName } from './labels';
import { loadAssessment, type AssessmentView } from './queries';

const when = (iso: string) => format(new Date(iso), 'MMM d, yyyy');

/** One team's Path to Performance assessment for one quarter: the seven dimensions, the level, the sign-off. */
export function AssessmentPage({ teamId, quarter }: { teamId: string; quarter: string }) {
  const view = useLive((r) => loadAssessment(r, teamId, quarter), [teamId, quarter]);
  const [, navigate] = useLocation();
  if (view === undefined) return null;
  if (view === null) return <NotFound what="team" />;
  const current = quarterOf(today());
  // The last two years; a quarter opened from elsewhere (an older rating) is listed too.
  const quarters = [...new Set([...lastQuarters(current, 8), quarter])].sort((a, b) => quartersBetween(a, b));
  const { team, assessment } = view;
  const confirmed = assessment?.status === 'confirmed';

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Text size="sm" c="dimmed">
            <Anchor component={Link} href="/p2p">
              Path to Performance
            </Anchor>{' '}
            /{' '}
            <Anchor component={Link} href={`/roster/teams/${team.id}`}>
              {team.name}
            </Anchor>
          </Text>
          <Title order={1} size="h2">
            {team.name}
          </Title>
          <Group gap="xs">
            <Text c="dimmed">Path to Performance assessment, {quarterLabel(quarter)}</Text>
            {assessment && (
              <Badge
                color={confirmed ? 'teal' : 'orange'}
                variant="light"
                leftSection={confirmed ? <IconLock size={12} /> : undefined}
                data-testid="assessment-status"
              >
                {confirmed ? 'Confirmed' : assessment.version > 1 ? `Correction (version ${assessment.version})` : 'Draft'}
              </Badge>
            )}
          </Group>
        </Stack>
        <Select
          label="Quarter"
          w={140}
          data={quarters.map((q) => ({ value: q, label: quarterLabel(q) }))}
          value={quarter}
          allowDeselect={false}
          onChange={(q) => q && navigate(assessmentHref(team.id, q))}
        />
      </Group>
      {assessment ? <Assessment view={view} /> : <StartCard view={view} />}
    </Stack>
  );
}

function StartCard({ view }: { view: AssessmentView }) {
  const repos = useRepos();
  const [busy, setBusy] = useState(false);
  const start = async (fromPrevious: boolean) => {
    setBusy(true);
    try {
      await trackSave(() => startAssessment(repos, view.team.id, view.quarter, { fromRating: fromPrevious ? view.previous : null }));
    } catch (e) {
      notifyError('The assessment was not started', e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder>
      <Stack gap="sm" align="flex-start">
        <Title order={3} size="h4">
          No assessment for {quarterLabel(view.quarter)} yet
        </Title>
        <Text size="sm" c="dimmed" maw={720}>
          The co-leads, with their sponsors, go through the seven dimensions and tick each criterion the team meets. The level follows: a team is at a level
          only when it meets every criterion of that level (and of the levels below) in all seven dimensions. Both co-leads then confirm it.
        </Text>
        <Group>
          <Button leftSection={<IconClipboardCheck size={16} />} loading={busy} onClick={() => void start(false)}>
            Start the {quarterLabel(view.quarter)} assessment
          </Button>
          {view.previous && (
            <Button variant="default" loading={busy} onClick={() => void start(true)}>
              Start from {quarterLabel(view.previous.quarter)} (level {view.previous.level}), then review each box
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

function Assessment({ view }: { view: AssessmentView }) {
  const assessment = view.assessment!;
  const editable = assessment.status === 'draft';
  const [tab, setTab] = useState<string | null>(P2P_DIMENSIONS[0]!);
  return (
    <>
      {assessment.version > 1 && (
        <Alert color="blue" variant="light" title={`Version ${assessment.version}: a correction`}>
          {assessment.correctionReason}
        </Alert>
      )}
      <LevelSummary result={view.result} met={view.content.met.length} onShow={setTab} />
      <Card withBorder p={0}>
        <Tabs value={tab} onChange={setTab} keepMounted={false} styles={{ tab: { paddingInline: 12 } }}>
          <Tabs.List px="sm" pt={4} style={{ flexWrap: 'nowrap', overflowX: 'auto' }}>
            {view.result.dimensions.map((d) => (
              <Tabs.Tab
                key={d.dimension}
                value={d.dimension}
                data-testid={`tab-${d.dimension}`}
                data-level={d.level}
                rightSection={
                  <Badge size="sm" circle color={LEVEL_COLORS[d.level]} aria-label={`level ${d.level}`}>
                    {d.level}
                  </Badge>
                }
              >
                {DIMENSION_SHORT_LABELS[d.dimension]}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {P2P_DIMENSIONS.map((d) => (
            <Tabs.Panel key={d} value={d} p="md">
              <DimensionPanel view={view} dimension={d} editable={editable} />
            </Tabs.Panel>
          ))}
        </Tabs>
      </Card>
      {editable ? <ConfirmationCard view={view} /> : <ConfirmedCard view={view} />}
      {view.versions.length > 1 && <Versions view={view} />}
    </>
  );
}

/** The level reached, each dimension's level, and what holds the team back from the next level. */
function LevelSummary({ result, met, onShow }: { result: LevelResult; met: number; onShow: (dimension: string) => void }) {
  const next = result.level + 1;
  return (
    <Card withBorder data-testid="level-summary" data-level={result.level}>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap={6}>
          <Text size="sm" c="dimmed">
            Level reached
          </Text>
          <Group gap="sm" align="baseline">
            <Title order={1} size="h2" data-testid="level-reached">
              {levelName(result.level)}
            </Title>
            {isHighPerforming(result.level) && (
              <Badge color="teal" variant="filled">
                High performing
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {met} of {CRITERIA.length} criteria met. A team is at a level only when every criterion of it, and of every level below, holds in all seven
            dimensions.
          </Text>
        </Stack>
        <Stack gap={6} data-testid="holding-back">
          {result.level === 5 ? (
            <Text size="sm">Every criterion of all five levels holds in all seven dimensions.</Text>
          ) : (
            <>
              <Group gap={6}>
                <IconAlertTriangle size={16} color="var(--mantine-color-orange-7)" />
                <Text size="sm" fw={600}>
                  What holds the team at {result.level === 0 ? 'below level 1' : `level ${result.level}`}: {result.holdingBack.length} criteri
                  {result.holdingBack.length === 1 ? 'on' : 'a'} of level {next}
                </Text>
              </Group>
              <Stack gap={2} mah={150} style={{ overflowY: 'auto' }}>
                {result.holdingBack.map((c) => (
                  <Text key={c.id} size="sm" data-testid="holding-back-criterion">
                    <Anchor component="button" size="sm" onClick={() => onShow(c.dimension)}>
                      {P2P_DIMENSION_LABELS[c.dimension]}
                    </Anchor>
                    : {c.text}
                  </Text>
                ))}
              </Stack>
            </>
          )}
        </Stack>
      </SimpleGrid>
    </Card>
  );
}

function ConfirmedCard({ view }: { view: AssessmentView }) {
  const repos = useRepos();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { error, save } = useValidatedSave();
  const rating = view.rating;
  const submit = async () => {
    try {
      if (await save(() => startCorrection(repos, view.assessment!.id, reason))) {
        setOpen(false);
        setReason('');
      }
    } catch (e) {
      notifyError('The correction was not started', e);
    }
  };
  return (
    <Card withBorder data-testid="confirmed-card">
      <Stack gap="sm">
        <Title order={3} size="h4">
          Confirmed by both co-leads
        </Title>
        <Text size="sm" c="dimmed">
          This assessment is read-only. A correction is a new version, confirmed again by both co-leads; this version stays on record.
        </Text>
        {rating && (
          <Table withTableBorder verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Co-lead</Table.Th>
                <Table.Th>Confirmed</Table.Th>
                <Table.Th>How</Table.Th>
                <Table.Th>Recorded by</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rating.confirmations.map((c) => {
                const row = view.rows.confirmations.find((x) => x.side === c.side && x.confirmedAt === c.confirmedAt);
                return (
                  <Table.Tr key={c.side} data-testid={`confirmed-${c.side}`}>
                    <Table.Td>
                      {c.name}
                      {c.role ? `, ${c.role}` : ''}
                    </Table.Td>
                    <Table.Td>{when(c.confirmedAt)}</Table.Td>
                    <Table.Td>
                      {SIGN_OFF_METHOD_LABELS[c.method]}
                      {c.evidenceNote ? `: ${c.evidenceNote}` : ''}
                    </Table.Td>
                    <Table.Td>
                      {c.recordedByName}
                      {row?.recordedByAccount ? ` (synced by ${row.recordedByAccount.name})` : ''}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
        <Group>
          <Button variant="default" onClick={() => setOpen(true)}>
            Start a correction
          </Button>
        </Group>
      </Stack>
      <Modal opened={open} onClose={() => setOpen(false)} title={`Correct the ${quarterLabel(view.quarter)} assessment`}>
        <Stack>
          <Textarea
            label="Why is the confirmed assessment being corrected?"
            placeholder="e.g. A project had not been documented for 120 days; use of tools is level 3, not 4"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={error instanceof ValidationError ? error.forField('reason') : undefined}
            autosize
            minRows={2}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button onClick={() => void submit()}>Start correction</Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

function Versions({ view }: { view: AssessmentView }) {
  const repos = useRepos();
  const draft = view.assessment?.status === 'draft' && view.assessment.version > 1 && view.rows.confirmations.length === 0 ? view.assessment : null;
  return (
    <Card withBorder>
      <Group justify="space-between" mb="xs">
        <Title order={4} size="h5">
          Versions of this quarter
        </Title>
        {draft && (
          <Button
            size="compact-sm"
            variant="subtle"
            color="red"
            onClick={() => void trackSave(() => discardCorrection(repos, draft.id)).catch((e) => notifyError('Not discarded', e))}
          >
            Discard this correction
          </Button>
        )}
      </Group>
      <Stack gap={4}>
        {view.versions.map((v) => (
          <Text key={v.id} size="sm">
            Version {v.version}: {v.status === 'confirmed' ? `confirmed` : 'draft'}
            {v.correctionReason ? `, corrects the previous version because: ${v.correctionReason}` : ''}
          </Text>
        ))}
      </Stack>
    </Card>
  );
}
