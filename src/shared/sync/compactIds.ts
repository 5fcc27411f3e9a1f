/**
 * Compact forms of the two identifiers every change carries, shared by the app's stored row
 * states and outbox entries (src/renderer/src/db/capture) and the packed pull pages the server sends
 * (pullPacking.ts). An HLC is 58 characters; written as its wall time's offset from a base, its
 * counter and an index into a list of writers it is about 5. An opId (the app writes uuidv7s,
 * whose first characters are the time) is written as the length of the prefix it shares with a
 * reference opId plus its own tail. Anything that does not fit those shapes is written as it is,
 * so decoding is always exact.
 */
import type { JsonValue } from './protocol';
import { HLC_COUNTER_DIGITS, HLC_WALL_DIGITS } from './hlc';
import type { FieldVersion } from './merge';

const COUNTER_AT = HLC_WALL_DIGITS + 1;
const CLIENT_AT = HLC_WALL_DIGITS + HLC_COUNTER_DIGITS + 2;
const DIGITS = /^\d+$/;
/** Below this many shared characters the prefix form is not shorter. */
const MIN_SHARED = 8;

/** [value, hlc, opId] or, from another writer than its HLC names, + clientId. */
export type EncodedVersion = [JsonValue, string, string] | [JsonValue, string, string, string];

/** What a Decoder needs back from its Encoder: the base wall, the writers, the base opId. */
export interface CompactBase {
  readonly w: number;
  readonly k: readonly string[];
  readonly o: string;
}

/** The writer an HLC names (its suffix). */
export function clientOf(hlc: string): string {
  return hlc.slice(CLIENT_AT);
}

/** `opId` as `<shared prefix length>~<tail>` against `reference`, or as it is. */
export function compactOpId(opId: string, reference: string): string {
  if (opId.includes('~')) return `0~${opId}`; // never mistaken for a shared prefix
  let n = 0;
  while (n < opId.length && opId[n] === reference[n]) n++;
  return n < MIN_SHARED ? opId : `${n}~${opId.slice(n)}`;
}

/** The inverse of compactOpId, given the same reference. */
export function expandOpId(ref: string, reference: string): string {
  const at = ref.indexOf('~');
  return at < 0 ? ref : reference.slice(0, Number(ref.slice(0, at))) + ref.slice(at + 1);
}

/** Compacts HLCs and opIds against one base (a row's, an outbox entry's or a pull page's). */
export class Encoder {
  readonly clients: string[] = [];
  private readonly index = new Map<string, number>();

  constructor(
    readonly base: number,
    readonly opBase: string,
  ) {}

  opId(opId: string): string {
    return compactOpId(opId, this.opBase);
  }

  /** An HLC as [wall - base, counter, index of its writer], or null when it does not have the usual shape. */
  hlcParts(hlc: string): [number, number, number] | null {
    const wall = hlc.slice(0, HLC_WALL_DIGITS);
    const counter = hlc.slice(COUNTER_AT, CLIENT_AT - 1);
    if (hlc[HLC_WALL_DIGITS] !== '-' || hlc[CLIENT_AT - 1] !== '-' || !DIGITS.test(wall) || !DIGITS.test(counter) || hlc.length <= CLIENT_AT) return null;
    const client = clientOf(hlc);
    let i = this.index.get(client);
    if (i === undefined) {
      i = this.clients.push(client) - 1;
      this.index.set(client, i);
    }
    return [Number(wall) - this.base, Number(counter), i];
  }

  hlc(hlc: string): string {
    const parts = this.hlcParts(hlc);
    return parts ? `${parts[0].toString(36)}.${parts[1].toString(36)}.${parts[2]}` : hlc;
  }

  version(v: FieldVersion): EncodedVersion {
    const hlc = this.hlc(v.hlc);
    const opId = this.opId(v.opId);
    return clientOf(v.hlc) === v.clientId ? [v.value, hlc, opId] : [v.value, hlc, opId, v.clientId];
  }
}

/** The inverse of Encoder, given the base it wrote (w, k, o). */
export class Decoder {
  constructor(private readonly base: CompactBase) {}

  hlc(ref: string): string {
    if (!ref.includes('.')) return ref;
    const [wall, counter, client] = ref.split('.') as [string, string, string];
    return `${String(this.base.w + parseInt(wall, 36)).padStart(HLC_WALL_DIGITS, '0')}-${String(parseInt(counter, 36)).padStart(HLC_COUNTER_DIGITS, '0')}-${this.base.k[Number(client)]}`;
  }

  opId(ref: string): string {
    return expandOpId(ref, this.base.o);
  }

  version(e: EncodedVersion): FieldVersion {
    const hlc = this.hlc(e[1]);
    return { value: e[0], hlc, opId: this.opId(e[2]), clientId: e.length === 4 ? e[3] : clientOf(hlc) };
  }
}
