import { CLOCK_OFFSET_TOLERANCE_MS } from '@shared/sync/replica';

/** Adopt the server's clock as the physical reference, ignoring network jitter (as Replica does). */
export function observedOffset(current: number, serverTime: number, physicalNow: number): number {
  const offset = serverTime - physicalNow;
  return Math.abs(offset - current) > CLOCK_OFFSET_TOLERANCE_MS ? offset : current;
}
