import { bridge } from '../../bridge';

/**
 * The projector window. Desktop: a second BrowserWindow from main, movable to the projector.
 * Web mode: a second tab. Both read the same IndexedDB, so Dexie's cross-window change
 * notifications keep the room view live.
 */
export async function openRoomView(sessionId: string): Promise<void> {
  await bridge.openRoomView({ sessionId });
}
