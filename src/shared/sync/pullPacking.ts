/**
 * Packed pull pages. As change objects, a first sync of 100,000 changes is about 38 MB of JSON:
 * every change repeats its council, writer, table and row ids, two 58-character HLCs and nine
 * key names, and the server writing it, the network carrying it and the client parsing it all
 * pay per byte (on clinic Wi-Fi, mostly the network). A packed page names the council once (it
 * is the request's), the table and row id once per run of consecutive changes to one row (a
 * create is a change per field), each HLC as numbers (its wall time's offset from the page's
 * first, its counter, an index into the page's writers) and each opId against the one before it
 * (compactIds.ts): about a third of the bytes.
 *
 * Reading one validates it as strictly as the PullResponse schema validates change objects (the
 * tests hold the two to the same verdicts), with the same zod schemas for names, ids and values,
 * but checks what the packing shares once: the council once a page, table and row id once a run,
 * each writer once a page, and an HLC built from checked numbers needs no pattern match.
 *
 * A client asks for it with `format: "packed"`; a server that predates it ignores the key and
 * answers with change objects, which the reader accepts too.
 */
import { z } from 'zod';
import { Encoder, clientOf, compactOpId, expandOpId } from './compactIds';
import { HLC_COUNTER_DIGITS, HLC_PATTERN, HLC_WALL_DIGITS, encodeHlc, isValidClientId } from './hlc';
import { FieldName, PullResponse, RowId, TableName, Uuid, checkJsonValue, type JsonValue, type PulledChange } from './protocol';

/** [wall offset from the page's `w`, counter, writer index in `k`], or an HLC of another shape as it is. */
export type PackedHlc = [number, number, number] | string;
/** [field, value, hlc, opId, baseHlc] or, from another writer than its HLC names, + clientId. */
export type PackedChange = [string, JsonValue, PackedHlc, string, PackedHlc | null] | [string, JsonValue, PackedHlc, string, PackedHlc | null, string];
/** Changes of one row with consecutive seqs, the first at `firstSeq`. */
export type PackedRun = [table: string, rowId: string, firstSeq: number, changes: PackedChange[]];

export interface PackedChanges {
  /** Writers (client ids) that packed HLCs refer to by index. */
  k: string[];
  /** The wall time (ms) packed HLCs are offsets from. */
  w: number;
  r: PackedRun[];
}

export const PackedPullResponse = PullResponse.omit({ changes: true }).extend({ packed: z.unknown() });
export type PackedPullResponse = Omit<PullResponse, 'changes'> & { packed: PackedChanges };

/** What z.uuid() (the Uuid schema) tests; tested directly on the hot path, zod names the problem. */
const UUID_PATTERN = z.core.regexes.uuid();
const MAX_WALL = 10 ** HLC_WALL_DIGITS;
const MAX_COUNTER = 10 ** HLC_COUNTER_DIGITS;

/** Pack one council's page (changes in seq order, as the store reads them). */
export function packChanges(councilId: string, changes: readonly PulledChange[]): PackedChanges {
  const wall = changes[0]?.hlc.slice(0, HLC_WALL_DIGITS) ?? '';
  const enc = new Encoder(/^\d+$/.test(wall) ? Number(wall) : 0, '');
  const hlc = (h: string): PackedHlc => enc.hlcParts(h) ?? h;
  const r: PackedRun[] = [];
  let run: PackedRun | null = null;
  let nextSeq = 0;
  let previousOpId = '';
  for (const c of changes) {
    // The council is not on the wire: a change of another council here would arrive as this one's.
    if (c.councilId !== councilId) throw new Error(`change ${c.opId} belongs to council ${c.councilId}, not ${councilId}`);
    if (!run || run[0] !== c.table || run[1] !== c.rowId || c.seq !== nextSeq) {
      run = [c.table, c.rowId, c.seq, []];
      r.push(run);
    }
    nextSeq = c.seq + 1;
    const packed: PackedChange = [c.field, c.value, hlc(c.hlc), compactOpId(c.opId, previousOpId), c.baseHlc === null ? null : hlc(c.baseHlc)];
    previousOpId = c.opId;
    run[3].push(clientOf(c.hlc) === c.clientId ? packed : [...packed, c.clientId]);
  }
  return { k: enc.clients, w: enc.base, r };
}

type Path = (string | number)[];
type Unpacked = { ok: true; changes: PulledChange[] } | { ok: false; path: Path; message: string };

class Refusal {
  constructor(
    readonly path: Path,
    readonly message: string,
  ) {}
}

/** The message zod gives for `value` under `schema`, or null when it passes. */
function problem(schema: z.ZodType, value: unknown): string | null {
  const r = schema.safeParse(value);
  return r.success ? null : (r.error.issues[0]?.message ?? 'is not valid');
}

/**
 * The inverse of packChanges, validating as it goes (see the module comment). Total on any input:
 * a malformed page gives the path of the first problem, under `packed`.
 */
export function unpackChanges(councilId: string, packed: unknown): Unpacked {
  try {
    return { ok: true, changes: unpack(councilId, packed) };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, path: ['packed', ...e.path], message: e.message };
    throw e;
  }
}

