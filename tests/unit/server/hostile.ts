/**
 * A hostile member for the seeded simulations: an enrolled account of the council that tries
 * everything a member could try against the server over HTTP, and checks every answer:
 * - forged edits of approved minutes (overwrite with no baseHlc and a later HLC, an edit naming
 *   the current version, a delete, a new field): each refused, reason write_once;
 * - a copy of an approved version's field, the same value under its own opId (what a laptop that
 *   froze the same version sends; for a bookkeeping field, createdAt or updatedAt, any value):
 *   acknowledged and never stored, and it makes the member no writer of the row (a new field
 *   right after is still refused);
 * - claims of other councils' rows (another council's row or council row tagged with its own
 *   council; a council it is not in): refused, reason not_owner (or 403 not_member);
 * - a forged server stamp (who recorded an approval): refused, reason server_field;
 * - oversized values in its own rows (the council must still sync, in pages bounded in bytes),
 *   and values over the value limit (400, nothing stored);
 * - invented tokens from its address: 401 until the address's failures are spent, then 429;
 * - opIds of another council: taken as fresh ops of its own council, never answered in a way
 *   that says they exist elsewhere.
 * Any other answer fails the seed.
 */
import type { FastifyInstance } from 'fastify';
import { encodeHlc, hlcWall } from '@shared/sync/hlc';
import { appSyncRegistry } from '@shared/sync/appRegistry';
import { MAX_VALUE_BYTES, PullResponse, PushResponse, type Change, type JsonValue } from '@shared/sync/protocol';
import type { Rng } from '../shared/sync/random';
import { bearer } from './helpers';

export interface HostileStats {
  forgedApproved: number;
  copiedApproved: number;
  claims: number;
  forgedStamps: number;
  oversized: number;
  inventedTokens: number;
  lockedOut: number;
  opIdProbes: number;
}

export const emptyHostileStats = (): HostileStats => ({
  forgedApproved: 0,
  copiedApproved: 0,
  claims: 0,
  forgedStamps: 0,
  oversized: 0,
  inventedTokens: 0,
  lockedOut: 0,
  opIdProbes: 0,
});

interface KnownRow {
  table: string;
  rowId: string;
  /** Field -> HLC of its newest change. */
  fields: Map<string, string>;
  /** Field -> that change's value. */
  values: Map<string, JsonValue>;
}

export interface HostileOptions {
  app: () => FastifyInstance;
  rng: Rng;
  token: string;
  clientId: string;
  /** The council it attacks (it is a member). */
  target: string;
  /** Its own second council (it is a member), where it tries to claim the target's rows. */
  own: string;
  /** A council it is not a member of. */
  foreign: string;
  /** Addresses it calls from: its device, and where it sends invented tokens. */
  address: string;
  tokenAddress: string;
  now: () => number;
  maxFutureMs: number;
  /** Makes its own row ids unique on a server shared by many seeds. */
  prefix: string;
  fail: (message: string) => never;
}

export class HostileMember {
  readonly stats = emptyHostileStats();
  private readonly known = new Map<string, KnownRow>();
  private readonly opIds: string[] = [];
  private readonly probed = new Set<string>();
  private cursor = 0;
  /** opIds of the target council's log, as learned. */
  private readonly logged = new Set<string>();
  private counter = 0;
  private n = 0;

  constructor(private readonly o: HostileOptions) {}

  private async call(url: string, payload: unknown, token = this.o.token, address = this.o.address) {
    const res = await this.o.app().inject({ method: 'POST', url, headers: bearer(token), payload: payload as object, remoteAddress: address });
    return { status: res.statusCode, body: res.json() as unknown };
  }

  private hlc(after?: string): string | null {
    const now = this.o.now();
    const wall = Math.max(now + this.o.rng.int(0, 60_000), after ? hlcWall(after) + 1 : 0);
    if (wall > now + this.o.maxFutureMs) return null;
    return encodeHlc({ wall, counter: this.counter++ % 1000, clientId: this.o.clientId });
  }

  private change(councilId: string, table: string, rowId: string, field: string, value: JsonValue, baseHlc: string | null = null): Change | null {
    const hlc = this.hlc(baseHlc ?? undefined);
    if (hlc === null) return null;
    return { opId: this.o.rng.uuid(), clientId: this.o.clientId, councilId, table, rowId, field, value, hlc, baseHlc };
  }

  private async push(changes: Change[]) {
    return this.call('/v1/push', { clientId: this.o.clientId, schemaVersion: 1, changes });
  }

