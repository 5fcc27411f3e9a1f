/**
 * The sync server's HTTP API. Node only: never imported by the desktop app.
 * Order of checks on /v1/push and /v1/pull: failed sign-ins from this address (per address) ->
 * authentication (before the body is even read, so anonymous callers cannot make us parse
 * megabytes) -> rate limit (per device) -> body size -> JSON -> schema version -> schema ->
 * memberships and client binding -> clocks -> store (which refuses, change by change, what the
 * sync registry forbids). Every refusal happens before anything is written.
 */
import { constants as zlibConstants } from 'node:zlib';
import compress from '@fastify/compress';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { v7 as uuidv7 } from 'uuid';
import { DEFAULT_MAX_FUTURE_MS, isTooFarInFuture } from '../src/shared/sync/hlc';
import {
  EnrollRequest,
  MAX_PULL_LIMIT,
  MAX_PULL_PAGE_BYTES,
  MAX_PUSH_BATCH,
  MIN_SUPPORTED_SCHEMA_VERSION,
  PullRequest,
  PushRequest,
  formatZodError,
  type EnrollResponse,
  type ErrorBody,
  type ErrorCode,
  type PullResponse,
  type PushResponse,
} from '../src/shared/sync/protocol';
import { packChanges, type PackedPullResponse } from '../src/shared/sync/pullPacking';
import { FailureLimiter, type FailureLimit } from './failureLimiter';
import { instrumentStore, ServerMetrics } from './metrics';
import { hashEnrollmentCode, hashSecret, newDeviceToken } from './secrets';
import { MIGRATIONS } from './store/schema';
import type { DeviceRecord, Store } from './store/types';
import { MemoryWindowCounter, type WindowCounter } from './windowCounter';
import { nowMs } from '../src/shared/clock';

export interface RateLimitSetting {
  max: number;
  timeWindowMs: number;
}

export interface ServerLimits {
  bodyLimitBytes: number;
  maxBatch: number;
  maxPullLimit: number;
  /** Bytes of values (plus a fixed allowance per change) in one pull page; a larger single value travels alone. */
  pullPageBytes: number;
  /** Timestamps further ahead of the server clock are refused (400 clock_ahead). */
  maxFutureMs: number;
  /** Per authenticated device. */
  rateLimit: RateLimitSetting | false;
  /** Per IP: enrollment codes are the one thing an anonymous caller can guess at. */
  enrollRateLimit: RateLimitSetting | false;
  /**
   * Per IP: failed token lookups and failed enrollments together. Past it, every token lookup and
   * enrollment from the address is refused (429) until the window ends, whatever token it presents.
   */
  authFailureLimit: FailureLimit | false;
}

export const DEFAULT_LIMITS: ServerLimits = {
  bodyLimitBytes: 4 * 1024 * 1024,
  maxBatch: MAX_PUSH_BATCH,
  maxPullLimit: MAX_PULL_LIMIT,
  pullPageBytes: MAX_PULL_PAGE_BYTES,
  maxFutureMs: DEFAULT_MAX_FUTURE_MS,
  rateLimit: { max: 600, timeWindowMs: 60_000 },
  enrollRateLimit: { max: 10, timeWindowMs: 60_000 },
  authFailureLimit: { max: 30, timeWindowMs: 60_000 },
};

export interface BuildServerOptions {
  store: Store;
  /** A pino logger (see server/logger.ts); false or omitted for silence. */
  logger?: FastifyBaseLogger | false;
  limits?: Partial<ServerLimits>;
  /** Server clock; injectable so tests can skew it. */
  now?: () => number;
  /** Behind a reverse proxy, take the client IP from X-Forwarded-For (per-address limits). */
  trustProxy?: boolean;
  /** Exact browser origins allowed by CORS (web mode on another origin); none: no CORS headers. */
  corsOrigins?: readonly string[];
  /** Compress large answers (pull pages) for clients that accept it (see COMPRESSION); default off. */
  compress?: boolean;
  /** Where the server counts; a fresh set when omitted (main.ts serves it on its own port). */
  metrics?: ServerMetrics;
  /**
   * Request windows for the rate limits and the failed sign-in budget. Default: the store's
   * shared counters when it has them (PostgreSQL: one budget across every server process),
   * else in memory.
   */
  counters?: WindowCounter;
  /** Set `draining` on SIGTERM: /ready answers 503 so the proxy sends new requests elsewhere. */
  readiness?: ReadinessState;
}

export interface ReadinessState {
  draining: boolean;
}

