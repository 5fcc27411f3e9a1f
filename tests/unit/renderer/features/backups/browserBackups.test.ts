/**
 * Backups in web mode's bridge: no folder (so automatic backups are the desktop's), "Back up now"
 * and the revert point become downloads named like the folder's files, and bytes cross a test's
 * page binding intact.
 */
import './nodeSelf';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBrowserBackups, fromBase64, toBase64, WEB_BACKUPS_MESSAGE } from '@renderer/bridge/browserBackups';
import { encodeBackupFile } from '@shared/backup/format';
import { gzipPayload } from '@shared/backup/payload';
import { webSha256 } from '@renderer/features/backups/storeFile';

afterEach(() => vi.unstubAllGlobals());

function fakeDocument() {
  const clicked: Array<{ href: string; download: string }> = [];
  vi.stubGlobal('window', {});
  vi.stubGlobal('document', {
    createElement: () => {
      const a = { href: '', download: '', click: () => clicked.push({ href: a.href, download: a.download }) };
      return a;
    },
  });
  return clicked;
}

async function tinyBackup(reason: 'manual' | 'before-restore') {
  const json = new TextEncoder().encode('{"formatName":"dexie"}');
  return encodeBackupFile(
    {
      appVersion: '0.1.0',
      schemaVersion: 6,
      createdAt: '2026-11-25T10:05:00.000Z',
      reason,
      tables: {},
      summary: { councils: [], councilCount: 0, teams: 0, meetings: 0, newestChangeAt: null, unsentChanges: 0 },
      payload: { uncompressedBytes: json.length },
    },
    await gzipPayload(json),
    webSha256,
  );
}

describe("web mode's backups", () => {
  it('has no folder: the list says backups are downloads, automatic ones are the desktop app’s', async () => {
    fakeDocument();
    const b = createBrowserBackups();
    expect(await b.backupsList()).toEqual({ status: 'unsupported', message: WEB_BACKUPS_MESSAGE });
    expect(WEB_BACKUPS_MESSAGE).toMatch(/Automatic backups are made by the desktop app/);
    expect(await b.backupsWrite({ reason: 'automatic', data: await tinyBackup('manual') })).toEqual({ status: 'unsupported', message: WEB_BACKUPS_MESSAGE });
    expect(await b.backupsOpenFolder()).toMatchObject({ status: 'unsupported' });
    expect(await b.backupsChooseFolder()).toMatchObject({ status: 'unsupported' });
  });

  it('downloads Back up now and the revert point, named like the folder’s backups', async () => {
    const clicked = fakeDocument();
    const b = createBrowserBackups();
    expect(await b.backupsWrite({ reason: 'manual', data: await tinyBackup('manual') })).toEqual({
      status: 'downloaded',
      name: 'common-ground-2026-11-25T10-05-00-000Z-manual.cgbackup',
    });
    expect(await b.backupsWrite({ reason: 'before-restore', data: await tinyBackup('before-restore') })).toMatchObject({ name: /-before-restore\.cgbackup$/ });
    expect(clicked.map((c) => c.download)).toEqual([
      'common-ground-2026-11-25T10-05-00-000Z-manual.cgbackup',
      'common-ground-2026-11-25T10-05-00-000Z-before-restore.cgbackup',
    ]);
    expect(clicked[0]!.href).toMatch(/^blob:/);
  });

  it('carries bytes across a page binding as base64, whole', () => {
    const bytes = new Uint8Array(200_000).map((_, i) => (i * 31) % 256);
    expect(Buffer.from(fromBase64(toBase64(bytes))).equals(Buffer.from(bytes))).toBe(true);
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });
});
