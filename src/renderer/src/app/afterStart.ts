import { useEffect, useState } from 'react';
import { getDb } from '../db/database';

/** Bounds the wait for an idle moment on a machine that is never idle. */
const IDLE_TIMEOUT_MS = 2000;

/**
 * True once the store is open and the window has then gone idle: the moment to load what the first
 * screen does not need (sync, backups), so their code and their reads never compete with the first
 * screen's. Opening the store (creating or upgrading it on a first start) is what the first screen
 * waits for longest; its reads follow at once, so the first idle moment after comes after them.
 */
export function useAfterStart(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let cancelled = false;
    let cancelIdle = () => undefined as void;
    const whenIdle = () => {
      if (cancelled) return;
      if (typeof requestIdleCallback === 'function') {
        const handle = requestIdleCallback(() => setReady(true), { timeout: IDLE_TIMEOUT_MS });
        cancelIdle = () => cancelIdleCallback(handle);
      } else {
        const handle = setTimeout(() => setReady(true), 0);
        cancelIdle = () => clearTimeout(handle);
      }
    };
    // A store that fails to open still gets its services (they report the problem themselves).
    void getDb()
      .open()
      .then(
        () => setTimeout(whenIdle, 0),
        () => whenIdle(),
      );
    return () => {
      cancelled = true;
      cancelIdle();
    };
  }, []);
  return ready;
}
