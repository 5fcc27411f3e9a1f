import { describe, expect, it } from 'vitest';
import { ABSENT, isAbsent, toWireValue } from '@shared/sync/values';

describe('toWireValue', () => {
  it('gives what the wire will carry, so an unchanged value compares equal after a round trip', () => {
    expect(isAbsent(toWireValue(undefined))).toBe(true);
    expect(toWireValue(null)).toBeNull();
    expect(toWireValue('text')).toBe('text');
    expect(toWireValue(3.5)).toBe(3.5);
    // A nested undefined is dropped, as JSON drops it; a Date becomes its ISO string.
    expect(toWireValue({ meetingQuorum: 5, consensusQuorum: undefined })).toEqual({ meetingQuorum: 5 });
    expect(toWireValue({ at: new Date('2026-11-23T09:00:00.000Z') })).toEqual({ at: '2026-11-23T09:00:00.000Z' });
    expect(toWireValue(Number.NaN)).toBeNull();
    expect(toWireValue(ABSENT)).toEqual(ABSENT);
  });

  it('refuses a value JSON cannot carry', () => {
    expect(() => toWireValue({ n: BigInt(1) })).toThrow();
  });
});
