import { Alert, Anchor, Badge, Button, Card, Group, Modal, Select, SimpleGrid, Stack, Table, Tabs, Text, Textarea, Title } from '@mantine/core';
import { IconAlertTriangle, IconClipboardCheck, IconLock } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { today } from '@shared/clock';
import { P2P_DIMENSIONS } from '@shared/model/p2p';
import { CRITERIA } from '@shared/p2p/criteria';
import { isHighPerforming, type LevelResult } from '@shared/p2p/level';
import { lastQuarters, quarterOf, quartersBetween } from '@shared/p2p/quarters';
import { notifyError } from '../../components/notify';
import { useValidatedSave } from '../../components/useValidatedSave';
import { useLive, useRepos } from '../../db/live';
import { trackSave } from '../../stores/saveStatus/store';
import { NotFound } from '../placeholders/NotFound';
import { startAssessment, startCorrection, discardCorrection } from './commands';
import { ConfirmationCard } from './ConfirmationCard';
import { DimensionPanel } from './DimensionPanel';
import { SIDE_LABELS, type Side } from '@shared/model';
import { LEVEL_COLORS, assessmentHref, useP2pWords, type P2pScreenWords } from './labels';
import { fieldText, shownError } from './refusals';
import { loadAssessment, type AssessmentView } from './queries';

