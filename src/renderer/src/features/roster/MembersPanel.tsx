import { ActionIcon, Card, Group, Select, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconUserMinus } from '@tabler/icons-react';
import type { BodyKind } from '@shared/model';
import { countBySide } from '@shared/roster/quorum';
import { useLive, useRepos } from '../../db/live';
import { useRosterWords } from './useRosterWords';
import { addMember, removeMember } from './commands';
import { membersOf, peopleByName } from './queries';
import { notifyWithUndo } from '../../components/notify';
import { trackSave } from '../../stores/saveStatus/store';
import { personLabel, personOptions } from './labels';
import { SideBadge } from './SideBadge';

/** Council or team membership: who counts toward quorum, by side. */
export function MembersPanel({ bodyKind, bodyId }: { bodyKind: BodyKind; bodyId: string }) {
  const repos = useRepos();
  const { t, local } = useRosterWords();
  const data = useLive(async (r) => ({ members: await membersOf(r, bodyId), people: await peopleByName(r) }), [bodyId]);
  if (!data) return null;
  const memberIds = new Set(data.members.map((m) => m.id));
  const counts = countBySide(data.members);

  return (
    <Card withBorder>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">
            {t('members.title', { count: data.members.length })}
          </Title>
          <Text size="sm" c="dimmed">
            {t('members.bySide', { ...counts })}
          </Text>
        </Group>
        <Select
          aria-label={t('members.add')}
          placeholder={t('members.addPlaceholder')}
          searchable
          clearable
          value={null}
          nothingFoundMessage={t('members.nothingFound')}
          limit={50}
          data={personOptions(data.people, undefined, local).filter((o) => !memberIds.has(o.value))}
          onChange={(id) => id && void trackSave(() => addMember(repos, id, bodyKind, bodyId))}
        />
        {data.members.length === 0 && (
          <Text c="dimmed" size="sm">
            {t('members.none')}
          </Text>
        )}
        {data.members.map((m) => (
          <Group key={m.id} justify="space-between" wrap="nowrap" data-testid="member-row">
            <Group gap="xs" wrap="nowrap">
              <SideBadge side={m.side} />
              <Text size="sm">{personLabel(m, local)}</Text>
              {m.roleTitles.length > 0 && (
                <Text size="xs" c="dimmed">
                  {m.roleTitles.join(', ')}
                </Text>
              )}
            </Group>
            <Tooltip label={t('members.remove')}>
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={t('members.removeLabel', { name: m.name })}
                onClick={async () => {
                  await trackSave(() => removeMember(repos, m.id, bodyId));
                  notifyWithUndo(t('members.removed', { name: m.name }), () => trackSave(() => addMember(repos, m.id, bodyKind, bodyId)));
                }}
              >
                <IconUserMinus size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
