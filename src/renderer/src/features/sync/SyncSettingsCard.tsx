import { Alert, Badge, Button, Card, Code, Group, List, Loader, Modal, Progress, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconClock, IconGitMerge, IconRefresh } from '@tabler/icons-react';
import { format, formatDistance } from 'date-fns';
import { useEffect, useState, type ChangeEvent, type ReactNode } from 'react';
import { Link } from 'wouter';
import { now, nowMs } from '@shared/clock';
import { SyncEnrollRequest, type SyncFailure } from '@shared/sync/connection';
import { notifyError, notifySuccess } from '../../components/notify';
import type { SyncStatus } from '../../sync/engine';
import { PHASE_COLORS, PHASE_LABELS, TOKEN_STORAGE_LABELS, plural, progressPercent, progressText, selectShowEnrollForm } from '../../stores/sync/selectors';
import { useSync } from '../../stores/sync/store';

/** Settings > Sync: the enrollment form, or this laptop's connection and what sync is doing. */
export function SyncSettingsCard() {
  const checked = useSync((s) => s.checked);
  const showForm = useSync(selectShowEnrollForm);
  const refreshCounts = useSync((s) => s.refreshCounts);
  // Edits since the last round are not in the engine's status: count them when the card opens.
  useEffect(() => void refreshCounts(), [refreshCounts]);
  return (
    <Card withBorder>
      {!checked ? (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm" c="dimmed">
            Checking the sync connection…
          </Text>
        </Group>
      ) : showForm ? (
        <EnrollForm />
      ) : (
        <EnrolledView />
      )}
    </Card>
  );
}

function PhaseBadge({ status }: { status: SyncStatus }) {
  return (
    <Badge data-testid="sync-phase" color={PHASE_COLORS[status.phase]} variant="light" size="lg">
      {PHASE_LABELS[status.phase]}
    </Badge>
  );
}

function CardTitle({ status }: { status: SyncStatus }) {
  return (
    <Group justify="space-between" mb="sm">
      <Title order={2} size="h4">
        Sync with the council server
      </Title>
      <PhaseBadge status={status} />
    </Group>
  );
}

type Field = 'serverUrl' | 'code' | 'deviceName';

/** A name the facilitator will recognise in the server's device list. */
function defaultDeviceName(): string {
  const ua = typeof navigator === 'undefined' ? '' : navigator.userAgent;
  const os = /Windows/i.test(ua) ? 'Windows' : /Mac OS X|Macintosh/i.test(ua) ? 'Mac' : /CrOS/i.test(ua) ? 'Chromebook' : /Linux/i.test(ua) ? 'Linux' : null;
  return os ? `${os} laptop` : 'My laptop';
}