/** One team's Path to Performance assessment for one quarter: the seven dimensions, the level, the sign-off. */
export function AssessmentPage({ teamId, quarter }: { teamId: string; quarter: string }) {
  const w = useP2pWords();
  const view = useLive((r) => loadAssessment(r, teamId, quarter, today(), w.language), [teamId, quarter, w.language]);
  const [, navigate] = useLocation();
  const { t } = w;
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
              {t('title')}
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
            <Text c="dimmed">{t('assessment.subtitle', { quarter: w.quarter(quarter) })}</Text>
            {assessment && (
              <Badge
                color={confirmed ? 'teal' : 'orange'}
                variant="light"
                leftSection={confirmed ? <IconLock size={12} /> : undefined}
                data-testid="assessment-status"
              >
                {confirmed
                  ? t('assessment.confirmed')
                  : assessment.version > 1
                    ? t('assessment.correction', { version: assessment.version })
                    : t('assessment.draft')}
              </Badge>
            )}
          </Group>
        </Stack>
        <Select
          label={t('assessment.quarter')}
          w={140}
          data={quarters.map((q) => ({ value: q, label: w.quarter(q) }))}
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
  const w = useP2pWords();
  const { t } = w;
  const start = async (fromPrevious: boolean) => {
    setBusy(true);
    try {
      await trackSave(() => startAssessment(repos, view.team.id, view.quarter, { fromRating: fromPrevious ? view.previous : null }));
    } catch (e) {
      notifyError(t('assessment.notStarted'), shownError(e, w));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder>
      <Stack gap="sm" align="flex-start">
        <Title order={3} size="h4">
          {t('assessment.noneYet', { quarter: w.quarter(view.quarter) })}
        </Title>
        <Text size="sm" c="dimmed" maw={720}>
          {t('assessment.intro')}
        </Text>
        <Group>
          <Button leftSection={<IconClipboardCheck size={16} />} loading={busy} onClick={() => void start(false)}>
            {t('assessment.start', { quarter: w.quarter(view.quarter) })}
          </Button>
          {view.previous && (
            <Button variant="default" loading={busy} onClick={() => void start(true)}>
              {t('assessment.startFrom', { quarter: w.quarter(view.previous.quarter), level: view.previous.level })}
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
  const w = useP2pWords();
  const { t } = w;
  return (
    <>
      {assessment.version > 1 && (
        <Alert color="blue" variant="light" title={t('assessment.correctionTitle', { version: assessment.version })}>
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
                  <Badge size="sm" circle color={LEVEL_COLORS[d.level]} aria-label={t('levelBadge', { level: d.level })}>
                    {d.level}
                  </Badge>
                }
              >
                {w.dimensionShort(d.dimension)}
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
  const w = useP2pWords();
  const { t } = w;
  return (
    <Card withBorder data-testid="level-summary" data-level={result.level}>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap={6}>
          <Text size="sm" c="dimmed">
            {t('assessment.levelReached')}
          </Text>
          <Group gap="sm" align="baseline">
            <Title order={1} size="h2" data-testid="level-reached">
              {w.levelName(result.level)}
            </Title>
            {isHighPerforming(result.level) && (
              <Badge color="teal" variant="filled">
                {t('assessment.highPerforming')}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {t('assessment.criteriaMet', { met, total: CRITERIA.length })}
          </Text>
        </Stack>
        <Stack gap={6} data-testid="holding-back">
          {result.level === 5 ? (
            <Text size="sm">{t('assessment.allHold')}</Text>
          ) : (
            <>
              <Group gap={6}>
                <IconAlertTriangle size={16} color="var(--mantine-color-orange-7)" />
                <Text size="sm" fw={600}>
                  {t('assessment.holdingBack', { level: result.level, count: result.holdingBack.length, next })}
                </Text>
              </Group>
              <Stack gap={2} mah={150} style={{ overflowY: 'auto' }}>
                {result.holdingBack.map((c) => (
                  <Text key={c.id} size="sm" data-testid="holding-back-criterion">
                    <Anchor component="button" size="sm" onClick={() => onShow(c.dimension)}>
                      {w.dimension(c.dimension)}
                    </Anchor>
                    : {w.criterion(c)}
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

/** The role a confirmation carries: the default one the app wrote is said in the screen's words; a typed one stays as typed. */
const roleWords = (role: string, side: Side, w: P2pScreenWords) => (role === `${SIDE_LABELS[side]} co-lead` ? w.t('confirmation.coLeadRole', { side }) : role);

function ConfirmedCard({ view }: { view: AssessmentView }) {
  const repos = useRepos();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { error, save } = useValidatedSave();
  const rating = view.rating;
  const w = useP2pWords();
  const { t } = w;
  const submit = async () => {
    try {
      if (await save(() => startCorrection(repos, view.assessment!.id, reason))) {
        setOpen(false);
        setReason('');
      }
    } catch (e) {
      notifyError(t('assessment.correctionNotStarted'), shownError(e, w));
    }
  };
  return (
    <Card withBorder data-testid="confirmed-card">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('assessment.confirmedTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('assessment.readOnly')}
        </Text>
        {rating && (
          <Table withTableBorder verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('assessment.column.coLead')}</Table.Th>
                <Table.Th>{t('assessment.column.confirmed')}</Table.Th>
                <Table.Th>{t('assessment.column.how')}</Table.Th>
                <Table.Th>{t('assessment.column.recordedBy')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rating.confirmations.map((c) => {
                const row = view.rows.confirmations.find((x) => x.side === c.side && x.confirmedAt === c.confirmedAt);
                return (
                  <Table.Tr key={c.side} data-testid={`confirmed-${c.side}`}>
                    <Table.Td>{c.role ? t('assessment.nameRole', { name: c.name, role: roleWords(c.role, c.side, w) }) : c.name}</Table.Td>
                    <Table.Td>{w.f.date(c.confirmedAt)}</Table.Td>
                    <Table.Td>
                      {c.evidenceNote ? t('assessment.methodNote', { method: w.method(c.method), note: c.evidenceNote }) : w.method(c.method)}
                    </Table.Td>
                    <Table.Td>
                      {row?.recordedByAccount ? t('assessment.syncedBy', { name: c.recordedByName, account: row.recordedByAccount.name }) : c.recordedByName}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
        <Group>
          <Button variant="default" onClick={() => setOpen(true)}>
            {t('assessment.startCorrection')}
          </Button>
        </Group>
      </Stack>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('assessment.correctTitle', { quarter: w.quarter(view.quarter) })}>
        <Stack>
          <Textarea
            label={t('assessment.correctReason')}
            placeholder={t('assessment.correctPlaceholder')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={fieldText(error, 'reason', w)}
            autosize
            minRows={2}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t('cancel')}
            </Button>
            <Button onClick={() => void submit()}>{t('assessment.startCorrectionButton')}</Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

function Versions({ view }: { view: AssessmentView }) {
  const repos = useRepos();
  const w = useP2pWords();
  const { t } = w;
  const draft = view.assessment?.status === 'draft' && view.assessment.version > 1 && view.rows.confirmations.length === 0 ? view.assessment : null;
  return (
    <Card withBorder>
      <Group justify="space-between" mb="xs">
        <Title order={4} size="h5">
          {t('assessment.versions')}
        </Title>
        {draft && (
          <Button
            size="compact-sm"
            variant="subtle"
            color="red"
            onClick={() => void trackSave(() => discardCorrection(repos, draft.id)).catch((e) => notifyError(t('assessment.notDiscarded'), shownError(e, w)))}
          >
            {t('assessment.discard')}
          </Button>
        )}
      </Group>
      <Stack gap={4}>
        {view.versions.map((v) => (
          <Text key={v.id} size="sm">
            {v.correctionReason
              ? t('assessment.versionCorrects', { version: v.version, status: v.status, reason: v.correctionReason })
              : t('assessment.version', { version: v.version, status: v.status })}
          </Text>
        ))}
      </Stack>
    </Card>
  );
}
