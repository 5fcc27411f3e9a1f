import { Button, Card, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput, Textarea, ThemeIcon, Title } from '@mantine/core';
import { IconCircleCheck, IconClock } from '@tabler/icons-react';
import { format } from 'date-fns';
import { useState } from 'react';
import { SIDE_LABELS, SIGN_OFF_METHOD_LABELS, SIGN_OFF_METHODS, type Side, type SignOffMethod } from '@shared/model';
import { describeSignOff } from '@shared/signoff/rules';
import { useSync } from '../../stores/sync/store';
import { approvalState, coLeadOf } from '@shared/minutes/approval';
import { notifyError, notifySuccess } from '../../components/notify';
import { useValidatedSave } from '../../components/useValidatedSave';
import { useRepos } from '../../db/live';
import { approveMinutes, startAmendment } from './commands';
import { type LoadedMinutes, type MinutesState } from './queries';
import { ValidationError } from '../../db/errors';
import { trackSave } from '../../stores/saveStatus/store';
import { personOptions } from '../roster/labels';

const when = (iso: string) => format(new Date(iso), "MMM d, yyyy 'at' h:mm a");

/** Joint approval: one row per co-lead side; approved minutes offer an amendment instead. */
export function ApprovalCard({ loaded, state }: { loaded: LoadedMinutes; state: MinutesState }) {
  const approved = state.approval.status === 'approved';
  return (
    <Card withBorder data-testid="approval-card">
      <Title order={2} size="h4">
        Approval
      </Title>
      {approved ? <ApprovedView state={state} meetingId={loaded.meeting.id} /> : <DraftApproval loaded={loaded} state={state} />}
    </Card>
  );
}

function DraftApproval({ loaded, state }: { loaded: LoadedMinutes; state: MinutesState }) {
  const round = state.approval.version;
  const status = approvalState({ body: loaded.approvalBody, round, contentHash: state.liveHash, approvals: loaded.approvals });
  return (
    <Stack gap="sm" mt={4}>
      <Text size="sm" c="dimmed">
        Minutes become the record when{' '}
        {status.sides.length === 3 ? 'the management, union and physician co-leads have' : 'both the management and the union co-lead have'} approved this text.
        Any later edit asks for approval again.
      </Text>
      {status.sides.map(({ side, approval, stale }) =>
        approval ? (
          <Group key={side} gap="xs" wrap="nowrap" data-testid={`approved-${side}`}>
            <ThemeIcon color="teal" variant="light" radius="xl" size="sm">
              <IconCircleCheck size={14} />
            </ThemeIcon>
            <Text size="sm">
              <b>{SIDE_LABELS[side]}</b>: approved by {approval.name}
              {approval.role ? `, ${approval.role}` : ''} on {when(approval.approvedAt)}
              <Text span size="xs" c="dimmed" display="block" data-testid={`evidence-${side}`}>
                {describeSignOff(approval)}
              </Text>
            </Text>
          </Group>
        ) : (
          <SideApprover
            key={side}
            side={side}
            loaded={loaded}
            seenHash={state.liveHash}
            stale={stale ? `${stale.name} approved an earlier text on ${when(stale.approvedAt)}; the minutes changed since.` : null}
          />
        ),
      )}
    </Stack>
  );
}

