import { create } from 'zustand';
import { persist, createJSONStorage } from 'zustand/middleware';
import { nowMs } from '@shared/clock';

/**
 * Live-session state that is about the room right now, not the record: when the current step's
 * timer started and whose turn it is in a round-robin. Kept in sessionStorage so a reload keeps the
 * timer running, but never synced or exported.
 */
interface LiveSessionState {
  stepStartedAt: Record<string, { step: string; at: number }>;
  turn: Record<string, number>;
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