function unpack(councilId: string, packed: unknown): PulledChange[] {
  const refuse = (path: Path, message: string): never => {
    throw new Refusal(path, message);
  };
  const check = (ok: boolean, path: Path, message: string) => {
    if (!ok) refuse(path, message);
  };
  const checkWith = (schema: z.ZodType, value: unknown, path: Path) => {
    const p = problem(schema, value);
    if (p !== null) throw new Refusal(path, p);
  };
  checkWith(Uuid, councilId, []);
  check(packed !== null && typeof packed === 'object' && !Array.isArray(packed), [], 'must be an object {k, w, r}');
  const { k, w, r } = packed as Record<string, unknown>;
  check(Array.isArray(k), ['k'], 'must be a list of writer ids');
  const writers = k as unknown[];
  // Each writer once: an HLC may name any valid client id; a change's own writer must be a UUID.
  writers.forEach((id, i) => check(typeof id === 'string' && isValidClientId(id), ['k', i], 'must be a client id'));
  const uuidWriter = writers.map((id) => typeof id === 'string' && UUID_PATTERN.test(id));
  check(typeof w === 'number' && Number.isSafeInteger(w), ['w'], 'must be a whole number');
  check(Array.isArray(r), ['r'], 'must be a list of runs');
  const base = w as number;

  // Paths are built only on refusal: this loop runs once per change of a first sync.
  const hlcOf = (h: unknown, path: () => Path): string => {
    if (typeof h === 'string') {
      if (!HLC_PATTERN.test(h)) refuse(path(), 'must be a hybrid logical clock timestamp');
      return h;
    }
    if (!Array.isArray(h) || h.length !== 3) return refuse(path(), 'must be [wall offset, counter, writer] or a timestamp');
    const [dw, counter, writer] = h as unknown[];
    const wall = base + (dw as number);
    if (!Number.isSafeInteger(dw) || !Number.isSafeInteger(wall) || wall < 0 || wall >= MAX_WALL)
      refuse([...path(), 0], 'must give a wall time of at most 15 digits');
    if (!Number.isSafeInteger(counter) || (counter as number) < 0 || (counter as number) >= MAX_COUNTER)
      refuse([...path(), 1], 'must be a counter of at most 6 digits');
    if (!Number.isSafeInteger(writer) || (writer as number) < 0 || (writer as number) >= writers.length)
      refuse([...path(), 2], 'must be the index of a listed writer');
    return encodeHlc({ wall, counter: counter as number, clientId: writers[writer as number] as string });
  };

  const fields = new Set<string>();
  const changes: PulledChange[] = [];
  let previousOpId = '';
  for (let i = 0; i < (r as unknown[]).length; i++) {
    const run: unknown = (r as unknown[])[i];
    check(Array.isArray(run) && run.length === 4 && Array.isArray(run[3]), ['r', i], 'must be [table, rowId, firstSeq, changes]');
    const [table, rowId, firstSeq, list] = run as [unknown, unknown, unknown, unknown[]];
    checkWith(TableName, table, ['r', i, 0]);
    checkWith(RowId, rowId, ['r', i, 1]);
    check(Number.isSafeInteger(firstSeq) && (firstSeq as number) >= 1, ['r', i, 2], 'must be a seq (a whole number from 1)');
    for (let j = 0; j < list.length; j++) {
      const at = (slot?: number): Path => (slot === undefined ? ['r', i, 3, j] : ['r', i, 3, j, slot]);
      const p: unknown = list[j];
      if (!Array.isArray(p) || (p.length !== 5 && p.length !== 6)) refuse(at(), 'must be [field, value, hlc, opId, baseHlc] or [..., clientId]');
      const [field, value, packedHlc, opRef, packedBase, ownClientId] = p as unknown[];
      if (typeof field !== 'string' || !fields.has(field)) {
        checkWith(FieldName, field, at(0));
        fields.add(field as string);
      }
      if (value === undefined) refuse(at(1), 'is required (use null for "no value")');
      const valueProblem = checkJsonValue(value);
      if (valueProblem !== null) refuse(at(1), valueProblem);
      const hlc = hlcOf(packedHlc, () => at(2));
      if (typeof opRef !== 'string') refuse(at(3), 'must be an opId');
      const opId = expandOpId(opRef as string, previousOpId);
      if (!UUID_PATTERN.test(opId)) checkWith(Uuid, opId, at(3));
      previousOpId = opId;
      const baseHlc = packedBase === null ? null : hlcOf(packedBase, () => at(4));
      let clientId: string;
      if ((p as unknown[]).length === 6) {
        checkWith(Uuid, ownClientId, at(5));
        clientId = ownClientId as string;
      } else {
        clientId = clientOf(hlc);
        // A listed writer was checked once; an HLC of another shape names its writer itself.
        const isUuid = typeof packedHlc === 'string' ? UUID_PATTERN.test(clientId) : uuidWriter[(packedHlc as number[])[2]!];
        if (!isUuid) refuse(at(2), "must name a writer whose id is a UUID (it is the change's clientId)");
      }
      changes.push({
        seq: (firstSeq as number) + j,
        opId,
        clientId,
        councilId,
        table: table as string,
        rowId: rowId as string,
        field: field as string,
        value: value as JsonValue,
        hlc,
        baseHlc,
      });
    }
  }
  return changes;
}

/** What a transport needs from a response schema; zod schemas are readers too. */
export interface ResponseReader<T> {
  safeParse(json: unknown): { success: true; data: T; error?: never } | { success: false; error: z.ZodError; data?: never };
}

/** Reads a pull answer for `councilId`, packed or not, into a validated PullResponse. */
export function pullResponseReader(councilId: string): ResponseReader<PullResponse> {
  return {
    safeParse(json) {
      if (json === null || typeof json !== 'object' || !('packed' in json)) return PullResponse.safeParse(json);
      const envelope = PackedPullResponse.safeParse(json);
      if (!envelope.success) return envelope;
      const { packed, ...page } = envelope.data;
      const unpacked = unpackChanges(councilId, packed);
      if (!unpacked.ok)
        return { success: false, error: new z.ZodError([{ code: 'custom', path: unpacked.path, message: unpacked.message, input: undefined }]) };
      return { success: true, data: { ...page, changes: unpacked.changes } };
    },
  };
}