function SideApprover({ side, loaded, seenHash, stale }: { side: Side; loaded: LoadedMinutes; seenHash: string; stale: string | null }) {
  const repos = useRepos();
  const coLead = coLeadOf(loaded.approvalBody, side);
  // A team's named co-lead approves for their side; otherwise any member of that side may.
  const options = personOptions(coLead ? loaded.people.filter((p) => p.id === coLead) : loaded.members, coLead ? undefined : side);
  const [personId, setPersonId] = useState<string | null>(coLead ?? (options.length === 1 ? options[0]!.value : null));
  const [method, setMethod] = useState<SignOffMethod>('in-room');
  // Who records it: the meeting's recorder (or facilitator) by default; the co-lead on their own laptop.
  const recorder = loaded.people.find((p) => p.id === (loaded.meeting.recorderId ?? loaded.meeting.facilitatorId));
  const [recordedByName, setRecordedByName] = useState(recorder?.name ?? '');
  const [evidenceNote, setEvidenceNote] = useState('');
  const account = useSync((s) => s.status.account);
  const [busy, setBusy] = useState(false);
  const { error, setError } = useValidatedSave();
  const label = `${SIDE_LABELS[side]} co-lead`;
  const approver = loaded.people.find((p) => p.id === personId);
  const approve = async () => {
    if (!personId) return;
    setBusy(true);
    setError(null);
    try {
      const signOff =
        method === 'own-laptop'
          ? { method, recordedByName: approver?.name ?? recordedByName, recordedById: personId, evidenceNote }
          : { method, recordedByName, recordedById: recordedByName === recorder?.name ? (recorder?.id ?? null) : null, evidenceNote };
      const result = await trackSave(() =>
        approveMinutes(repos, {
          meetingId: loaded.meeting.id,
          side,
          personId,
          role: label,
          seenHash,
          signOff,
          enrolledAccount: account ? { name: account.deviceName } : null,
        }),
      );
      notifySuccess(result.version ? 'Every side has approved: the minutes are approved and locked.' : `Approved for ${SIDE_LABELS[side].toLowerCase()}.`);
    } catch (e) {
      if (e instanceof ValidationError) setError(e);
      else notifyError('Not approved', e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap={4} data-testid={`approve-${side}`}>
      <Group gap="xs" wrap="nowrap">
        <ThemeIcon color="gray" variant="light" radius="xl" size="sm">
          <IconClock size={14} />
        </ThemeIcon>
        <Text size="sm">
          <b>{SIDE_LABELS[side]}</b>: waiting for approval
        </Text>
      </Group>
      {stale && (
        <Text size="xs" c="orange.8">
          {stale}
        </Text>
      )}
      <SegmentedControl
        size="xs"
        aria-label={`How the ${SIDE_LABELS[side].toLowerCase()} approval was given`}
        data={SIGN_OFF_METHODS.map((m) => ({ value: m, label: SIGN_OFF_METHOD_LABELS[m] }))}
        value={method}
        onChange={(v) => setMethod(v as SignOffMethod)}
      />
      {method !== 'own-laptop' && (
        <TextInput
          size="xs"
          label="Recorded by"
          description="Who is entering this approval (facilitator or recorder)"
          value={recordedByName}
          onChange={(e) => setRecordedByName(e.currentTarget.value)}
          error={error?.forField('recordedByName')}
        />
      )}
      {method === 'email' && (
        <TextInput
          size="xs"
          label="Which email"
          placeholder="Date, sender and subject, e.g. Dec 9, 14:02, 'Minutes OK'"
          value={evidenceNote}
          onChange={(e) => setEvidenceNote(e.currentTarget.value)}
          error={error?.forField('evidenceNote')}
        />
      )}
      {method === 'own-laptop' && (
        <Text size="xs" c="dimmed">
          {account
            ? 'The co-lead approves here, on their own laptop; the council server records which account sent it.'
            : 'This laptop is not connected to the council server: an approval on the co-lead’s own laptop needs it (Settings → Sync).'}
        </Text>
      )}
      {(error?.forField('approvedAt') || error?.forField('method') || error?.forField('personId') || error?.forField('')) && (
        <Text size="sm" c="red" role="alert" data-testid={`approve-error-${side}`}>
          {error.forField('approvedAt') ?? error.forField('method') ?? error.forField('personId') ?? error.forField('')}
        </Text>
      )}
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <Select
          aria-label={`${label} approving`}
          placeholder={options.length ? `Who approves for ${SIDE_LABELS[side].toLowerCase()}` : `No ${SIDE_LABELS[side].toLowerCase()} members`}
          data={options}
          value={personId}
          onChange={setPersonId}
          searchable
          limit={50}
          style={{ flex: 1 }}
        />
        <Button onClick={() => void approve()} loading={busy} disabled={!personId}>
          Approve as {label.toLowerCase()}
        </Button>
      </Group>
    </Stack>
  );
}

function ApprovedView({ state, meetingId }: { state: MinutesState; meetingId: string }) {
  const repos = useRepos();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { error, save } = useValidatedSave();
  const submit = async () => {
    try {
      const done = await save(() => startAmendment(repos, meetingId, reason));
      if (done) {
        setOpen(false);
        setReason('');
      }
    } catch (e) {
      notifyError('Could not start the amendment', e);
    }
  };
  return (
    <Stack gap="sm" mt={4}>
      <Text size="sm" c="dimmed">
        These minutes are approved and locked. A change is made as an amendment; this version is kept.
      </Text>
      {state.approval.approvals.map((a) => (
        <Group key={a.side} gap="xs" wrap="nowrap" data-testid={`approved-${a.side}`}>
          <ThemeIcon color="teal" variant="light" radius="xl" size="sm">
            <IconCircleCheck size={14} />
          </ThemeIcon>
          <Text size="sm">
            <b>{SIDE_LABELS[a.side]}</b>: {a.name}
            {a.role ? `, ${a.role}` : ''} on {when(a.approvedAt)}
            <Text span size="xs" c="dimmed" display="block" data-testid={`evidence-${a.side}`}>
              {describeSignOff(a)}
            </Text>
          </Text>
        </Group>
      ))}
      <Group>
        <Button variant="default" onClick={() => setOpen(true)}>
          Start an amendment
        </Button>
      </Group>
      <Modal opened={open} onClose={() => setOpen(false)} title="Amend approved minutes">
        <Stack>
          <Text size="sm">
            The approved version stays on record. The amendment is a new draft that both co-leads approve again, with what changed shown to them.
          </Text>
          <Textarea
            label="Why are the minutes being amended?"
            placeholder="e.g. The due date of the IT action item was recorded wrong"
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
            <Button onClick={() => void submit()}>Start amendment</Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
