import { StoredCredentials, type CredentialStore, type LoadedCredentials } from '@shared/sync/httpConnection';

/**
 * Web mode's sync credentials: localStorage of this origin, in this browser profile. A browser
 * offers nothing like the OS keychain to a page, so the protection is the profile's (and the
 * origin's) own; enrollment reports it as 'browser-profile' so the UI can say so.
 */
export const BROWSER_CREDENTIALS_KEY = 'common-ground.sync.credentials';

export function createBrowserCredentialStore(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> = window.localStorage): CredentialStore {
  return {
    async check() {
      return { status: 'saved', tokenStorage: 'browser-profile' };
    },
    async save(credentials) {
      storage.setItem(BROWSER_CREDENTIALS_KEY, JSON.stringify(StoredCredentials.parse(credentials)));
      return { status: 'saved', tokenStorage: 'browser-profile' };
    },
    async load(): Promise<LoadedCredentials | null> {
      try {
        const text = storage.getItem(BROWSER_CREDENTIALS_KEY);
        if (!text) return null;
        const parsed = StoredCredentials.safeParse(JSON.parse(text));
        // Edited or from an incompatible version: not enrolled, rather than a crash.
        return parsed.success ? { ...parsed.data, tokenStorage: 'browser-profile' } : null;
      } catch {
        return null;
      }
    },
    async clear() {
      storage.removeItem(BROWSER_CREDENTIALS_KEY);
    },
  };
}
