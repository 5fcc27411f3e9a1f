import type { Change } from '../../src/shared/sync/protocol';
import type { RejectedChange } from './pushPlan';
import type { WindowCounter } from '../windowCounter';

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
  /** The account's name (the admin's name for the facilitator): what server stamps show. */
  accountName: string;
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
  /** The pushing device's account: write-once rows and server stamps are per account. */
  accountId: string;
  accountName: string;
  /** Already validated: schema, clientId, membership and HLC bounds are the caller's job. */
  changes: readonly Change[];
  receivedAt: number;
}

export type PushOutcome =
  /** `rejected`: changes refused one by one (opId taken, another council's row, write-once, server field); the rest is stored. */
  | { kind: 'ok'; acked: string[]; rejected: RejectedChange[]; inserted: number }
  /** The clientId is bound to another device: a forged or copied client id. Nothing stored. */
  | { kind: 'client_id_mismatch' };

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
  /**
   * The log's history id (server_meta log_epoch), read when the store opens: a restore mints a
   * new one while no server runs, so it cannot change under an open store.
   */
  readonly epoch: string;
  /**
   * Request counters every server process on this database shares (PostgreSQL); absent where
   * the server counts in memory (SQLite).
   */
  readonly counters?: WindowCounter;
  close(): Promise<void>;
  /** The newest migration the database has run: a query, so it also says the database answers (readiness). */
  schemaVersion(): Promise<number>;
  /** A new log history id, after a restore (server/backup.ts); only while no server runs on the database. */
  setEpoch(epoch: string): Promise<void>;

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
  /**
   * At most `limit` changes and about `maxBytes` (values plus CHANGE_OVERHEAD_BYTES each), but
   * always at least one change when there is one: a value larger than a page travels alone.
   */
  pull(councilId: string, afterSeq: number, limit: number, maxBytes?: number): Promise<PullPage>;
  countChanges(): Promise<number>;
}

export class UnknownRecordError extends Error {}

/** The database was migrated by a newer server: an older one must not write to it. */
export class SchemaTooNewError extends Error {
  constructor(
    readonly databaseVersion: number,
    readonly serverVersion: number,
  ) {
    super(
      `the database's schema is version ${databaseVersion}, newer than this server's (${serverVersion}): run the newer server (an upgrade is never undone by an older one)`,
    );
  }
}
