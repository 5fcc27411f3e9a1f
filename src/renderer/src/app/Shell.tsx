import { AppShell, Burger, Center, Group, Loader, NavLink, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBook2, IconCalendarEvent, IconChecklist, IconSettings, IconStairsUp, IconTrendingUp, IconUsersGroup } from '@tabler/icons-react';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { Link, Route, Switch, useLocation } from 'wouter';
import { SaveIndicator } from '../components/SaveIndicator';
import { flushAllPending, installFlushOnHide } from '../stores/saveStatus/store';
import { useMenuCommands } from './useMenuCommands';
import { useAfterStart } from './afterStart';
import { watchFirstScreen } from './firstScreen';
import { HomePage } from './HomePage';
import { SearchSpotlight } from '../features/search/SearchSpotlight';
import { useT } from '../i18n';
import { NotFound } from '../features/placeholders/NotFound';
import { loadSyncConnection } from '../bridge/browserBridge';

// Back up now (menu), automatic backups, the last one before the window closes, and sync: their
// code (export, compression, encryption, the sync engine) loads once the first screen is up.
const AppBackups = lazy(() => import('../features/backups/useBackups').then((m) => ({ default: m.AppBackups })));
const SyncService = lazy(() => import('../features/sync/SyncService').then((m) => ({ default: m.SyncService })));
const ConflictsNavBadge = lazy(() => import('../features/sync/SyncService').then((m) => ({ default: m.ConflictsNavBadge })));

/**
 * A screen's code (and what only it uses: charts, Word export, diff, spreadsheet import, the sync
 * and backup settings) loads when the screen is first opened, so the first screen starts with the
 * shell and the home page only.
 */
const screens = {
  MeetingPage: () => import('../features/meetings/MeetingPage'),
  MeetingsPage: () => import('../features/meetings/MeetingsPage'),
  MinutesPage: () => import('../features/minutes/MinutesPage'),
  ActionsPage: () => import('../features/actions/ActionsPage'),
  ImprovementPage: () => import('../features/rim/ImprovementPage'),
  ProjectPage: () => import('../features/rim/ProjectPage'),
  AssessmentPage: () => import('../features/p2p/AssessmentPage'),
  DashboardPage: () => import('../features/p2p/DashboardPage'),
  SessionPage: () => import('../features/ibps/SessionPage'),
  CouncilPage: () => import('../features/roster/CouncilPage'),
  RosterPage: () => import('../features/roster/RosterPage'),
  TeamPage: () => import('../features/roster/TeamPage'),
  SettingsPage: () => import('../features/settings/SettingsPage'),
  ConflictsPage: () => import('../features/sync/ConflictsPage'),
  GlossaryPage: () => import('../features/help/GlossaryPage'),
};
const MeetingPage = lazy(() => screens.MeetingPage().then((m) => ({ default: m.MeetingPage })));
const MeetingsPage = lazy(() => screens.MeetingsPage().then((m) => ({ default: m.MeetingsPage })));
const MinutesPage = lazy(() => screens.MinutesPage().then((m) => ({ default: m.MinutesPage })));
const ActionsPage = lazy(() => screens.ActionsPage().then((m) => ({ default: m.ActionsPage })));
const ImprovementPage = lazy(() => screens.ImprovementPage().then((m) => ({ default: m.ImprovementPage })));
const ProjectPage = lazy(() => screens.ProjectPage().then((m) => ({ default: m.ProjectPage })));
const AssessmentPage = lazy(() => screens.AssessmentPage().then((m) => ({ default: m.AssessmentPage })));
const DashboardPage = lazy(() => screens.DashboardPage().then((m) => ({ default: m.DashboardPage })));
const SessionPage = lazy(() => screens.SessionPage().then((m) => ({ default: m.SessionPage })));
const CouncilPage = lazy(() => screens.CouncilPage().then((m) => ({ default: m.CouncilPage })));
const RosterPage = lazy(() => screens.RosterPage().then((m) => ({ default: m.RosterPage })));
const TeamPage = lazy(() => screens.TeamPage().then((m) => ({ default: m.TeamPage })));
const SettingsPage = lazy(() => screens.SettingsPage().then((m) => ({ default: m.SettingsPage })));
const ConflictsPage = lazy(() => screens.ConflictsPage().then((m) => ({ default: m.ConflictsPage })));
const GlossaryPage = lazy(() => screens.GlossaryPage().then((m) => ({ default: m.GlossaryPage })));

/**
 * Once the first screen is up, the code of every screen (and of the dialogs the shell and home
 * page load on demand) is fetched in the background: later screens open without waiting, and in
 * web mode a screen still opens after the network has gone away.
 */
function preloadScreens(): void {
  const more = [
    () => import('../features/search/SearchDialog'),
    () => import('../features/roster/CouncilFormModal'),
    () => import('../features/welcome/RemoveSampleDialog'),
    () => import('../components/SaveErrorTooltip'),
    // Web mode's sync client: sync status is still shown, and a sync tried, with the network gone.
    loadSyncConnection,
  ];
  // A failed fetch is not an error here: the screen's own import tries again when it is opened.
  for (const load of [...Object.values(screens), ...more]) load().catch(() => undefined);
}

/** While a screen's code loads: a spinner that says what it is waiting for, in the main area. */
function ScreenLoading() {
  const t = useT('common');
  return (
    <Center mih={200} role="status" aria-live="polite">
      <Loader size="sm" aria-label={t('loadingScreen')} />
    </Center>
  );
}

/**
 * The main area (the skip link's target): each route waits here for its own screen's code while
 * the header, navigation and skip link stay put and usable.
 */
function ScreenArea({ children }: { children: ReactNode }) {
  return (
    <AppShell.Main id="main" tabIndex={-1} style={{ outline: 'none' }}>
      <Suspense fallback={<ScreenLoading />}>{children}</Suspense>
    </AppShell.Main>
  );
}

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
  useEffect(installFlushOnHide, []);
  useEffect(() => {
    const main = document.getElementById('main');
    return main ? watchFirstScreen(main) : undefined;
  }, []);
  // Leaving a screen saves what was typed on it (fields also flush as they unmount; this covers
  // inputs that stay mounted across the route change).
  useEffect(() => void flushAllPending(), [location]);
  const started = useAfterStart();
  useEffect(() => {
    if (started) preloadScreens();
  }, [started]);
  useEffect(close, [location, close]);
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
      {started && (
        <Suspense fallback={null}>
          <AppBackups />
          <SyncService />
        </Suspense>
      )}
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
      <AppShell.Navbar p="sm" aria-label={t('nav.label')} component="nav" data-testid="main-navigation">
        {NAV.map(({ href, label, icon: Icon }) => (
          <NavLink
            key={href}
            component={Link}
            href={href}
            label={t(label)}
            leftSection={<Icon size={18} stroke={1.6} />}
            rightSection={
              href === '/settings' && started ? (
                <Suspense fallback={null}>
                  <ConflictsNavBadge />
                </Suspense>
              ) : undefined
            }
            active={location === href || location.startsWith(`${href}/`) || (href === '/settings' && location.startsWith('/sync/'))}
          />
        ))}
      </AppShell.Navbar>
      <ScreenArea>
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
      </ScreenArea>
    </AppShell>
  );
}
