/**
 * Backups end to end, in real Chromium: the page's bridge reaches the REAL main-process backup
 * service (src/main/services/backups.ts) through page bindings, so only Electron's IPC transport
 * is swapped out; the web-mode path (download, file input) runs with no service at all.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { encryptBackup } from '@shared/backup/encryption';
import { encodeBackupFile, openBackupFile, readBackupHeader } from '@shared/backup/format';
import { gzipPayload } from '@shared/backup/payload';
import { BackupsReadRequest, BackupsWriteRequest } from '@shared/ipc';
import { createBackupService, nodeSha256 } from '../../src/main/services/backups';
import { launchApp, type LaunchedApp } from './support/browser';
import { useAppServer } from './support/lifecycle';
import { trackTempDir } from './support/paths';
import { saveScreenshot } from './support/screenshots';
import { exposeServices } from './support/services';
import { capture, goto, setUpTeamMeeting, startIbps, step, waitSaved } from './flows/ui';

const server = useAppServer();

interface BackupServicesControl {
  readonly folder: string;
  /** What the next "Restore from a file" dialog picks (null: Cancel). Queued. */
  nextOpenPath(path: string | null): void;
}

/**
 * The real backup service behind window.cgBackupServices, payloads validated with main's own
 * schemas. Bytes cross the binding as base64. Call before the page loads (bindings install for
 * documents created after this).
 */
async function exposeBackupServices(context: BrowserContext, dir: string): Promise<BackupServicesControl> {
  const folder = join(dir, 'Backups');
  const service = createBackupService({ defaultFolder: folder, settingsFile: join(dir, 'backup-settings.json') });
  const opens: Array<string | null> = [];
  const wire = <T extends { status: string; data?: Uint8Array }>(r: T) =>
    r.status === 'ok' && r.data ? { ...r, data: Buffer.from(r.data).toString('base64') } : r;
  await context.exposeBinding('__cgBackupsList', () => service.list());
  await context.exposeBinding('__cgBackupsWrite', async (_source, raw: { reason: string; data: string }) =>
    service.write(BackupsWriteRequest.parse({ reason: raw.reason, data: new Uint8Array(Buffer.from(raw.data, 'base64')) })),
  );
  await context.exposeBinding('__cgBackupsRead', async (_source, raw: unknown) => wire(await service.read(BackupsReadRequest.parse(raw).name)));
  await context.exposeBinding('__cgBackupsOpenFile', async () => {
    const path = opens.length ? opens.shift()! : null;
    return path === null ? { status: 'canceled' } : wire(await service.readFile(path));
  });
  await context.exposeBinding('__cgBackupsOpenFolder', () => ({ status: 'opened' }));
  await context.exposeBinding('__cgBackupsChooseFolder', () => ({ status: 'canceled' }));
  await context.addInitScript(() => {
    type Binding = (request?: unknown) => Promise<unknown>;
    const w = globalThis as unknown as Record<string, Binding>;
    Object.defineProperty(globalThis, 'cgBackupServices', {
      value: Object.freeze({
        list: () => w.__cgBackupsList!(),
        write: (request: unknown) => w.__cgBackupsWrite!(request),
        read: (request: unknown) => w.__cgBackupsRead!(request),
        openFile: () => w.__cgBackupsOpenFile!(),
        openFolder: () => w.__cgBackupsOpenFolder!(),
        chooseFolder: () => w.__cgBackupsChooseFolder!(),
      }),
      writable: false,
      configurable: false,
    });
  });
  return { folder, nextOpenPath: (path) => opens.push(path) };
}

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  trackTempDir(dir);
  return dir;
}

