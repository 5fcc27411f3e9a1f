import { Anchor, Badge, Button, Card, Center, Code, Group, Loader, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconGitMerge } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { DELETED_FIELD } from '@shared/sync/protocol';
import { notifyError } from '../../components/notify';
import type { ConflictView } from '../../sync/conflicts';
import { loadConflicts } from './queries';
import { useSync } from '../../stores/sync/store';
import { describeValue, fieldLabel, hlcTime, presentConflict, tableLabel, type ValueDisplay } from './labels';
import { useT } from '../../i18n';
import { useSyncWords } from './useSyncWords';

/**
 * The conflicts list is re-read whenever the sync store re-counts (after each round and each
 * action): the sync layer's own tables are written below Dexie's liveQuery, so it never fires.
 */
function useConflicts(): ConflictView[] | null {
  const t = useT('sync');
  const revision = useSync((s) => s.revision);
  const refreshCounts = useSync((s) => s.refreshCounts);
  const [list, setList] = useState<ConflictView[] | null>(null);
  useEffect(() => void refreshCounts(), [refreshCounts]);
  useEffect(() => {
    let live = true;
    loadConflicts().then(
      (l) => live && setList(l),
      (e: unknown) => notifyError(t('conflicts.readFailed'), e),
    );
    return () => {
      live = false;
    };
  }, [revision, t]);
  return list;
}

export function ConflictsPage() {
  const t = useT('sync');
  const conflicts = useConflicts();
  return (
    <Stack>
      <Anchor component={Link} href="/settings" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {t('conflicts.back')}
        </Group>
      </Anchor>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('conflicts.title')}
        </Title>
        {conflicts && conflicts.length > 0 && (
          <Badge color="orange" size="lg" variant="light">
            {t('conflicts.toReview', { count: conflicts.length })}
          </Badge>
        )}
      </Group>
      {conflicts === null ? (
        <Center py="xl">
          <Loader />
        </Center>
      ) : conflicts.length === 0 ? (
        <Center py={48}>
          <Stack align="center" gap="sm" maw={480} ta="center">
            <ThemeIcon size={56} radius="xl" variant="light">
              <IconGitMerge size={30} />
            </ThemeIcon>
            <Text c="dimmed">{t('conflicts.none')}</Text>
          </Stack>
        </Center>
      ) : (
        <>
          <Text size="sm" c="dimmed" maw={720}>
            {t('conflicts.intro')}
          </Text>
          {conflicts.map((c) => (
            <ConflictCard key={c.id} conflict={c} />
          ))}
        </>
      )}
    </Stack>
  );
}

function ValueBox({ title, when, value, color, testId }: { title: string; when: string; value: ValueDisplay; color: string; testId?: string }) {
  const wrap = { whiteSpace: 'pre-wrap', wordBreak: 'break-word' } as const;
  return (
    <Paper withBorder p="sm" radius="sm" style={{ borderLeft: `4px solid var(--mantine-color-${color}-5)` }}>
      <Group justify="space-between" gap="xs" mb={6}>
        <Text size="sm" fw={600}>
          {title}
        </Text>
        <Text size="xs" c="dimmed">
          {when}
        </Text>
      </Group>
      {value.style === 'json' ? (
        <Code block data-testid={testId} style={wrap}>
          {value.text}
        </Code>
      ) : (
        <Text
          size="sm"
          data-testid={testId}
          c={value.style === 'empty' ? 'dimmed' : undefined}
          fs={value.style === 'empty' ? 'italic' : undefined}
          style={wrap}
        >
          {value.text}
        </Text>
      )}
    </Paper>
  );
}

function ConflictCard({ conflict: c }: { conflict: ConflictView }) {
  const t = useT('sync');
  const words = useSyncWords();
  const restore = useSync((s) => s.restoreConflict);
  const keep = useSync((s) => s.keepCurrent);
  const [busy, setBusy] = useState<'restore' | 'keep' | null>(null);
  const shown = presentConflict(c, words);
  const deleteRace = c.kind === 'edit-vs-delete' && c.refused === undefined;
  // The field may have moved on since the conflict arose: show what is there now.
  const kept: ValueDisplay = deleteRace
    ? { text: t('value.deleted'), style: 'empty' }
    : describeValue(c.field, c.currentValue !== undefined ? c.currentValue : c.winningValue, words);
  const losing = describeValue(c.field, c.losingValue, words);

  const act = async (which: 'restore' | 'keep') => {
    setBusy(which);
    try {
      const outcome = which === 'restore' ? await restore(c.id) : await keep(c.id);
      notifications.show({
        color: outcome === 'gone' ? 'gray' : 'teal',
        message:
          outcome === 'gone'
            ? t('conflicts.gone')
            : outcome === 'restored'
              ? t('conflicts.restored')
              : c.refused !== undefined
                ? t('conflicts.dismissed')
                : t('conflicts.kept'),
        autoClose: 5000,
      });
    } catch (e) {
      notifyError(which === 'restore' ? t('conflicts.restoreFailed') : c.refused !== undefined ? t('conflicts.dismissFailed') : t('conflicts.keepFailed'), e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card withBorder data-testid="conflict-row" data-conflict-id={c.id} data-kind={c.refused !== undefined ? 'refused' : c.kind}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Text fw={600}>
              {tableLabel(c.table, words)}
              {c.field !== DELETED_FIELD && (
                <Text span c="dimmed" fw={400}>
                  {' '}
                  · {fieldLabel(c.field, words)}
                </Text>
              )}
            </Text>
            {c.rowLabel && (
              <Text size="sm" lineClamp={2}>
                {c.rowLabel}
              </Text>
            )}
          </div>
          <Group gap={6} wrap="nowrap">
            {c.rowDeleted && !deleteRace && (
              <Badge color="gray" variant="light">
                {t('conflicts.rowDeleted')}
              </Badge>
            )}
            <Badge color={shown.color} variant="light" data-testid="conflict-kind">
              {shown.label}
            </Badge>
          </Group>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <ValueBox title={shown.keptTitle} when={hlcTime(c.winningHlc, words)} value={kept} color="teal" />
          <ValueBox title={shown.otherTitle} when={hlcTime(c.losingHlc, words)} value={losing} color={shown.color} testId="conflict-losing-value" />
        </SimpleGrid>
        {shown.explanation && (
          <Text size="xs" c="dimmed" data-testid="conflict-explanation">
            {shown.explanation}
          </Text>
        )}
        <Group gap="sm">
          {shown.restorable && (
            <Button size="sm" onClick={() => void act('restore')} loading={busy === 'restore'} disabled={busy !== null} data-testid="conflict-restore">
              {deleteRace ? t('conflicts.restoreRow') : t('conflicts.restoreValue')}
            </Button>
          )}
          <Button size="sm" variant="default" onClick={() => void act('keep')} loading={busy === 'keep'} disabled={busy !== null} data-testid="conflict-keep">
            {shown.keepLabel}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