  /** Read what the target council holds, as any member can. */
  async learn(): Promise<void> {
    for (let guard = 0; guard < 1000; guard++) {
      const res = await this.call('/v1/pull', { councilId: this.o.target, cursor: this.cursor, limit: 1000 });
      if (res.status !== 200) this.o.fail(`hostile pull answered ${res.status} ${JSON.stringify(res.body)}`);
      const page = PullResponse.parse(res.body);
      for (const c of page.changes) {
        const key = `${c.table}/${c.rowId}`;
        const row = this.known.get(key) ?? { table: c.table, rowId: c.rowId, fields: new Map<string, string>(), values: new Map<string, JsonValue>() };
        const seen = row.fields.get(c.field);
        if (!seen || c.hlc > seen) {
          row.fields.set(c.field, c.hlc);
          row.values.set(c.field, c.value);
        }
        this.known.set(key, row);
        this.opIds.push(c.opId);
        this.logged.add(c.opId);
      }
      this.cursor = page.nextCursor;
      if (!page.hasMore) return;
    }
  }

  private rowsOf(table: string): KnownRow[] {
    return [...this.known.values()].filter((r) => r.table === table && r.rowId.indexOf('hostile') < 0);
  }

  /** Expect every change of the push refused with `reason`, nothing acknowledged. */
  private expectRefused(res: { status: number; body: unknown }, changes: Change[], reason: string, what: string): void {
    if (res.status !== 200) this.o.fail(`${what}: answered ${res.status} ${JSON.stringify(res.body)}`);
    const body = PushResponse.parse(res.body);
    if (body.acked.length > 0) this.o.fail(`${what}: the server acknowledged ${JSON.stringify(body.acked)}`);
    const got = new Map(body.rejected.map((r) => [r.opId, r.reason]));
    for (const c of changes) if (got.get(c.opId) !== reason) this.o.fail(`${what}: ${c.table}.${c.field} got ${got.get(c.opId) ?? 'no answer'}, not ${reason}`);
  }

  async act(): Promise<void> {
    await this.learn();
    const roll = this.o.rng.next();
    if (roll < 0.3) await this.forgeApproved();
    else if (roll < 0.5) await this.claim();
    else if (roll < 0.6) await this.forgeStamp();
    else if (roll < 0.75) await this.oversize();
    else if (roll < 0.9) await this.inventTokens();
    else await this.probeOpIds();
  }

  /** Forge edits of the approved versions it can see, `times` times. */
  async attackApproved(times: number): Promise<void> {
    await this.learn();
    for (let i = 0; i < times; i++) await this.forgeApproved();
  }

  private async forgeApproved(): Promise<void> {
    const versions = this.rowsOf('minutesVersions');
    if (versions.length === 0) return;
    const row = this.o.rng.pick(versions);
    const variant = this.o.rng.int(0, 4);
    if (variant === 4) return this.copyApproved(row, this.o.rng.pick([...row.fields.keys()]));
    // Another value of a bookkeeping field is dropped like a copy (see copyApproved); the approved content is what a forger wants.
    const content = [...row.fields.entries()].filter(([f]) => !appSyncRegistry.quietFields(row.table).includes(f));
    if (content.length === 0) return;
    const [field, hlc] = this.o.rng.pick(content);
    const forged =
      variant === 0
        ? this.change(this.o.target, row.table, row.rowId, field, 'FORGED: overwrite with no base')
        : variant === 1
          ? this.change(this.o.target, row.table, row.rowId, field, 'FORGED: edit of the approved text', hlc)
          : variant === 2
            ? this.change(this.o.target, row.table, row.rowId, '_deleted', { deleted: true, seen: Object.fromEntries(row.fields) })
            : this.change(this.o.target, row.table, row.rowId, 'forgedNote', 'FORGED: a field added later');
    if (!forged) return;
    this.stats.forgedApproved++;
    this.expectRefused(await this.push([forged]), [forged], 'write_once', `forged approved minutes (variant ${variant})`);
  }

  /** The same value again, as a laptop that froze the same version sends it: acknowledged, never stored. */
  private async copyApproved(row: KnownRow, field: string): Promise<void> {
    const bookkeeping = appSyncRegistry.quietFields(row.table).includes(field);
    const copy = this.change(this.o.target, row.table, row.rowId, field, bookkeeping ? '2026-01-01T00:00:00.000Z' : row.values.get(field)!);
    if (!copy) return;
    const res = await this.push([copy]);
    if (res.status !== 200) this.o.fail(`copy of approved minutes: answered ${res.status} ${JSON.stringify(res.body)}`);
    const body = PushResponse.parse(res.body);
    if (body.rejected.length > 0 || body.acked.length !== 1 || body.acked[0] !== copy.opId)
      this.o.fail(`copy of approved minutes (${row.table}.${field}): answered ${JSON.stringify(body)}, not acknowledged`);
    await this.learn();
    if (this.logged.has(copy.opId)) this.o.fail(`copy of approved minutes (${row.table}.${field}) was stored`);
    this.stats.copiedApproved++;
    // Acknowledging the copy made this member no writer of the row.
    const added = this.change(this.o.target, row.table, row.rowId, 'forgedNote', 'FORGED: a field added after a copy');
    if (added) this.expectRefused(await this.push([added]), [added], 'write_once', 'a new field after a copy of approved minutes');
  }

