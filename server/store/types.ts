import type { Change } from '../../src/shared/sync/protocol';

export interface CouncilRecord {
  id: string;
  name: string;
  createdAt: number;
}

export interface AccountRecord {
  id: string;
  name: string;
  createdAt: number;
}

export interface DeviceRecord {
  id: string;
  accountId: string;
  name: string;
  createdAt: number;
  revokedAt: number | null;
}

export interface StoredChange extends Change {
  seq: number;
}

export interface PushInput {
  deviceId: string;
  clientId: string;
  /** Already validated: schema, clientId, membership and HLC bounds are the caller's job. */
  changes: readonly Change[];
  receivedAt: number;
}

export type PushOutcome =
  | { kind: 'ok'; acked: string[]; rejected: Array<{ opId: string; reason: 'op_id_conflict' }>; inserted: number }
  /** The clientId is bound to another device: a forged or copied client id. Nothing stored. */
  | { kind: 'client_id_mismatch' }
  /** A row id already belongs to another council: nothing stored. */
  | { kind: 'row_council_mismatch'; table: string; rowId: string };

export interface PullPage {
  changes: StoredChange[];
  hasMore: boolean;
  /** The council's newest seq when the page was read: how far a client has to go (progress). */
  lastSeq: number;
}

export interface RedeemResult {
  accountId: string;
  deviceId: string;
}

/**
 * Test-only fault injection: called inside the push transaction after the rows are written and
 * before COMMIT, so a test can kill a push half-way and check that nothing of it survives.
 */
export interface StoreHooks {
  beforePushCommit?: () => void;
}

/** Same behaviour on SQLite and PostgreSQL; the shared test suite runs against both. */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  hooks: StoreHooks;
  close(): Promise<void>;

  createCouncil(name: string): Promise<CouncilRecord>;
  listCouncils(): Promise<CouncilRecord[]>;
  createAccount(name: string): Promise<AccountRecord>;
  listAccounts(): Promise<AccountRecord[]>;
  /** Idempotent. Throws on unknown ids. */
  addMember(accountId: string, councilId: string): Promise<void>;
  councilsOf(accountId: string): Promise<CouncilRecord[]>;

  /** Only the hash is stored; the code itself is shown once to the admin. */
  createEnrollmentCode(accountId: string, codeHash: string, expiresAt: number, now: number): Promise<void>;
  /** Atomically marks the code used and creates the device; null when unknown, used or expired. */
  redeemEnrollmentCode(codeHash: string, now: number, device: { id: string; name: string; tokenHash: string }): Promise<RedeemResult | null>;

  deviceByTokenHash(tokenHash: string): Promise<DeviceRecord | null>;
  listDevices(accountId?: string): Promise<DeviceRecord[]>;
  /** True when the device existed and was not already revoked. */
  revokeDevice(deviceId: string, now: number): Promise<boolean>;

  /** One transaction: all of it is stored or none of it. Replays (same opId, same content) are acknowledged again. */
  push(input: PushInput): Promise<PushOutcome>;
  pull(councilId: string, afterSeq: number, limit: number): Promise<PullPage>;
  countChanges(): Promise<number>;
}

export class UnknownRecordError extends Error {}
