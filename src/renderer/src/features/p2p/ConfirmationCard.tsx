import { Button, Card, Group, Input, SegmentedControl, Select, Stack, Text, TextInput, Textarea, ThemeIcon, Title } from '@mantine/core';
import { IconCircleCheck, IconClock } from '@tabler/icons-react';
import { format } from 'date-fns';
import { useState } from 'react';
import { approvalState, coLeadOf } from '@shared/minutes/approval';
import { SIDE_LABELS, SIGN_OFF_METHOD_LABELS, SIGN_OFF_METHODS, type Side, type SignOffMethod } from '@shared/model';
import { notifyError, notifySuccess } from '../../components/notify';
import { useValidatedSave } from '../../components/useValidatedSave';
import { ValidationError } from '../../db/errors';
import { useRepos } from '../../db/live';
import { personOptions } from '../roster/labels';
import { confirmAssessment } from './commands';
import { levelName } from './labels';
import { quarterLabel } from '@shared/p2p/quarters';
import type { AssessmentView } from './queries';

const when = (iso: string) => format(new Date(iso), "MMM d, yyyy 'at' h:mm a");

/**
 * Both co-leads confirm the assessment as it stands, with the same evidence as approved minutes:
 * how each confirmation was given and who recorded it. A change afterwards asks them again.
 */
export function ConfirmationCard({ view }: { view: AssessmentView }) {
  const approvals = view.rows.confirmations.map((c) => ({ ...c, round: 1, approvedAt: c.confirmedAt }));
  const state = approvalState({ body: view.approvalBody, round: 1, contentHash: view.hash, approvals });
  return (
    <Card withBorder data-testid="confirmation-card">
      <Stack gap="sm">
        <Title order={3} size="h4">
          Confirmation
        </Title>
        <Text size="sm" c="dimmed">
          This assessment ({levelName(view.result.level)}) becomes the team&apos;s rating for {quarterLabel(view.quarter)} when{' '}
          {state.sides.length === 3 ? 'the management, union and physician co-leads have' : 'both the management and the union co-lead have'} confirmed it as it
          stands now. Any later change asks them again.
        </Text>
        {state.sides.map(({ side, approval, stale }) => {
          const confirmed = approval ? view.rows.confirmations.find((c) => c.id === (approval as { id?: string }).id) : undefined;
          return confirmed ? (
            <Group key={side} gap="xs" wrap="nowrap" data-testid={`confirmed-${side}`}>
              <ThemeIcon color="teal" variant="light" radius="xl" size="sm">
                <IconCircleCheck size={14} />
              </ThemeIcon>
              <Text size="sm">
                <b>{SIDE_LABELS[side]}</b>: confirmed by {confirmed.name} on {when(confirmed.confirmedAt)},{' '}
                {SIGN_OFF_METHOD_LABELS[confirmed.method].toLowerCase()}
                {confirmed.evidenceNote ? ` (${confirmed.evidenceNote})` : ''}; recorded by {confirmed.recordedByName}
              </Text>
            </Group>
          ) : (
            <SideConfirm
              key={side}
              view={view}
              side={side}
              stale={stale ? `${stale.name} confirmed an earlier version on ${when(stale.approvedAt)}; the assessment changed since.` : null}
            />
          );
        })}
      </Stack>
    </Card>
  );
}

function SideConfirm({ view, side, stale }: { view: AssessmentView; side: Side; stale: string | null }) {
  const repos = useRepos();
  const coLead = coLeadOf(view.approvalBody, side);
  const options = personOptions(coLead ? view.people.filter((p) => p.id === coLead) : view.members, coLead ? undefined : side);
  const [personId, setPersonId] = useState<string | null>(coLead ?? (options.length === 1 ? options[0]!.value : null));
  const [method, setMethod] = useState<SignOffMethod>('in-room');
  const [recordedBy, setRecordedBy] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const { error, save } = useValidatedSave();
  const label = `${SIDE_LABELS[side]} co-lead`;
  const fieldError = (path: string) => (error instanceof ValidationError ? error.forField(path) : undefined);
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
        notifySuccess(result.rating ? `Confirmed by both co-leads: ${levelName(result.rating.level)}.` : `Confirmed for ${SIDE_LABELS[side].toLowerCase()}.`);
    } catch (e) {
      notifyError('Not confirmed', e);
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
          <b>{SIDE_LABELS[side]}</b>: waiting for confirmation
        </Text>
      </Group>
      {stale && (
        <Text size="xs" c="orange.8">
          {stale}
        </Text>
      )}
      <Group gap="xs" align="flex-end" wrap="wrap" pl={28}>
        <Select
          label="Co-lead"
          aria-label={`${label} confirming`}
          placeholder={options.length ? `Who confirms for ${SIDE_LABELS[side].toLowerCase()}` : `No ${SIDE_LABELS[side].toLowerCase()} co-lead named`}
          data={options}
          value={personId}
          onChange={setPersonId}
          searchable
          w={220}
        />
        <Stack gap={4}>
          <Input.Label>How</Input.Label>
          <SegmentedControl
            aria-label={`How the ${label.toLowerCase()} confirmed`}
            data={SIGN_OFF_METHODS.map((m) => ({ value: m, label: SIGN_OFF_METHOD_LABELS[m] }))}
            value={method}
            onChange={(v) => setMethod(v as SignOffMethod)}
          />
        </Stack>
        <TextInput
          label="Recorded by"
          aria-label={`Who recorded the ${label.toLowerCase()}'s confirmation`}
          placeholder="Your name"
          value={recordedBy}
          onChange={(e) => setRecordedBy(e.currentTarget.value)}
          error={fieldError('recordedByName')}
          w={200}
        />
      </Group>
      <Group gap="xs" align="flex-end" wrap="nowrap" pl={28}>
        <Textarea
          style={{ flex: 1 }}
          label={method === 'email' ? 'Which email (date and subject)' : 'Note (optional)'}
          aria-label={`Evidence of the ${label.toLowerCase()}'s confirmation`}
          placeholder={method === 'email' ? "e.g. Email of 9 Dec, 14:02, subject 'Q4 assessment OK'" : ''}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={fieldError('evidenceNote')}
          autosize
          minRows={1}
        />
        <Button onClick={() => void confirm()} loading={busy} disabled={!personId}>
          Confirm as {label.toLowerCase()}
        </Button>
      </Group>
      {general && (
        <Text size="sm" c="red" pl={28}>
          {general.message}
        </Text>
      )}
    </Stack>
  );
}
