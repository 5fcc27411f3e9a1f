/**
 * The backups folder as main keeps it, on a real temp folder: atomic writes that are checked
 * before and after, retention that only ever runs after a good write and only touches the app's
 * own files, reads by name only, a chosen folder proven writable, and the close that waits for the
 * renderer's last backup.
 */
import { EventEmitter } from 'node:events';
import * as fs from 'node:fs/promises';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { encryptBackup } from '@shared/backup/encryption';
import type { BackupReason } from '@shared/backup/format';
import { IPC_METHODS } from '@shared/ipc';
import { createBackupHandlers } from '../../../src/main/handlers';
import { registerIpcHandlers, type IpcMainLike } from '../../../src/main/ipc';
import { isTrustedRendererUrl } from '../../../src/main/security';
import { backUpBeforeClosing, createBackupService, createQuitBackupGate, type BackupFs } from '../../../src/main/services/backups';
import { backupFile } from '../shared/backup/helpers';

let dir: string;
let folder: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cg-backups-'));
  folder = join(dir, 'Backups');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const errno = (code: string) => Object.assign(new Error(code), { code });
const service = (fsImpl?: BackupFs) => createBackupService({ defaultFolder: folder, settingsFile: join(dir, 'backup-settings.json'), fs: fsImpl });
const at = (day: number, hour = 9) => new Date(Date.UTC(2026, 10, day, hour)).toISOString();
const file = (createdAt: string, reason: BackupReason = 'automatic') => backupFile({ createdAt, reason });

async function contents(path: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(path)).sort()) out[name] = (await readFile(join(path, name))).toString('base64');
  return out;
}

