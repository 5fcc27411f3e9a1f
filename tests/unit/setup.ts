// Real IndexedDB semantics in Node for repository tests (fake-indexeddb implements the spec).
import 'fake-indexeddb/auto';
import { afterEach, beforeEach } from 'vitest';
import { resetClock, setClockRunningFrom } from '@shared/clock';

// Every test starts on the same day, whatever day the suite runs (CI runs it again with the
// machine clock moved ahead): a test that needs another day or a frozen instant sets it itself.
const TEST_EPOCH = '2026-11-25T10:00:00.000Z';
beforeEach(() => setClockRunningFrom(TEST_EPOCH));
afterEach(() => resetClock());
