import { Badge, Group, Stack, Text, Title } from '@mantine/core';
import { SIDES, type Person } from '@shared/model';
import { countBySide } from '@shared/roster/quorum';
import { AutosaveTextarea } from '../../components/AutosaveFields';
import { useRepos } from '../../db/live';
import type { SessionRecord } from './queries';
import { trackSave } from '../../stores/saveStatus/store';
import { setGroundRules } from './commands';
import { sideLabel, useIbpsT } from './words';

/** Session set-up: ground rules (from the charter, editable here), roles and who is present by side. */
export function SetUpPanel({ record, present }: { record: SessionRecord; present: Person[] }) {
  const repos = useRepos();
  const t = useIbpsT();
  const bySide = countBySide(present);
  const name = (id: string | null | undefined) => (id ? (record.people.find((p) => p.id === id)?.name ?? t('setUp.outsideRoster')) : t('setUp.notSet'));
  const m = record.meeting;
  return (
    <Stack gap="xs" data-testid="session-setup">
      <Title order={2} size="h5">
        {t('setUp.title')}
      </Title>
      <AutosaveTextarea
        draftKey={`ibpsSessions:${record.session.id}:groundRules`}
        label={t('setUp.groundRules')}
        size="xs"
        minRows={3}
        value={record.session.groundRules.join('\n')}
        onSave={(text) => trackSave(() => setGroundRules(repos, record.session.id, text.split('\n')))}
      />
      {m && <Text size="xs">{t('setUp.roles', { facilitator: name(m.facilitatorId), recorder: name(m.recorderId), timekeeper: name(m.timekeeperId) })}</Text>}
      <Text fw={600} size="sm">
        {t('setUp.present', { count: present.length })}
      </Text>
      <Group gap={4}>
        {SIDES.filter((s) => bySide[s] > 0).map((s) => (
          <Badge key={s} size="sm" variant="outline">
            {t('setUp.sideCount', { side: sideLabel(t, s), count: bySide[s] })}
          </Badge>
        ))}
      </Group>
      <Group gap={4}>
        {present.length === 0 && (
          <Text size="xs" c="dimmed">
            {t('setUp.noAttendance')}
          </Text>
        )}
        {present.map((p) => (
          <Badge key={p.id} size="sm" variant="light">
            {p.name}
          </Badge>
        ))}
      </Group>
    </Stack>
  );
}
