import { Anchor, Button, Card, Grid, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconFileText } from '@tabler/icons-react';
import { Link } from 'wouter';
import type { Meeting, Team } from '@shared/model';
import { meetingRoleHolders } from '@shared/meetings/roles';
import { AutosaveNumberInput, AutosaveTextarea, AutosaveTextInput } from '../../components/AutosaveFields';
import { useLive, useRepos } from '../../db/live';
import { meetingPage } from './queries';
import { updateMeeting } from './commands';
import { CarriedForwardCard } from './CarriedForwardCard';
import { MeetingRecordCard } from './MeetingRecordCard';
import { trackSave } from '../../stores/saveStatus/store';
import { personOptions } from '../roster/labels';
import { NotFound } from '../placeholders/NotFound';
import { AgendaEditor } from './AgendaEditor';
import { AttendanceCard } from './AttendanceCard';
import { QuorumPanel } from './QuorumPanel';
import { LockedFieldset, RecordLockNotice } from '../minutes/RecordLockNotice';
import { PreReadMenu } from '../templates/PreReadMenu';
import { SaveTemplateButton } from '../templates/SaveTemplateButton';

type RoleField = 'facilitatorId' | 'recorderId' | 'timekeeperId';
const ROLES: { field: RoleField; label: string; hint: string }[] = [
  { field: 'facilitatorId', label: 'Facilitator', hint: 'Guides the process' },
  { field: 'recorderId', label: 'Recorder', hint: 'Captures the record where all can see it' },
  { field: 'timekeeperId', label: 'Timekeeper', hint: 'Signals when time is nearly up' },
];

export function MeetingPage({ id }: { id: string }) {
  const repos = useRepos();
  const data = useLive((r) => meetingPage(r, id), [id]);
  if (!data) return null;
  if (!data.detail) return <NotFound what="meeting" />;
  const { meeting, agenda, attendance, members } = data.detail;
  const save = (patch: Partial<Meeting>) => trackSave(() => updateMeeting(repos, id, patch));
  const bodyHref = `/roster/${meeting.bodyKind === 'team' ? 'teams' : 'councils'}/${meeting.bodyId}`;
  // Roles are usually members, but a facilitator from outside the body is common.
  const roleOptions = personOptions([...members, ...(data.people ?? []).filter((p) => !members.some((m) => m.id === p.id))]);

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Text size="sm" c="dimmed">
            <Anchor component={Link} href="/meetings">
              Meetings
            </Anchor>{' '}
            /{' '}
            {data.body ? (
              <Anchor component={Link} href={bodyHref}>
                {data.body.name}
              </Anchor>
            ) : (
              'unknown body'
            )}
          </Text>
          <Title order={1} size="h2">
            {meeting.title}
          </Title>
        </Stack>
        <Group gap="xs">
          <SaveTemplateButton meetingId={id} defaultName={meeting.title} />
          <PreReadMenu meetingId={id} />
          <Button component={Link} href={`/meetings/${id}/minutes`} variant="light" leftSection={<IconFileText size={16} />} data-testid="open-minutes">
            Minutes
          </Button>
        </Group>
      </Group>
      <RecordLockNotice lock={data.lock} meetingId={id} />
      <LockedFieldset locked={data.lock.locked}>
        <Stack>
          <Card withBorder>
            <Grid>
              <Grid.Col span={{ base: 12, md: 6 }}>
                <AutosaveTextInput
                  draftKey={`meetings:${meeting.id}:title`}
                  label="Title"
                  value={meeting.title}
                  onSave={(title) => save({ title })}
                  data-testid="meeting-title"
                />
              </Grid.Col>
              <Grid.Col span={{ base: 7, md: 4 }}>
                <TextInput
                  label="Date and time"
                  type="datetime-local"
                  value={meeting.startsAt}
                  onChange={(e) => e.currentTarget.value && void save({ startsAt: e.currentTarget.value })}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 5, md: 2 }}>
                <AutosaveNumberInput
                  label="Minutes"
                  min={5}
                  max={1440}
                  allowDecimal={false}
                  value={meeting.durationMinutes}
                  onSave={(durationMinutes) => save({ durationMinutes })}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 6 }}>
                <AutosaveTextInput
                  draftKey={`meetings:${meeting.id}:location`}
                  label="Location"
                  placeholder="e.g. 3rd floor break room"
                  value={meeting.location}
                  onSave={(location) => save({ location })}
                  data-testid="meeting-location"
                />
              </Grid.Col>
              <Grid.Col span={12}>
                <AutosaveTextarea
                  draftKey={`meetings:${meeting.id}:objective`}
                  label="Objective"
                  placeholder="What this meeting must achieve"
                  value={meeting.objective}
                  onSave={(objective) => save({ objective })}
                  data-testid="meeting-objective"
                />
              </Grid.Col>
            </Grid>
          </Card>
          <CarriedForwardCard meeting={meeting} />
          <AgendaEditor
            meeting={meeting}
            items={agenda}
            sessions={data.sessions}
            openSessions={data.openSessions}
            presenters={[...members, ...(data.people ?? []).filter((p) => !members.some((m) => m.id === p.id))]}
          />
          <Grid>
            <Grid.Col span={{ base: 12, lg: 7 }}>
              <Stack>
                <Card withBorder>
                  <Title order={2} size="h4" mb="sm">
                    Roles
                  </Title>
                  <Group grow align="flex-start">
                    {ROLES.map(({ field, label, hint }) => (
                      <Select
                        key={field}
                        label={label}
                        description={hint}
                        data={roleOptions}
                        limit={50}
                        value={meeting[field]}
                        searchable
                        clearable
                        onChange={(v) => void save({ [field]: v })}
                      />
                    ))}
                  </Group>
                </Card>
                <AttendanceCard
                  meetingId={id}
                  members={members}
                  attendance={attendance}
                  roleHolders={meetingRoleHolders(meeting, meeting.bodyKind === 'team' ? (data.body as Team | undefined) : null)}
                  people={[...members, ...(data.people ?? [])]}
                />
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 5 }}>
              <QuorumPanel rules={data.rules ?? null} members={members} attendance={attendance} />
            </Grid.Col>
          </Grid>
        </Stack>
      </LockedFieldset>
      <MeetingRecordCard meeting={meeting} locked={data.lock.locked} />
    </Stack>
  );
}
