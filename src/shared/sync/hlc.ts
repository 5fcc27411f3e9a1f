/**
 * Hybrid logical clock (Kulkarni et al.): physical milliseconds plus a counter, so timestamps
 * follow real time when clocks agree and still respect causality when they do not.
 *
 * Encoding: `WWWWWWWWWWWWWWW-CCCCCC-<clientId>` (15-digit wall ms, 6-digit counter, writer id).
 * Both numbers are zero-padded to a fixed width, so plain string comparison orders timestamps by
 * (wall, counter, clientId). That lets IndexedDB indexes, SQL `ORDER BY` and `<` on strings all
 * agree without parsing, and the clientId suffix makes every writer's timestamps unique.
 */

export const HLC_WALL_DIGITS = 15;
export const HLC_COUNTER_DIGITS = 6;
const MAX_COUNTER = 10 ** HLC_COUNTER_DIGITS - 1;
const MAX_WALL = 10 ** HLC_WALL_DIGITS - 1;

/** Client ids are UUIDs in practice; the charset rule keeps the encoding unambiguous. */
const CLIENT_ID_PATTERN = '[A-Za-z0-9_-]{1,64}';
export const HLC_PATTERN = new RegExp(`^\\d{${HLC_WALL_DIGITS}}-\\d{${HLC_COUNTER_DIGITS}}-${CLIENT_ID_PATTERN}$`);
const CLIENT_ID_RE = new RegExp(`^${CLIENT_ID_PATTERN}$`);

/** Remote clocks further ahead of ours than this are reported as skewed (they still merge). */
export const DEFAULT_MAX_DRIFT_MS = 60_000;
/** The server refuses timestamps further ahead of its own clock than this. */
export const DEFAULT_MAX_FUTURE_MS = 10 * 60_000;

export interface HlcParts {
  readonly wall: number;
  readonly counter: number;
  readonly clientId: string;
}

/** Clock state is a plain value so it can be persisted (IndexedDB, tests) and replayed. */
export type HlcState = HlcParts;

export interface TickResult {
  clock: HlcState;
  hlc: string;
  /** How far the clock's wall is ahead of the physical time given (ms); 0 when behind. */
  skewMs: number;
  /** True when skewMs exceeds the drift limit: a warning for the UI, never a refusal. */
  skewed: boolean;
}

export interface ReceiveResult {
  clock: HlcState;
  /** How far the remote timestamp is ahead of our physical clock (ms); 0 when it is not. */
  skewMs: number;
  skewed: boolean;
}

export function isValidClientId(clientId: string): boolean {
  return CLIENT_ID_RE.test(clientId);
}

export function createClock(clientId: string, wall = 0, counter = 0): HlcState {
  if (!isValidClientId(clientId)) throw new Error(`invalid HLC client id: ${JSON.stringify(clientId)}`);
  return { wall, counter, clientId };
}

export function encodeHlc(parts: HlcParts): string {
  if (!Number.isSafeInteger(parts.wall) || parts.wall < 0 || parts.wall > MAX_WALL) {
    throw new Error(`HLC wall out of range: ${parts.wall}`);
  }
  if (!Number.isSafeInteger(parts.counter) || parts.counter < 0 || parts.counter > MAX_COUNTER) {
    throw new Error(`HLC counter out of range: ${parts.counter}`);
  }
  return `${String(parts.wall).padStart(HLC_WALL_DIGITS, '0')}-${String(parts.counter).padStart(HLC_COUNTER_DIGITS, '0')}-${parts.clientId}`;
}

export function isValidHlc(value: string): boolean {
  return HLC_PATTERN.test(value);
}

export function parseHlc(value: string): HlcParts {
  if (!isValidHlc(value)) throw new Error(`invalid HLC: ${JSON.stringify(value)}`);
  return {
    wall: Number(value.slice(0, HLC_WALL_DIGITS)),
    counter: Number(value.slice(HLC_WALL_DIGITS + 1, HLC_WALL_DIGITS + 1 + HLC_COUNTER_DIGITS)),
    clientId: value.slice(HLC_WALL_DIGITS + HLC_COUNTER_DIGITS + 2),
  };
}

