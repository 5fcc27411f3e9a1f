import { backup, BackupError, renewEpoch, restore } from './backup';
import { commonConfig, parseArgs, UsageError, type FlagSpec } from './config';
import { hashEnrollmentCode, newEnrollmentCode } from './secrets';
import { ADMIN_APPLICATION_NAME, oneLine, openStore, SchemaTooNewError, StoreOpenError, UnknownRecordError, type Store } from './store';
import { nowMs } from '../src/shared/clock';

export const ADMIN_USAGE = `Usage: npx tsx server/admin.ts <command> [args] [--data-dir DIR | --database-url postgres://...] [--json]

  create-council <name>                     create a council, print its id
  list-councils
  create-account <name>                     create an account (a facilitator), print its id
  list-accounts
  add-member <accountId> <councilId>        let the account sync that council
  issue-enrollment-code <accountId> [--ttl-hours 72]
                                            print a one-time code for enrolling one device (shown once)
  list-devices [--account <accountId>]
  revoke-device <deviceId>                  the device's token stops working at once

  backup <file>                             a consistent copy of the store, taken while the server runs
                                            (SQLite: online backup; PostgreSQL: pg_dump --format=custom);
                                            refuses a file that exists
  restore <file>                            put a backup back (SQLite: refused while a server runs, the
                                            replaced database is kept; PostgreSQL: into an empty database
                                            only); laptops then pull again from the start
  new-epoch                                 after restoring a database by other means (point-in-time
                                            recovery, a snapshot): tell laptops to pull again

DATABASE_URL and CG_DATA_DIR work as for the server. See docs/server-operations.md.`;

export const ADMIN_FLAGS: FlagSpec = { values: ['data-dir', 'database-url', 'ttl-hours', 'account'], switches: ['json', 'help'] };

export interface AdminIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const DEFAULT_TTL_HOURS = 72;
const MAX_TTL_HOURS = 24 * 30;

