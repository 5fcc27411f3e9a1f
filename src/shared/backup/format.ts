/**
 * The backup file: the whole store in one file that says what it is before anything reads it.
 *
 *   COMMON-GROUND-BACKUP 1\n     magic line with the format version, readable with `head -1`
 *   {header JSON}\n              app, schema version, created at, rows per table, a summary
 *   payload                      gzip of the store's dexie-export-import JSON (header.payload.bytes)
 *   32 bytes                     SHA-256 of every byte before it
 *   \nEND COMMON-GROUND-BACKUP\n  end marker
 *
 * The checksum covers the header and the payload, so a changed byte anywhere is found before
 * anything is restored. The end marker tells a file cut short (a copy to a USB stick pulled out
 * too early) from a damaged one without trusting any length written inside the file: a flipped
 * digit in a length reads as "damaged", never as "incomplete". A passphrase-protected backup is
 * this whole file encrypted with age (encryption.ts), so `age -d` opens it with standard tools.
 * Pure: the SHA-256 comes in as a function (WebCrypto in the renderer, node:crypto in main).
 */
import { z } from 'zod';
import { Timestamp } from '../model/common';

export const BACKUP_APP = 'Common Ground';
export const BACKUP_FORMAT_VERSION = 1;
export const BACKUP_EXTENSION = 'cgbackup';
const MAGIC = 'COMMON-GROUND-BACKUP';
const END_MARKER = '\nEND COMMON-GROUND-BACKUP\n';
const CHECKSUM_BYTES = 32;
/** A header is a few KB (counts and up to 50 council names); past this the file is not ours. */
export const MAX_HEADER_BYTES = 256 * 1024;
/** Enough of a file's start to read its header (main lists backups without reading them whole). */
export const HEADER_PREFIX_BYTES = MAX_HEADER_BYTES + 64;

export type Sha256 = (data: Uint8Array) => Promise<Uint8Array>;

export const BackupReason = z.enum(['manual', 'automatic', 'quit', 'before-upgrade', 'before-restore']);
export type BackupReason = z.infer<typeof BackupReason>;

const count = z.number().int().min(0);

export const BackupSummary = z.object({
  /** Council names (up to 50), so a restore can show whose record it is. */
  councils: z.array(z.string().max(200)).max(50),
  councilCount: count,
  teams: count,
  meetings: count,
  /** The latest updatedAt of any record: "the newest change" the restore preview shows. */
  newestChangeAt: Timestamp.nullable(),
  /** Changes in the outbox when the backup was made (not yet on the council server). */
  unsentChanges: count,
});
export type BackupSummary = z.infer<typeof BackupSummary>;

export const BackupHeader = z.object({
  app: z.literal(BACKUP_APP),
  /** Repeats the magic line's version: a flipped digit there reads as damage, not as a newer app. */
  formatVersion: z.number().int().min(1),
  appVersion: z.string().max(50),
  /** The IndexedDB schema version of the data (src/renderer/src/db/schema.ts). */
  schemaVersion: z.number().int().min(1).max(10_000),
  createdAt: Timestamp,
  reason: BackupReason,
  /** Rows per table. */
  tables: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/), count),
  summary: BackupSummary,
  payload: z.object({ encoding: z.literal('gzip'), bytes: count, uncompressedBytes: count }),
});
export type BackupHeader = z.infer<typeof BackupHeader>;

export type BackupProblem =
  /** Not a backup at all (another app's file, or no file content). */
  | 'not-a-backup'
  /** Written by a newer app: a newer file format, or data from a newer schema. */
  | 'newer-version'
  | 'truncated'
  | 'damaged'
  /** Passphrase-protected: decrypt it first (encryption.ts). */
  | 'encrypted'
  | 'wrong-passphrase';

/** What another app's file looks like, from its first bytes. */
export type ForeignKind = 'pdf' | 'zip' | 'gzip' | 'sqlite' | 'oldOffice' | 'png' | 'jpeg' | 'webPage' | 'databaseExport' | 'json';

/** Why a file reads as damaged. */
export type DamageReason =
  'firstLine' | 'firstLineUnreadable' | 'headerNoEnd' | 'headerUnreadable' | 'formatDisagrees' | 'headerInvalid' | 'endMarker' | 'checksum' | 'length';

/**
 * What a refusal means (a code and its values), so the screen that shows it says it in the
 * person's language; the error's message is the same refusal in English, for logs and tests.
 * `detail` is a library's own (English) explanation, shown as it came.
 */