describe('backups folder (main)', () => {
  it('writes a checked backup atomically into the folder, lists it from its header and reads it back by name', async () => {
    const s = service();
    expect(await s.list()).toEqual({ status: 'ok', folder, backups: [] });
    const data = await file(at(25), 'manual');
    const saved = await s.write({ reason: 'manual', data });
    expect(saved).toMatchObject({
      status: 'saved',
      folder,
      removed: [],
      backup: { name: 'common-ground-2026-11-25T09-00-00-000Z-manual.cgbackup', bytes: data.length, reason: 'manual', encrypted: false, problem: null },
    });
    expect(await readdir(folder)).toEqual(['common-ground-2026-11-25T09-00-00-000Z-manual.cgbackup']);
    const listed = await s.list();
    expect(listed.status === 'ok' && listed.backups[0]!.header).toMatchObject({ schemaVersion: 6, summary: { councils: ['Harbor Regional Council'] } });
    const read = await s.read('common-ground-2026-11-25T09-00-00-000Z-manual.cgbackup');
    expect(read.status === 'ok' && Buffer.from(read.data).equals(data)).toBe(true);
  });

  it('refuses to write a backup that does not check out, and writes nothing', async () => {
    const s = service();
    const data = await file(at(25));
    data[200]! ^= 0x01;
    expect(await s.write({ reason: 'automatic', data })).toEqual({
      status: 'error',
      message: expect.stringMatching(/^The backup was not saved: The backup is damaged: its contents do not match its checksum/),
    });
    expect(await s.write({ reason: 'quit', data: await file(at(25)) })).toMatchObject({ status: 'error', message: /does not say why it was made/ });
    expect(await readdir(folder).catch(() => [])).toEqual([]);
  });

  it('disk full while writing: a clear message, no partial file, and every existing backup untouched', async () => {
    const s = service();
    for (const day of [20, 21, 22, 23, 24, 25]) await s.write({ reason: 'automatic', data: await file(at(day)) });
    const before = await contents(folder);
    const full: BackupFs = {
      ...(fs as unknown as BackupFs),
      open: (async (path: string, flags: string, mode?: number) => {
        const handle = await fs.open(path, flags, mode);
        if (flags !== 'wx') return handle;
        return Object.assign(Object.create(Object.getPrototypeOf(handle)), handle, {
          writeFile: async () => {
            await handle.writeFile('partial');
            throw errno('ENOSPC');
          },
          sync: () => handle.sync(),
          close: () => handle.close(),
        });
      }) as BackupFs['open'],
    };
    // A day with more backups than retention keeps: had it run, it would have pruned.
    const result = await service(full).write({ reason: 'automatic', data: await file(at(26, 12)) });
    expect(result).toEqual({
      status: 'error',
      message: expect.stringMatching(
        /^The disk is full, so .*common-ground-2026-11-26T12-00-00-000Z-automatic\.cgbackup could not be saved\. Free some space and try again\.$/,
      ),
    });
    expect(await contents(folder)).toEqual(before);
  });

  it('a disk that does not keep what it acknowledged: the bad file is removed and the backup reported as failed', async () => {
    const lying: BackupFs = {
      ...(fs as unknown as BackupFs),
      readFile: (async (path: string, options?: unknown) => {
        const real = await fs.readFile(path, options as never);
        if (typeof real === 'string' || !String(path).endsWith('.cgbackup')) return real;
        const copy = Buffer.from(real);
        copy[copy.length - 60]! ^= 0xff;
        return copy;
      }) as BackupFs['readFile'],
    };
    const result = await service(lying).write({ reason: 'manual', data: await file(at(25), 'manual') });
    expect(result).toEqual({ status: 'error', message: expect.stringMatching(/did not read back the same\. Check the disk, or choose another folder\./) });
    expect(await readdir(folder)).toEqual([]);
  });

  it('prunes by the retention policy after each good write, and never touches files that are not its own', async () => {
    const s = service();
    await fs.mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'minutes.pdf'), '%PDF-1.7');
    await writeFile(join(folder, 'copied from the USB stick.cgbackup'), await file(at(1)));
    for (let day = 1; day <= 14; day++) for (const hour of [9, 12, 16]) await s.write({ reason: 'automatic', data: await file(at(day, hour)) });
    const last = await s.write({ reason: 'before-restore', data: await file(at(14, 17), 'before-restore') });
    expect(last.status).toBe('saved');
    const names = (await readdir(folder)).sort();
    expect(names).toEqual([
      // The newest of each earlier day, 10 regular backups in all...
      ...[7, 8, 9, 10, 11, 12, 13].map((d) => `common-ground-2026-11-${String(d).padStart(2, '0')}T16-00-00-000Z-automatic.cgbackup`),
      // ...three from the latest day...
      'common-ground-2026-11-14T09-00-00-000Z-automatic.cgbackup',
      'common-ground-2026-11-14T12-00-00-000Z-automatic.cgbackup',
      'common-ground-2026-11-14T16-00-00-000Z-automatic.cgbackup',
      // ...the revert point, and what is not the app's own.
      'common-ground-2026-11-14T17-00-00-000Z-before-restore.cgbackup',
      'copied from the USB stick.cgbackup',
      'minutes.pdf',
    ]);
    // The copied file is listed (it is a backup), by what its header says.
    const listed = await s.list();
    expect(listed.status === 'ok' && listed.backups.find((b) => b.name === 'copied from the USB stick.cgbackup')).toMatchObject({
      createdAt: at(1),
      reason: 'automatic',
    });
  });

  it('lists a passphrase-protected or damaged file for what it is, and reads only names inside the folder', async () => {
    const s = service();
    await fs.mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'protected.cgbackup'), await encryptBackup(await file(at(25)), 'river lantern cobalt', { workFactor: 10 }));
    await writeFile(join(folder, 'notes.cgbackup'), 'name,side\n');
    const whole = await file(at(24));
    await writeFile(join(folder, 'common-ground-2026-11-24T09-00-00-000Z-automatic.cgbackup'), whole.subarray(0, whole.length - 30));
    await writeFile(join(dir, 'outside.cgbackup'), await file(at(25)));
    const listed = await s.list();
    expect(listed.status).toBe('ok');
    const byName = Object.fromEntries((listed.status === 'ok' ? listed.backups : []).map((b) => [b.name, b]));
    expect(byName['protected.cgbackup']).toMatchObject({ encrypted: true, header: null, problem: null });
    expect(byName['notes.cgbackup']).toMatchObject({ encrypted: false, problem: 'This is not a Common Ground backup.' });
    // Cut short (an interrupted copy): found from its size and end, without reading it whole.
    expect(byName['common-ground-2026-11-24T09-00-00-000Z-automatic.cgbackup']!.problem).toMatch(/^The backup is incomplete: it ends after/);
    expect(await s.read('../outside.cgbackup')).toEqual({ status: 'error', message: '../outside.cgbackup is not a backup in the backups folder.' });
    expect(await s.read('minutes.pdf')).toMatchObject({ status: 'error' });
  });

  it('changes the folder only to one it can write to, and remembers it', async () => {
    const s = service();
    const usb = join(dir, 'USB stick');
    await fs.mkdir(usb);
    expect(await s.setFolder(usb)).toEqual({ status: 'changed', folder: usb });
    expect(await readdir(usb)).toEqual([]);
    expect(await service().folder()).toBe(usb);
    const saved = await s.write({ reason: 'manual', data: await file(at(25), 'manual') });
    expect(saved).toMatchObject({ status: 'saved', folder: usb });
    // The stick is pulled out: the next write says so, and the list says where it looked.
    await rm(usb, { recursive: true });
    await writeFile(usb, 'not a folder any more');
    expect(await s.write({ reason: 'manual', data: await file(at(25, 10), 'manual') })).toMatchObject({
      status: 'error',
      message: expect.stringMatching(/USB stick/),
    });
    expect(await s.list()).toMatchObject({ status: 'error', folder: usb });
    expect(await s.setFolder(join(usb, 'inside a file'))).toMatchObject({ status: 'error' });
    expect(await s.setFolder('relative/path')).toEqual({ status: 'error', message: 'relative/path is not a full folder path.' });
    expect(await service().folder()).toBe(usb);
  });
});

