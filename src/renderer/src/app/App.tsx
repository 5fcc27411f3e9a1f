import { lazy, Suspense } from 'react';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { Route, Router, Switch } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { I18nProvider } from '../i18n';
import { cssVariablesResolver, theme } from './theme';
import { Shell } from './Shell';

// The projector window's code (the IBPS room) loads only in that window.
const RoomView = lazy(() => import('../features/ibps/RoomView').then((m) => ({ default: m.RoomView })));

/** Hash routing: works identically from app:// (desktop) and http://127.0.0.1 (web mode). */
export function App() {
  return (
    // "auto": light or dark as the OS (or browser) says, following it when it changes.
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto">
      <I18nProvider>
        <Notifications position="bottom-right" />
        <Router hook={useHashLocation}>
          <Switch>
            {/* The projector window has no app shell and no controls. */}
            <Route path="/room/:id">
              {(p) => (
                <Suspense fallback={null}>
                  <RoomView id={p.id} />
                </Suspense>
              )}
            </Route>
            <Route>
              <Shell />
            </Route>
          </Switch>
        </Router>
      </I18nProvider>
    </MantineProvider>
  );
}
