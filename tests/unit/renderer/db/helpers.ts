import { CommonGroundDb } from '@renderer/db/database';
import { createRepositories, type Repositories } from '@renderer/db/repositories';
import { nowMs } from '@shared/clock';

let counter = 0;
/** A fresh database per test, on fake-indexeddb (a spec-conformant IndexedDB in Node). */
export function freshRepos(): Repositories {
  counter += 1;
  return createRepositories(new CommonGroundDb(`test-${process.pid}-${counter}-${nowMs()}`));
}
