import { Card, Grid, Stack, Title } from '@mantine/core';
import type { Meeting } from '@shared/model';
import { useLive } from '../../db/live';
import { meetingRecord } from './queries';
import { LockedFieldset } from '../minutes/RecordLockNotice';
import { ActionItemsEditor } from '../actions/ActionItemsEditor';
import { ParkingLotPanel } from '../ibps/ParkingLotPanel';
import { PlusDeltaPanel } from '../ibps/PlusDeltaPanel';
import { useT } from '../../i18n';

/** The meeting's own record outside IBPS sessions: action items, parking lot, plus/delta. */
export function MeetingRecordCard({ meeting, locked = false }: { meeting: Meeting; locked?: boolean }) {
  const t = useT('meetings');
  const data = useLive((r) => meetingRecord(r, meeting), [meeting.id, meeting.bodyId]);
  if (!data) return null;
  return (
    <Card withBorder>
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <Title order={2} size="h4">
              {t('page.record')}
            </Title>
            <ActionItemsEditor
              items={data.actionItems}
              people={data.members}
              newItem={{ bodyKind: meeting.bodyKind, bodyId: meeting.bodyId, meetingId: meeting.id }}
              recordLocked={locked}
            />
            <LockedFieldset locked={locked}>
              <PlusDeltaPanel items={data.plusDeltas.filter((p) => !p.sessionId)} meetingId={meeting.id} sessionId={null} />
            </LockedFieldset>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <ParkingLotPanel
            items={data.parkingLot}
            body={{ kind: meeting.bodyKind, id: meeting.bodyId }}
            meetingId={meeting.id}
            sessionId={null}
            captureLocked={locked}
          />
        </Grid.Col>
      </Grid>
    </Card>
  );
}
