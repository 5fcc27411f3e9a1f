import { Anchor, Button, Card, Grid, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { Link, useLocation } from 'wouter';
import { REGIONS, type Council, type CouncilLevel } from '@shared/model';
import { AutosaveTextInput } from '../../components/AutosaveFields';
import { useLive, useRepos } from '../../db/live';
import { trackSave } from '../../stores/saveStatus/store';
import { BodyMeetingsCard } from '../meetings/BodyMeetingsCard';
import { TemplatesCard } from '../templates/TemplatesCard';
import { NotFound } from '../placeholders/NotFound';
import { ArchiveButton } from './ArchiveButton';
import { LEVEL_LABELS } from './labels';
import { MembersPanel } from './MembersPanel';
import { QuorumEditor } from './QuorumEditor';
import { TeamFormModal } from './TeamFormModal';
import { updateCouncil } from './commands';
import { councilPage } from './queries';

export function CouncilPage({ id }: { id: string }) {
  const repos = useRepos();
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
              Councils &amp; teams
            </Anchor>{' '}
            / council
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
              label="Name"
              value={council.name}
              onSave={(name) => save({ name })}
              data-testid="council-name"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 3 }}>
            <Select
              label="Level"
              data={Object.entries(LEVEL_LABELS).map(([value, label]) => ({ value, label }))}
              value={council.level}
              allowDeselect={false}
              onChange={(v) => v && void save({ level: v as CouncilLevel })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 3 }}>
            <Select label="Region" data={[...REGIONS]} value={council.region || null} clearable searchable onChange={(v) => void save({ region: v ?? '' })} />
          </Grid.Col>
          <Grid.Col span={12}>
            <QuorumEditor label="Quorum (from the council's bylaws)" value={council.quorum} onSave={(quorum) => save({ quorum })} />
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
                  Unit-based teams ({data.teams.length})
                </Title>
                <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={teamModal.open}>
                  New team
                </Button>
              </Group>
              {data.teams.length === 0 && (
                <Text c="dimmed" size="sm">
                  No teams under this council yet.
                </Text>
              )}
              {data.teams.map((t) => (
                <Group key={t.id} justify="space-between">
                  <Anchor component={Link} href={`/roster/teams/${t.id}`} size="sm">
                    {t.name}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {t.department}
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
