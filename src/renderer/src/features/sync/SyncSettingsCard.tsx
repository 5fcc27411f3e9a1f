import { Alert, Badge, Button, Card, Code, Group, List, Loader, Modal, Progress, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconClock, IconGitMerge, IconRefresh } from '@tabler/icons-react';
import { formatDistance } from 'date-fns';
import { enUS, es } from 'date-fns/locale';
import { useEffect, useState, type ChangeEvent, type ReactNode } from 'react';
import { Link } from 'wouter';
import { now, nowMs } from '@shared/clock';
import { SyncEnrollRequest, type SyncFailure } from '@shared/sync/connection';
import { notifyError, notifySuccess } from '../../components/notify';
import type { Locale } from '@shared/i18n/locales';
import type { Translate } from '@shared/i18n/translator';
import type { SyncStatus } from '../../sync/engine';
import { PHASE_COLORS, progressPercent, selectShowEnrollForm } from '../../stores/sync/selectors';
import { useSync } from '../../stores/sync/store';
import { useFormat, useT } from '../../i18n';
import { formProblemText, problemText, progressText } from './labels';
import { useSyncWords } from './useSyncWords';

const DATE_FNS_LOCALES: Record<Locale, typeof enUS> = { en: enUS, es };

/** Settings > Sync: the enrollment form, or this laptop's connection and what sync is doing. */
export function SyncSettingsCard() {
  const t = useT('sync');
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
            {t('settings.checking')}
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
  const t = useT('sync');
  return (
    <Badge data-testid="sync-phase" color={PHASE_COLORS[status.phase]} variant="light" size="lg">
      {t(`settings.phase.${status.phase}`)}
    </Badge>
  );
}

function CardTitle({ status }: { status: SyncStatus }) {
  const t = useT('sync');
  return (
    <Group justify="space-between" mb="sm">
      <Title order={2} size="h4">
        {t('settings.title')}
      </Title>
      <PhaseBadge status={status} />
    </Group>
  );
}

type Field = 'serverUrl' | 'code' | 'deviceName';

/** A name the facilitator will recognise in the server's device list. */
function defaultDeviceName(t: Translate): string {
  const ua = typeof navigator === 'undefined' ? '' : navigator.userAgent;
  const os = /Windows/i.test(ua) ? 'Windows' : /Mac OS X|Macintosh/i.test(ua) ? 'Mac' : /CrOS/i.test(ua) ? 'Chromebook' : /Linux/i.test(ua) ? 'Linux' : null;
  return os ? t('settings.device.os', { os }) : t('settings.device.mine');
}

