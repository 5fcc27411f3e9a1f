/**
 * A deterministic (seeded) council log for the sync benchmark: years of council meetings with
 * agenda items, IBPS sessions (interests, options, consensus tests and votes) and action items,
 * written the way the app writes them. Each user operation is a create (one change per field),
 * an edit (the edited fields plus updatedAt) or a delete (a `_deleted` tombstone that records
 * the HLC of every field the deleter saw, see docs/sync-protocol.md).
 *
 * Row ids and opIds are uuidv7s made at the operation's time, as the app makes them.
 *
 * The same operations feed both sides of the PouchDB comparison: each operation is one change
 * set on the wire for Common Ground, and one document revision for PouchDB.
 */
import { v7 as uuidv7 } from 'uuid';
import { encodeHlc } from '../../src/shared/sync/hlc';
import type { Change, JsonValue } from '../../src/shared/sync/protocol';

/** sfc32: small, fast and good enough; seeded so every run writes the same history. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.next();
  }

  next(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }

  private v7 = { msecs: -1, seq: 0 };

  /**
   * A uuidv7 made at `msecs`, as the app makes row ids and opIds (repository.ts, localWriter.ts):
   * the time first, then a sequence that counts up within a millisecond, then random bits.
   */
  uuidv7(msecs: number): string {
    const random = Uint8Array.from({ length: 16 }, () => Math.floor(this.next() * 256));
    if (msecs > this.v7.msecs) this.v7 = { msecs, seq: ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]! };
    else this.v7.seq = (this.v7.seq + 1) | 0;
    return uuidv7({ msecs: this.v7.msecs, seq: this.v7.seq, random });
  }

  /** A version-4-shaped UUID from this generator (valid for the wire schema's z.uuid()). */
  uuid(): string {
    const hex: string[] = [];
    for (let i = 0; i < 4; i++) hex.push(((this.next() * 4294967296) >>> 0).toString(16).padStart(8, '0'));
    const h = hex.join('');
    const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

export type OpKind = 'create' | 'edit' | 'delete';

/** One user operation on one row; `changes` is what Common Ground sends for it. */
export interface Op {
  kind: OpKind;
  table: string;
  rowId: string;
  clientId: string;
  /** create/edit: the fields written (values); delete: empty. */
  fields: Record<string, JsonValue>;
  changes: Change[];
}

interface RowInfo {
  table: string;
  /** Current HLC of every field (including `_deleted` once deleted). */
  hlcs: Record<string, string>;
  values: Record<string, JsonValue>;
  deleted: boolean;
}

const WORDS = (
  'weekend coverage staffing float pool overtime scheduling handoff patient flow discharge ' +
  'safety huddle supplies budget training onboarding preceptor retention workload acuity ' +
  'break relief parking badge access equipment pump monitor charting downtime escalation ' +
  'survey engagement recognition wellness fatigue rotation holiday seniority posting vacancy'
).split(' ');
const UNITS = ['3 West', '4 North', 'ICU', 'Emergency', 'Pharmacy', 'Radiology', 'Lab', 'Pediatrics', 'Oncology', 'Surgery', 'Primary care', 'Imaging'];
const NAMES = [
  'Ana Torres',
  'Ben Okafor',
  'Grace Liu',
  'Marcus Bell',
  'Priya Nair',
  'Tomas Reyes',
  'Rosa Martinez',
  'Lee Chen',
  'Kim Park',
  'Jo Diaz',
  'Sam Vega',
  'Dana Haddad',
];
const SIDES = ['management', 'union', 'physician'] as const;
const ROOMS = ['Conference room B', 'Education center 2', 'Board room', 'Video call', 'Cafeteria annex'];
const AGENDA_TYPES = ['information', 'discussion', 'decision', 'ibps', 'rim-review'] as const;

const DAY = 86_400_000;
/** History starts here (2018-01-01 UTC) and meetings follow every few days. */
export const HISTORY_START = 1_514_764_800_000;

export interface WriterOptions {
  seed: number;
  councilId: string;
  /** The installations that write (a few facilitators' laptops). */
  clientIds: readonly string[];
  /** 'history': walls move forward from HISTORY_START; 'now': walls follow Date.now() (pushed live). */
  clock: 'history' | 'now';
  startWall?: number;
}

/**
 * Writes a council's history operation by operation. Every HLC is valid (ends with the writing
 * client's id), strictly increasing over the whole log, and every edit's baseHlc is the HLC of the
 * value it replaces, so the log has no conflicts and replays the same on every replica.
 */
export class CouncilLogWriter {
  readonly ops: Op[] = [];
  changeCount = 0;
  private readonly rng: Rng;
  private readonly rows = new Map<string, RowInfo>();
  private wall: number;
  private meetingNo = 0;
  private readonly openActions: string[] = [];
  private readonly people: string[];

  constructor(private options: WriterOptions) {
    this.rng = new Rng(options.seed);
    this.wall = options.startWall ?? (options.clock === 'history' ? HISTORY_START : Date.now());
    this.people = Array.from({ length: 40 }, () => this.rng.uuid());
  }

  get rowCount(): number {
    return this.rows.size;
  }

  /** What every replica must hold after applying the whole log: each row's values and whether it is deleted. */
  expectedRows(): Map<string, { table: string; values: Record<string, JsonValue>; deleted: boolean }> {
    return new Map([...this.rows].map(([id, r]) => [id, { table: r.table, values: r.values, deleted: r.deleted }]));
  }

  /**
   * Go on writing live: walls follow Date.now() (so the server accepts them), written by `clientIds`.
   * Edits of earlier rows still name the HLC they replace as their base.
   */
  continueLive(clientIds: readonly string[]): this {
    this.options = { ...this.options, clientIds, clock: 'now' };
    this.wall = Math.max(this.wall, Date.now());
    return this;
  }

  private words(min: number, max: number): string {
    const n = this.rng.int(min, max);
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(this.rng.pick(WORDS));
    const s = out.join(' ');
    return s.charAt(0).toUpperCase() + s.slice(1);
  }

  private sentences(min: number, max: number): string {
    const n = this.rng.int(min, max);
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(`${this.words(6, 16)}${this.rng.chance(0.3) ? ` on ${this.rng.pick(UNITS)}` : ''}.`);
    return out.join(' ');
  }

  private tick(stepMs: number): number {
    if (this.options.clock === 'now') this.wall = Math.max(Date.now(), this.wall + 1);
    else this.wall += Math.max(1, stepMs);
    return this.wall;
  }

  private client(): string {
    return this.rng.pick(this.options.clientIds);
  }

  private emit(kind: OpKind, table: string, rowId: string, fields: Record<string, JsonValue>, clientId: string, stepMs: number, limit: number): boolean {
    const row = this.rows.get(rowId);
    const names = kind === 'delete' ? ['_deleted'] : Object.keys(fields);
    if (this.changeCount + names.length > limit) return false;
    const wall = this.tick(stepMs);
    const changes: Change[] = [];
    names.forEach((field, counter) => {
      const hlc = encodeHlc({ wall, counter, clientId });
      let value: JsonValue;
      if (kind === 'delete') {
        const seen: Record<string, string> = {};
        for (const [f, h] of Object.entries(row!.hlcs)) if (f !== '_deleted') seen[f] = h;
        value = { deleted: true, seen };
      } else value = fields[field]!;
      changes.push({
        opId: this.rng.uuidv7(wall),
        clientId,
        councilId: this.options.councilId,
        table,
        rowId,
        field,
        value,
        hlc,
        baseHlc: row?.hlcs[field] ?? null,
      });
    });
    const info: RowInfo = row ?? { table, hlcs: {}, values: {}, deleted: false };
    for (const c of changes) {
      info.hlcs[c.field] = c.hlc;
      if (c.field !== '_deleted') info.values[c.field] = c.value;
    }
    if (kind === 'delete') info.deleted = true;
    this.rows.set(rowId, info);
    this.ops.push({ kind, table, rowId, clientId, fields: kind === 'delete' ? {} : fields, changes });
    this.changeCount += changes.length;
    return true;
  }

  private iso(): string {
    return new Date(this.wall).toISOString();
  }

  private create(table: string, fields: Record<string, JsonValue>, clientId: string, limit: number, stepMs = 20_000): string | null {
    const id = this.rng.uuidv7(this.wall);
    const now = new Date(this.wall + stepMs).toISOString();
    return this.emit('create', table, id, { ...fields, createdAt: now, updatedAt: now }, clientId, stepMs, limit) ? id : null;
  }

  private edit(rowId: string, fields: Record<string, JsonValue>, clientId: string, limit: number, stepMs = 30_000): boolean {
    const row = this.rows.get(rowId);
    if (!row || row.deleted) return false;
    return this.emit('edit', row.table, rowId, { ...fields, updatedAt: new Date(this.wall + stepMs).toISOString() }, clientId, stepMs, limit);
  }

  private remove(rowId: string, clientId: string, limit: number): boolean {
    const row = this.rows.get(rowId);
    if (!row || row.deleted) return false;
    return this.emit('delete', row.table, rowId, {}, clientId, 15_000, limit);
  }

  /** Write operations until the log holds exactly `total` changes (the last ones are single-field edits). */
  generate(total: number): this {
    while (this.changeCount < total) {
      const before = this.changeCount;
      this.meeting(total);
      if (this.changeCount === before) break;
    }
    // Top up with single-field edits (no updatedAt) so the count is exact.
    const live = [...this.rows.entries()].filter(([, r]) => !r.deleted && r.table === 'agendaItems');
    while (this.changeCount < total && live.length > 0) {
      const [rowId, row] = this.rng.pick(live);
      this.emit('edit', row.table, rowId, { notes: this.sentences(1, 3) }, this.client(), 10_000, total);
    }
    return this;
  }

  /** One meeting and everything written around it: about 500 changes. */
  private meeting(limit: number): void {
    const n = ++this.meetingNo;
    if (this.options.clock === 'history') this.wall = Math.max(this.wall, HISTORY_START + n * 13 * DAY);
    const recorder = this.client();
    const starts = new Date(this.wall + 7 * DAY);
    const meetingId = this.create(
      'meetings',
      {
        bodyKind: 'council',
        bodyId: this.options.councilId,
        title: `${this.rng.pick(['Council meeting', 'Partnership council', 'Special session', 'Quarterly review'])} ${n}`,
        startsAt: `${starts.toISOString().slice(0, 10)}T${this.rng.pick(['09', '13', '14', '15'])}:00`,
        durationMinutes: this.rng.pick([60, 90, 90, 120, 180]),
        location: this.rng.pick(ROOMS),
        objective: this.sentences(1, 3),
        facilitatorId: this.rng.pick(this.people),
        recorderId: this.rng.pick(this.people),
        timekeeperId: this.rng.pick(this.people),
      },
      recorder,
      limit,
    );
    if (!meetingId) return;
    if (this.rng.chance(0.4)) this.edit(meetingId, { objective: this.sentences(1, 3) }, this.client(), limit);

    const agenda: string[] = [];
    const items = this.rng.int(6, 10);
    for (let i = 0; i < items; i++) {
      const id = this.create(
        'agendaItems',
        {
          meetingId,
          position: i + 1,
          title: this.words(3, 7),
          presenter: this.rng.pick(NAMES),
          timeBoxMinutes: this.rng.pick([5, 10, 10, 15, 20, 30]),
          type: this.rng.pick(AGENDA_TYPES),
          notes: '',
        },
        recorder,
        limit,
      );
      if (id) agenda.push(id);
    }

    // Progress earlier action items (they carry forward from meeting to meeting).
    for (let i = this.openActions.length - 1; i >= 0; i--) {
      if (!this.rng.chance(0.35)) continue;
      const id = this.openActions[i]!;
      const done = this.rng.chance(0.6);
      this.edit(id, done ? { status: 'done', doneAt: this.iso() } : { status: 'in-progress' }, this.client(), limit);
      if (done) this.openActions.splice(i, 1);
      else if (this.rng.chance(0.1) && this.remove(id, this.client(), limit)) this.openActions.splice(i, 1);
    }

    if (this.rng.chance(0.6)) this.ibpsSession(meetingId, limit);

    for (const id of agenda) {
      // Minutes: notes typed during the meeting, sometimes corrected afterwards.
      this.edit(id, { notes: this.sentences(2, 6) }, recorder, limit);
      if (this.rng.chance(0.2)) this.edit(id, { notes: this.sentences(2, 6) }, this.client(), limit);
      if (this.rng.chance(0.05)) this.remove(id, this.client(), limit);
    }

    const actions = this.rng.int(3, 7);
    for (let i = 0; i < actions; i++) {
      const id = this.create(
        'actionItems',
        {
          bodyKind: 'council',
          bodyId: this.options.councilId,
          meetingId,
          sessionId: null,
          what: this.words(5, 12),
          ownerId: this.rng.chance(0.8) ? this.rng.pick(this.people) : null,
          dueDate: new Date(this.wall + this.rng.int(7, 60) * DAY).toISOString().slice(0, 10),
          status: 'open',
          doneAt: null,
        },
        recorder,
        limit,
      );
      if (id) this.openActions.push(id);
    }
  }

  private ibpsSession(meetingId: string, limit: number): void {
    const facilitator = this.client();
    const sessionId = this.create(
      'ibpsSessions',
      {
        meetingId,
        issueStatement: this.sentences(1, 2),
        currentStep: 'interests',
        brainstormMode: false,
        groundRules: ['One voice at a time', 'Interests, not positions'],
      },
      facilitator,
      limit,
    );
    if (!sessionId) return;

    const interests: string[] = [];
    const nInterests = this.rng.int(15, 35);
    for (let i = 0; i < nInterests; i++) {
      const id = this.create(
        'interests',
        {
          sessionId,
          text: this.words(6, 18),
          sides: [this.rng.pick(SIDES)],
          isPosition: this.rng.chance(0.15),
          groupLabel: '',
          position: i + 1,
          convertedFromPosition: '',
        },
        facilitator,
        limit,
        8_000,
      );
      if (id) interests.push(id);
    }
    for (const id of interests) {
      if (this.rng.chance(0.3))
        this.edit(
          id,
          { sides: [...SIDES].filter(() => this.rng.chance(0.6)), groupLabel: this.rng.pick(['Staffing', 'Safety', 'Scheduling', 'Training']) },
          this.client(),
          limit,
          5_000,
        );
      if (this.rng.chance(0.05)) this.remove(id, this.client(), limit);
    }
    this.edit(sessionId, { currentStep: 'options' }, facilitator, limit);

    const options: string[] = [];
    const nOptions = this.rng.int(8, 16);
    for (let i = 0; i < nOptions; i++) {
      const id = this.create(
        'options',
        {
          sessionId,
          text: this.words(6, 16),
          suggestedById: this.rng.chance(0.7) ? this.rng.pick(this.people) : null,
          suggestedByName: this.rng.pick(NAMES),
          mergedIntoId: null,
          mergeConfirmation: null,
          shortlisted: false,
          position: i + 1,
        },
        facilitator,
        limit,
        10_000,
      );
      if (id) options.push(id);
    }
    for (const id of options) {
      if (this.rng.chance(0.4)) this.edit(id, { shortlisted: true }, this.client(), limit, 5_000);
      if (this.rng.chance(0.04)) this.remove(id, this.client(), limit);
    }
    this.edit(sessionId, { currentStep: 'consensus' }, facilitator, limit);

    const tests = this.rng.int(1, 2);
    for (let t = 0; t < tests; t++) {
      const testId = this.create(
        'consensusTests',
        { sessionId, number: t + 1, proposal: this.sentences(1, 2), outcome: null, scale: 'fist-to-five' },
        facilitator,
        limit,
      );
      if (!testId) return;
      const voters = this.rng.int(8, 16);
      for (let v = 0; v < voters; v++) {
        this.create(
          'votes',
          { testId, personId: this.rng.pick(this.people), side: this.rng.pick(SIDES), value: this.rng.int(2, 5) },
          facilitator,
          limit,
          3_000,
        );
      }
      this.edit(testId, { outcome: this.rng.chance(0.8) ? 'consensus' : 'no-consensus' }, facilitator, limit);
    }
  }
}

/** Split a client's changes into push batches: at most `maxChanges` each and under the server's body limit. */
export function batches(changes: readonly Change[], maxChanges = 500, maxBytes = 900 * 1024): Change[][] {
  const out: Change[][] = [];
  let current: Change[] = [];
  let bytes = 0;
  for (const c of changes) {
    const size = JSON.stringify(c).length + 1;
    if (current.length > 0 && (current.length >= maxChanges || bytes + size > maxBytes)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(c);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}