describe('the last backup before the window closes', () => {
  class FakeWindow extends EventEmitter {
    hidden = false;
    destroyed = false;
    hide() {
      this.hidden = true;
    }
    isDestroyed() {
      return this.destroyed;
    }
    tryClose(): boolean {
      let prevented = false;
      this.emit('close', { preventDefault: () => (prevented = true) });
      return !prevented;
    }
  }

  it('holds the close, asks the renderer once, and closes when it answers', async () => {
    const win = new FakeWindow();
    const gate = createQuitBackupGate({ newId: () => 'r1' });
    const sent: unknown[] = [];
    const closed = vi.fn(() => win.tryClose());
    backUpBeforeClosing(win, gate, (request) => sent.push(request), closed);
    expect(win.tryClose()).toBe(false);
    expect(win.hidden).toBe(true);
    expect(win.tryClose()).toBe(false);
    expect(sent).toEqual([{ reason: 'quit', requestId: 'r1' }]);
    gate.answer('someone else');
    await Promise.resolve();
    expect(closed).not.toHaveBeenCalled();
    gate.answer('r1');
    await vi.waitFor(() => expect(closed).toHaveBeenCalledOnce());
    expect(closed.mock.results[0]!.value).toBe(true);
  });

  it('closes anyway when the renderer cannot answer (hung or crashed)', async () => {
    const win = new FakeWindow();
    const closed = vi.fn();
    backUpBeforeClosing(win, createQuitBackupGate({ timeoutMs: 20 }), () => undefined, closed);
    expect(win.tryClose()).toBe(false);
    await vi.waitFor(() => expect(closed).toHaveBeenCalledOnce());
    const gone = new FakeWindow();
    backUpBeforeClosing(
      gone,
      createQuitBackupGate({ timeoutMs: 5 }),
      () => {
        throw new Error('the renderer is gone');
      },
      closed,
    );
    gone.tryClose();
    await vi.waitFor(() => expect(closed).toHaveBeenCalledTimes(2));
  });
});

describe('backup IPC channels', () => {
  function wire() {
    const handlers = new Map<string, Parameters<IpcMainLike['handle']>[1]>();
    const gate = createQuitBackupGate({ newId: () => 'q1' });
    const picks: Array<string | null> = [];
    const opened: string[] = [];
    registerIpcHandlers(
      { handle: (channel, listener) => handlers.set(channel, listener) },
      createBackupHandlers({
        service: service(),
        quitGate: gate,
        chooseBackupFile: async () => picks.shift() ?? null,
        chooseBackupFolder: async () => picks.shift() ?? null,
        openFolder: async (path) => {
          opened.push(path);
          return '';
        },
      }) as never,
      { isTrustedSender: (url) => isTrustedRendererUrl(url), log: () => undefined },
    );
    const invoke = (channel: string, payload?: unknown) =>
      Promise.resolve().then(() => handlers.get(channel)!({ senderFrame: { url: 'app://common-ground/index.html' } }, payload));
    return { invoke, gate, picks, opened };
  }

  it('validates every request before main touches the disk', async () => {
    const { invoke } = wire();
    await expect(invoke(IPC_METHODS.backupsWrite, { reason: 'manual', data: [1, 2, 3] })).rejects.toThrow(/invalid request/);
    await expect(invoke(IPC_METHODS.backupsWrite, { reason: 'because', data: new Uint8Array(3) })).rejects.toThrow(/invalid request/);
    await expect(invoke(IPC_METHODS.backupsRead, { name: '../../etc/passwd' })).rejects.toThrow(/must be a backup file name/);
    await expect(invoke(IPC_METHODS.backupsRead, { name: '/etc/passwd' })).rejects.toThrow(/invalid request/);
  });

  it('open a file, open and change the folder, answer the quit request', async () => {
    const { invoke, picks, opened, gate } = wire();
    const elsewhere = join(dir, 'from the stick.cgbackup');
    const data = await file(at(25));
    await writeFile(elsewhere, data);
    picks.push(elsewhere);
    const picked = (await invoke(IPC_METHODS.backupsOpenFile)) as { status: string; name: string; data: Uint8Array };
    expect(picked).toMatchObject({ status: 'ok', name: 'from the stick.cgbackup' });
    expect(Buffer.from(picked.data).equals(data)).toBe(true);
    expect(await invoke(IPC_METHODS.backupsOpenFile)).toEqual({ status: 'canceled' });
    expect(await invoke(IPC_METHODS.backupsOpenFolder)).toEqual({ status: 'opened' });
    expect(opened).toEqual([folder]);
    const share = join(dir, 'Shared drive');
    await fs.mkdir(share);
    picks.push(share);
    expect(await invoke(IPC_METHODS.backupsChooseFolder)).toEqual({ status: 'changed', folder: share });
    expect(await invoke(IPC_METHODS.backupsChooseFolder)).toEqual({ status: 'canceled' });
    const asked = gate.ask(() => undefined);
    expect(await invoke(IPC_METHODS.backupsQuitDone, { requestId: 'q1' })).toEqual({ status: 'ok' });
    expect(await asked).toBe('answered');
  });
});