/** Every record of every object store, read with IndexedDB itself (not the app). */
function storeContents(page: Page): Promise<Record<string, string>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, string>>((resolve, reject) => {
        const req = indexedDB.open('common-ground');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const names = [...db.objectStoreNames];
          const tx = db.transaction(names, 'readonly');
          const out: Record<string, string> = {};
          for (const name of names) {
            const all = tx.objectStore(name).getAll();
            all.onsuccess = () => (out[name] = JSON.stringify(all.result));
          }
          tx.oncomplete = () => {
            db.close();
            resolve(out);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

async function folderDigest(folder: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(folder)).sort())
    out[name] = createHash('sha256')
      .update(await readFile(join(folder, name)))
      .digest('hex');
  return out;
}

async function openBackups(page: Page): Promise<void> {
  await goto(page, server.url, '/settings');
  await page.getByTestId('backups-card').waitFor();
}

async function launchWith(dir: string | null, options: { files?: boolean } = {}) {
  const app = await launchApp({ baseUrl: server.url });
  const backups = dir ? await exposeBackupServices(app.context, dir) : null;
  const files = options.files ? await exposeServices(app.context) : null;
  await app.page.reload();
  return { app, backups, files };
}

/** What a facilitator checks after a restore: the meeting, its agenda, the IBPS session, the roster. */
async function expectMeetingBack(app: LaunchedApp, interests: readonly string[]): Promise<void> {
  const { page } = app;
  await goto(page, server.url, '/meetings');
  await page.getByTestId('meeting-row').getByRole('link', { name: 'November UBT meeting' }).click();
  await page.getByTestId('meeting-title').waitFor();
  expect(await page.getByLabel('Agenda item 1 title').inputValue()).toBe('Lunch coverage');
  await page.getByRole('link', { name: 'Open session' }).click();
  await step(page, /Interests/).click();
  for (const text of interests) await page.getByTestId('interest-row').filter({ hasText: text }).waitFor();
  await goto(page, server.url, '/roster');
  await page.getByText('Riverside Local Council').first().waitFor();
}

describe('backups', () => {
  it('backups: back up, wipe the profile, restore, and everything is back', async () => {
    const dir = await tempDir('cg-e2e-backups-');
    const interests = ['Staff get an uninterrupted 30-minute lunch', 'Patients are served without long waits'];

    // A facilitator's laptop: a team, a meeting with an IBPS session.
    const first = await launchWith(dir, { files: true });
    const { page } = first.app;
    await setUpTeamMeeting(page, server.url);
    await startIbps(page);
    await step(page, /Interests/).click();
    await capture(page, 'capture-interest', interests);
    await page.getByTestId('interest-row').nth(1).waitFor();
    await waitSaved(page);
    const original = await storeContents(page);

    // Back up now (the folder), and a passphrase-protected copy for the USB stick.
    await openBackups(page);
    await page.getByTestId('backup-now').click();
    await page.getByTestId('backup-row').first().waitFor();
    await expect.poll(() => page.getByTestId('backup-row').count()).toBe(1);
    expect(await page.getByTestId('backup-row').first().textContent()).toMatch(/Backed up by hand.*1 council, 1 team, 1 meeting/);
    const [name] = await readdir(first.backups!.folder);
    expect(name).toMatch(/^common-ground-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z-manual\.cgbackup$/);
    const { header } = await openBackupFile(new Uint8Array(await readFile(join(first.backups!.folder, name!))), nodeSha256);
    expect(header.summary.councils).toEqual(['Riverside Local Council']);
    await page.getByTestId('backup-save-copy').click();
    await page.getByTestId('copy-passphrase').fill('river lantern cobalt');
    await page.getByTestId('copy-passphrase-again').fill('river lantern cobalt');
    await page.getByTestId('copy-save').click();
    await expect.poll(() => first.files!.calls.filter((c) => c.service === 'saveFile' && c.response?.status === 'saved').length, { timeout: 60_000 }).toBe(1);
    const copy = first.files!.calls.find((c) => c.service === 'saveFile')!.path!;
    expect((await readFile(copy)).subarray(0, 21).toString()).toBe('age-encryption.org/v1');
    await page.getByTestId('backups-card').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'backups-card');
    await first.app.close();

    // The profile is gone (a new laptop, or a wiped browser profile): the backups folder is not.
    const second = await launchWith(dir);
    await goto(second.app.page, server.url, '/meetings');
    await second.app.page.getByRole('heading', { name: 'No meetings yet' }).waitFor();
    await openBackups(second.app.page);
    await second.app.page.getByTestId('backup-row').first().getByTestId('backup-restore').click();
    const preview = second.app.page.getByTestId('restore-preview');
    await preview.waitFor();
    expect(await preview.textContent()).toMatch(/1 council, 1 team, 1 meeting.*Councils: Riverside Local Council/);
    await saveScreenshot(second.app.page, 'backups-restore-preview');
    await second.app.page.getByTestId('restore-confirm').click();
    await second.app.page.getByText('Backup restored').waitFor({ timeout: 60_000 });
    expect(await storeContents(second.app.page)).toEqual(original);
    await expectMeetingBack(second.app, interests);
    // What was on this laptop before the restore is kept as a revert point.
    await openBackups(second.app.page);
    await expect.poll(() => second.app.page.getByTestId('backup-row').count()).toBe(2);
    expect(await second.app.page.getByTestId('backups-list').textContent()).toMatch(/Revert point \(before a restore\).*0 councils, 0 teams, 0 meetings/);
    await second.app.close();

    // Web mode, no folder at all: the protected copy from the USB stick, through the file picker.
    const third = await launchWith(null);
    const web = third.app.page;
    await openBackups(web);
    await web.getByText('In the browser, a backup is a file you download').waitFor();
    const chooser = web.waitForEvent('filechooser');
    await web.getByTestId('restore-from-file').click();
    await (await chooser).setFiles(copy);
    await web.getByTestId('restore-passphrase').fill('river lantern copper');
    await web.getByTestId('restore-unlock').click();
    await web.getByText('The passphrase is wrong: it does not open this backup.').waitFor();
    await web.getByTestId('restore-passphrase').fill('river lantern cobalt');
    await web.getByTestId('restore-unlock').click();
    await web.getByTestId('restore-preview').waitFor({ timeout: 60_000 });
    // The revert point of a browser profile is a download.
    const revert = web.waitForEvent('download');
    await web.getByTestId('restore-confirm').click();
    expect((await revert).suggestedFilename()).toMatch(/-before-restore\.cgbackup$/);
    await web.getByText('Backup restored').waitFor({ timeout: 60_000 });
    expect(await storeContents(web)).toEqual(original);
    await expectMeetingBack(third.app, interests);
    // Back up now in web mode is a download of the same kind of file.
    await openBackups(web);
    const download = web.waitForEvent('download');
    await web.getByTestId('backup-now').click();
    const saved = join(dir, 'downloaded.cgbackup');
    await (await download).saveAs(saved);
    expect(readBackupHeader(new Uint8Array(await readFile(saved))).header).toMatchObject({
      reason: 'manual',
      summary: { meetings: 1, councils: ['Riverside Local Council'] },
    });
    expect(third.app.problems).toEqual([]);
    await third.app.close();
  });

  it('backups: a damaged or foreign file is refused and nothing changes', async () => {
    const dir = await tempDir('cg-e2e-backups-bad-');
    const { app, backups } = await launchWith(dir);
    const { page } = app;
    await setUpTeamMeeting(page, server.url);
    await waitSaved(page);
    await openBackups(page);
    await page.getByTestId('backup-now').click();
    await expect.poll(() => page.getByTestId('backup-row').count()).toBe(1);
    const good = new Uint8Array(await readFile(join(backups!.folder, (await readdir(backups!.folder))[0]!)));

    const bad = async (name: string, bytes: Uint8Array | string) => {
      const path = join(dir, name);
      await writeFile(path, bytes);
      return path;
    };
    const flipped = good.slice();
    flipped[Math.floor(good.length * 0.6)]! ^= 0x10;
    const json = new TextEncoder().encode('{"formatName":"dexie","formatVersion":1,"data":{}}');
    const newer = await encodeBackupFile(
      {
        appVersion: '4.0.0',
        schemaVersion: 99,
        createdAt: '2027-03-01T09:00:00.000Z',
        reason: 'manual',
        tables: {},
        summary: { councils: ['Future Council'], councilCount: 1, teams: 0, meetings: 0, newestChangeAt: null, unsentChanges: 0 },
        payload: { uncompressedBytes: json.length },
      },
      await gzipPayload(json),
      nodeSha256,
    );
    const cases: Array<[string, RegExp]> = [
      [await bad('cut-short.cgbackup', good.subarray(0, Math.floor(good.length / 2))), /The backup is incomplete: it ends after .* without its end marker/],
      [await bad('flipped.cgbackup', flipped), /The backup is damaged: its contents do not match its checksum/],
      [await bad('minutes.pdf', '%PDF-1.7\n%âãÏÓ\n1 0 obj\n'), /This is not a Common Ground backup: it looks like a PDF document/],
      [await bad('roster.cgbackup', 'name,side\nAna Torres,union\n'), /^This is not a Common Ground backup\.$/],
      [
        await bad('from-the-future.cgbackup', newer),
        /newer version of Common Ground \(4\.0\.0, data version 99\); this app reads data up to version \d+\. Update the app, then restore it\./,
      ],
    ];
    const store = await storeContents(page);
    const folder = await folderDigest(backups!.folder);

    for (const [path, message] of cases) {
      backups!.nextOpenPath(path);
      await page.getByTestId('restore-from-file').click();
      const problem = page.getByTestId('restore-problem');
      await problem.waitFor();
      expect(await problem.textContent()).toMatch(/Nothing on this laptop was changed\./);
      expect(await problem.locator('p').first().textContent()).toMatch(message);
      if (path.endsWith('from-the-future.cgbackup')) await saveScreenshot(page, 'backups-refused-newer');
      await page.getByRole('button', { name: 'Close' }).click();
      await problem.waitFor({ state: 'detached' });
    }

    // A protected copy opened with the wrong passphrase: asked again, nothing opened.
    const sealed = await bad('protected.cgbackup', await encryptBackup(good, 'river lantern cobalt', { workFactor: 12 }));
    backups!.nextOpenPath(sealed);
    await page.getByTestId('restore-from-file').click();
    await page.getByTestId('restore-passphrase').fill('wrong passphrase here');
    await page.getByTestId('restore-unlock').click();
    await page.getByText('The passphrase is wrong: it does not open this backup. Check it and try again.').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();

    // A damaged file inside the backups folder is listed with its problem and cannot be chosen.
    await writeFile(join(backups!.folder, 'common-ground-2026-01-01T09-00-00-000Z-automatic.cgbackup'), flipped.subarray(0, 4000));
    await goto(page, server.url, '/roster');
    await openBackups(page);
    const damagedRow = page.getByTestId('backup-row').filter({ hasText: 'The backup is incomplete' });
    await damagedRow.waitFor();
    expect(await damagedRow.getByTestId('backup-restore').isDisabled()).toBe(true);

    // Nothing changed: not the store, not a backup (no revert point was written for any of them).
    expect(await storeContents(page)).toEqual(store);
    const after = await folderDigest(backups!.folder);
    delete after['common-ground-2026-01-01T09-00-00-000Z-automatic.cgbackup'];
    expect(after).toEqual(folder);
    expect(app.problems).toEqual([]);
    await app.close();
  });
});
