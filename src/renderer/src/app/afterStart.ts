import { useEffect, useState } from 'react';
import { getDb } from '../db/database';
import { afterFirstScreen } from './firstScreen';

/**
 * True once the store is open, the first screen is up and the window has then gone idle: the
 * moment to load what the first screen does not need (other screens, sync, backups), so their code
 * and their reads never compete with the first screen's. Opening the store (creating or upgrading
 * it on a first start) is what the first screen waits for longest; its reads follow, with idle gaps
 * between them, so only the screen's own heading says they are done (firstScreen.ts).
 */
export function useAfterStart(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let cancelled = false;
    let cancelWait = () => undefined as void;
    const wait = () => {
      if (!cancelled) cancelWait = afterFirstScreen(() => setReady(true));
    };
    // A store that fails to open still gets its services (they report the problem themselves).
    void getDb().open().then(wait, wait);
    return () => {
      cancelled = true;
      cancelWait();
    };
  }, []);
  return ready;
}
