import { createHash } from 'node:crypto';
import { encodeBackupFile, type HeaderInput, type Sha256 } from '@shared/backup/format';
import { gzipPayload } from '@shared/backup/payload';

export const sha256: Sha256 = async (data) => new Uint8Array(createHash('sha256').update(data).digest());

export const STORE_JSON = JSON.stringify({
  formatName: 'dexie',
  formatVersion: 1,
  data: {
    databaseName: 'common-ground',
    databaseVersion: 6,
    tables: [{ name: 'councils', schema: 'id,name', rowCount: 1 }],
    data: [{ tableName: 'councils', inbound: true, rows: [{ id: 'c1', name: 'Harbor Regional Council' }] }],
  },
});

export function header(overrides: Partial<HeaderInput> = {}): HeaderInput {
  return {
    appVersion: '0.1.0',
    schemaVersion: 6,
    createdAt: '2026-11-25T10:00:00.000Z',
    reason: 'manual',
    tables: { councils: 1 },
    summary: { councils: ['Harbor Regional Council'], councilCount: 1, teams: 0, meetings: 0, newestChangeAt: '2026-11-24T09:00:00.000Z', unsentChanges: 0 },
    ...overrides,
    payload: { uncompressedBytes: new TextEncoder().encode(STORE_JSON).length },
  };
}

/** A real backup file of a tiny store. */
export async function backupFile(overrides: Partial<HeaderInput> = {}, json = STORE_JSON): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = new TextEncoder().encode(json);
  return encodeBackupFile({ ...header(overrides), payload: { uncompressedBytes: bytes.length } }, await gzipPayload(bytes), sha256);
}

/**
 * A file laid out as docs say (magic line, header line, payload, SHA-256, end marker) with any
 * first line and header, checksum correct: what a newer app or another app might write.
 */
export async function craftFile(firstLine: string, headerObject: unknown, payload: Uint8Array): Promise<Uint8Array> {
  const head = new TextEncoder().encode(`${firstLine}\n${JSON.stringify(headerObject)}\n`);
  const body = new Uint8Array(head.length + payload.length);
  body.set(head);
  body.set(payload, head.length);
  const end = new TextEncoder().encode('\nEND COMMON-GROUND-BACKUP\n');
  const out = new Uint8Array(body.length + 32 + end.length);
  out.set(body);
  out.set(await sha256(body), body.length);
  out.set(end, body.length + 32);
  return out;
}
