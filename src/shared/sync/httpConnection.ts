/**
 * The one HTTP client of the sync server, behind SyncConnection. Pure TypeScript: main runs it
 * with Node's fetch and the safeStorage vault, web mode with window.fetch and localStorage.
 * Every outcome is a value: a failure says what kind it is and carries a sentence for the
 * facilitator that never quotes the token.
 */
import { z } from 'zod';
import type { SyncAccount, SyncConnection, SyncEnrollResponse, SyncFailure, SyncFailureKind, SyncResult, SyncStatusResponse } from './connection';
import { SyncEnrollRequest } from './connection';
import { EnrollResponse, ErrorBody, PushResponse, formatZodError, type PullRequestInput, type PushRequest } from './protocol';
import { pullResponseReader, type ResponseReader } from './pullPacking';
import { now as clockNow } from '../clock';

export type TokenStorage = SyncAccount['tokenStorage'];

/** What a credential store keeps: the token, and what the renderer may see about it. */
export const StoredCredentials = z.object({
  token: z.string().min(16).max(256),
  account: z.object({
    serverUrl: z.string().min(1),
    deviceId: z.string().min(1),
    accountId: z.string().min(1),
    deviceName: z.string(),
    councils: z.array(z.object({ id: z.string(), name: z.string() })),
    enrolledAt: z.string(),
  }),
});
export type StoredCredentials = z.infer<typeof StoredCredentials>;

/** As loaded: the store says how it kept the token, which syncStatus reports. */
export type LoadedCredentials = StoredCredentials & { readonly tokenStorage: TokenStorage };

export type SaveOutcome = { readonly status: 'saved'; readonly tokenStorage: TokenStorage } | { readonly status: 'insecure_storage' };

export interface CredentialStore {
  /** null when nothing usable is stored (missing, corrupt or undecryptable: never a throw for those). */
  load(): Promise<LoadedCredentials | null>;
  /**
   * Stores nothing and answers insecure_storage when only plain-text storage is available and
   * allowPlainText is false.
   */
  save(credentials: StoredCredentials, options: { allowPlainText: boolean }): Promise<SaveOutcome>;
  /**
   * Whether save would succeed, asked BEFORE the enrollment code is redeemed: a code works once,
   * so refusing to store the token afterwards would waste it and leave an orphan device.
   */
  check(options: { allowPlainText: boolean }): Promise<SaveOutcome>;
  clear(): Promise<void>;
}

export interface HttpSyncConnectionDeps {
  fetch: typeof fetch;
  credentials: CredentialStore;
  /** Per request, including reading the body. */
  timeoutMs?: number;
  now?: () => Date;
}

export const DEFAULT_SYNC_TIMEOUT_MS = 30_000;

export const INVALID_CODE_MESSAGE =
  "That enrollment code is not valid: it may be mistyped, already used or expired. Ask your council's sync administrator for a new one.";

export const INSECURE_STORAGE_MESSAGE =
  'This computer has no keyring (password store) available, so the sync token would be stored unencrypted on disk, where anyone who can read your files could copy it. Enroll again and agree to plain-text storage only if you accept that risk; otherwise set up a keyring first.';

