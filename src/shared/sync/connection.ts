/**
 * The renderer's view of the sync server: enroll once, then push and pull. The renderer never
 * holds the device token: in the desktop app the main process implements this (token in
 * Electron safeStorage, HTTP in main, renderer CSP connect-src 'none'); in web mode the browser
 * bridge implements it with fetch and keeps the token in the browser profile.
 * Every outcome is a value, never a throw, so the sync engine can decide offline vs. "needs
 * attention" vs. "update the app" from one field.
 */
import { z } from 'zod';
import type { ErrorBody, PullRequestInput, PullResponse, PushRequest, PushResponse } from './protocol';

export const SyncEnrollRequest = z.object({
  serverUrl: z
    .string()
    .trim()
    .min(1, 'Enter the server address')
    .max(300, 'The server address is too long')
    .refine((s) => /^https?:\/\/[^\s/?#]+(?:\/[^\s?#]*)?$/i.test(s), 'The server address must start with http:// or https://'),
  code: z.string().trim().min(4, 'Enter the enrollment code').max(64, 'That is not an enrollment code'),
  deviceName: z.string().trim().min(1, 'Name this device').max(100, 'Device names are at most 100 characters'),
  /**
   * Linux without a keyring offers only Chromium's 'basic_text' backend, which is obfuscation,
   * not encryption. The token is stored that way only if the user said yes after being told.
   */
  allowPlainTextStorage: z.boolean().default(false),
});
export type SyncEnrollRequest = z.input<typeof SyncEnrollRequest>;

export interface SyncCouncil {
  readonly id: string;
  readonly name: string;
}

/** What the renderer may know about the enrollment: never the token. */
export interface SyncAccount {
  readonly serverUrl: string;
  readonly deviceId: string;
  readonly accountId: string;
  readonly deviceName: string;
  readonly councils: readonly SyncCouncil[];
  readonly enrolledAt: string;
  /** 'encrypted' (OS keychain via safeStorage), 'plain-text-agreed' (basic_text, user agreed), 'browser-profile' (web mode). */
  readonly tokenStorage: 'encrypted' | 'plain-text-agreed' | 'browser-profile';
}

export type SyncStatusResponse = { readonly enrolled: false } | { readonly enrolled: true; readonly account: SyncAccount };

/**
 * Why an exchange failed, as the engine needs it:
 * - offline: no answer (network down, DNS, refused, timeout) -> retry with backoff, state "offline";
 * - unauthorized: token unknown or revoked -> stop, "needs attention: enroll again";
 * - forbidden: 403 (not a member, client id or row owned elsewhere) -> "needs attention";
 * - outdated: 426 -> keep the outbox, "update the app";
 * - clock_ahead: 400 clock_ahead with serverTime/maxFutureMs -> re-stamp and retry;
 * - rate_limited: 429 -> retry after retryAfterMs;
 * - rejected: other 4xx (bad request, too large) -> "needs attention" with the server's message;
 * - server: 5xx or an answer that is not the protocol -> retry with backoff;
 * - not_enrolled: no token on this device;
 * - insecure_storage: enrollment needs the user's consent to plain-text token storage.
 */
export type SyncFailureKind =
  'offline' | 'unauthorized' | 'forbidden' | 'outdated' | 'clock_ahead' | 'rate_limited' | 'rejected' | 'server' | 'not_enrolled' | 'insecure_storage';

export interface SyncFailure {
  readonly status: 'error';
  readonly kind: SyncFailureKind;
  /** A sentence for the facilitator. */
  readonly message: string;
  readonly httpStatus?: number;
  /** The server's error body when there was one (clock_ahead carries serverTime and maxFutureMs). */
  readonly body?: ErrorBody;
  readonly retryAfterMs?: number;
}

export type SyncResult<T> = { readonly status: 'ok'; readonly body: T } | SyncFailure;

export type SyncEnrollResponse = { readonly status: 'enrolled'; readonly account: SyncAccount } | SyncFailure;

export interface SyncConnection {
  syncStatus(): Promise<SyncStatusResponse>;
  syncEnroll(request: SyncEnrollRequest): Promise<SyncEnrollResponse>;
  /** Removes the token from this device (the server-side device stays until an admin revokes it). */
  syncForget(): Promise<{ readonly status: 'forgotten' }>;
  syncPush(request: PushRequest): Promise<SyncResult<PushResponse>>;
  syncPull(request: PullRequestInput): Promise<SyncResult<PullResponse>>;
}