/** /ready waits this long for the database before calling it unreachable. */
const READY_TIMEOUT_MS = 2_000;
/** A request id from the proxy is taken only if it looks like one (it ends up in every log line). */
const REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/**
 * With `compress`, large answers (pull pages; errors and push answers stay under the threshold)
 * go out compressed to clients that accept it: a first sync's 12 MB of packed pages is about 4 MB
 * (brotli at quality 1 over HTTPS, gzip at level 1 over plain HTTP), and over clinic Wi-Fi the
 * network is what a first sync waits on. Off by default: on loopback it only costs CPU (a
 * first sync took 1.1 s instead of 0.75 s), and the TLS proxy a deployment puts in front usually
 * compresses already. Request bodies are never decompressed: pushes stay plain JSON under the
 * body limit.
 */
const COMPRESSION = {
  globalCompression: true,
  globalDecompression: false,
  threshold: 16 * 1024,
  encodings: ['br', 'gzip'] as ('br' | 'gzip')[],
  brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT, [zlibConstants.BROTLI_PARAM_QUALITY]: 1 } },
  zlibOptions: { level: 1 },
};

class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: ErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
  }
}

function fail(statusCode: number, error: ErrorCode, message: string, extra: Partial<ErrorBody> = {}): never {
  throw new HttpError(statusCode, { error, message, ...extra });
}

function tooManyFailures(retryMs: number): never {
  const seconds = Math.max(1, Math.ceil(retryMs / 1000));
  throw new HttpError(
    429,
    { error: 'rate_limited', message: `too many failed sign-ins from this address; retry in ${seconds} seconds` },
    { 'retry-after': String(seconds) },
  );
}

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]{16,256})$/;
const deviceOf = new WeakMap<FastifyRequest, DeviceRecord>();

