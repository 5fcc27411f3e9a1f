import { describe, expect, it } from 'vitest';
import { validate, version } from 'uuid';
import { newOpId } from '@renderer/db/capture/opIds';

describe('capture opIds', () => {
  it('are unique uuidv7s, in order, across many pool refills', () => {
    const ids = Array.from({ length: 20_000 }, () => newOpId());
    for (const id of ids.slice(0, 50)) {
      expect(validate(id)).toBe(true);
      expect(version(id)).toBe(7);
    }
    expect(new Set(ids).size).toBe(ids.length);
    // Monotonic, as the library's own v7s are: a write's opIds share their prefix when compacted.
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
  });

  it('differ in their random tail from one id to the next', () => {
    const tails = new Set(Array.from({ length: 1000 }, () => newOpId().slice(-12)));
    expect(tails.size).toBe(1000);
  });
});