function EnrollForm() {
  const status = useSync((s) => s.status);
  const pending = useSync((s) => s.pending);
  const enroll = useSync((s) => s.enroll);
  const [values, setValues] = useState<Record<Field, string>>(() => ({ serverUrl: '', code: '', deviceName: defaultDeviceName() }));
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<SyncFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const [askConsent, setAskConsent] = useState(false);

  const submit = async (allowPlainTextStorage: boolean) => {
    const parsed = SyncEnrollRequest.safeParse({ ...values, allowPlainTextStorage });
    if (!parsed.success) {
      const next: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as Field;
        next[field] ??= issue.message;
      }
      setErrors(next);
      return;
    }
    setErrors({});
    setFailure(null);
    setBusy(true);
    try {
      const response = await enroll(parsed.data);
      // Enrolled: the card switches to the connection view as soon as the engine reports the account.
      if (response.status === 'enrolled') return;
      if (response.kind === 'insecure_storage') setAskConsent(true);
      else setFailure(response);
    } catch (e) {
      notifyError('Could not connect', e);
    } finally {
      setBusy(false);
    }
  };

  const input = (field: Field) => ({
    value: values[field],
    error: errors[field],
    onChange: (e: ChangeEvent<HTMLInputElement>) => {
      const value = e.currentTarget.value;
      setValues((v) => ({ ...v, [field]: value }));
      if (errors[field]) setErrors((er) => ({ ...er, [field]: undefined }));
    },
  });

  return (
    <>
      <CardTitle status={status} />
      <Text size="sm" c="dimmed" mb="md">
        Connect this laptop to your council’s sync server to share meetings, sessions and minutes with the other facilitators. Ask the server’s administrator
        for an enrollment code; it works once.
      </Text>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit(false);
        }}
      >
        <Stack maw={520}>
          <TextInput
            label="Server address"
            description="For example http://127.0.0.1:8787"
            autoComplete="url"
            data-testid="sync-server-url"
            {...input('serverUrl')}
          />
          <TextInput
            label="Enrollment code"
            description="16 characters, like ABCD-EFGH-JKMN-PQRS"
            autoComplete="off"
            spellCheck={false}
            data-testid="sync-code"
            {...input('code')}
          />
          <TextInput
            label="Device name"
            description="How this laptop appears in the server’s device list"
            data-testid="sync-device-name"
            {...input('deviceName')}
          />
          {failure && (
            <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Could not connect" role="alert">
              {failure.message}
            </Alert>
          )}
          {pending > 0 && (
            <Text size="sm" c="dimmed" data-testid="sync-pending">
              {plural(pending, 'change')} made on this laptop will be sent once it is connected.
            </Text>
          )}
          <Group>
            <Button type="submit" loading={busy} data-testid="sync-connect">
              Connect
            </Button>
          </Group>
        </Stack>
      </form>
      <ConfirmModal
        opened={askConsent}
        onClose={() => setAskConsent(false)}
        title="Store the device token unencrypted?"
        confirmLabel="Store it unencrypted"
        confirmColor="orange"
        onConfirm={async () => {
          setAskConsent(false);
          await submit(true);
        }}
      >
        <Text size="sm">
          This computer has no keyring (such as GNOME Keyring or KWallet), so the app cannot encrypt the token that lets this laptop sync. If you continue, the
          token is stored unencrypted in the app’s profile folder, where anyone who can read your files could copy it and sync as this laptop.
        </Text>
        <Text size="sm">
          You can cancel, set up a keyring, and connect again with a new code. If the laptop is lost, ask the administrator to revoke this device.
        </Text>
      </ConfirmModal>
    </>
  );
}