/** Wall milliseconds of an encoded timestamp, without a full parse (hot path on the server). */
export function hlcWall(value: string): number {
  return Number(value.slice(0, HLC_WALL_DIGITS));
}

export function hlcClientId(value: string): string {
  return value.slice(HLC_WALL_DIGITS + HLC_COUNTER_DIGITS + 2);
}

/** Total order; the encoding makes this plain string order. */
export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxHlc(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a >= b ? a : b;
}

/**
 * Advance past (wall, counter). When the counter is exhausted the wall moves on by one logical
 * millisecond instead of throwing: a burst of a million edits in one ms must not stop the user.
 */
function bump(wall: number, counter: number): { wall: number; counter: number } {
  return counter >= MAX_COUNTER ? { wall: wall + 1, counter: 0 } : { wall, counter: counter + 1 };
}

/** Timestamp a local event. */
export function tick(clock: HlcState, now: number, maxDriftMs = DEFAULT_MAX_DRIFT_MS): TickResult {
  const physical = Math.max(0, Math.floor(now));
  const next = physical > clock.wall ? { wall: physical, counter: 0 } : bump(clock.wall, clock.counter);
  const state: HlcState = { ...next, clientId: clock.clientId };
  const skewMs = Math.max(0, state.wall - physical);
  return { clock: state, hlc: encodeHlc(state), skewMs, skewed: skewMs > maxDriftMs };
}

/**
 * Merge a timestamp seen from elsewhere so that every later local event sorts after it. A remote
 * clock far ahead is flagged, not refused: refusing would strand the data the remote wrote, and
 * the server already bounds how far ahead accepted timestamps can be.
 */
export function receive(clock: HlcState, remote: string, now: number, maxDriftMs = DEFAULT_MAX_DRIFT_MS): ReceiveResult {
  const r = parseHlc(remote);
  const physical = Math.max(0, Math.floor(now));
  const wall = Math.max(clock.wall, r.wall, physical);
  let next: { wall: number; counter: number };
  if (wall === clock.wall && wall === r.wall) next = bump(wall, Math.max(clock.counter, r.counter));
  else if (wall === clock.wall) next = bump(wall, clock.counter);
  else if (wall === r.wall) next = bump(wall, r.counter);
  else next = { wall, counter: 0 };
  const skewMs = Math.max(0, r.wall - physical);
  return { clock: { ...next, clientId: clock.clientId }, skewMs, skewed: skewMs > maxDriftMs };
}

/** Server-side guard: a timestamp this far ahead would win every future merge, so it is refused. */
export function isTooFarInFuture(hlc: string, serverNow: number, maxFutureMs = DEFAULT_MAX_FUTURE_MS): boolean {
  return hlcWall(hlc) > serverNow + maxFutureMs;
}

/** Mutable convenience wrapper for code that owns one clock (the Replica, a client engine). */
export class HybridClock {
  private state: HlcState;
  /** Largest skew seen, so a UI can warn "your computer's clock looks wrong". */
  lastSkewMs = 0;

  constructor(
    clientIdOrState: string | HlcState,
    private readonly maxDriftMs = DEFAULT_MAX_DRIFT_MS,
  ) {
    this.state = typeof clientIdOrState === 'string' ? createClock(clientIdOrState) : { ...clientIdOrState };
  }

  get clientId(): string {
    return this.state.clientId;
  }

  snapshot(): HlcState {
    return { ...this.state };
  }

  tick(now: number): string {
    const r = tick(this.state, now, this.maxDriftMs);
    this.state = r.clock;
    this.lastSkewMs = r.skewMs;
    return r.hlc;
  }

  /** Returns true when the remote clock looked skewed. */
  receive(remote: string, now: number): boolean {
    const r = receive(this.state, remote, now, this.maxDriftMs);
    this.state = r.clock;
    if (r.skewed) this.lastSkewMs = r.skewMs;
    return r.skewed;
  }

  /**
   * Move the clock back. Only safe when no timestamp above `to` is known anywhere any more, which
   * is what re-stamping a refused outbox guarantees (see Replica.restampFutureChanges).
   */
  resetTo(to: { wall: number; counter: number }): void {
    this.state = { wall: to.wall, counter: to.counter, clientId: this.state.clientId };
  }
}
