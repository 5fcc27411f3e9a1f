import { Anchor, Button, Card, Grid, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { Link, useLocation } from 'wouter';
import type { Council, CouncilLevel } from '@shared/model';
import { useT } from '../../i18n';
import { AutosaveTextInput } from '../../components/AutosaveFields';
import { useLive, useRepos } from '../../db/live';
import { trackSave } from '../../stores/saveStatus/store';
import { BodyMeetingsCard } from '../meetings/BodyMeetingsCard';
import { TemplatesCard } from '../templates/TemplatesCard';
import { NotFound } from '../placeholders/NotFound';
import { ArchiveButton } from './ArchiveButton';
import { LEVELS, regionOptions } from './labels';
import { MembersPanel } from './MembersPanel';
import { QuorumEditor } from './QuorumEditor';
import { TeamFormModal } from './TeamFormModal';
import { updateCouncil } from './commands';
import { councilPage } from './queries';

export function CouncilPage({ id }: { id: string }) {
  const repos = useRepos();
  const t = useT('roster');
  const [, navigate] = useLocation();
  const [teamOpen, teamModal] = useDisclosure(false);
  const data = useLive((r) => councilPage(r, id), [id]);
  if (!data) return null;
  const { council } = data;
  if (!council) return <NotFound what="council" />;
  const save = (patch: Partial<Council>) => trackSave(() => updateCouncil(repos, id, patch));

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Text size="sm" c="dimmed">
            <Anchor component={Link} href="/roster">
              {t('title')}
            </Anchor>{' '}
            / {t('breadcrumb.council')}
          </Text>
          <Title order={1} size="h2">
            {council.name}
          </Title>
        </Stack>
        <ArchiveButton table="councils" record={council} label={council.name} />
      </Group>
      <Card withBorder>
        <Grid>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <AutosaveTextInput
              draftKey={`councils:${council.id}:name`}
              label={t('field.name')}
              value={council.name}
              onSave={(name) => save({ name })}
              data-testid="council-name"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 3 }}>
            <Select
              label={t('field.level')}
              data={LEVELS.map((value) => ({ value, label: t(`level.${value}`) }))}
              value={council.level}
              allowDeselect={false}
              onChange={(v) => v && void save({ level: v as CouncilLevel })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 3 }}>
            <Select
              label={t('field.region')}
              data={regionOptions(t)}
              value={council.region || null}
              clearable
              searchable
              onChange={(v) => void save({ region: v ?? '' })}
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <QuorumEditor label={t('council.quorum')} value={council.quorum} onSave={(quorum) => save({ quorum })} />
          </Grid.Col>
        </Grid>
      </Card>
      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <MembersPanel bodyKind="council" bodyId={id} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack>
            <Card withBorder>
              <Group justify="space-between" mb="xs">
                <Title order={2} size="h4">
                  {t('council.teams', { count: data.teams.length })}
                </Title>
                <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={teamModal.open}>
                  {t('council.newTeam')}
                </Button>
              </Group>
              {data.teams.length === 0 && (
                <Text c="dimmed" size="sm">
                  {t('council.noTeams')}
                </Text>
              )}
              {data.teams.map((team) => (
                <Group key={team.id} justify="space-between">
                  <Anchor component={Link} href={`/roster/teams/${team.id}`} size="sm">
                    {team.name}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {team.department}
                  </Text>
                </Group>
              ))}
            </Card>
            <BodyMeetingsCard bodyKind="council" bodyId={id} />
            <TemplatesCard bodyKind="council" bodyId={id} />
          </Stack>
        </Grid.Col>
      </Grid>
      <TeamFormModal
        opened={teamOpen}
        onClose={teamModal.close}
        councils={data.councils}
        defaultCouncilId={id}
        onCreated={(tid) => {
          teamModal.close();
          navigate(`/roster/teams/${tid}`);
        }}
      />
    </Stack>
  );
}
