/**
 * The opIds capture stamps on changes: uuidv7s, one per changed field (a 44,000-row import makes
 * 300,000 of them). The uuid library asks the browser's crypto for 16 fresh bytes per id, one
 * call each, which alone was about 0.9 s of such an import. These are the same ids (RFC 9562
 * version 7, the library's own layout and its counter that keeps ids of one millisecond in
 * order, which is what lets a write's opIds share their prefix in stored states and the outbox),
 * drawing the same cryptographic randomness from a pool filled a few kilobytes at a time.
 */
import { v7 as uuidv7 } from 'uuid';

const POOL_BYTES = 16 * 256;
let pool = new Uint8Array(0);
let at = 0;
const last = { msecs: -Infinity, seq: 0 };

export function newOpId(): string {
  if (at + 16 > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(POOL_BYTES));
    at = 0;
  }
  const random = pool.subarray(at, at + 16);
  at += 16;
  // The library's own time source: an id's time bits only order ids (see @shared/clock).
  // eslint-disable-next-line no-restricted-syntax
  const msecs = Date.now();
  // As the library does: a new millisecond starts the counter at random, the same one counts on.
  if (msecs > last.msecs) {
    last.msecs = msecs;
    last.seq = ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]!;
  } else {
    last.seq = (last.seq + 1) | 0;
    if (last.seq === 0) last.msecs++;
  }
  return uuidv7({ random, msecs: last.msecs, seq: last.seq });
}
