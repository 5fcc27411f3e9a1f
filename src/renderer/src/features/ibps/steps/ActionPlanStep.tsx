import { Stack, Text, Title } from '@mantine/core';
import type { SessionRecord } from '../queries';
import { ActionItemsEditor } from '../../actions/ActionItemsEditor';

export function ActionPlanStep({ record }: { record: SessionRecord }) {
  const { session } = record;
  return (
    <Stack>
      <Title order={2} size="h3">
        Action plan
      </Title>
      <Text c="dimmed">
        Who does what by when, and how the team will know it worked. Open items carry forward to the next meeting of this {session.bodyKind}.
      </Text>
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