function EnrollForm() {
  const t = useT('sync');
  const words = useSyncWords();
  const status = useSync((s) => s.status);
  const pending = useSync((s) => s.pending);
  const enroll = useSync((s) => s.enroll);
  const [values, setValues] = useState<Record<Field, string>>(() => ({ serverUrl: '', code: '', deviceName: defaultDeviceName(t) }));
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
        next[field] ??= formProblemText(issue.message, words);
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
      notifyError(t('settings.couldNotConnect'), e);
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
        {t('settings.intro')}
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
            label={t('settings.serverUrl')}
            description={t('settings.serverUrlHint')}
            autoComplete="url"
            data-testid="sync-server-url"
            {...input('serverUrl')}
          />
          <TextInput
            label={t('settings.code')}
            description={t('settings.codeHint')}
            autoComplete="off"
            spellCheck={false}
            data-testid="sync-code"
            {...input('code')}
          />
          <TextInput label={t('settings.deviceName')} description={t('settings.deviceNameHint')} data-testid="sync-device-name" {...input('deviceName')} />
          {failure && (
            <Alert color="red" icon={<IconAlertTriangle size={18} />} title={t('settings.couldNotConnect')} role="alert">
              {failure.message}
            </Alert>
          )}
          {pending > 0 && (
            <Text size="sm" c="dimmed" data-testid="sync-pending">
              {t('settings.pendingBeforeConnect', { count: pending })}
            </Text>
          )}
          <Group>
            <Button type="submit" loading={busy} data-testid="sync-connect">
              {t('settings.connect')}
            </Button>
          </Group>
        </Stack>
      </form>
      <ConfirmModal
        opened={askConsent}
        onClose={() => setAskConsent(false)}
        title={t('settings.consent.title')}
        confirmLabel={t('settings.consent.confirm')}
        confirmColor="orange"
        onConfirm={async () => {
          setAskConsent(false);
          await submit(true);
        }}
      >
        <Text size="sm">{t('settings.consent.why')}</Text>
        <Text size="sm">{t('settings.consent.instead')}</Text>
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

const ago = (at: string | number, locale: Locale): string => formatDistance(new Date(at), now(), { addSuffix: true, locale: DATE_FNS_LOCALES[locale] });

function StatusDetail({ status }: { status: SyncStatus }) {
  const t = useT('sync');
  const words = useSyncWords();
  const { locale } = words;
  useNow();
  const retry =
    status.nextAttemptAt !== null ? (
      <Text size="sm" c="dimmed">
        {t('settings.nextTry', { when: ago(status.nextAttemptAt, locale) })}
      </Text>
    ) : null;
  const last = status.lastSyncedAt ? (
    <Text size="sm" c="dimmed">
      {t('settings.lastSynced', { when: ago(status.lastSyncedAt, locale) })}
    </Text>
  ) : null;
  switch (status.phase) {
    case 'syncing': {
      const percent = progressPercent(status.progress);
      return (
        <Stack gap={6} maw={520}>
          {percent !== null && <Progress value={percent} animated aria-label={t('settings.progressLabel')} />}
          <Text size="sm" c="dimmed" aria-live="polite">
            {progressText(status.progress, words)}
          </Text>
        </Stack>
      );
    }
    case 'up-to-date':
      return (
        <Text size="sm" c="dimmed">
          {status.lastSyncedAt ? t('settings.lastSynced', { when: ago(status.lastSyncedAt, locale) }) : t('settings.upToDate')}
        </Text>
      );
    case 'offline':
      return (
        <Stack gap={2}>
          <Text size="sm">{status.lastProblem ? problemText(status.lastProblem, words) : t('settings.offline')}</Text>
          {retry}
          {last}
        </Stack>
      );
    case 'needs-attention':
      return (
        <Stack gap={2}>
          <Text size="sm" c="orange.9">
            {status.attention
              ? problemText(status.attention.message, words)
              : status.lastProblem
                ? problemText(status.lastProblem, words)
                : t('settings.stopped')}
          </Text>
          {retry}
          {last}
        </Stack>
      );
    default:
      return null;
  }
}

function skewText(ms: number, t: Translate): string {
  const minutes = Math.round(ms / 60_000);
  return minutes >= 1 ? t('settings.clockMinutes', { count: minutes }) : t('settings.clockSeconds', { count: Math.max(1, Math.round(ms / 1000)) });
}

function EnrolledView() {
  const t = useT('sync');
  const f = useFormat();
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
          {t('settings.syncNow')}
        </Button>
        <Button
          component={Link}
          href="/sync/conflicts"
          variant={conflictCount > 0 ? 'light' : 'default'}
          color={conflictCount > 0 ? 'orange' : undefined}
          leftSection={<IconGitMerge size={16} />}
          data-testid="sync-conflicts-link"
        >
          {t('settings.review', { count: conflictCount })}
        </Button>
      </Group>

      <Stack gap={4}>
        <Text size="sm" data-testid="sync-pending">
          {waiting === 0 ? t('settings.waitingNone') : t('settings.waiting', { count: waiting })}
        </Text>
        {status.localOnly > 0 && (
          <Text size="sm" c="dimmed">
            {t('settings.localOnly', { count: status.localOnly })}
          </Text>
        )}
      </Stack>

      {status.held.length > 0 && (
        <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={t('settings.held', { count: status.held.length })}>
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
        <Alert color="yellow" icon={<IconClock size={18} />} title={t('settings.clockTitle')}>
          {skewText(status.clockSkewMs, t)}
        </Alert>
      )}

      <Table>
        <Table.Tbody>
          <Row label={t('settings.row.server')}>{account.serverUrl}</Row>
          <Row label={t('settings.row.deviceName')}>{account.deviceName}</Row>
          <Row label={t('settings.row.councils')}>
            {account.councils.length === 0 ? t('settings.councilsNone') : account.councils.map((c) => c.name).join(', ')}
          </Row>
          <Row label={t('settings.row.deviceToken')}>{t(`settings.token.${account.tokenStorage}`)}</Row>
          <Row label={t('settings.row.connectedSince')}>{f.date(account.enrolledAt, 'dateTime')}</Row>
        </Table.Tbody>
      </Table>

      <Group>
        <Button color="red" variant="light" onClick={() => setConfirmForget(true)}>
          {t('settings.disconnect')}
        </Button>
      </Group>

      <ConfirmModal
        opened={confirmForget}
        onClose={() => setConfirmForget(false)}
        title={t('settings.disconnectTitle')}
        confirmLabel={t('settings.disconnectConfirm')}
        confirmColor="red"
        onConfirm={async () => {
          try {
            await forget();
            setConfirmForget(false);
            notifySuccess(t('settings.disconnected'));
          } catch (e) {
            notifyError(t('settings.disconnectFailed'), e);
          }
        }}
      >
        <Text size="sm">{t('settings.disconnectWhat')}</Text>
        <Text size="sm">{t('settings.disconnectOutbox')}</Text>
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
  const t = useT('sync');
  const [busy, setBusy] = useState(false);
  return (
    <Modal opened={opened} onClose={onClose} title={title}>
      <Stack>
        {children}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('cancel')}
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
