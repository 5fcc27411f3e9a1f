import { create } from 'zustand';
import { persist, createJSONStorage } from 'zustand/middleware';
import { nowMs } from '@shared/clock';
import { pauseClock, startClock, type PausableClock } from './timer';

/**
 * Live-session state that is about the room right now, not the record: when the current step's
 * timer started and whose turn it is in a round-robin. Kept in sessionStorage so a reload keeps the
 * timer running, but never synced or exported.
 */
interface LiveSessionState {
  stepStartedAt: Record<string, { step: string; at: number }>;
  turn: Record<string, number>;
  /** Agenda items' clocks, by agenda item id: started and paused by the timekeeper, never by opening a screen. */
  itemClocks: Record<string, PausableClock>;
  startItemClock(itemId: string, now?: number): void;
  pauseItemClock(itemId: string, now?: number): void;
  resetItemClock(itemId: string): void;
  startStepTimer(sessionId: string, step: string, now?: number): void;
  resetStepTimer(sessionId: string, step: string, now?: number): void;
  nextTurn(sessionId: string, participants: number): void;
  setTurn(sessionId: string, index: number): void;
}

export const useLiveSession = create<LiveSessionState>()(
  persist(
    (set, get) => ({
      stepStartedAt: {},
      turn: {},
      itemClocks: {},
      startItemClock(itemId, now = nowMs()) {
        set((s) => ({ itemClocks: { ...s.itemClocks, [itemId]: startClock(s.itemClocks[itemId], now) } }));
      },
      pauseItemClock(itemId, now = nowMs()) {
        set((s) => ({ itemClocks: { ...s.itemClocks, [itemId]: pauseClock(s.itemClocks[itemId], now) } }));
      },
      resetItemClock(itemId) {
        set((s) => {
          const { [itemId]: _reset, ...rest } = s.itemClocks;
          return { itemClocks: rest };
        });
      },
      startStepTimer(sessionId, step, now = nowMs()) {
        // Re-entering the step that is already timing keeps its clock.
        if (get().stepStartedAt[sessionId]?.step === step) return;
        set((s) => ({ stepStartedAt: { ...s.stepStartedAt, [sessionId]: { step, at: now } } }));
      },
      resetStepTimer(sessionId, step, now = nowMs()) {
        set((s) => ({ stepStartedAt: { ...s.stepStartedAt, [sessionId]: { step, at: now } } }));
      },
      nextTurn(sessionId, participants) {
        if (participants <= 0) return;
        set((s) => ({ turn: { ...s.turn, [sessionId]: ((s.turn[sessionId] ?? 0) + 1) % participants } }));
      },
      setTurn(sessionId, index) {
        set((s) => ({ turn: { ...s.turn, [sessionId]: index } }));
      },
    }),
    { name: 'cg-live-session', storage: createJSONStorage(() => sessionStorage) },
  ),
);
