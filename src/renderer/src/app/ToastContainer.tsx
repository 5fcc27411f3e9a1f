import { Notifications } from '@mantine/notifications';

/**
 * The toasts' container on its own module, loaded on demand (App.tsx). Not a dynamic import of
 * '@mantine/notifications' itself: the bundler would put the toasts' store, which the first screen
 * needs, in that chunk, and the first screen would load the container with it.
 */
export function ToastContainer() {
  return <Notifications position="bottom-right" />;
}