export async function buildServer(options: BuildServerOptions): Promise<FastifyInstance> {
  const metrics = options.metrics ?? new ServerMetrics();
  const store = instrumentStore(options.store, metrics);
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const now = options.now ?? nowMs;
  const counters = options.counters ?? options.store.counters ?? new MemoryWindowCounter();
  const readiness = options.readiness ?? { draining: false };
  const trustProxy = options.trustProxy ?? false;

  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    bodyLimit: limits.bodyLimitBytes,
    trustProxy,
    // Request ids are minted here, so a caller cannot choose what appears in our logs; only our
    // own proxy (trusted with --trust-proxy) may hand one over, so its access log and ours match.
    genReqId: (req) => {
      const given = trustProxy ? req.headers['x-request-id'] : undefined;
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : uuidv7();
    },
  });

  // Every answer names its request id: a facilitator's "it failed at 10:42" becomes one log search.
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // Draining for a shutdown: no answer keeps its connection open, so the proxy opens its next
  // one to another instance and the drain ends when the last request is answered.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (readiness.draining) reply.header('connection', 'close');
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    metrics.observeRequest(request.routeOptions.url, request.method, reply.statusCode, reply.elapsedTime / 1000);
  });

  const pruneTimer = setInterval(() => void counters.prune(now()).catch(() => undefined), 60_000);
  pruneTimer.unref();
  app.addHook('onClose', async () => clearInterval(pruneTimer));

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (error instanceof HttpError) return reply.code(error.statusCode).headers(error.headers).send(error.body);
    const send = (status: number, code: ErrorCode, message: string) => reply.code(status).send({ error: code, message } satisfies ErrorBody);
    switch (error.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(413, 'payload_too_large', `request body is larger than ${limits.bodyLimitBytes} bytes`);
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send(415, 'unsupported_media_type', 'send the body as application/json');
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return send(400, 'invalid_json', 'request body is empty');
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return send(400, 'invalid_json', 'request body is not valid JSON');
    }
    if (error.statusCode === 429 || error.code === 'rate_limited') return send(429, 'rate_limited', error.message);
    if (error instanceof SyntaxError || error.statusCode === 400) return send(400, 'invalid_json', 'request body is not valid JSON');
    if (error.statusCode === 413) return send(413, 'payload_too_large', `request body is larger than ${limits.bodyLimitBytes} bytes`);
    if (error.statusCode === 415) return send(415, 'unsupported_media_type', 'send the body as application/json');
    request.log.error({ err: error }, 'unhandled error');
    return send(500, 'internal', 'internal server error');
  });

  // JSON only: a text/plain body would otherwise reach the schema as a string and get a confusing 400.
  app.removeContentTypeParser('text/plain');

  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'not_found', message: 'no such endpoint' } satisfies ErrorBody));

  if (options.compress === true) await app.register(compress, COMPRESSION);

  const corsOrigins = new Set(options.corsOrigins ?? []);
  if (corsOrigins.size > 0) {
    // Registered before the rate limiter: its global onRequest hook answers a preflight before
    // any route hook (rate limit, authentication) runs. A browser's preflight carries no token,
    // so it could never pass authentication, and counting it would halve a client's budget.
    await app.register(cors, {
      // An origin not on the list gets no CORS header at all (and its preflight a 404).
      origin: (origin, callback) => callback(null, origin !== undefined && corsOrigins.has(origin) ? origin : false),
      methods: ['GET', 'POST'],
      allowedHeaders: ['authorization', 'content-type'],
      // A page can read only safelisted headers; the client needs Retry-After on a 429.
      exposedHeaders: ['retry-after'],
      // Tokens travel in the Authorization header, never in cookies.
      credentials: false,
      maxAge: 600,
      strictPreflight: true,
    });
  }

  const failures = limits.authFailureLimit ? new FailureLimiter(limits.authFailureLimit, timedCounter(counters, metrics), now) : null;
  // Refused before any lookup once the address has used up its failures.
  const checkFailures = async (request: FastifyRequest) => {
    const wait = (await failures?.retryInMs(request.ip)) ?? 0;
    if (wait > 0) {
      metrics.rateLimited.inc({ limit: 'sign_in_failures' });
      tooManyFailures(wait);
    }
  };

  const authenticate = async (request: FastifyRequest) => {
    await checkFailures(request);
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? BEARER.exec(header) : null;
    if (!match) {
      await failures?.fail(request.ip);
      fail(401, 'unauthorized', 'missing or malformed "Authorization: Bearer <device token>" header');
    }
    const device = await store.deviceByTokenHash(hashSecret(match[1]!));
    // One answer for unknown and revoked tokens: the caller learns nothing about which it holds.
    if (!device || device.revokedAt !== null) {
      await failures?.fail(request.ip);
      fail(401, 'unauthorized', 'device token is invalid or revoked');
    }
    deviceOf.set(request, device);
  };

  if (limits.rateLimit || limits.enrollRateLimit) {
    await app.register(rateLimit, {
      global: limits.rateLimit !== false,
      ...(limits.rateLimit ? { max: limits.rateLimit.max, timeWindow: limits.rateLimit.timeWindowMs } : {}),
      // The same windows for every server process on the database when the counters are shared.
      store: rateLimitStore(timedCounter(counters, metrics), now),
      // After authentication (onRequest), before the body is parsed: a request is counted against
      // its device, never against a token it merely presents (each invented token would get a
      // budget of its own). Failed sign-ins are counted per address by `failures` instead.
      hook: 'preParsing',
      keyGenerator: (request) => {
        const device = deviceOf.get(request);
        return device ? `d:${device.id}` : `ip:${request.ip}`;
      },
      errorResponseBuilder: (request, context) => {
        metrics.rateLimited.inc({ limit: request.routeOptions.url === '/v1/enroll' ? 'enroll' : 'device' });
        return { statusCode: 429, code: 'rate_limited', message: `too many requests; retry in ${context.after}` };
      },
    });
  }

  const requireDevice = (request: FastifyRequest): DeviceRecord => {
    const device = deviceOf.get(request);
    if (!device) fail(401, 'unauthorized', 'not authenticated');
    return device;
  };

  const checkSchemaVersion = (version: unknown) => {
    if (typeof version === 'number' && Number.isInteger(version) && version < MIN_SUPPORTED_SCHEMA_VERSION) {
      fail(
        426,
        'client_outdated',
        `this app is too old to sync (schema ${version}; the server needs ${MIN_SUPPORTED_SCHEMA_VERSION} or later): update it. Unsent changes are kept.`,
        {
          minSchemaVersion: MIN_SUPPORTED_SCHEMA_VERSION,
        },
      );
    }
  };

  const memberCouncils = async (device: DeviceRecord): Promise<Set<string>> => new Set((await store.councilsOf(device.accountId)).map((c) => c.id));

  // Liveness: the process answers. A load balancer or systemd watchdog restarts it when it does not.
  app.get('/health', { config: { rateLimit: false } }, async () => ({ ok: true }));

  // Readiness: this instance should get requests. The database answers within READY_TIMEOUT_MS,
  // its migrations are the ones this server knows (or newer: a rolling upgrade started), and the
  // process is not draining for a shutdown. The proxy health-checks this path.
  app.get('/ready', { config: { rateLimit: false } }, async (_request, reply) => {
    const notReady = (reason: string) => reply.code(503).send({ ready: false, reason });
    if (readiness.draining) return notReady('shutting down');
    let version: number;
    try {
      version = await withTimeout(store.schemaVersion(), READY_TIMEOUT_MS);
    } catch {
      return notReady('database unreachable');
    }
    if (version < MIGRATIONS.length) return notReady(`database migrations not done (version ${version} of ${MIGRATIONS.length})`);
    return { ready: true, schemaVersion: version };
  });

  app.post(
    '/v1/enroll',
    {
      config: {
        rateLimit: limits.enrollRateLimit
          ? { max: limits.enrollRateLimit.max, timeWindow: limits.enrollRateLimit.timeWindowMs, keyGenerator: (r: FastifyRequest) => `enroll:${r.ip}` }
          : false,
      },
    },
    async (request): Promise<EnrollResponse> => {
      await checkFailures(request);
      const parsed = EnrollRequest.safeParse(request.body);
      if (!parsed.success) fail(400, 'bad_request', formatZodError(parsed.error));
      const token = newDeviceToken();
      const redeemed = await store.redeemEnrollmentCode(hashEnrollmentCode(parsed.data.code), now(), {
        id: uuidv7(),
        name: parsed.data.deviceName,
        tokenHash: hashSecret(token),
      });
      if (!redeemed) {
        await failures?.fail(request.ip);
        fail(401, 'invalid_enrollment_code', 'enrollment code is unknown, already used or expired');
      }
      const councils = await store.councilsOf(redeemed.accountId);
      request.log.info({ deviceId: redeemed.deviceId, accountId: redeemed.accountId }, 'device enrolled');
      return { token, deviceId: redeemed.deviceId, accountId: redeemed.accountId, councils: councils.map((c) => ({ id: c.id, name: c.name })) };
    },
  );

  app.post('/v1/push', { onRequest: authenticate }, async (request): Promise<PushResponse> => {
    const device = requireDevice(request);
    const raw = request.body as { schemaVersion?: unknown } | null;
    // Before full validation: an old client's body may not match today's schema, and what it
    // needs to hear is "update", not a list of field errors.
    checkSchemaVersion(raw && typeof raw === 'object' ? raw.schemaVersion : undefined);
    const parsed = PushRequest.safeParse(raw);
    if (!parsed.success) fail(400, 'bad_request', formatZodError(parsed.error));
    const body = parsed.data;
    if (body.changes.length > limits.maxBatch) fail(400, 'bad_request', `changes: must hold at most ${limits.maxBatch} changes`);

    const foreign = body.changes.findIndex((c) => c.clientId !== body.clientId);
    if (foreign >= 0) fail(403, 'client_id_mismatch', `changes.${foreign}.clientId: a device may only push its own changes`);

    const councils = await memberCouncils(device);
    const outside = body.changes.findIndex((c) => !councils.has(c.councilId));
    // The whole batch is refused, not just the offending change, so a client bug cannot half-sync a row.
    if (outside >= 0) fail(403, 'not_member', `changes.${outside}.councilId: this device's account is not a member of that council`);

    const serverNow = now();
    const ahead = body.changes.findIndex((c) => isTooFarInFuture(c.hlc, serverNow, limits.maxFutureMs));
    if (ahead >= 0) {
      fail(
        400,
        'clock_ahead',
        `changes.${ahead}.hlc: timestamp is more than ${Math.round(limits.maxFutureMs / 60_000)} minutes ahead of the server clock; correct the clock and re-stamp`,
        {
          serverTime: serverNow,
          maxFutureMs: limits.maxFutureMs,
        },
      );
    }

    const outcome = await store.push({
      deviceId: device.id,
      clientId: body.clientId,
      accountId: device.accountId,
      accountName: device.accountName,
      changes: body.changes,
      receivedAt: serverNow,
    });
    if (outcome.kind === 'client_id_mismatch')
      fail(403, 'client_id_mismatch', 'clientId: this client id belongs to another device; a laptop enrolled again pushes under a new client id');
    metrics.pushChanges.inc({ result: 'received' }, body.changes.length);
    metrics.pushChanges.inc({ result: 'stored' }, outcome.inserted);
    metrics.pushChanges.inc({ result: 'acknowledged' }, outcome.acked.length);
    metrics.pushChanges.inc({ result: 'rejected' }, outcome.rejected.length);
    for (const r of outcome.rejected) metrics.rejectedChanges.inc({ reason: r.reason });
    request.log.info({ deviceId: device.id, received: body.changes.length, inserted: outcome.inserted, rejected: outcome.rejected.length }, 'push');
    return { acked: outcome.acked, rejected: outcome.rejected, serverTime: now() };
  });

  /**
   * A cursor from another history of the log: the store was restored from a backup (a new epoch)
   * or replaced. The seqs after the restored log's end will be numbered again, so a laptop going
   * on from its cursor would skip them silently; it is told to pull again from the start instead
   * (applying changes it has is harmless). `cursor > lastSeq` catches laptops that never heard
   * an epoch, until new pushes pass their cursor.
   */
  const resync = (why: string): never => {
    metrics.resyncs.inc();
    fail(409, 'resync_required', `${why}: pull this council again from cursor 0 (changes already applied are applied again harmlessly)`, {
      epoch: store.epoch,
    });
  };

  const pull = async (request: FastifyRequest, reply: FastifyReply, input: unknown): Promise<string> => {
    const device = requireDevice(request);
    checkSchemaVersion(input && typeof input === 'object' ? Number((input as { schemaVersion?: unknown }).schemaVersion) : undefined);
    const parsed = PullRequest.safeParse(input ?? {});
    if (!parsed.success) fail(400, 'bad_request', formatZodError(parsed.error));
    const { councilId, cursor, epoch } = parsed.data;
    const limit = Math.min(parsed.data.limit, limits.maxPullLimit);
    // Unknown and forbidden councils get the same answer: no probing for council ids.
    if (!(await memberCouncils(device)).has(councilId)) fail(403, 'not_member', "councilId: this device's account is not a member of that council");
    if (epoch !== undefined && epoch !== store.epoch) resync("the cursor belongs to another history of this server's log (it was restored from a backup)");
    const page = await store.pull(councilId, cursor, limit, limits.pullPageBytes);
    if (cursor > page.lastSeq) resync(`the cursor (${cursor}) is past the end of this council's log (${page.lastSeq}) on this server`);
    const last = page.changes[page.changes.length - 1];
    const nextCursor = last ? last.seq : cursor;
    // Read apart from the page (another server process may commit in between): never behind it.
    const answer = { nextCursor, hasMore: page.hasMore, serverTime: now(), lastSeq: Math.max(page.lastSeq, nextCursor), epoch: store.epoch };
    const body: PullResponse | PackedPullResponse =
      parsed.data.format === 'packed' ? { ...answer, packed: packChanges(councilId, page.changes) } : { ...answer, changes: page.changes };
    // Serialized here so the page's size is known (before any compression).
    const json = JSON.stringify(body);
    metrics.pullChanges.inc(page.changes.length);
    metrics.pullPageBytes.observe(Buffer.byteLength(json));
    reply.type('application/json; charset=utf-8');
    return json;
  };

  app.post('/v1/pull', { onRequest: authenticate }, async (request, reply) => pull(request, reply, request.body));
  app.get('/v1/pull', { onRequest: authenticate }, async (request, reply) => pull(request, reply, request.query));

  return app;
}

/** @fastify/rate-limit's store contract over a WindowCounter (shared across processes or not). */
function rateLimitStore(counter: WindowCounter, now: () => number): FastifyRateLimitStoreCtor {
  class CounterStore implements FastifyRateLimitStore {
    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      const t = now();
      counter.hit(`rl:${key}`, timeWindow, t).then(
        (w) => callback(null, { current: w.count, ttl: Math.max(0, w.resetAt - t) }),
        (e: unknown) => callback(e instanceof Error ? e : new Error(String(e))),
      );
    }
    child(): FastifyRateLimitStore {
      return this;
    }
  }
  return CounterStore;
}

/** The counter with its database round trips timed like the store's (operation "rateLimit"). */
function timedCounter(counter: WindowCounter, metrics: ServerMetrics): WindowCounter {
  if (!counter.shared) return counter;
  const time = <T>(p: Promise<T>): Promise<T> => {
    const end = metrics.dbSeconds.startTimer({ operation: 'rateLimit' });
    return p.finally(() => end());
  };
  return {
    shared: true,
    hit: (key, windowMs, at) => time(counter.hit(key, windowMs, at)),
    peek: (key, at) => time(counter.peek(key, at)),
    prune: (at) => counter.prune(at),
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
