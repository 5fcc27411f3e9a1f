import { useLiveQuery } from 'dexie-react-hooks';
import { getRepositories, type Repositories } from './repositories';

export const useRepos = (): Repositories => getRepositories();

/**
 * A live read of the store: re-runs when any table it read changes (Dexie's liveQuery), so every
 * view reflects a write the moment it commits. `undefined` while the first read is in flight.
 */
export function useLive<T>(query: (repos: Repositories) => Promise<T> | T, deps: unknown[]): T | undefined {
  return useLiveQuery(() => query(getRepositories()), deps);
}
