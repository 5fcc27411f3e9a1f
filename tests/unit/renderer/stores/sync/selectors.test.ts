import { describe, expect, it } from 'vitest';
import { progressText } from '@renderer/features/sync/labels';
import { progressPercent } from '@renderer/stores/sync/selectors';

describe('sync progress as the facilitator reads it', () => {
  it('says how far a first sync has come when the server gives the size, and counts when it does not', () => {
    const known = { stage: 'receiving' as const, done: 12_000, total: 100_000, councilName: 'Harbor Regional Council' };
    expect(progressText(known)).toBe('Received 12,000 of 100,000 changes from Harbor Regional Council');
    expect(progressPercent(known)).toBe(12);
    const unknown = { ...known, total: null };
    expect(progressText(unknown)).toBe('Received 12,000 changes from Harbor Regional Council');
    expect(progressPercent(unknown)).toBeNull();
  });

  it('sends with a known total, and never shows more than 100%', () => {
    expect(progressText({ stage: 'sending', done: 250, total: 1_000 })).toBe('Sent 250 of 1,000 changes');
    expect(progressPercent({ stage: 'sending', done: 1_200, total: 1_000 })).toBe(100);
    expect(progressPercent({ stage: 'receiving', done: 0, total: 0 })).toBe(100);
  });
});
