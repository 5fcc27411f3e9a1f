import { AppShell, Badge, Burger, Group, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCalendarEvent, IconChecklist, IconSettings, IconStairsUp, IconTrendingUp, IconUsersGroup } from '@tabler/icons-react';
import { useEffect } from 'react';
import { Link, Route, Switch, useLocation } from 'wouter';
import { SaveIndicator } from '../components/SaveIndicator';
import { installFlushOnHide } from '../stores/saveStatus/store';
import { startSync, useSync } from '../stores/sync/store';
import { selectConflictCount } from '../stores/sync/selectors';
import { MeetingPage } from '../features/meetings/MeetingPage';
import { MeetingsPage } from '../features/meetings/MeetingsPage';
import { MinutesPage } from '../features/minutes/MinutesPage';
import { ActionsPage } from '../features/actions/ActionsPage';
import { ImprovementPage } from '../features/rim/ImprovementPage';
import { ProjectPage } from '../features/rim/ProjectPage';
import { AssessmentPage } from '../features/p2p/AssessmentPage';
import { DashboardPage } from '../features/p2p/DashboardPage';
import { SessionPage } from '../features/ibps/SessionPage';
import { NotFound } from '../features/placeholders/NotFound';
import { CouncilPage } from '../features/roster/CouncilPage';
import { RosterPage } from '../features/roster/RosterPage';
import { TeamPage } from '../features/roster/TeamPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { ConflictsPage } from '../features/sync/ConflictsPage';
import { HomePage } from './HomePage';

const NAV = [
  { href: '/roster', label: 'Councils & teams', icon: IconUsersGroup },
  { href: '/meetings', label: 'Meetings', icon: IconCalendarEvent },
  { href: '/improvement', label: 'Improvement', icon: IconTrendingUp },
  { href: '/p2p', label: 'Path to Performance', icon: IconStairsUp },
  { href: '/actions', label: 'Action items', icon: IconChecklist },
  { href: '/settings', label: 'Settings', icon: IconSettings },
] as const;

export function Shell() {
  const [opened, { toggle, close }] = useDisclosure();
  const [location] = useLocation();
  useEffect(installFlushOnHide, []);
  // The main window's one sync engine. The projector window (/room/:id) never renders the shell,
  // so it never starts a second engine on the same database.
  useEffect(startSync, []);
  const conflictCount = useSync(selectConflictCount);
  useEffect(close, [location, close]);
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Link href="/" style={{ textDecoration: 'none', color: 'inherit' }}>
              <Title order={3} fw={700}>
                Common Ground
              </Title>
            </Link>
            <Text c="dimmed" size="sm" visibleFrom="md">
              Labor-management partnership facilitation
            </Text>
          </Group>
          <SaveIndicator />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Main navigation" component="nav">
        {NAV.map(({ href, label, icon: Icon }) => (
          <NavLink
            key={href}
            component={Link}
            href={href}
            label={label}
            leftSection={<Icon size={18} stroke={1.6} />}
            rightSection={
              href === '/settings' && conflictCount > 0 ? (
                <Badge size="sm" color="orange" circle title={`${conflictCount} sync conflicts to review`}>
                  {conflictCount}
                </Badge>
              ) : undefined
            }
            active={location === href || location.startsWith(`${href}/`) || (href === '/settings' && location.startsWith('/sync/'))}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Switch>
          <Route path="/" component={HomePage} />
          <Route path="/roster" component={RosterPage} />
          <Route path="/roster/councils/:id">{(p) => <CouncilPage key={p.id} id={p.id} />}</Route>
          <Route path="/roster/teams/:id">{(p) => <TeamPage key={p.id} id={p.id} />}</Route>
          <Route path="/meetings" component={MeetingsPage} />
          <Route path="/meetings/:id/minutes">{(p) => <MinutesPage key={p.id} id={p.id} />}</Route>
          <Route path="/meetings/:id">{(p) => <MeetingPage key={p.id} id={p.id} />}</Route>
          <Route path="/improvement" component={ImprovementPage} />
          <Route path="/improvement/projects/:id">{(p) => <ProjectPage key={p.id} id={p.id} />}</Route>
          <Route path="/p2p" component={DashboardPage} />
          <Route path="/p2p/teams/:id/:quarter">{(p) => <AssessmentPage key={`${p.id}/${p.quarter}`} teamId={p.id} quarter={p.quarter} />}</Route>
          <Route path="/actions" component={ActionsPage} />
          <Route path="/ibps/:id">{(p) => <SessionPage key={p.id} id={p.id} />}</Route>
          <Route path="/settings" component={SettingsPage} />
          <Route path="/sync/conflicts" component={ConflictsPage} />
          <Route>
            <NotFound what="page" />
          </Route>
        </Switch>
      </AppShell.Main>
    </AppShell>
  );
}
