import Dexie, { type Table, type Transaction } from 'dexie';
import type { AgendaItem, Attendance, Council, Meeting, Membership, Person, Team } from '@shared/model';
import { DB_NAME, DEFAULT_MEETING_DURATION, SCHEMA_V1, SCHEMA_V2 } from './schema';

export class CommonGroundDb extends Dexie {
  councils!: Table<Council, string>;
  teams!: Table<Team, string>;
  people!: Table<Person, string>;
  memberships!: Table<Membership, string>;
  meetings!: Table<Meeting, string>;
  agendaItems!: Table<AgendaItem, string>;
  attendance!: Table<Attendance, string>;

  constructor(name: string = DB_NAME) {
    // 'strict' makes Chromium flush to disk before a write transaction reports complete, so a
    // facilitator's typing survives the laptop dying right after "saved" appears.
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2).upgrade(upgradeToV2);
  }
}

async function upgradeToV2(tx: Transaction): Promise<void> {
  await tx
    .table('meetings')
    .toCollection()
    .modify((m: Partial<Meeting>) => {
      if (typeof m.durationMinutes !== 'number') m.durationMinutes = DEFAULT_MEETING_DURATION;
    });
}

let instance: CommonGroundDb | null = null;

/** The app's one database (tests make their own with a unique name). */
export function getDb(): CommonGroundDb {
  instance ??= new CommonGroundDb();
  return instance;
}