export type BackupRefusal =
  | { code: 'empty' | 'encrypted' | 'needsPassphrase' | 'notProtected' | 'wrongPassphrase' | 'protectedDamaged' | 'notData' }
  | { code: 'notABackup'; looksLike: ForeignKind | null; database?: string }
  | { code: 'otherApp'; app: string | null }
  | { code: 'damaged'; why: DamageReason; field?: string }
  | { code: 'newerFormat'; version: number; supported: number }
  | { code: 'newerData'; appVersion: string; version: number; supported: number }
  | { code: 'truncated'; bytes: number }
  | { code: 'protectedUnreadable' | 'unpack' | 'notAStore'; detail: string }
  | { code: 'sizeMismatch'; actual: number; expected: number };

/** What is wrong with a file, as a sentence for the facilitator. Nothing is changed when one is thrown. */
export class BackupFileError extends Error {
  constructor(
    readonly problem: BackupProblem,
    message: string,
    readonly refusal: BackupRefusal,
  ) {
    super(message);
    this.name = 'BackupFileError';
  }
}

const encoder = new TextEncoder();
const AGE_MAGIC = encoder.encode('age-encryption.org/v1\n');

export function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

/** A passphrase-protected backup (an age file). */
export function isEncryptedBackup(bytes: Uint8Array): boolean {
  return startsWith(bytes, AGE_MAGIC);
}

export function formatSize(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Write a backup file: magic line, header (with the payload's length), payload, checksum. */
export type HeaderInput = Omit<BackupHeader, 'app' | 'formatVersion' | 'payload'> & { payload: { uncompressedBytes: number } };

/** Write a backup file: magic line, header (with the payload's length), payload, checksum, end marker. */
export async function encodeBackupFile(header: HeaderInput, payload: Uint8Array, sha256: Sha256): Promise<Uint8Array<ArrayBuffer>> {
  const full: BackupHeader = BackupHeader.parse({
    ...header,
    app: BACKUP_APP,
    formatVersion: BACKUP_FORMAT_VERSION,
    payload: { encoding: 'gzip', bytes: payload.length, uncompressedBytes: header.payload.uncompressedBytes },
  });
  const head = encoder.encode(`${MAGIC} ${BACKUP_FORMAT_VERSION}\n${JSON.stringify(full)}\n`);
  if (head.length > MAX_HEADER_BYTES) throw new Error('backup header too large');
  const end = encoder.encode(END_MARKER);
  const out = new Uint8Array(head.length + payload.length + CHECKSUM_BYTES + end.length);
  out.set(head, 0);
  out.set(payload, head.length);
  const digest = await sha256(out.subarray(0, head.length + payload.length));
  out.set(digest, head.length + payload.length);
  out.set(end, head.length + payload.length + CHECKSUM_BYTES);
  return out;
}

export interface Located {
  header: BackupHeader;
  /** Where the payload starts. */
  payloadAt: number;
}

/**
 * The header of a backup from the start of its file (the whole file, or its first
 * HEADER_PREFIX_BYTES): enough to list it. Checks what it is, the format version and the header;
 * not the checksum (openBackupFile does, with the whole file).
 */
export function readBackupHeader(prefix: Uint8Array): Located {
  if (prefix.length === 0) throw new BackupFileError('not-a-backup', 'The file is empty: there is no backup in it.', { code: 'empty' });
  if (isEncryptedBackup(prefix)) throw new BackupFileError('encrypted', 'This backup is protected with a passphrase.', { code: 'encrypted' });
  const magic = encoder.encode(`${MAGIC} `);
  if (!startsWith(prefix, magic)) {
    if (resembles(prefix.subarray(0, magic.length), magic)) throw damaged('firstLine');
    const foreign = recogniseForeign(prefix);
    throw new BackupFileError('not-a-backup', `This is not a Common Ground backup${describeForeign(foreign)}.`, {
      code: 'notABackup',
      looksLike: foreign?.kind ?? null,
      ...(foreign?.database ? { database: foreign.database } : {}),
    });
  }
  const firstLine = prefix.indexOf(0x0a);
  const version = firstLine > 0 && firstLine <= magic.length + 6 ? decodeVersion(prefix.subarray(magic.length, firstLine)) : null;
  if (version === null) throw damaged('firstLineUnreadable');
  const end = prefix.indexOf(0x0a, firstLine + 1);
  if (end < 0) throw damaged('headerNoEnd');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(prefix.subarray(firstLine + 1, end)));
  } catch {
    throw damaged('headerUnreadable');
  }
  const declared = json as { app?: unknown; formatVersion?: unknown } | null;
  if (declared?.formatVersion !== version) throw damaged('formatDisagrees');
  if (version > BACKUP_FORMAT_VERSION) {
    throw new BackupFileError(
      'newer-version',
      `This backup was made by a newer version of Common Ground (backup format ${version}; this app reads format ${BACKUP_FORMAT_VERSION}). Update the app, then restore it.`,
      { code: 'newerFormat', version, supported: BACKUP_FORMAT_VERSION },
    );
  }
  if (declared.app !== BACKUP_APP) {
    const app = typeof declared.app === 'string' ? declared.app.slice(0, 60) : null;
    throw new BackupFileError('not-a-backup', `This is not a Common Ground backup (it says it comes from ${app !== null ? `“${app}”` : 'another app'}).`, {
      code: 'otherApp',
      app,
    });
  }
  const parsed = BackupHeader.safeParse(json);
  if (!parsed.success) throw damaged('headerInvalid', parsed.error.issues[0]?.path.join('.') || 'header');
  return { header: parsed.data, payloadAt: end + 1 };
}

