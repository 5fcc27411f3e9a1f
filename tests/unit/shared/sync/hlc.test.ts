import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_DRIFT_MS,
  HybridClock,
  compareHlc,
  createClock,
  encodeHlc,
  hlcClientId,
  hlcWall,
  isTooFarInFuture,
  isValidHlc,
  parseHlc,
  receive,
  tick,
} from '@shared/sync/hlc';
import { Rng } from './random';

const A = '0198c3f0-0000-7000-8000-00000000000a';
const B = '0198c3f0-0000-7000-8000-00000000000b';
const T0 = 1_767_225_600_000; // 2026-01-01

describe('HLC encoding', () => {
  it('round-trips and is fixed width up to the client id', () => {
    const s = encodeHlc({ wall: T0, counter: 7, clientId: A });
    expect(s).toBe(`00${T0}-000007-${A}`);
    expect(parseHlc(s)).toEqual({ wall: T0, counter: 7, clientId: A });
    expect(hlcWall(s)).toBe(T0);
    expect(hlcClientId(s)).toBe(A);
    expect(isValidHlc(s)).toBe(true);
  });

  it('sorts as strings exactly as (wall, counter, clientId) tuples', () => {
    const rng = new Rng(1);
    const parts = Array.from({ length: 300 }, () => ({
      wall: rng.pick([0, 9, 10, 99, T0, T0 + 1, 10 ** 13]),
      counter: rng.pick([0, 1, 9, 10, 999_999]),
      clientId: rng.pick([A, B, 'a', 'b-1']),
    }));
    const byTuple = [...parts].sort((x, y) => x.wall - y.wall || x.counter - y.counter || (x.clientId < y.clientId ? -1 : x.clientId > y.clientId ? 1 : 0));
    const byString = [...parts].sort((x, y) => compareHlc(encodeHlc(x), encodeHlc(y)));
    expect(byString.map(encodeHlc)).toEqual(byTuple.map(encodeHlc));
  });

  it('rejects malformed timestamps and client ids', () => {
    expect(isValidHlc('1-2-3')).toBe(false);
    expect(isValidHlc(`00${T0}-000007-`)).toBe(false);
    expect(isValidHlc(`00${T0}-000007-a b`)).toBe(false);
    expect(() => parseHlc('nope')).toThrow(/invalid HLC/);
    expect(() => createClock('has space')).toThrow(/client id/);
    expect(() => encodeHlc({ wall: -1, counter: 0, clientId: A })).toThrow(/wall/);
  });
});

describe('tick', () => {
  it('follows the physical clock and counts within one millisecond', () => {
    let c = createClock(A);
    const r1 = tick(c, T0);
    c = r1.clock;
    const r2 = tick(c, T0);
    c = r2.clock;
    const r3 = tick(c, T0 + 5);
    expect(parseHlc(r1.hlc)).toMatchObject({ wall: T0, counter: 0 });
    expect(parseHlc(r2.hlc)).toMatchObject({ wall: T0, counter: 1 });
    expect(parseHlc(r3.hlc)).toMatchObject({ wall: T0 + 5, counter: 0 });
    expect(r1.hlc < r2.hlc && r2.hlc < r3.hlc).toBe(true);
  });

  it('never goes backwards when the physical clock does, and flags the skew', () => {
    const c = tick(createClock(A), T0 + 86_400_000).clock;
    const r = tick(c, T0);
    expect(hlcWall(r.hlc)).toBe(T0 + 86_400_000);
    expect(r.skewMs).toBe(86_400_000);
    expect(r.skewed).toBe(true);
  });

  it('moves to the next logical millisecond when the counter is exhausted instead of throwing', () => {
    const c = createClock(A, T0, 999_999);
    const r = tick(c, T0);
    expect(parseHlc(r.hlc)).toMatchObject({ wall: T0 + 1, counter: 0 });
  });
});

describe('receive', () => {
  it('orders later local events after anything received', () => {
    const rng = new Rng(7);
    for (let i = 0; i < 200; i++) {
      const local = createClock(A, T0 + rng.int(-1000, 1000), rng.int(0, 5));
      const remote = encodeHlc({ wall: T0 + rng.int(-1000, 1000), counter: rng.int(0, 5), clientId: B });
      const now = T0 + rng.int(-1000, 1000);
      const after = receive(local, remote, now).clock;
      const next = tick(after, now).hlc;
      expect(next > remote).toBe(true);
      expect(next > encodeHlc(local)).toBe(true);
    }
  });

  it('warns about a remote clock a day ahead but still accepts it', () => {
    const remote = encodeHlc({ wall: T0 + 86_400_000, counter: 3, clientId: B });
    const r = receive(createClock(A), remote, T0);
    expect(r.skewed).toBe(true);
    expect(r.skewMs).toBe(86_400_000);
    expect(r.clock).toMatchObject({ wall: T0 + 86_400_000, counter: 4 });
  });

  it('does not warn within the drift allowance', () => {
    const remote = encodeHlc({ wall: T0 + DEFAULT_MAX_DRIFT_MS, counter: 0, clientId: B });
    expect(receive(createClock(A), remote, T0).skewed).toBe(false);
  });
});

describe('server future guard', () => {
  it('refuses timestamps more than the allowance ahead of the server clock', () => {
    const at = (ms: number) => encodeHlc({ wall: ms, counter: 0, clientId: A });
    expect(isTooFarInFuture(at(T0 + 10 * 60_000), T0, 10 * 60_000)).toBe(false);
    expect(isTooFarInFuture(at(T0 + 10 * 60_000 + 1), T0, 10 * 60_000)).toBe(true);
    expect(isTooFarInFuture(at(T0 - 86_400_000), T0, 10 * 60_000)).toBe(false);
  });
});

describe('HybridClock', () => {
  it('keeps state, reports skew, and can be reset for re-stamping', () => {
    const clock = new HybridClock(A);
    const h1 = clock.tick(T0);
    expect(clock.receive(encodeHlc({ wall: T0 + 86_400_000, counter: 0, clientId: B }), T0)).toBe(true);
    const h2 = clock.tick(T0);
    expect(h2 > h1).toBe(true);
    expect(clock.lastSkewMs).toBeGreaterThan(DEFAULT_MAX_DRIFT_MS);
    clock.resetTo({ wall: T0, counter: 0 });
    expect(parseHlc(clock.tick(T0))).toMatchObject({ wall: T0, counter: 1, clientId: A });
    expect(clock.snapshot()).toEqual({ wall: T0, counter: 1, clientId: A });
  });
});
