import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Switch, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus, IconSearch, IconUsersGroup } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { Person } from '@shared/model';
import { EmptyState } from '../../components/EmptyState';
import { useT } from '../../i18n';
import { useLive } from '../../db/live';
import { CouncilFormModal } from './CouncilFormModal';
import { ImportRosterButton } from './ImportRosterButton';
import { regionLabel, unionAndLocal } from './labels';
import { useRosterWords } from './useRosterWords';
import { PersonFormModal } from './PersonFormModal';
import { SideBadge } from './SideBadge';
import { TeamFormModal } from './TeamFormModal';
import { councilsAndTeams, peopleByName } from './queries';

/** The roster; `personId` (from search) opens the People tab with that person's card. */
export function RosterPage({ personId }: { personId?: string } = {}) {
  const t = useT('roster');
  const [tab, setTab] = useState(personId ? 'people' : 'bodies');
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('title')}
      </Title>
      <Tabs value={tab} onChange={(v) => setTab(v ?? 'bodies')} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="bodies">{t('tabs.bodies')}</Tabs.Tab>
          <Tabs.Tab value="people">{t('tabs.people')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="bodies" pt="md">
          <CouncilsAndTeams />
        </Tabs.Panel>
        <Tabs.Panel value="people" pt="md">
          <PeopleList openPersonId={personId} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function CouncilsAndTeams() {
  const t = useT('roster');
  const [, navigate] = useLocation();
  const [showArchived, setShowArchived] = useState(false);
  const [councilOpen, councilModal] = useDisclosure(false);
  const [teamOpen, teamModal] = useDisclosure(false);
  const data = useLive((r) => councilsAndTeams(r), []);
  if (!data) return null;
  const councils = data.councils.filter((c) => showArchived || !c.archivedAt);

  return (
    <Stack>
      <Group justify="space-between">
        <Group>
          <Button leftSection={<IconPlus size={16} />} onClick={councilModal.open}>
            {t('bodies.newCouncil')}
          </Button>
          <Button variant="light" leftSection={<IconPlus size={16} />} onClick={teamModal.open} disabled={data.councils.length === 0}>
            {t('bodies.newTeam')}
          </Button>
        </Group>
        <Switch label={t('showArchived')} checked={showArchived} onChange={(e) => setShowArchived(e.currentTarget.checked)} />
      </Group>
      {councils.length === 0 ? (
        <EmptyState icon={<IconUsersGroup size={30} />} title={t('bodies.emptyTitle')}>
          {t('bodies.emptyBody')}
        </EmptyState>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {councils.map((c) => {
            const teams = data.teams.filter((team) => team.councilId === c.id && (showArchived || !team.archivedAt));
            return (
              <Card key={c.id} withBorder padding="md" data-testid="council-card">
                <Group justify="space-between" align="flex-start">
                  <div>
                    <Anchor component={Link} href={`/roster/councils/${c.id}`} fw={650} size="lg">
                      {c.name}
                    </Anchor>
                    <Text size="sm" c="dimmed">
                      {[t(`level.${c.level}`), c.region && regionLabel(t, c.region)].filter(Boolean).join(' · ')}
                    </Text>
                  </div>
                  {c.archivedAt && <Badge color="gray">{t('archived')}</Badge>}
                </Group>
                <Stack gap={4} mt="sm">
                  {teams.length === 0 && (
                    <Text size="sm" c="dimmed">
                      {t('bodies.noTeams')}
                    </Text>
                  )}
                  {teams.map((team) => (
                    <Group key={team.id} justify="space-between" wrap="nowrap">
                      <Anchor component={Link} href={`/roster/teams/${team.id}`} size="sm" data-testid="team-link">
                        {team.name}
                      </Anchor>
                      <Group gap={6} wrap="nowrap">
                        {team.department && (
                          <Text size="xs" c="dimmed">
                            {team.department}
                          </Text>
                        )}
                        {team.p2pLevel && (
                          <Badge size="xs" variant="outline">
                            {t('bodies.teamLevel', { level: team.p2pLevel })}
                          </Badge>
                        )}
                        {team.archivedAt && (
                          <Badge size="xs" color="gray">
                            {t('archived')}
                          </Badge>
                        )}
                      </Group>
                    </Group>
                  ))}
                </Stack>
              </Card>
            );
          })}
        </SimpleGrid>
      )}
      <CouncilFormModal
        opened={councilOpen}
        onClose={councilModal.close}
        onCreated={(id) => {
          councilModal.close();
          navigate(`/roster/councils/${id}`);
        }}
      />
      <TeamFormModal
        opened={teamOpen}
        onClose={teamModal.close}
        councils={data.councils}
        onCreated={(id) => {
          teamModal.close();
          navigate(`/roster/teams/${id}`);
        }}
      />
    </Stack>
  );
}

function PeopleList({ openPersonId }: { openPersonId?: string }) {
  const { t, local } = useRosterWords();
  const [search, setSearch] = useState('');
  const [showArchived, setShowArchived] = useState(false);
  const [creating, createModal] = useDisclosure(false);
  const [editing, setEditing] = useState<Person | null>(null);
  const people = useLive((r) => peopleByName(r), []);
  // Opened from search: that person's card, once the roster is read.
  const [opened, setOpened] = useState<string | null>(null);
  if (people && openPersonId && opened !== openPersonId) {
    setOpened(openPersonId);
    setEditing(people.find((p) => p.id === openPersonId) ?? null);
  }
  const filtered = useMemo(() => {
    const q = search.trim().toLowerCase();
    return (people ?? []).filter(
      (p) => (showArchived || !p.archivedAt) && (!q || [p.name, p.email, p.union, p.local, ...p.roleTitles].some((f) => f.toLowerCase().includes(q))),
    );
  }, [people, search, showArchived]);
  if (!people) return null;

  return (
    <Stack>
      <Group justify="space-between">
        <Group>
          <Button leftSection={<IconPlus size={16} />} onClick={createModal.open}>
            {t('people.newPerson')}
          </Button>
          <ImportRosterButton />
        </Group>
        <Group>
          <TextInput
            leftSection={<IconSearch size={16} />}
            placeholder={t('people.search')}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            aria-label={t('people.search')}
          />
          <Switch label={t('showArchived')} checked={showArchived} onChange={(e) => setShowArchived(e.currentTarget.checked)} />
        </Group>
      </Group>
      {people.length === 0 ? (
        <EmptyState icon={<IconUsersGroup size={30} />} title={t('people.emptyTitle')}>
          {t('people.emptyBody')}
        </EmptyState>
      ) : (
        <Table striped highlightOnHover verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('people.name')}</Table.Th>
              <Table.Th>{t('people.side')}</Table.Th>
              <Table.Th>{t('people.unionLocal')}</Table.Th>
              <Table.Th>{t('people.roles')}</Table.Th>
              <Table.Th>{t('people.email')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {filtered.map((p) => (
              <Table.Tr key={p.id} data-testid="person-row" style={{ cursor: 'pointer', opacity: p.archivedAt ? 0.55 : 1 }} onClick={() => setEditing(p)}>
                <Table.Td>
                  <Anchor component="button" type="button" onClick={() => setEditing(p)}>
                    {p.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <SideBadge side={p.side} />
                </Table.Td>
                <Table.Td>{unionAndLocal(p, local)}</Table.Td>
                <Table.Td>{p.roleTitles.join(', ')}</Table.Td>
                <Table.Td>{p.email}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {filtered.length === 0 && people.length > 0 && <Text c="dimmed">{t('people.noMatch', { search })}</Text>}
      <PersonFormModal key="new" opened={creating} onClose={createModal.close} />
      {editing && <PersonFormModal key={editing.id} opened onClose={() => setEditing(null)} person={editing} />}
    </Stack>
  );
}