/**
 * Check a whole backup file before anything is restored from it: complete (its end marker),
 * what it is, its header, its length and its checksum. Answers the header and the (still
 * compressed) payload; throws BackupFileError otherwise.
 */
export async function openBackupFile(bytes: Uint8Array, sha256: Sha256): Promise<{ header: BackupHeader; payload: Uint8Array }> {
  const end = encoder.encode(END_MARKER);
  const magic = encoder.encode(`${MAGIC} `);
  if (bytes.length === 0) throw new BackupFileError('truncated', 'The file is empty: there is no backup in it.', { code: 'empty' });
  // Another app's file (or a passphrase-protected one) is named by its start.
  if (!startsWith(bytes, magic) && !(bytes.length < magic.length && startsWith(magic, bytes))) readBackupHeader(bytes);
  if (!endsWith(bytes, end)) {
    // A changed byte in the end marker is damage; a missing end is a file cut short.
    if (bytes.length >= magic.length + end.length && resembles(bytes.subarray(bytes.length - end.length), end)) throw damaged('endMarker');
    throw truncated(bytes.length);
  }
  // The checksum sits just before the end marker, so it is checked before anything in the file is
  // trusted: a changed byte in the header reads as damage, not as some other app's file.
  const checksumAt = bytes.length - end.length - CHECKSUM_BYTES;
  if (checksumAt < magic.length) throw truncated(bytes.length);
  const digest = await sha256(bytes.subarray(0, checksumAt));
  if (!equalBytes(digest, bytes.subarray(checksumAt, checksumAt + CHECKSUM_BYTES))) throw damaged('checksum');
  const { header, payloadAt } = readBackupHeader(bytes);
  if (payloadAt + header.payload.bytes !== checksumAt) throw damaged('length');
  return { header, payload: bytes.subarray(payloadAt, checksumAt) };
}

/**
 * A cheap check of a backup in a folder listing, without reading it whole: its size is the one its
 * header gives and it ends with the end marker (a copy cut short is the usual damage). The full
 * check (openBackupFile) still runs before a restore.
 */
export function completenessProblem(located: Located, fileBytes: number, tail: Uint8Array): BackupFileError | null {
  const end = encoder.encode(END_MARKER);
  const expected = located.payloadAt + located.header.payload.bytes + CHECKSUM_BYTES + end.length;
  if (fileBytes < expected || !endsWith(tail, end)) {
    return fileBytes >= expected && resembles(tail.subarray(tail.length - end.length), end) ? damaged('endMarker') : truncated(fileBytes);
  }
  if (fileBytes > expected) return damaged('length');
  return null;
}

/** Bytes at the end of a backup that completenessProblem needs. */
export const TAIL_BYTES = END_MARKER.length;

const DAMAGE: Record<DamageReason, string> = {
  firstLine: 'its first line is not what a backup starts with',
  firstLineUnreadable: 'its first line cannot be read',
  headerNoEnd: 'its description has no end',
  headerUnreadable: 'its description cannot be read',
  formatDisagrees: 'its first line and its description disagree about its format',
  headerInvalid: 'its description is not valid',
  endMarker: 'its end marker is changed',
  checksum: 'its contents do not match its checksum (a changed or corrupted byte)',
  length: 'its length is not the one its description gives',
};