/** "https://host/sync/" and "https://host/sync" are the same server. */
export function normaliseServerUrl(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

function failure(kind: SyncFailureKind, message: string, extra: Omit<SyncFailure, 'status' | 'kind' | 'message'> = {}): SyncFailure {
  return { status: 'error', kind, message, ...extra };
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // Node's fetch hides the useful part (ECONNREFUSED, ENOTFOUND) in `cause`.
  const cause = (error as Error & { cause?: unknown }).cause;
  const code = cause && typeof cause === 'object' && 'code' in cause ? String((cause as { code: unknown }).code) : '';
  return code ? `${error.message} (${code})` : error.message;
}

/** Retry-After in seconds or as an HTTP date; else the rate limiter's "retry in 30 seconds". */
export function retryAfterMs(header: string | null, message: string | undefined, now: Date): number | undefined {
  if (header) {
    const trimmed = header.trim();
    if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
    const date = Date.parse(trimmed);
    if (!Number.isNaN(date)) return Math.max(0, date - now.getTime());
  }
  const match = message ? /retry in (\d+(?:\.\d+)?) ?(ms|millisecond|second|sec|s|minute|min|m|hour|h)/i.exec(message) : null;
  if (match) {
    const unit = match[2]!.toLowerCase();
    const factor = unit.startsWith('h') ? 3_600_000 : unit === 'm' || unit.startsWith('min') ? 60_000 : unit === 'ms' || unit.startsWith('milli') ? 1 : 1000;
    return Math.round(Number(match[1]) * factor);
  }
  return undefined;
}

function seconds(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  return s === 1 ? '1 second' : `${s} seconds`;
}

type Exchange = { readonly ok: true; readonly json: unknown } | { readonly ok: false; readonly failure: SyncFailure };

export function createHttpSyncConnection(deps: HttpSyncConnectionDeps): SyncConnection {
  const timeoutMs = deps.timeoutMs ?? DEFAULT_SYNC_TIMEOUT_MS;
  // Called unbound: a browser's fetch throws "Illegal invocation" when `this` is not window.
  const doFetch = deps.fetch;
  const now = deps.now ?? clockNow;

  /** One POST; any answer that is not 2xx JSON becomes a classified failure. */
  async function post(serverUrl: string, path: string, body: unknown, token?: string): Promise<Exchange> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    let response: Response;
    let text: string;
    try {
      response = await doFetch(`${serverUrl}${path}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        signal: controller.signal,
        // A redirect is never followed: the token goes only to the address the facilitator typed.
        redirect: 'manual',
        credentials: 'omit',
      });
      text = await response.text();
    } catch (error) {
      const message = timedOut
        ? `The sync server at ${serverUrl} did not answer within ${seconds(timeoutMs)}. Your changes are kept on this device and will be sent later.`
        : `Could not reach the sync server at ${serverUrl} (${errorText(error)}). Check the connection; your changes are kept on this device and will be sent later.`;
      return { ok: false, failure: failure('offline', message) };
    } finally {
      clearTimeout(timer);
    }

    let json: unknown = undefined;
    let parsedJson = false;
    try {
      json = text.length > 0 ? JSON.parse(text) : undefined;
      parsedJson = text.length > 0;
    } catch {
      /* classified below */
    }
    const status = response.status;
    if (status >= 200 && status < 300) {
      if (!parsedJson)
        return {
          ok: false,
          failure: failure('server', `The sync server at ${serverUrl} sent an answer that is not sync data (HTTP ${status}). Check the server address.`, {
            httpStatus: status,
          }),
        };
      return { ok: true, json };
    }
    return { ok: false, failure: classify(serverUrl, response, parsedJson ? json : undefined) };
  }

  function classify(serverUrl: string, response: Response, json: unknown): SyncFailure {
    const status = response.status;
    const parsed = ErrorBody.safeParse(json);
    const body = parsed.success ? parsed.data : undefined;
    const extra = { httpStatus: status, ...(body ? { body } : {}) };
    const said = body ? ` The server said: ${body.message}` : '';
    // A browser reports a manual redirect as status 0, Node as the 3xx itself.
    if (response.type === 'opaqueredirect' || (status >= 300 && status < 400)) {
      return failure(
        'rejected',
        `The sync server at ${serverUrl} answered with a redirect, which is not followed so the device token cannot leak elsewhere. Check the server address (for example https:// instead of http://).`,
        extra,
      );
    }
    if (status === 401) {
      return failure(
        'unauthorized',
        "The sync server no longer accepts this device: its access was revoked or it was never enrolled there. Enroll this device again with a new code from your council's sync administrator.",
        extra,
      );
    }
    if (status === 403) {
      return failure(
        'forbidden',
        `The sync server refused this request: this account may not sync that council.${said} Ask your council's sync administrator to check the account's councils.`,
        extra,
      );
    }
    if (status === 426) {
      return failure(
        'outdated',
        'This version of Common Ground is too old for the sync server. Update the app to keep syncing; your unsent changes are kept on this device.',
        extra,
      );
    }
    if (status === 400 && body?.error === 'clock_ahead') {
      return failure(
        'clock_ahead',
        "This computer's clock is ahead of the sync server's clock. The changes will be re-stamped with the corrected time and sent again; check the computer's date and time settings.",
        extra,
      );
    }
    if (status === 429) {
      const wait = retryAfterMs(response.headers.get('retry-after'), body?.message, now());
      return failure(
        'rate_limited',
        `The sync server is receiving too many requests from this device; trying again in ${wait === undefined ? 'a minute' : seconds(wait)}.`,
        {
          ...extra,
          ...(wait === undefined ? {} : { retryAfterMs: wait }),
        },
      );
    }
    if (status >= 400 && status < 500) {
      return failure('rejected', `The sync server refused the request (HTTP ${status}).${said}`, extra);
    }
    return failure(
      'server',
      `The sync server at ${serverUrl} had a problem (HTTP ${status}). Your changes are kept on this device and will be sent later.${said}`,
      extra,
    );
  }

  async function authorized<T>(path: string, request: unknown, schema: ResponseReader<T>): Promise<SyncResult<T>> {
    let credentials: LoadedCredentials | null;
    try {
      credentials = await deps.credentials.load();
    } catch {
      credentials = null;
    }
    if (!credentials) {
      return failure(
        'not_enrolled',
        "This device is not enrolled for sync yet. Enroll it with the server address and a code from your council's sync administrator.",
      );
    }
    const { serverUrl } = credentials.account;
    const result = await post(serverUrl, path, request, credentials.token);
    if (!result.ok) return result.failure;
    const parsed = schema.safeParse(result.json);
    if (!parsed.success) {
      return failure('server', `The sync server at ${serverUrl} sent an answer this app does not understand (${formatZodError(parsed.error, 2)}).`, {
        httpStatus: 200,
      });
    }
    return { status: 'ok', body: parsed.data };
  }

  return {
    async syncStatus(): Promise<SyncStatusResponse> {
      const loaded = await deps.credentials.load().catch(() => null);
      if (!loaded) return { enrolled: false };
      // Built field by field so the token can never ride along.
      const { serverUrl, deviceId, accountId, deviceName, councils, enrolledAt } = loaded.account;
      return {
        enrolled: true,
        account: {
          serverUrl,
          deviceId,
          accountId,
          deviceName,
          councils: councils.map((c) => ({ id: c.id, name: c.name })),
          enrolledAt,
          tokenStorage: loaded.tokenStorage,
        },
      };
    },

    async syncEnroll(request): Promise<SyncEnrollResponse> {
      const parsed = SyncEnrollRequest.safeParse(request);
      if (!parsed.success) {
        return failure('rejected', parsed.error.issues.map((i) => i.message).join('. ') + '.');
      }
      const { code, deviceName, allowPlainTextStorage } = parsed.data;
      const serverUrl = normaliseServerUrl(parsed.data.serverUrl);
      const storageOptions = { allowPlainText: allowPlainTextStorage };

      const ready = await deps.credentials.check(storageOptions);
      if (ready.status === 'insecure_storage') return failure('insecure_storage', INSECURE_STORAGE_MESSAGE);

      const result = await post(serverUrl, '/v1/enroll', { code, deviceName });
      if (!result.ok) {
        const f = result.failure;
        if (f.httpStatus === 401) return { ...f, kind: 'rejected', message: INVALID_CODE_MESSAGE };
        if (f.kind === 'offline') {
          return { ...f, message: `Could not reach the sync server at ${serverUrl}. Check the address and the network connection, then try again.` };
        }
        return f;
      }
      const answer = EnrollResponse.safeParse(result.json);
      if (!answer.success) {
        return failure('server', `The server at ${serverUrl} did not answer like a Common Ground sync server. Check the address.`, { httpStatus: 200 });
      }
      const account = {
        serverUrl,
        deviceId: answer.data.deviceId,
        accountId: answer.data.accountId,
        deviceName,
        councils: answer.data.councils,
        enrolledAt: now().toISOString(),
      };
      let saved: SaveOutcome;
      try {
        saved = await deps.credentials.save({ token: answer.data.token, account }, storageOptions);
      } catch (error) {
        return failure(
          'rejected',
          `The server enrolled this device but the token could not be stored here (${error instanceof Error ? error.message : String(error)}). Ask your council's sync administrator for a new code.`,
        );
      }
      if (saved.status === 'insecure_storage') return failure('insecure_storage', INSECURE_STORAGE_MESSAGE);
      return { status: 'enrolled', account: { ...account, tokenStorage: saved.tokenStorage } };
    },

    async syncForget() {
      await deps.credentials.clear();
      return { status: 'forgotten' as const };
    },

    syncPush(request: PushRequest) {
      return authorized<PushResponse>('/v1/push', request, PushResponse);
    },

    syncPull(request: PullRequestInput) {
      // Packed pages are a third of the bytes; a server that predates them answers unpacked.
      return authorized('/v1/pull', { ...request, format: 'packed' }, pullResponseReader(request.councilId));
    },
  };
}
