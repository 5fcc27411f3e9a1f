import { bridge } from '../../bridge';

/**
 * The projector window. Desktop: a second BrowserWindow from main, movable to the projector.
 * Web mode: a second tab. Both read the same IndexedDB, so Dexie's cross-window change
 * notifications keep the room view live.
 */
export async function openRoomView(sessionId: string): Promise<void> {
  const api = bridge as { openRoomView?: (r: { sessionId: string }) => Promise<unknown> };
  if (api.openRoomView) {
    await api.openRoomView({ sessionId });
    return;
  }
  window.open(`#/room/${sessionId}`, `cg-room-${sessionId}`);
}
