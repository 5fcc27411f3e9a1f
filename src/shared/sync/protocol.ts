/**
 * The sync wire format, as zod schemas shared by the server (which validates every request) and
 * the clients (which validate every response before touching their store).
 * See docs/sync-protocol.md for the prose version.
 */
import { z } from 'zod';
import { HLC_PATTERN, hlcClientId } from './hlc';

/**
 * Version of the sync data contract. Bump it when old clients would corrupt data if they kept
 * writing (e.g. a field changes meaning); adding tables or fields does NOT need a bump, because
 * the server stores field/value pairs opaquely and replicas keep fields they do not know.
 */
export const SYNC_SCHEMA_VERSION = 1;
/** Clients older than this are told to update (426) and must keep their outbox until they do. */
export const MIN_SUPPORTED_SCHEMA_VERSION = 1;

export const MAX_PUSH_BATCH = 500;
export const MAX_PULL_LIMIT = 1000;
export const DEFAULT_PULL_LIMIT = 200;
/**
 * A pull page holds at most this many bytes of values (plus a fixed allowance per change), as
 * well as at most `limit` changes: a council with hundreds of megabytes of values pages through
 * them with bounded memory on the server and the client. A single larger value travels alone.
 */
export const MAX_PULL_PAGE_BYTES = 4 * 1024 * 1024;
/** One field's value, serialized: an approved minutes version of a long meeting travels as one value. */
export const MAX_VALUE_BYTES = 1024 * 1024;
/** Deeper JSON is refused before anything recursive touches it (stack exhaustion is a DoS). */
export const MAX_VALUE_DEPTH = 32;

/** The tombstone field: a row is deleted while this field's winning value says so. */
export const DELETED_FIELD = '_deleted';

export const TableName = z.string().regex(/^[a-z][A-Za-z0-9_]{0,63}$/, 'must be a table name (letters, digits, _; starting with a lower-case letter)');
export const FieldName = z.string().regex(/^(?:_deleted|[A-Za-z][A-Za-z0-9_]{0,63})$/, 'must be a field name (letters, digits, _) or _deleted');
export const RowId = z
  .string()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .regex(/^[A-Za-z0-9_.:-]+$/, 'must contain only letters, digits and _ . : -');
export const Hlc = z.string().regex(HLC_PATTERN, 'must be a hybrid logical clock timestamp');
export const Uuid = z.uuid({ message: 'must be a UUID' });

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * Iterative JSON check (no recursion, so hostile nesting cannot blow the stack): plain data only,
 * finite numbers, bounded depth and size.
 */
export function checkJsonValue(value: unknown, maxDepth = MAX_VALUE_DEPTH, maxBytes = MAX_VALUE_BYTES): string | null {
  // Most values are short strings: as JSON a UTF-16 unit takes at most 6 bytes (\uXXXX), so these
  // are within the limit without serializing them (every pulled change's value passes here).
  if (typeof value === 'string' && value.length * 6 + 2 <= maxBytes) return null;
  const stack: Array<{ v: unknown; depth: number }> = [{ v: value, depth: 0 }];
  while (stack.length > 0) {
    const { v, depth } = stack.pop()!;
    if (depth > maxDepth) return `must be nested at most ${maxDepth} levels deep`;
    if (v === null || typeof v === 'string' || typeof v === 'boolean') continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return 'must contain only finite numbers';
      continue;
    }
    if (Array.isArray(v)) {
      for (const item of v) stack.push({ v: item, depth: depth + 1 });
      continue;
    }
    if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      for (const item of Object.values(v as Record<string, unknown>)) stack.push({ v: item, depth: depth + 1 });
      continue;
    }
    return 'must be JSON data';
  }
  // Counted as UTF-16 code units x 3 would over-reject; the UTF-8 length is what the DB stores.
  if (utf8Length(JSON.stringify(value)) > maxBytes) return `must be at most ${maxBytes} bytes of JSON`;
  return null;
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export const JsonValueSchema = z.unknown().superRefine((v, ctx) => {
  if (v === undefined) {
    ctx.addIssue({ code: 'custom', message: 'is required (use null for "no value")' });
    return;
  }
  const problem = checkJsonValue(v);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
}) as unknown as z.ZodType<JsonValue>;

/**
 * The value of a `_deleted` change. `seen` maps each field to the HLC of the value the deleter
 * was looking at, so an edit the deleter never saw can be told apart from one it deleted
 * knowingly (the first becomes a conflict, the second does not).
 */
export const Tombstone = z.object({
  deleted: z.boolean(),
  seen: z.record(FieldName, Hlc),
});
export type Tombstone = z.infer<typeof Tombstone>;

const ChangeShape = z.object({
  opId: Uuid,
  clientId: Uuid,
  councilId: Uuid,
  table: TableName,
  rowId: RowId,
  field: FieldName,
  value: JsonValueSchema,
  hlc: Hlc,
  /** HLC of the value this edit replaced as the writer saw it; null when it saw no value. */
  baseHlc: Hlc.nullable(),
});

