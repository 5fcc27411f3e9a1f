import * as nodeFs from 'node:fs/promises';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoredCredentials } from '@shared/sync/httpConnection';
import type { AtomicFs } from '../../../src/main/services/atomicWriteFile';
import { TOKEN_VAULT_FILE, createTokenVault, type SafeStorageLike } from '../../../src/main/services/tokenVault';

const TOKEN = 'cgd_SECRETsecretSECRETsecretSECRETsecret12345';

const CREDENTIALS: StoredCredentials = {
  token: TOKEN,
  account: {
    serverUrl: 'https://sync.example.org',
    deviceId: '0198c3f0-0000-7000-8000-0000000000d1',
    accountId: '0198c3f0-0000-7000-8000-0000000000e1',
    deviceName: 'Pat laptop',
    councils: [{ id: '0198c3f0-0000-7000-8000-0000000000c1', name: 'Northwest Regional' }],
    enrolledAt: '2026-01-01T00:00:00.000Z',
  },
};

/** A stand-in for safeStorage: XOR with a key, so the ciphertext shares no bytes with the text. */
function fakeSafeStorage(options: { available?: boolean; backend?: string } = {}): SafeStorageLike & { encryptString: ReturnType<typeof vi.fn> } {
  const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  return {
    isEncryptionAvailable: () => options.available ?? true,
    encryptString: vi.fn((s: string) => {
      if (options.available === false) throw new Error('Encryption is not available.');
      return Buffer.concat([Buffer.from('v11'), xor(Buffer.from(s, 'utf8'))]);
    }),
    decryptString: (b: Buffer) => {
      if (b.subarray(0, 3).toString() !== 'v11') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return xor(b.subarray(3)).toString('utf8');
    },
    ...(options.backend === undefined ? {} : { getSelectedStorageBackend: () => options.backend! }),
  };
}

