import { AppShell, Burger, Group, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCalendarEvent, IconChecklist, IconSettings, IconTrendingUp, IconUsersGroup } from '@tabler/icons-react';
import { Link, Route, Switch, useLocation } from 'wouter';
import { HomePage } from './HomePage';

const NAV = [
  { href: '/roster', label: 'Councils & teams', icon: IconUsersGroup },
  { href: '/meetings', label: 'Meetings', icon: IconCalendarEvent },
  { href: '/improvement', label: 'Improvement', icon: IconTrendingUp },
  { href: '/actions', label: 'Action items', icon: IconChecklist },
  { href: '/settings', label: 'Settings', icon: IconSettings },
] as const;

export function Shell() {
  const [opened, { toggle }] = useDisclosure();
  const [location] = useLocation();
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" gap="sm">
          <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
          <Link href="/" style={{ textDecoration: 'none', color: 'inherit' }}>
            <Title order={3} fw={700}>
              Common Ground
            </Title>
          </Link>
          <Text c="dimmed" size="sm" visibleFrom="sm">
            Labor-management partnership facilitation
          </Text>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Main navigation">
        {NAV.map(({ href, label, icon: Icon }) => (
          <NavLink
            key={href}
            component={Link}
            href={href}
            label={label}
            leftSection={<Icon size={18} stroke={1.6} />}
            active={location === href || location.startsWith(`${href}/`)}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Switch>
          <Route path="/" component={HomePage} />
          <Route>
            <HomePage />
          </Route>
        </Switch>
      </AppShell.Main>
    </AppShell>
  );
}
