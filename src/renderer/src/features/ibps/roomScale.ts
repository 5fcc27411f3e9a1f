import { useEffect, useState } from 'react';

/**
 * The room view's text size, set from the facilitator's window (or with + and - on the projector
 * window itself). It is a property of the room and its projector, not of the record: it lives in
 * this profile's localStorage, which every window of the app shares, and the `storage` event
 * carries a change to the other windows at once. Never synced or exported.
 */
const KEY = 'cg-room-scale';
export const ROOM_SCALE_MIN = 0.7;
export const ROOM_SCALE_MAX = 1.6;
export const ROOM_SCALE_STEP = 0.1;

const clamp = (n: number) => Math.min(ROOM_SCALE_MAX, Math.max(ROOM_SCALE_MIN, Math.round(n * 10) / 10));

export function readRoomScale(): number {
  try {
    const n = Number(localStorage.getItem(KEY));
    return Number.isFinite(n) && n > 0 ? clamp(n) : 1;
  } catch {
    // Storage disabled: the default size still works.
    return 1;
  }
}

const listeners = new Set<(scale: number) => void>();

export function setRoomScale(scale: number): number {
  const next = clamp(scale);
  try {
    localStorage.setItem(KEY, String(next));
  } catch {
    // Storage disabled: this window still follows the change below.
  }
  // The storage event reaches other windows only; this one is told directly.
  for (const l of listeners) l(next);
  return next;
}

/** The current room text size, following changes made in any window of the app. */
export function useRoomScale(): number {
  const [scale, setScale] = useState(readRoomScale);
  useEffect(() => {
    const onStorage = (e: StorageEvent) => {
      if (e.key === KEY) setScale(readRoomScale());
    };
    listeners.add(setScale);
    window.addEventListener('storage', onStorage);
    return () => {
      listeners.delete(setScale);
      window.removeEventListener('storage', onStorage);
    };
  }, []);
  return scale;
}
