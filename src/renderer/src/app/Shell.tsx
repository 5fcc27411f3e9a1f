import { AppShell, Badge, Burger, Group, NavLink, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBook2, IconCalendarEvent, IconChecklist, IconSettings, IconStairsUp, IconTrendingUp, IconUsersGroup } from '@tabler/icons-react';
import { useEffect } from 'react';
import { Link, Route, Switch, useLocation } from 'wouter';
import { SaveIndicator } from '../components/SaveIndicator';
import { flushAllPending, installFlushOnHide } from '../stores/saveStatus/store';
import { useMenuCommands } from './useMenuCommands';
import { useBackups } from '../features/backups/useBackups';
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
import { SearchSpotlight } from '../features/search/SearchSpotlight';
import { GlossaryPage } from '../features/help/GlossaryPage';
import { useT } from '../i18n';

const NAV = [
  { href: '/roster', label: 'nav.roster', icon: IconUsersGroup },
  { href: '/meetings', label: 'nav.meetings', icon: IconCalendarEvent },
  { href: '/improvement', label: 'nav.improvement', icon: IconTrendingUp },
  { href: '/p2p', label: 'nav.p2p', icon: IconStairsUp },
  { href: '/actions', label: 'nav.actions', icon: IconChecklist },
  { href: '/glossary', label: 'nav.glossary', icon: IconBook2 },
  { href: '/settings', label: 'nav.settings', icon: IconSettings },
] as const;

export function Shell() {
  const t = useT('common');
  const [opened, { toggle, close }] = useDisclosure();
  const [location] = useLocation();
  useMenuCommands();
  // Back up now (menu), automatic backups and the last one before the window closes.
  useBackups();
  useEffect(installFlushOnHide, []);
  // Leaving a screen saves what was typed on it (fields also flush as they unmount; this covers
  // inputs that stay mounted across the route change).
  useEffect(() => void flushAllPending(), [location]);
  // The main window's one sync engine. The projector window (/room/:id) never renders the shell,
  // so it never starts a second engine on the same database.
  useEffect(startSync, []);
  const conflictCount = useSync(selectConflictCount);
  useEffect(close, [location, close]);
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
      <AppShell.Header>
        {/* Keyboard users reach the screen's content in one Tab (shown only when focused). */}
        <UnstyledButton className="skip-link" onClick={() => document.getElementById('main')?.focus()}>
          {t('skipToContent')}
        </UnstyledButton>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
            <Link href="/" style={{ textDecoration: 'none', color: 'inherit' }}>
              <Text component="span" fz="xl" fw={700}>
                {t('appName')}
              </Text>
            </Link>
            <Text c="dimmed" size="sm" visibleFrom="md">
              {t('tagline')}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <SearchSpotlight />
            <SaveIndicator />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t('nav.label')} component="nav">
        {NAV.map(({ href, label, icon: Icon }) => (
          <NavLink
            key={href}
            component={Link}
            href={href}
            label={t(label)}
            leftSection={<Icon size={18} stroke={1.6} />}
            rightSection={
              href === '/settings' && conflictCount > 0 ? (
                <Badge size="sm" color="orange" circle title={t('nav.conflicts', { count: conflictCount })}>
                  {conflictCount}
                </Badge>
              ) : undefined
            }
            active={location === href || location.startsWith(`${href}/`) || (href === '/settings' && location.startsWith('/sync/'))}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} style={{ outline: 'none' }}>
        <Switch>
          <Route path="/" component={HomePage} />
          <Route path="/roster">{() => <RosterPage />}</Route>
          <Route path="/roster/people/:id">{(p) => <RosterPage key={p.id} personId={p.id} />}</Route>
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
          <Route path="/ibps/:id/step/:step">{(p) => <SessionPage key={`${p.id}/${p.step}`} id={p.id} openStep={p.step} />}</Route>
          <Route path="/glossary" component={GlossaryPage} />
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