/** Re-render every 30 s so "last synced 2 minutes ago" stays true. */
function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => nowMs());
  useEffect(() => {
    const t = setInterval(() => setNow(nowMs()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

const ago = (at: string | number): string => formatDistance(new Date(at), now(), { addSuffix: true });

function StatusDetail({ status }: { status: SyncStatus }) {
  useNow();
  const retry =
    status.nextAttemptAt !== null ? (
      <Text size="sm" c="dimmed">
        Next try {ago(status.nextAttemptAt)}.
      </Text>
    ) : null;
  const last = status.lastSyncedAt ? (
    <Text size="sm" c="dimmed">
      Last synced {ago(status.lastSyncedAt)}.
    </Text>
  ) : null;
  switch (status.phase) {
    case 'syncing': {
      const percent = progressPercent(status.progress);
      return (
        <Stack gap={6} maw={520}>
          {percent !== null && <Progress value={percent} animated aria-label="Sync progress" />}
          <Text size="sm" c="dimmed" aria-live="polite">
            {progressText(status.progress)}
          </Text>
        </Stack>
      );
    }
    case 'up-to-date':
      return (
        <Text size="sm" c="dimmed">
          {status.lastSyncedAt ? `Last synced ${ago(status.lastSyncedAt)}.` : 'Up to date.'}
        </Text>
      );
    case 'offline':
      return (
        <Stack gap={2}>
          <Text size="sm">
            {status.lastProblem ?? 'The sync server cannot be reached. Everything you do is saved on this laptop and sent when it can be reached again.'}
          </Text>
          {retry}
          {last}
        </Stack>
      );
    case 'needs-attention':
      return (
        <Stack gap={2}>
          <Text size="sm" c="orange.9">
            {status.attention?.message ?? status.lastProblem ?? 'Sync stopped.'}
          </Text>
          {retry}
          {last}
        </Stack>
      );
    default:
      return null;
  }
}

function skewText(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return minutes >= 1 ? plural(minutes, 'minute') : plural(Math.max(1, Math.round(ms / 1000)), 'second');
}

function EnrolledView() {
  const status = useSync((s) => s.status);
  const pending = useSync((s) => s.pending);
  const conflictCount = useSync((s) => s.conflictCount);
  const syncNow = useSync((s) => s.syncNow);
  const forget = useSync((s) => s.forget);
  const [confirmForget, setConfirmForget] = useState(false);
  const account = status.account;
  if (!account) return null;
  const syncing = status.phase === 'syncing';
  // Held and local-only changes stay in the outbox but are not waiting for the next sync.
  const waiting = Math.max(0, pending - status.localOnly - status.held.length);

  return (
    <Stack gap="md">
      <div>
        <CardTitle status={status} />
        <StatusDetail status={status} />
      </div>

      <Group>
        <Button leftSection={<IconRefresh size={16} />} onClick={() => void syncNow()} disabled={syncing} data-testid="sync-now">
          Sync now
        </Button>
        <Button
          component={Link}
          href="/sync/conflicts"
          variant={conflictCount > 0 ? 'light' : 'default'}
          color={conflictCount > 0 ? 'orange' : undefined}
          leftSection={<IconGitMerge size={16} />}
          data-testid="sync-conflicts-link"
        >
          Review conflicts ({conflictCount})
        </Button>
      </Group>

      <Stack gap={4}>
        <Text size="sm" data-testid="sync-pending">
          {waiting === 0 ? 'No changes waiting to be sent.' : `${plural(waiting, 'change')} waiting to be sent.`}
        </Text>
        {status.localOnly > 0 && (
          <Text size="sm" c="dimmed">
            {plural(status.localOnly, 'change')} {status.localOnly === 1 ? 'belongs' : 'belong'} to councils that are not on the server; they stay on this
            laptop.
          </Text>
        )}
      </Stack>

      {status.held.length > 0 && (
        <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={`${plural(status.held.length, 'change')} cannot be sent`}>
          <List size="sm" spacing={4}>
            {status.held.map((h) => (
              <List.Item key={h.opId}>
                <Code>
                  {h.table}.{h.field}
                </Code>
                : {h.reason}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}

      {status.clockSkewMs > 0 && (
        <Alert color="yellow" icon={<IconClock size={18} />} title="This laptop’s clock looks wrong">
          It runs about {skewText(status.clockSkewMs)} ahead. Sync still works, but check the computer’s date and time so edits are ordered correctly.
        </Alert>
      )}

      <Table>
        <Table.Tbody>
          <Row label="Server">{account.serverUrl}</Row>
          <Row label="Device name">{account.deviceName}</Row>
          <Row label="Councils">
            {account.councils.length === 0
              ? 'None yet: ask the administrator to add your account to a council.'
              : account.councils.map((c) => c.name).join(', ')}
          </Row>
          <Row label="Device token">{TOKEN_STORAGE_LABELS[account.tokenStorage]}</Row>
          <Row label="Connected since">{format(new Date(account.enrolledAt), 'd MMM yyyy, HH:mm')}</Row>
        </Table.Tbody>
      </Table>

      <Group>
        <Button color="red" variant="light" onClick={() => setConfirmForget(true)}>
          Disconnect this laptop
        </Button>
      </Group>

      <ConfirmModal
        opened={confirmForget}
        onClose={() => setConfirmForget(false)}
        title="Disconnect this laptop?"
        confirmLabel="Disconnect"
        confirmColor="red"
        onConfirm={async () => {
          try {
            await forget();
            setConfirmForget(false);
            notifySuccess('Disconnected. Your data stays on this laptop.');
          } catch (e) {
            notifyError('Could not disconnect', e);
          }
        }}
      >
        <Text size="sm">This laptop stops syncing and forgets its device token. All your data stays on this laptop.</Text>
        <Text size="sm">Changes not sent yet stay in the outbox and are sent after you connect again with a new enrollment code.</Text>
      </ConfirmModal>
    </Stack>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Td w={180} c="dimmed">
        {label}
      </Table.Td>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}

function ConfirmModal({
  opened,
  onClose,
  title,
  confirmLabel,
  confirmColor,
  onConfirm,
  children,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  confirmLabel: string;
  confirmColor: string;
  onConfirm: () => Promise<void>;
  children: ReactNode;
}) {
  const [busy, setBusy] = useState(false);
  return (
    <Modal opened={opened} onClose={onClose} title={title}>
      <Stack>
        {children}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color={confirmColor}
            loading={busy}
            onClick={() => {
              setBusy(true);
              void onConfirm().finally(() => setBusy(false));
            }}
          >
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
