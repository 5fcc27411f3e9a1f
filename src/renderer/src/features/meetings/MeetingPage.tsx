import { Anchor, Button, Card, Grid, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMemo } from 'react';
import { IconFileText, IconMoodEmpty } from '@tabler/icons-react';
import { Link } from 'wouter';
import type { Meeting, Team } from '@shared/model';
import { meetingRoleHolders } from '@shared/meetings/roles';
import { AutosaveNumberInput, AutosaveTextarea, AutosaveTextInput } from '../../components/AutosaveFields';
import { useLive, useRepos } from '../../db/live';
import { meetingPage } from './queries';
import { updateMeeting } from './commands';
import { CarriedForwardCard } from './CarriedForwardCard';
import { MeetingRecordCard } from './MeetingRecordCard';
import { MeetingLanguageSelect } from './MeetingLanguageSelect';
import { trackSave } from '../../stores/saveStatus/store';
import { personOptions } from '../roster/labels';
import { EmptyState } from '../../components/EmptyState';
import { OnDemandSelect } from '../../components/OnDemandSelect';
import { useRosterOnDemand } from '../roster/useRosterOnDemand';
import { useT } from '../../i18n';
import { AgendaEditor } from './AgendaEditor';
import { AttendanceCard } from './AttendanceCard';
import { QuorumPanel } from './QuorumPanel';
import { LockedFieldset, RecordLockNotice } from '../minutes/RecordLockNotice';
import { PreReadMenu } from '../templates/PreReadMenu';
import { SaveTemplateButton } from '../templates/SaveTemplateButton';
import { useRosterWords } from '../roster/useRosterWords';

type RoleField = 'facilitatorId' | 'recorderId' | 'timekeeperId';
/** Each role's field and the key of its words (page.role.<key>, page.role.<key>Hint). */
const ROLES: { field: RoleField; key: 'facilitator' | 'recorder' | 'timekeeper' }[] = [
  { field: 'facilitatorId', key: 'facilitator' },
  { field: 'recorderId', key: 'recorder' },
  { field: 'timekeeperId', key: 'timekeeper' },
];

export function MeetingPage({ id }: { id: string }) {
  const repos = useRepos();
  const t = useT('meetings');
  const { local } = useRosterWords();
  const data = useLive((r) => meetingPage(r, id), [id]);
  const roster = useRosterOnDemand();
  // Roles are usually members, but a facilitator from outside the body is common: members first,
  // then the people the meeting names, then (once a picker opens) the rest of the roster.
  const everyone = useMemo(() => {
    if (!data?.detail) return [];
    const members = data.detail.members;
    const isMember = new Set(members.map((m) => m.id));
    return [...members, ...(roster.people ?? data.people ?? []).filter((p) => !isMember.has(p.id))];
  }, [data, roster.people]);
  const roleOptions = useMemo(() => personOptions(everyone, undefined, local), [everyone, local]);
  if (!data) return null;
  if (!data.detail) {
    return (
      <EmptyState
        icon={<IconMoodEmpty size={30} />}
        title={t('page.notFound.title')}
        action={
          <Button component={Link} href="/">
            {t('page.notFound.back')}
          </Button>
        }
      >
        {t('page.notFound.body')}
      </EmptyState>
    );
  }
  const { meeting, agenda, attendance, members } = data.detail;
  const save = (patch: Partial<Meeting>) => trackSave(() => updateMeeting(repos, id, patch));
  const bodyHref = `/roster/${meeting.bodyKind === 'team' ? 'teams' : 'councils'}/${meeting.bodyId}`;

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Text size="sm" c="dimmed">
            <Anchor component={Link} href="/meetings">
              {t('page.breadcrumb')}
            </Anchor>{' '}
            /{' '}
            {data.body ? (
              <Anchor component={Link} href={bodyHref}>
                {data.body.name}
              </Anchor>
            ) : (
              t('page.unknownBody')
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
            {t('page.minutes')}
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
                  label={t('page.field.title')}
                  value={meeting.title}
                  onSave={(title) => save({ title })}
                  data-testid="meeting-title"
                />
              </Grid.Col>
              <Grid.Col span={{ base: 7, md: 4 }}>
                <TextInput
                  label={t('page.field.startsAt')}
                  type="datetime-local"
                  value={meeting.startsAt}
                  onChange={(e) => e.currentTarget.value && void save({ startsAt: e.currentTarget.value })}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 5, md: 2 }}>
                <AutosaveNumberInput
                  label={t('page.field.duration')}
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
                  label={t('page.field.location')}
                  placeholder={t('page.field.locationPlaceholder')}
                  value={meeting.location}
                  onSave={(location) => save({ location })}
                  data-testid="meeting-location"
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 6 }}>
                <MeetingLanguageSelect value={meeting.language ?? 'en'} onChange={(language) => void save({ language })} />
              </Grid.Col>
              <Grid.Col span={12}>
                <AutosaveTextarea
                  draftKey={`meetings:${meeting.id}:objective`}
                  label={t('page.field.objective')}
                  placeholder={t('page.field.objectivePlaceholder')}
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
            presenters={everyone}
            onPresentersOpen={roster.request}
          />
          <Grid>
            <Grid.Col span={{ base: 12, lg: 7 }}>
              <Stack>
                <Card withBorder>
                  <Title order={2} size="h4" mb="sm">
                    {t('page.roles')}
                  </Title>
                  <Group grow align="flex-start">
                    {ROLES.map(({ field, key }) => (
                      <OnDemandSelect
                        key={field}
                        label={t(`page.role.${key}`)}
                        description={t(`page.role.${key}Hint`)}
                        options={roleOptions}
                        onOpen={roster.request}
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
                  people={everyone}
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
