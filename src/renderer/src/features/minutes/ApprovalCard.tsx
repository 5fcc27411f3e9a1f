import { Button, Card, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput, Textarea, ThemeIcon, Title } from '@mantine/core';
import { IconCircleCheck, IconClock } from '@tabler/icons-react';
import { useState } from 'react';
import { SIDE_LABELS, SIGN_OFF_METHODS, type Side, type SignOffMethod } from '@shared/model';
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
import { useFormat, useT } from '../../i18n';
import { fieldText, shownError } from './refusals';
import { roleText, signOffText } from './signOffText';
import { useMinutesWords } from './useMinutesWords';
import { useRosterWords } from '../roster/useRosterWords';

/** Joint approval: one row per co-lead side; approved minutes offer an amendment instead. */
export function ApprovalCard({ loaded, state }: { loaded: LoadedMinutes; state: MinutesState }) {
  const t = useT('minutes');
  const approved = state.approval.status === 'approved';
  return (
    <Card withBorder data-testid="approval-card">
      <Title order={2} size="h4">
        {t('approval.title')}
      </Title>
      {approved ? <ApprovedView state={state} meetingId={loaded.meeting.id} /> : <DraftApproval loaded={loaded} state={state} />}
    </Card>
  );
}

function DraftApproval({ loaded, state }: { loaded: LoadedMinutes; state: MinutesState }) {
  const t = useT('minutes');
  const f = useFormat();
  const words = useMinutesWords();
  const when = (iso: string) => f.date(iso, 'dateTime');
  const round = state.approval.version;
  const status = approvalState({ body: loaded.approvalBody, round, contentHash: state.liveHash, approvals: loaded.approvals });
  return (
    <Stack gap="sm" mt={4}>
      <Text size="sm" c="dimmed">
        {status.sides.length === 3 ? t('approval.introThree') : t('approval.introTwo')}
      </Text>
      {status.sides.map(({ side, approval, stale }) =>
        approval ? (
          <Group key={side} gap="xs" wrap="nowrap" data-testid={`approved-${side}`}>
            <ThemeIcon color="teal" variant="light" radius="xl" size="sm">
              <IconCircleCheck size={14} />
            </ThemeIcon>
            <Text size="sm">
              <b>{t(`side.${side}`)}</b>:{' '}
              {approval.role
                ? t('approval.approvedByRole', { name: approval.name, role: roleText(approval.role, words), when: when(approval.approvedAt) })
                : t('approval.approvedBy', { name: approval.name, when: when(approval.approvedAt) })}
              <Text span size="xs" c="dimmed" display="block" data-testid={`evidence-${side}`}>
                {signOffText(approval, words)}
              </Text>
            </Text>
          </Group>
        ) : (
          <SideApprover
            key={side}
            side={side}
            loaded={loaded}
            seenHash={state.liveHash}
            stale={stale ? t('approval.stale', { name: stale.name, when: when(stale.approvedAt) }) : null}
          />
        ),
      )}
    </Stack>
  );
}

