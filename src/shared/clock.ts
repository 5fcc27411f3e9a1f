// The one clock of the codebase. Every record stamp (createdAt/updatedAt, approvals, frozen
// baselines), every "today" a domain rule compares with (overdue, stale, 90-day flags) and every
// physical time an HLC or the server reads comes from here, so a test can set the time and no
// result depends on the day the suite runs. Pure: no Electron, DOM or Node imports.
//
// Not routed through here, on purpose: uuidv7 ids (their time bits only order ids, nothing reads
// them as a date), elapsed-time measurements (performance.now) and third-party timers.

type Source = () => number;

const systemSource: Source = () => Date.now();
let source: Source = systemSource;

/** Milliseconds since the Unix epoch, from the current source. */
export const nowMs = (): number => source();

/** The current instant as a Date. */
export const now = (): Date => new Date(source());

/** The current instant in ISO 8601 UTC: the form records are stamped with. */
export const nowIso = (): string => new Date(source()).toISOString();

/**
 * The laptop's local calendar date (yyyy-MM-dd). Due dates, meeting dates and quarters are
 * calendar dates in the facilitator's time zone, not UTC instants.
 */
export const today = (): string => localDate(now());

/** A Date's local calendar date (yyyy-MM-dd). */
export function localDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A Date's local date and minute (yyyy-MM-ddTHH:mm), the form meeting times are typed in. */
export function localDateTime(d: Date): string {
  return `${localDate(d)}T${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/**
 * Start the clock at `start` and let it run at real speed from there (measured on the monotonic
 * clock, which a moved wall clock does not touch): code that waits for time to pass still sees it
 * pass, yet every date it reads is relative to `start`, not to the day the tests run.
 */
export function setClockRunningFrom(start: string | number | Date): void {
  const base = typeof start === 'number' ? start : new Date(start).getTime();
  if (!Number.isFinite(base)) throw new Error(`Not a valid start time: ${String(start)}`);
  const t0 = performance.now();
  source = () => base + Math.floor(performance.now() - t0);
}

/** Freeze the clock at one instant (tests that compare exact stamps). */
export function setClockFixed(at: string | number | Date): void {
  const fixed = typeof at === 'number' ? at : new Date(at).getTime();
  if (!Number.isFinite(fixed)) throw new Error(`Not a valid time: ${String(at)}`);
  source = () => fixed;
}

/** Back to the system clock. */
export function resetClock(): void {
  source = systemSource;
}
