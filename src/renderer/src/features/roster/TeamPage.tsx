import { Anchor, Card, Grid, Group, Select, Stack, Text, Title } from '@mantine/core';
import { Link } from 'wouter';
import { ConsensusMethod, type Charter, type Side, type Team } from '@shared/model';
import { AutosaveTextarea, AutosaveTextInput } from '../../components/AutosaveFields';
import { useLive, useRepos } from '../../db/live';
import { trackSave } from '../../stores/saveStatus/store';
import { BodyMeetingsCard } from '../meetings/BodyMeetingsCard';
import { TemplatesCard } from '../templates/TemplatesCard';
import { TeamLevelCard } from '../p2p/TeamLevelCard';
import { NotFound } from '../placeholders/NotFound';
import { ArchiveButton } from './ArchiveButton';
import { personOptions, regionOptions } from './labels';
import { useRosterWords } from './useRosterWords';
import { MembersPanel } from './MembersPanel';
import { QuorumEditor } from './QuorumEditor';
import { setTeamLead, updateCharter, updateTeam, type TeamLeadField } from './commands';
import { teamPage } from './queries';

// Each lead's label is `roster:team.lead.<field>`.
const LEADS: { field: TeamLeadField; side: Side }[] = [
  { field: 'managementCoLeadId', side: 'management' },
  { field: 'unionCoLeadId', side: 'union' },
  { field: 'physicianCoLeadId', side: 'physician' },
  { field: 'managementSponsorId', side: 'management' },
  { field: 'unionSponsorId', side: 'union' },
];

export function TeamPage({ id }: { id: string }) {
  const repos = useRepos();
  const { t, local } = useRosterWords();
  const data = useLive((r) => teamPage(r, id), [id]);
  if (!data) return null;
  const { team } = data;
  if (!team) return <NotFound what="team" />;
  const save = (patch: Partial<Team>) => trackSave(() => updateTeam(repos, id, patch));
  const saveCharter = (patch: Partial<Charter>) => trackSave(() => updateCharter(repos, id, patch));
  const council = data.councils.find((c) => c.id === team.councilId);

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Text size="sm" c="dimmed">
            <Anchor component={Link} href="/roster">
              {t('title')}
            </Anchor>{' '}
            /{' '}
            {council ? (
              <Anchor component={Link} href={`/roster/councils/${council.id}`}>
                {council.name}
              </Anchor>
            ) : (
              t('breadcrumb.council')
            )}{' '}
            / {t('breadcrumb.team')}
          </Text>
          <Title order={1} size="h2">
            {team.name}
          </Title>
        </Stack>
        <ArchiveButton table="teams" record={team} label={team.name} />
      </Group>
      <Card withBorder>
        <Grid>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <AutosaveTextInput
              draftKey={`teams:${team.id}:name`}
              label={t('field.teamName')}
              value={team.name}
              onSave={(name) => save({ name })}
              data-testid="team-name"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <AutosaveTextInput
              draftKey={`teams:${team.id}:department`}
              label={t('field.department')}
              value={team.department}
              onSave={(department) => save({ department })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 2 }}>
            <Select
              label={t('field.region')}
              data={regionOptions(t)}
              value={team.region || null}
              clearable
              searchable
              onChange={(v) => void save({ region: v ?? '' })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 2 }}>
            <Select
              label={t('field.council')}
              data={data.councils.filter((c) => !c.archivedAt || c.id === team.councilId).map((c) => ({ value: c.id, label: c.name }))}
              value={team.councilId}
              allowDeselect={false}
              onChange={(v) => v && void save({ councilId: v })}
            />
          </Grid.Col>
          {LEADS.map(({ field, side }) => (
            <Grid.Col key={field} span={{ base: 12, md: field.endsWith('SponsorId') ? 6 : 4 }}>
              <Select
                label={t(`team.lead.${field}`)}
                limit={50}
                data={personOptions(data.people, side, local)}
                value={team[field]}
                searchable
                clearable
                nothingFoundMessage={t('team.noSidePeople', { side })}
                onChange={(v) => void trackSave(() => setTeamLead(repos, id, field, v))}
              />
            </Grid.Col>
          ))}
        </Grid>
      </Card>
      {/* The level comes from confirmed assessments (level per quarter, with what changed), never typed. */}
      <TeamLevelCard teamId={id} />
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t('team.charter')}
        </Title>
        <Grid>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <AutosaveTextarea
              draftKey={`teams:${team.id}:purpose`}
              label={t('team.purpose')}
              value={team.charter.purpose}
              onSave={(purpose) => saveCharter({ purpose })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <AutosaveTextarea
              draftKey={`teams:${team.id}:scope`}
              label={t('team.scope')}
              value={team.charter.scope}
              onSave={(scope) => saveCharter({ scope })}
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <QuorumEditor label={t('team.meetingQuorum')} value={team.charter.meetingQuorum} onSave={(meetingQuorum) => saveCharter({ meetingQuorum })} />
          </Grid.Col>
          <Grid.Col span={12}>
            <QuorumEditor
              label={t('team.consensusQuorum')}
              value={team.charter.consensusQuorum}
              onSave={(consensusQuorum) => saveCharter({ consensusQuorum })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Select
              label={t('team.consensusMethod')}
              data={ConsensusMethod.options.map((value) => ({ value, label: t(`consensusMethod.${value}`) }))}
              value={team.charter.consensusMethod}
              allowDeselect={false}
              onChange={(v) => v && void saveCharter({ consensusMethod: v as ConsensusMethod })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 8 }}>
            <AutosaveTextarea
              draftKey={`teams:${team.id}:whenConsensusFails`}
              label={t('team.whenConsensusFails')}
              placeholder={t('team.whenConsensusFailsPlaceholder')}
              value={team.charter.whenConsensusFails}
              onSave={(whenConsensusFails) => saveCharter({ whenConsensusFails })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <AutosaveTextarea
              draftKey={`teams:${team.id}:emergencyDecisions`}
              label={t('team.emergencyDecisions')}
              value={team.charter.emergencyDecisions}
              onSave={(emergencyDecisions) => saveCharter({ emergencyDecisions })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <AutosaveTextarea
              draftKey={`teams:${team.id}:groundRules`}
              label={t('team.groundRules')}
              minRows={4}
              value={team.charter.groundRules.join('\n')}
              onSave={(text) =>
                saveCharter({
                  groundRules: text
                    .split('\n')
                    .map((r) => r.trim())
                    .filter(Boolean),
                })
              }
            />
          </Grid.Col>
        </Grid>
      </Card>
      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <MembersPanel bodyKind="team" bodyId={id} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack>
            <BodyMeetingsCard bodyKind="team" bodyId={id} />
            <TemplatesCard bodyKind="team" bodyId={id} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