function SideApprover({ side, loaded, seenHash, stale }: { side: Side; loaded: LoadedMinutes; seenHash: string; stale: string | null }) {
  const t = useT('minutes');
  const { local } = useRosterWords();
  const words = useMinutesWords();
  const repos = useRepos();
  const coLead = coLeadOf(loaded.approvalBody, side);
  // A team's named co-lead approves for their side; otherwise any member of that side may.
  const options = personOptions(coLead ? loaded.people.filter((p) => p.id === coLead) : loaded.members, coLead ? undefined : side, local);
  const [personId, setPersonId] = useState<string | null>(coLead ?? (options.length === 1 ? options[0]!.value : null));
  const [method, setMethod] = useState<SignOffMethod>('in-room');
  // Who records it: the meeting's recorder (or facilitator) by default; the co-lead on their own laptop.
  const recorder = loaded.people.find((p) => p.id === (loaded.meeting.recorderId ?? loaded.meeting.facilitatorId));
  const [recordedByName, setRecordedByName] = useState(recorder?.name ?? '');
  const [evidenceNote, setEvidenceNote] = useState('');
  const account = useSync((s) => s.status.account);
  const [busy, setBusy] = useState(false);
  const { error, setError } = useValidatedSave();
  // The role is stored on the approval as written here, in English: screens translate it at render (roleText).
  const role = `${SIDE_LABELS[side]} co-lead`;
  const approver = loaded.people.find((p) => p.id === personId);
  const formError = ['approvedAt', 'method', 'personId', ''].map((path) => fieldText(error, path, words)).find(Boolean);
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
          role,
          seenHash,
          signOff,
          enrolledAccount: account ? { name: account.deviceName } : null,
        }),
      );
      notifySuccess(result.version ? t('approval.allApproved') : t('approval.approvedFor', { side }));
    } catch (e) {
      if (e instanceof ValidationError) setError(e);
      else notifyError(t('approval.notApproved'), shownError(e, words));
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
          <b>{t(`side.${side}`)}</b>: {t('approval.waiting')}
        </Text>
      </Group>
      {stale && (
        <Text size="xs" c="orange.8">
          {stale}
        </Text>
      )}
      <SegmentedControl
        size="xs"
        aria-label={t('approval.howGiven', { side })}
        data={SIGN_OFF_METHODS.map((m) => ({ value: m, label: t(`signOff.method.${m}`) }))}
        value={method}
        onChange={(v) => setMethod(v as SignOffMethod)}
      />
      {method !== 'own-laptop' && (
        <TextInput
          size="xs"
          label={t('approval.recordedBy')}
          description={t('approval.recordedByHint')}
          value={recordedByName}
          onChange={(e) => setRecordedByName(e.currentTarget.value)}
          error={fieldText(error, 'recordedByName', words)}
        />
      )}
      {method === 'email' && (
        <TextInput
          size="xs"
          label={t('approval.whichEmail')}
          placeholder={t('approval.whichEmailPlaceholder')}
          value={evidenceNote}
          onChange={(e) => setEvidenceNote(e.currentTarget.value)}
          error={fieldText(error, 'evidenceNote', words)}
        />
      )}
      {method === 'own-laptop' && (
        <Text size="xs" c="dimmed">
          {account ? t('approval.ownLaptop') : t('approval.ownLaptopNotConnected')}
        </Text>
      )}
      {formError && (
        <Text size="sm" c="red" role="alert" data-testid={`approve-error-${side}`}>
          {formError}
        </Text>
      )}
      {/* Wraps rather than squeezing the name: "Approve as …" is long in some languages. */}
      <Group gap="xs" align="flex-end" wrap="wrap">
        <Select
          aria-label={t('approval.approver', { side })}
          placeholder={options.length ? t('approval.whoApproves', { side }) : t('approval.noMembers', { side })}
          data={options}
          value={personId}
          onChange={setPersonId}
          searchable
          limit={50}
          style={{ flex: 1, minWidth: 200 }}
        />
        <Button onClick={() => void approve()} loading={busy} disabled={!personId}>
          {t('approval.approveAs', { side })}
        </Button>
      </Group>
    </Stack>
  );
}

function ApprovedView({ state, meetingId }: { state: MinutesState; meetingId: string }) {
  const t = useT('minutes');
  const f = useFormat();
  const words = useMinutesWords();
  const when = (iso: string) => f.date(iso, 'dateTime');
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
      notifyError(t('approval.amendFailed'), shownError(e, words));
    }
  };
  return (
    <Stack gap="sm" mt={4}>
      <Text size="sm" c="dimmed">
        {t('approval.approvedIntro')}
      </Text>
      {state.approval.approvals.map((a) => (
        <Group key={a.side} gap="xs" wrap="nowrap" data-testid={`approved-${a.side}`}>
          <ThemeIcon color="teal" variant="light" radius="xl" size="sm">
            <IconCircleCheck size={14} />
          </ThemeIcon>
          <Text size="sm">
            <b>{t(`side.${a.side}`)}</b>:{' '}
            {a.role
              ? t('approval.signedOnRole', { name: a.name, role: roleText(a.role, words), when: when(a.approvedAt) })
              : t('approval.signedOn', { name: a.name, when: when(a.approvedAt) })}
            <Text span size="xs" c="dimmed" display="block" data-testid={`evidence-${a.side}`}>
              {signOffText(a, words)}
            </Text>
          </Text>
        </Group>
      ))}
      <Group>
        <Button variant="default" onClick={() => setOpen(true)}>
          {t('approval.startAmendment')}
        </Button>
      </Group>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('approval.amendTitle')}>
        <Stack>
          <Text size="sm">{t('approval.amendIntro')}</Text>
          <Textarea
            label={t('approval.amendReason')}
            placeholder={t('approval.amendReasonPlaceholder')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={error instanceof ValidationError ? fieldText(error, 'reason', words) : undefined}
            autosize
            minRows={2}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t('cancel')}
            </Button>
            <Button onClick={() => void submit()}>{t('approval.amendSubmit')}</Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