  private async claim(): Promise<void> {
    const rows = [...this.known.values()].filter((r) => r.table !== 'councils' && r.rowId.indexOf('hostile') < 0);
    const attempts: Array<Change | null> = [this.change(this.o.own, 'councils', this.o.target, 'name', 'Taken over')];
    if (rows.length > 0) {
      const row = this.o.rng.pick(rows);
      // Any field but a server-written one (refused for that reason first).
      const fields = [...row.fields.keys()].filter((f) => f !== 'recordedByAccount' && f !== '_deleted');
      if (fields.length > 0) attempts.push(this.change(this.o.own, row.table, row.rowId, this.o.rng.pick(fields), 'claimed'));
    }
    const changes = attempts.filter((c): c is Change => c !== null);
    if (changes.length === 0) return;
    this.stats.claims += changes.length;
    this.expectRefused(await this.push(changes), changes, 'not_owner', 'claim of another council’s row');
    // A council it is not in: the whole push is refused.
    const outside = this.change(this.o.foreign, 'items', `hostile-${this.o.prefix}-${this.n++}`, 'title', 'x');
    if (outside) {
      const res = await this.push([outside]);
      if (res.status !== 403 || (res.body as { error?: string }).error !== 'not_member') this.o.fail(`push to a foreign council answered ${res.status}`);
    }
  }

  private async forgeStamp(): Promise<void> {
    const approvals = this.rowsOf('minutesApprovals');
    const rowId = approvals.length > 0 ? this.o.rng.pick(approvals).rowId : `hostile-${this.o.prefix}-approval-${this.n++}`;
    const forged = this.change(this.o.target, 'minutesApprovals', rowId, 'recordedByAccount', { id: 'someone-else', name: 'The union co-lead' });
    if (!forged) return;
    this.stats.forgedStamps++;
    this.expectRefused(await this.push([forged]), [forged], 'server_field', 'forged approval stamp');
  }

  private async oversize(): Promise<void> {
    if (this.o.rng.chance(0.15)) {
      const tooBig = this.change(this.o.target, 'items', `hostile-${this.o.prefix}-big-${this.n++}`, 'notes', 'x'.repeat(MAX_VALUE_BYTES + 1));
      if (!tooBig) return;
      const res = await this.push([tooBig]);
      if (res.status !== 400 && res.status !== 413) this.o.fail(`a value over the limit answered ${res.status}`);
      this.stats.oversized++;
      return;
    }
    // Large values in its own rows are allowed: every honest laptop must still pull them, page by page.
    const changes: Change[] = [];
    for (let i = this.o.rng.int(1, 3); i > 0; i--) {
      const c = this.change(this.o.target, 'items', `hostile-${this.o.prefix}-big-${this.n++}`, 'notes', 'y'.repeat(this.o.rng.int(10_000, 150_000)));
      if (c) changes.push(c);
    }
    if (changes.length === 0) return;
    const res = await this.push(changes);
    if (res.status !== 200 || PushResponse.parse(res.body).acked.length !== changes.length)
      this.o.fail(`large values answered ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    this.stats.oversized += changes.length;
  }

  private async inventTokens(): Promise<void> {
    for (let i = this.o.rng.int(5, 40); i > 0; i--) {
      const token = `cgd_${Array.from({ length: 43 }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[this.o.rng.int(0, 61)]).join('')}`;
      const res = await this.call('/v1/pull', { councilId: this.o.target }, token, this.o.tokenAddress);
      this.stats.inventedTokens++;
      if (res.status === 429) this.stats.lockedOut++;
      else if (res.status !== 401) this.o.fail(`an invented token answered ${res.status}`);
    }
  }

  private async probeOpIds(): Promise<void> {
    const fresh = this.opIds.filter((id) => !this.probed.has(id));
    if (fresh.length === 0) return;
    const probe = this.change(this.o.own, 'items', `hostile-${this.o.prefix}-probe-${this.n++}`, 'title', 'probe');
    if (!probe) return;
    const copied = { ...probe, opId: this.o.rng.pick(fresh) };
    this.probed.add(copied.opId);
    const res = await this.push([copied]);
    if (res.status !== 200) this.o.fail(`opId probe answered ${res.status}`);
    const body = PushResponse.parse(res.body);
    // Taken as a fresh op of its own council: the answer says nothing about the target council.
    if (body.rejected.length > 0 || body.acked[0] !== copied.opId) this.o.fail(`opId probe answered ${JSON.stringify(body)}`);
    this.stats.opIdProbes++;
  }
}