/** Returns the process exit code. `openStoreFn` lets tests reuse an open store. */
export async function runAdmin(argv: readonly string[], env: NodeJS.ProcessEnv, io: AdminIo, openStoreFn?: () => Promise<Store>): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(argv, ADMIN_FLAGS);
  } catch (e) {
    if (e instanceof UsageError) return usageError(io, e.message);
    throw e;
  }
  const [command, ...rest] = args.positional;
  const json = args.flags.get('json') === true;
  if (!command || command === 'help' || args.flags.get('help') === true) {
    io.out(ADMIN_USAGE);
    return command ? 0 : 2;
  }
  const need = (n: number, what: string) => {
    if (rest.length < n) throw new UsageError(`${command} needs ${what}`);
  };
  const print = (value: unknown, text: string) => io.out(json ? JSON.stringify(value) : text);
  let location: ReturnType<typeof commonConfig>;
  try {
    location = commonConfig(args, env);
  } catch (e) {
    return failed(io, e);
  }

  // These work on the database's files (or dumps), not through an open store.
  if (command === 'backup' || command === 'restore' || command === 'new-epoch') {
    try {
      if (command === 'new-epoch') {
        const r = await renewEpoch(location);
        print(r, `new epoch ${r.epoch} (${r.changes} changes in ${r.councils} councils): laptops will pull again from the start`);
        return 0;
      }
      need(1, command === 'backup' ? '<file> (where to write the backup)' : '<file> (the backup to restore)');
      if (rest.length > 1) throw new UsageError(`${command} takes one file, got ${rest.length}`);
      if (command === 'backup') {
        const r = await backup(location, rest[0]!);
        print(
          r,
          `backup written: ${r.file} (${r.bytes} bytes${r.changes !== undefined ? `, ${r.changes} changes in ${r.councils} councils, schema version ${r.schemaVersion}` : ''})`,
        );
      } else {
        const r = await restore(location, rest[0]!);
        print(
          r,
          `restored ${r.from} into ${r.into} (${r.changes} changes in ${r.councils} councils)${r.previous ? `; the replaced database is kept as ${r.previous}` : ''}; laptops will pull again from the start`,
        );
      }
      return 0;
    } catch (e) {
      return failed(io, e);
    }
  }

  let store: Store | undefined;
  try {
    store = await (openStoreFn ?? (() => openStore(location, { applicationName: ADMIN_APPLICATION_NAME })))();
    switch (command) {
      case 'create-council': {
        need(1, '<name>');
        const c = await store.createCouncil(rest.join(' ').trim());
        print(c, c.id);
        break;
      }
      case 'list-councils': {
        const list = await store.listCouncils();
        print(list, list.map((c) => `${c.id}  ${c.name}`).join('\n'));
        break;
      }
      case 'create-account': {
        need(1, '<name>');
        const a = await store.createAccount(rest.join(' ').trim());
        print(a, a.id);
        break;
      }
      case 'list-accounts': {
        const list = await store.listAccounts();
        print(list, list.map((a) => `${a.id}  ${a.name}`).join('\n'));
        break;
      }
      case 'add-member': {
        need(2, '<accountId> <councilId>');
        await store.addMember(rest[0]!, rest[1]!);
        print({ ok: true }, 'ok');
        break;
      }
      case 'issue-enrollment-code': {
        need(1, '<accountId>');
        const ttlFlag = args.flags.get('ttl-hours');
        const ttlHours = typeof ttlFlag === 'string' ? Number(ttlFlag) : DEFAULT_TTL_HOURS;
        if (!Number.isFinite(ttlHours) || ttlHours <= 0 || ttlHours > MAX_TTL_HOURS) throw new UsageError(`--ttl-hours must be between 0 and ${MAX_TTL_HOURS}`);
        const code = newEnrollmentCode();
        const now = nowMs();
        const expiresAt = now + Math.round(ttlHours * 3_600_000);
        await store.createEnrollmentCode(rest[0]!, hashEnrollmentCode(code), expiresAt, now);
        // The only time the code exists in clear: it is not stored and cannot be shown again.
        print(
          { code, expiresAt: new Date(expiresAt).toISOString() },
          `${code}\n(one-time code, expires ${new Date(expiresAt).toISOString()}; it cannot be shown again)`,
        );
        break;
      }
      case 'list-devices': {
        const account = args.flags.get('account');
        const list = await store.listDevices(typeof account === 'string' ? account : undefined);
        print(
          list,
          list
            .map(
              (d) =>
                `${d.id}  account ${d.accountId}  ${JSON.stringify(d.name)}  enrolled ${new Date(d.createdAt).toISOString()}${d.revokedAt ? `  REVOKED ${new Date(d.revokedAt).toISOString()}` : ''}`,
            )
            .join('\n'),
        );
        break;
      }
      case 'revoke-device': {
        need(1, '<deviceId>');
        const revoked = await store.revokeDevice(rest[0]!, nowMs());
        if (!revoked) {
          io.err(`no active device ${rest[0]}`);
          return 1;
        }
        print({ ok: true }, 'revoked');
        break;
      }
      default:
        throw new UsageError(`unknown command ${command}`);
    }
    return 0;
  } catch (e) {
    return failed(io, e);
  } finally {
    await store?.close();
  }
}

function usageError(io: AdminIo, message: string): number {
  io.err(`server:admin: ${message} (run "npm run server:admin -- help" for usage)`);
  return 2;
}

/** One line on stderr naming the problem: 2 for a mistake in the command line, 1 for the rest. */
function failed(io: AdminIo, e: unknown): number {
  if (e instanceof UsageError) return usageError(io, e.message);
  if (e instanceof UnknownRecordError || e instanceof BackupError || e instanceof StoreOpenError || e instanceof SchemaTooNewError) {
    io.err(`server:admin: ${oneLine(e)}`);
    return 1;
  }
  io.err(`server:admin: error: ${oneLine(e)}`);
  return 1;
}
