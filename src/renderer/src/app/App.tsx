import { lazy, Suspense, useEffect, useState } from 'react';
import { MantineProvider } from '@mantine/core';
import { useNotifications } from '@mantine/notifications';
import { Route, Router, Switch } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { I18nProvider } from '../i18n';
import { cssVariablesResolver, theme } from './theme';
import { Shell } from './Shell';
import { afterFirstScreen } from './firstScreen';

// The projector window's code (the IBPS room) loads only in that window.
const RoomView = lazy(() => import('../features/ibps/RoomView').then((m) => ({ default: m.RoomView })));
const ToastContainer = lazy(() => import('./ToastContainer').then((m) => ({ default: m.ToastContainer })));

/**
 * The toasts' container (transitions, portal, swipe to dismiss) is not part of the first screen:
 * it loads with the first toast, or once the first screen is up (so it is here when the network
 * goes away in web mode). A toast shown before it arrives waits in the store and appears with it.
 */
function Toasts() {
  const { notifications, queue } = useNotifications();
  const asked = notifications.length > 0 || queue.length > 0;
  const [wanted, setWanted] = useState(false);
  useEffect(() => afterFirstScreen(() => setWanted(true)), []);
  // Once mounted it stays: a toast closing must keep its exit transition.
  if (asked && !wanted) setWanted(true);
  if (!wanted && !asked) return null;
  return (
    <Suspense fallback={null}>
      <ToastContainer />
    </Suspense>
  );
}

/** Hash routing: works identically from app:// (desktop) and http://127.0.0.1 (web mode). */
export function App() {
  return (
    // "auto": light or dark as the OS (or browser) says, following it when it changes.
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto">
      <I18nProvider>
        <Toasts />
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
