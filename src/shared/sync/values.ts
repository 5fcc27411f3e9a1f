/**
 * App records live in IndexedDB (structured clone: `undefined` is a value) but changes travel as
 * JSON (no `undefined`). A field that is absent or undefined travels as ABSENT, so "cleared" and
 * "set to null" stay different things on every laptop.
 */
import type { JsonValue } from './protocol';

export const ABSENT: JsonValue = Object.freeze({ $absent: true }) as JsonValue;

export function isAbsent(value: JsonValue | undefined): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && value.$absent === true && Object.keys(value).length === 1;
}

/**
 * The wire form of a field's value: exactly what other laptops will receive (and what merge
 * state stores), so comparing it with the stored winner says whether the field really changed.
 * Objects go through JSON, as they will on the wire: a nested `undefined` is left out, a Date
 * becomes its ISO string. A value JSON cannot carry (a BigInt, a cycle) throws, refusing the write.
 */
export function toWireValue(value: unknown): JsonValue {
  if (value === undefined) return ABSENT;
  if (value !== null && (typeof value === 'object' || (typeof value === 'number' && !Number.isFinite(value)))) {
    return JSON.parse(JSON.stringify(value)) as JsonValue;
  }
  return value as JsonValue;
}