function refineChange(c: z.infer<typeof ChangeShape>, ctx: z.RefinementCtx): void {
  // The writer id inside the HLC is the tie-breaker and uniqueness guarantee; it must be the writer.
  if (hlcClientId(c.hlc) !== c.clientId) {
    ctx.addIssue({ code: 'custom', path: ['hlc'], message: 'must end with the change clientId' });
  }
  // A writer can only have seen values older than its own edit; anything else is a broken clock or a forgery.
  if (c.baseHlc !== null && c.baseHlc >= c.hlc) {
    ctx.addIssue({ code: 'custom', path: ['baseHlc'], message: 'must be older than hlc' });
  }
  if (c.field === DELETED_FIELD) {
    const t = Tombstone.safeParse(c.value);
    if (!t.success) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'must be a tombstone {deleted: boolean, seen: {field: hlc}}' });
    }
  }
}

export const Change = ChangeShape.superRefine(refineChange);
export type Change = z.infer<typeof ChangeShape>;

export const PushRequest = z.object({
  clientId: Uuid,
  schemaVersion: z.number().int().min(1),
  changes: z.array(Change).max(MAX_PUSH_BATCH, `must hold at most ${MAX_PUSH_BATCH} changes`),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const RejectReason = z.enum([
  /** The opId is already stored with different content (another writer used it): re-issue under a new opId. */
  'op_id_conflict',
  /**
   * The row lives in another council (it was first written there), or the change would place it
   * there (a council's own row outside that council, a council field or parent naming another).
   */
  'not_owner',
  /** An approved record (a write-once table): a field already written, a delete, or an addition by another account. */
  'write_once',
  /** A field only the server writes (e.g. who recorded an approval). */
  'server_field',
]);
export type RejectReason = z.infer<typeof RejectReason>;

export const PushResponse = z.object({
  /** Stored now or before (a replay is acknowledged again): the client may drop these from its outbox. */
  acked: z.array(Uuid),
  /**
   * Refused changes, each with why: they are not stored and will never be. A reason this client
   * does not know (a newer server's) is read as a plain string, so the answer still parses.
   */
  rejected: z.array(z.object({ opId: Uuid, reason: z.union([RejectReason, z.string().max(64)]), message: z.string() })),
  /** Server clock (ms), so clients can correct their physical clock offset. */
  serverTime: z.number(),
});
export type PushResponse = z.infer<typeof PushResponse>;

/** A server log's history id: minted with the database, minted again when it is restored from a backup. */
export const ServerEpoch = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be a server epoch');

export const PullRequest = z.object({
  councilId: Uuid,
  /** Last server seq the client has applied for this council; 0 for a first sync. */
  cursor: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
  schemaVersion: z.coerce.number().int().min(1).optional(),
  /** "packed": answer with a packed page (pullPacking.ts); servers before it answer with change objects. */
  format: z.enum(['changes', 'packed']).default('changes'),
  /**
   * The history of the server's log the cursor belongs to (the `epoch` of the page it came from).
   * A server whose log was restored from a backup has another one and answers 409
   * `resync_required` rather than go on from a cursor its log will number again.
   */
  epoch: ServerEpoch.optional(),
});
export type PullRequest = z.infer<typeof PullRequest>;
export type PullRequestInput = z.input<typeof PullRequest>;

export const PulledChange = ChangeShape.extend({ seq: z.number().int().min(1) });
export type PulledChange = z.infer<typeof PulledChange>;

export const PullResponse = z.object({
  changes: z.array(PulledChange),
  /** Pass back as `cursor`; equals the request cursor when nothing new was found. */
  nextCursor: z.number().int().min(0),
  hasMore: z.boolean(),
  serverTime: z.number(),
  /**
   * The council's newest seq on the server (at least nextCursor), so a client can show how far a
   * large first sync has come. Optional: servers before it did not send it.
   */
  lastSeq: z.number().int().min(0).optional(),
  /** The log's history id (see PullRequest.epoch). Optional: servers before it did not send it. */
  epoch: ServerEpoch.optional(),
});
export type PullResponse = z.infer<typeof PullResponse>;

export const EnrollRequest = z.object({
  code: z.string().trim().min(4, 'must be an enrollment code').max(64, 'must be an enrollment code'),
  deviceName: z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters'),
});
export type EnrollRequest = z.infer<typeof EnrollRequest>;

export const EnrollResponse = z.object({
  token: z.string(),
  deviceId: Uuid,
  accountId: Uuid,
  councils: z.array(z.object({ id: Uuid, name: z.string() })),
});
export type EnrollResponse = z.infer<typeof EnrollResponse>;

export const ErrorCode = z.enum([
  'bad_request',
  'invalid_json',
  'unsupported_media_type',
  'unauthorized',
  'invalid_enrollment_code',
  'not_member',
  'client_id_mismatch',
  'row_council_mismatch',
  'not_found',
  'payload_too_large',
  'rate_limited',
  'client_outdated',
  'clock_ahead',
  'resync_required',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorBody = z.object({
  error: ErrorCode,
  message: z.string(),
  /** clock_ahead: so the client can correct its offset and re-stamp. */
  serverTime: z.number().optional(),
  maxFutureMs: z.number().optional(),
  /** client_outdated: the oldest schemaVersion the server accepts. */
  minSchemaVersion: z.number().optional(),
  /** resync_required: the server log's current history id, to pull again from cursor 0 under. */
  epoch: ServerEpoch.optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** One line naming each problem by its path, e.g. `changes.3.hlc: must be a hybrid logical clock timestamp`. */
export function formatZodError(error: z.ZodError, maxIssues = 5): string {
  const parts = error.issues.slice(0, maxIssues).map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length - maxIssues;
  return parts.join('; ') + (more > 0 ? `; and ${more} more` : '');
}
