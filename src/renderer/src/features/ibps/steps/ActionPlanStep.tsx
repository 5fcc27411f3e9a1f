import { Stack, Text, Title } from '@mantine/core';
import type { SessionRecord } from '../queries';
import { ActionItemsEditor } from '../../actions/ActionItemsEditor';
import { useIbpsT } from '../words';

export function ActionPlanStep({ record }: { record: SessionRecord }) {
  const t = useIbpsT();
  const { session } = record;
  return (
    <Stack>
      <Title order={2} size="h3">
        {t('actionPlan.title')}
      </Title>
      <Text c="dimmed">{t('actionPlan.hint', { bodyKind: session.bodyKind })}</Text>
      {record.meeting && (
        <ActionItemsEditor
          items={record.actionItems}
          people={record.members.length ? record.members : record.people}
          newItem={{ bodyKind: session.bodyKind, bodyId: session.bodyId, meetingId: record.meeting.id, sessionId: session.id }}
        />
      )}
    </Stack>
  );
}