describe('token vault', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cg-vault-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips encrypted credentials; the file on disk never holds the token in clear', async () => {
    const vault = createTokenVault({ safeStorage: fakeSafeStorage({ backend: 'gnome_libsecret' }), dir, platform: 'linux' });
    expect(await vault.load()).toBeNull();
    expect(await vault.check({ allowPlainText: false })).toEqual({ status: 'saved', tokenStorage: 'encrypted' });
    expect(await vault.save(CREDENTIALS, { allowPlainText: false })).toEqual({ status: 'saved', tokenStorage: 'encrypted' });
    const raw = await readFile(join(dir, TOKEN_VAULT_FILE));
    expect(raw.includes(TOKEN)).toBe(false);
    expect(raw.includes(Buffer.from(TOKEN).toString('base64'))).toBe(false);
    expect(raw.includes('SECRET')).toBe(false);
    expect(await vault.load()).toEqual({ ...CREDENTIALS, tokenStorage: 'encrypted' });
    // Atomic write: no temp files left behind; owner-only where the OS has modes.
    expect(await readdir(dir)).toEqual([TOKEN_VAULT_FILE]);
    if (process.platform !== 'win32') expect((await stat(join(dir, TOKEN_VAULT_FILE))).mode & 0o777).toBe(0o600);
    // A second vault over the same folder (the next app start) reads the same credentials.
    const restarted = createTokenVault({ safeStorage: fakeSafeStorage({ backend: 'gnome_libsecret' }), dir, platform: 'linux' });
    expect((await restarted.load())?.token).toBe(TOKEN);
  });

  it.skipIf(process.platform === 'win32')('creates the file owner-only (0600) from the start, never 0644 and then chmod', async () => {
    const seen: Array<{ step: string; mode: number }> = [];
    const fs: AtomicFs = {
      open: ((path: string, flags: string, mode?: number) => {
        if (flags === 'wx') seen.push({ step: 'create', mode: mode ?? -1 });
        return nodeFs.open(path, flags, mode);
      }) as AtomicFs['open'],
      // Just before the rename, the temp file is exactly as it was created and written.
      rename: (async (from: string, to: string) => {
        seen.push({ step: 'before rename', mode: (await stat(from)).mode & 0o777 });
        return nodeFs.rename(from, to);
      }) as AtomicFs['rename'],
      unlink: nodeFs.unlink,
    };
    const previous = process.umask(0); // even a permissive umask gives others nothing
    try {
      const vault = createTokenVault({ safeStorage: fakeSafeStorage({ backend: 'gnome_libsecret' }), dir, platform: 'linux', fs });
      await vault.save(CREDENTIALS, { allowPlainText: false });
    } finally {
      process.umask(previous);
    }
    expect(seen).toEqual([
      { step: 'create', mode: 0o600 },
      { step: 'before rename', mode: 0o600 },
    ]);
    expect((await stat(join(dir, TOKEN_VAULT_FILE))).mode & 0o777).toBe(0o600);
  });

  it("refuses Linux's basic_text backend without consent, and stores nothing", async () => {
    const safeStorage = fakeSafeStorage({ backend: 'basic_text' });
    const vault = createTokenVault({ safeStorage, dir, platform: 'linux' });
    expect(await vault.check({ allowPlainText: false })).toEqual({ status: 'insecure_storage' });
    expect(await vault.save(CREDENTIALS, { allowPlainText: false })).toEqual({ status: 'insecure_storage' });
    expect(await readdir(dir)).toEqual([]);
    expect(safeStorage.encryptString).not.toHaveBeenCalled();
    expect(await vault.load()).toBeNull();
  });

  it('accepts basic_text with consent and remembers that the user agreed', async () => {
    const vault = createTokenVault({ safeStorage: fakeSafeStorage({ backend: 'basic_text' }), dir, platform: 'linux' });
    expect(await vault.save(CREDENTIALS, { allowPlainText: true })).toEqual({ status: 'saved', tokenStorage: 'plain-text-agreed' });
    expect(await vault.load()).toEqual({ ...CREDENTIALS, tokenStorage: 'plain-text-agreed' });
    // Still run through safeStorage's obfuscation, so the token is not greppable on disk.
    expect((await readFile(join(dir, TOKEN_VAULT_FILE))).includes(TOKEN)).toBe(false);
  });

  it('with no encryption at all, needs consent too and then stores the token unencrypted', async () => {
    const vault = createTokenVault({ safeStorage: fakeSafeStorage({ available: false }), dir, platform: 'win32' });
    expect(await vault.save(CREDENTIALS, { allowPlainText: false })).toEqual({ status: 'insecure_storage' });
    expect(await readdir(dir)).toEqual([]);
    expect(await vault.save(CREDENTIALS, { allowPlainText: true })).toEqual({ status: 'saved', tokenStorage: 'plain-text-agreed' });
    expect(await vault.load()).toEqual({ ...CREDENTIALS, tokenStorage: 'plain-text-agreed' });
  });

  it('does not consult the storage backend outside Linux', async () => {
    const vault = createTokenVault({ safeStorage: fakeSafeStorage({ backend: 'basic_text' }), dir, platform: 'darwin' });
    expect(await vault.check({ allowPlainText: false })).toEqual({ status: 'saved', tokenStorage: 'encrypted' });
  });

  it('treats a corrupt or undecryptable file as not enrolled, says so in the log, and never throws', async () => {
    const log = vi.fn();
    const vault = createTokenVault({ safeStorage: fakeSafeStorage({ backend: 'kwallet5' }), dir, platform: 'linux', log });
    const file = join(dir, TOKEN_VAULT_FILE);

    await writeFile(file, '{not json');
    expect(await vault.load()).toBeNull();
    expect(log).toHaveBeenLastCalledWith(expect.stringMatching(/not JSON.*not enrolled/));

    await writeFile(
      file,
      JSON.stringify({
        format: 'common-ground-sync-credentials',
        version: 1,
        tokenStorage: 'encrypted',
        encoding: 'safe-storage',
        data: Buffer.from('garbage').toString('base64'),
      }),
    );
    expect(await vault.load()).toBeNull();
    expect(log).toHaveBeenLastCalledWith(expect.stringMatching(/could not be decrypted.*not enrolled/));

    await writeFile(file, JSON.stringify({ format: 'something else' }));
    expect(await vault.load()).toBeNull();
    expect(log).toHaveBeenLastCalledWith(expect.stringMatching(/unexpected content/));

    // Decrypts, but is not credentials.
    const encrypted = fakeSafeStorage().encryptString(JSON.stringify({ token: 42 })) as Buffer;
    await writeFile(
      file,
      JSON.stringify({
        format: 'common-ground-sync-credentials',
        version: 1,
        tokenStorage: 'encrypted',
        encoding: 'safe-storage',
        data: encrypted.toString('base64'),
      }),
    );
    expect(await vault.load()).toBeNull();
    expect(log).toHaveBeenLastCalledWith(expect.stringMatching(/unexpected content/));
    // Logs name the problem, never the content.
    for (const [message] of log.mock.calls) expect(String(message)).not.toContain('cgd_');
    // A file the vault cannot use is left for a keyring that may unlock later; enrolling again replaces it.
    expect(await readdir(dir)).toEqual([TOKEN_VAULT_FILE]);
    await vault.save(CREDENTIALS, { allowPlainText: false });
    expect((await vault.load())?.token).toBe(TOKEN);
  });

  it('clear() removes the credentials and is harmless when there are none', async () => {
    const vault = createTokenVault({ safeStorage: fakeSafeStorage(), dir, platform: 'darwin' });
    await vault.clear();
    await vault.save(CREDENTIALS, { allowPlainText: false });
    expect(await vault.load()).not.toBeNull();
    await vault.clear();
    expect(await vault.load()).toBeNull();
    expect(await readdir(dir)).toEqual([]);
  });
});
