import { Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { Link, useLocation } from 'wouter';
import type { BodyKind } from '@shared/model';
import { useLive } from '../../db/live';
import { listMeetings } from './queries';
import { useMeetingTime } from './format';
import { useT } from '../../i18n';
import { NewMeetingModal } from './NewMeetingModal';

export function BodyMeetingsCard({ bodyKind, bodyId }: { bodyKind: BodyKind; bodyId: string }) {
  const t = useT('meetings');
  const meetingTime = useMeetingTime();
  const [, navigate] = useLocation();
  const [opened, modal] = useDisclosure(false);
  const meetings = useLive((r) => listMeetings(r, { bodyId, limit: 8 }), [bodyId]);
  return (
    <Card withBorder>
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          {t('bodyCard.title')}
        </Title>
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={modal.open}>
          {t('bodyCard.plan')}
        </Button>
      </Group>
      <Stack gap={4}>
        {meetings?.length === 0 && (
          <Text c="dimmed" size="sm">
            {t('bodyCard.none')}
          </Text>
        )}
        {meetings?.map(({ meeting }) => (
          <Group key={meeting.id} justify="space-between">
            <Anchor component={Link} href={`/meetings/${meeting.id}`} size="sm">
              {meeting.title}
            </Anchor>
            <Text size="xs" c="dimmed">
              {meetingTime(meeting.startsAt)}
            </Text>
          </Group>
        ))}
      </Stack>
      <NewMeetingModal
        opened={opened}
        onClose={modal.close}
        body={{ kind: bodyKind, id: bodyId }}
        onCreated={(id) => {
          modal.close();
          navigate(`/meetings/${id}`);
        }}
      />
    </Card>
  );
}
