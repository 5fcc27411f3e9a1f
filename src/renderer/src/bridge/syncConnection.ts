import type { SyncConnection } from '@shared/sync/connection';
import { createHttpSyncConnection } from '@shared/sync/httpConnection';
import { createBrowserCredentialStore } from './browserCredentials';

/**
 * Web mode's sync client (the wire format, the token in this browser profile), loaded on first
 * use rather than with the first screen (browserBridge.ts).
 */
export function createBrowserSyncConnection(): SyncConnection {
  return createHttpSyncConnection({ fetch: window.fetch.bind(window), credentials: createBrowserCredentialStore() });
}
