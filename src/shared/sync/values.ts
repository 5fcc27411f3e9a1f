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

/** The wire form of a field's value. Non-JSON values are caught before push (see the engine). */
export function toWireValue(value: unknown): JsonValue {
  return value === undefined ? ABSENT : (value as JsonValue);
}
