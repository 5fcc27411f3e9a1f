import { Button, Card, Group, Input, SegmentedControl, Select, Stack, Text, TextInput, Textarea, ThemeIcon, Title } from '@mantine/core';
import { IconCircleCheck, IconClock } from '@tabler/icons-react';
import { useState } from 'react';
import { approvalState, coLeadOf } from '@shared/minutes/approval';
import { SIDE_LABELS, SIGN_OFF_METHODS, type Side, type SignOffMethod } from '@shared/model';
import { notifyError, notifySuccess } from '../../components/notify';
import { useValidatedSave } from '../../components/useValidatedSave';
import { ValidationError } from '../../db/errors';
import { useRepos } from '../../db/live';
import { personOptions } from '../roster/labels';
import { confirmAssessment } from './commands';
import { useP2pWords } from './labels';
import type { AssessmentView } from './queries';
import { fieldText, refusalText, shownError } from './refusals';
import { useRosterWords } from '../roster/useRosterWords';

/**
 * Both co-leads confirm the assessment as it stands, with the same evidence as approved minutes:
 * how each confirmation was given and who recorded it. A change afterwards asks them again.
 */
export function ConfirmationCard({ view }: { view: AssessmentView }) {
  const approvals = view.rows.confirmations.map((c) => ({ ...c, round: 1, approvedAt: c.confirmedAt }));
  const state = approvalState({ body: view.approvalBody, round: 1, contentHash: view.hash, approvals });
  const w = useP2pWords();
  const { t } = w;
  const when = (iso: string) => w.f.date(iso, 'dateTime');
  return (
    <Card withBorder data-testid="confirmation-card">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('confirmation.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('confirmation.intro', {
            level: w.levelName(view.result.level),
            quarter: w.quarter(view.quarter),
            sides: state.sides.length === 3 ? 'three' : 'two',
          })}
        </Text>
        {state.sides.map(({ side, approval, stale }) => {
          const confirmed = approval ? view.rows.confirmations.find((c) => c.id === (approval as { id?: string }).id) : undefined;
          return confirmed ? (
            <Group key={side} gap="xs" wrap="nowrap" data-testid={`confirmed-${side}`}>
              <ThemeIcon color="teal" variant="light" radius="xl" size="sm">
                <IconCircleCheck size={14} />
              </ThemeIcon>
              <Text size="sm">
                <b>{t('confirmation.sideLabel', { side: w.side(side) })}</b>{' '}
                {t(confirmed.evidenceNote ? 'confirmation.confirmedByNote' : 'confirmation.confirmedBy', {
                  name: confirmed.name,
                  when: when(confirmed.confirmedAt),
                  method: w.method(confirmed.method).toLowerCase(),
                  note: confirmed.evidenceNote,
                  recordedBy: confirmed.recordedByName,
                })}
              </Text>
            </Group>
          ) : (
            <SideConfirm
              key={side}
              view={view}
              side={side}
              stale={stale ? t('confirmation.stale', { name: stale.name, when: when(stale.approvedAt) }) : null}
            />
          );
        })}
      </Stack>
    </Card>
  );
}

function SideConfirm({ view, side, stale }: { view: AssessmentView; side: Side; stale: string | null }) {
  const { local } = useRosterWords();
  const repos = useRepos();
  const coLead = coLeadOf(view.approvalBody, side);
  const options = personOptions(coLead ? view.people.filter((p) => p.id === coLead) : view.members, coLead ? undefined : side, local);
  const [personId, setPersonId] = useState<string | null>(coLead ?? (options.length === 1 ? options[0]!.value : null));
  const [method, setMethod] = useState<SignOffMethod>('in-room');
  const [recordedBy, setRecordedBy] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const { error, save } = useValidatedSave();
  const w = useP2pWords();
  const { t } = w;
  // The role stored with the confirmation stays in English, as the commands write it by default;
  // screens say it in their own words (AssessmentPage's roleWords).
  const label = `${SIDE_LABELS[side]} co-lead`;
  const fieldError = (path: string) => fieldText(error, path, w);
  const confirm = async () => {
    if (!personId) return;
    setBusy(true);
    try {
      const result = await save(() =>
        confirmAssessment(repos, {
          assessmentId: view.assessment!.id,
          side,
          personId,
          role: label,
          seenHash: view.hash,
          signOff: { method, recordedByName: recordedBy, evidenceNote: note },
        }),
      );
      if (result)
        notifySuccess(result.rating ? t('confirmation.confirmedBoth', { level: w.levelName(result.rating.level) }) : t('confirmation.confirmedFor', { side }));
    } catch (e) {
      notifyError(t('confirmation.notConfirmed'), shownError(e, w));
    } finally {
      setBusy(false);
    }
  };
  const general = error instanceof ValidationError ? error.problems.find((p) => p.path !== 'recordedByName' && p.path !== 'evidenceNote') : undefined;
  return (
    <Stack gap={6} data-testid={`confirm-${side}`}>
      <Group gap="xs" wrap="nowrap">
        <ThemeIcon color="gray" variant="light" radius="xl" size="sm">
          <IconClock size={14} />
        </ThemeIcon>
        <Text size="sm">
          <b>{t('confirmation.sideLabel', { side: w.side(side) })}</b> {t('confirmation.waiting')}
        </Text>
      </Group>
      {stale && (
        <Text size="xs" c="orange.8">
          {stale}
        </Text>
      )}
      <Group gap="xs" align="flex-end" wrap="wrap" pl={28}>
        <Select
          label={t('confirmation.coLead')}
          aria-label={t('confirmation.coLeadConfirming', { side })}
          placeholder={options.length ? t('confirmation.whoConfirms', { side }) : t('confirmation.noCoLead', { side })}
          data={options}
          value={personId}
          onChange={setPersonId}
          searchable
          w={220}
        />
        <Stack gap={4}>
          <Input.Label>{t('confirmation.how')}</Input.Label>
          <SegmentedControl
            aria-label={t('confirmation.howConfirmed', { side })}
            data={SIGN_OFF_METHODS.map((m) => ({ value: m, label: w.method(m) }))}
            value={method}
            onChange={(v) => setMethod(v as SignOffMethod)}
          />
        </Stack>
        <TextInput
          label={t('confirmation.recordedBy')}
          aria-label={t('confirmation.whoRecorded', { side })}
          placeholder={t('confirmation.yourName')}
          value={recordedBy}
          onChange={(e) => setRecordedBy(e.currentTarget.value)}
          error={fieldError('recordedByName')}
          w={200}
        />
      </Group>
      <Group gap="xs" align="flex-end" wrap="nowrap" pl={28}>
        <Textarea
          style={{ flex: 1 }}
          label={method === 'email' ? t('confirmation.whichEmail') : t('confirmation.noteOptional')}
          aria-label={t('confirmation.evidenceOf', { side })}
          placeholder={method === 'email' ? t('confirmation.emailPlaceholder') : ''}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={fieldError('evidenceNote')}
          autosize
          minRows={1}
        />
        <Button onClick={() => void confirm()} loading={busy} disabled={!personId}>
          {t('confirmation.confirmAs', { side })}
        </Button>
      </Group>
      {general && (
        <Text size="sm" c="red" pl={28}>
          {refusalText(general.message, w)}
        </Text>
      )}
    </Stack>
  );
}