function damaged(why: DamageReason, field?: string): BackupFileError {
  const said = field === undefined ? DAMAGE[why] : `${DAMAGE[why]} (${field})`;
  return new BackupFileError('damaged', `The backup is damaged: ${said}. Use another copy.`, {
    code: 'damaged',
    why,
    ...(field === undefined ? {} : { field }),
  });
}

function decodeVersion(bytes: Uint8Array): number | null {
  const text = new TextDecoder().decode(bytes);
  return /^[1-9]\d{0,4}$/.test(text) ? Number(text) : null;
}

function endsWith(bytes: Uint8Array, suffix: Uint8Array): boolean {
  return bytes.length >= suffix.length && startsWith(bytes.subarray(bytes.length - suffix.length), suffix);
}

/** Equal but for a byte or two: a damaged copy of a fixed marker, not some other file. */
function resembles(bytes: Uint8Array, marker: Uint8Array): boolean {
  if (bytes.length !== marker.length) return false;
  let differ = 0;
  for (let i = 0; i < marker.length; i++) if (bytes[i] !== marker[i]) differ++;
  return differ <= 2;
}

/** Whether a newer app wrote the data: such a file is refused, never half-read. */
export function schemaProblem(header: Pick<BackupHeader, 'schemaVersion' | 'appVersion'>, currentSchemaVersion: number): BackupFileError | null {
  if (header.schemaVersion <= currentSchemaVersion) return null;
  return new BackupFileError(
    'newer-version',
    `This backup was made by a newer version of Common Ground (${header.appVersion}, data version ${header.schemaVersion}); this app reads data up to version ${currentSchemaVersion}. Update the app, then restore it.`,
    { code: 'newerData', appVersion: header.appVersion, version: header.schemaVersion, supported: currentSchemaVersion },
  );
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

function truncated(have: number): BackupFileError {
  return new BackupFileError(
    'truncated',
    `The backup is incomplete: it ends after ${formatSize(have)}, without its end marker. It was probably cut short while being copied or saved; use another copy.`,
    { code: 'truncated', bytes: have },
  );
}

/** File signatures (magic numbers) of what people most often pick by mistake. */
const SIGNATURES: ReadonlyArray<[number[], ForeignKind]> = [
  [[0x25, 0x50, 0x44, 0x46], 'pdf'],
  [[0x50, 0x4b, 0x03, 0x04], 'zip'],
  [[0x1f, 0x8b], 'gzip'],
  [[0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], 'sqlite'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'oldOffice'],
  [[0x89, 0x50, 0x4e, 0x47], 'png'],
  [[0xff, 0xd8, 0xff], 'jpeg'],
];

const FOREIGN: Record<ForeignKind, string> = {
  pdf: 'it looks like a PDF document',
  zip: 'it looks like a zip archive (or a Word, Excel or PowerPoint file)',
  gzip: 'it looks like a gzip-compressed file',
  sqlite: 'it looks like an SQLite database',
  oldOffice: 'it looks like an old-style Office document',
  png: 'it looks like a PNG image',
  jpeg: 'it looks like a JPEG image',
  webPage: 'it looks like a web page',
  databaseExport: 'it is a database export from another app',
  json: 'it looks like a JSON file from another app',
};

/** What a file is when its start says so (a PDF, a web page...), or null. */
function recogniseForeign(bytes: Uint8Array): { kind: ForeignKind; database?: string } | null {
  for (const [magic, kind] of SIGNATURES) if (startsWith(bytes, Uint8Array.from(magic))) return { kind };
  const text = new TextDecoder().decode(bytes.subarray(0, 4096)).trimStart();
  if (/^<(!doctype html|html)/i.test(text)) return { kind: 'webPage' };
  if (text.startsWith('{') && /"formatName"\s*:\s*"dexie"/.test(text)) {
    const database = /"databaseName"\s*:\s*"([^"]{0,80})"/.exec(text)?.[1];
    return database ? { kind: 'databaseExport', database } : { kind: 'databaseExport' };
  }
  if (text.startsWith('{') || text.startsWith('[')) return { kind: 'json' };
  return null;
}

/** ": it looks like a PDF document" etc., when the file's start says what it is. */
function describeForeign(foreign: { kind: ForeignKind; database?: string } | null): string {
  if (!foreign) return '';
  return `: ${FOREIGN[foreign.kind]}${foreign.database ? ` (database “${foreign.database}”)` : ''}`;
}
