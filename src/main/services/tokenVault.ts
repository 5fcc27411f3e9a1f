/**
 * The desktop's sync credential store: the device token, encrypted with Electron's safeStorage
 * (OS keychain / DPAPI / libsecret), in one file in userData written atomically. No `electron`
 * import: safeStorage comes in as an argument so this is tested with a fake.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { StoredCredentials, type CredentialStore, type LoadedCredentials, type SaveOutcome } from '../../shared/sync/httpConnection';
import { atomicWriteFile, type AtomicFs } from './atomicWriteFile';

/** The part of Electron's safeStorage the vault uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' means no keyring, i.e. a hard-coded key (obfuscation, not encryption). */
  getSelectedStorageBackend?(): string;
}

export interface TokenVaultOptions {
  safeStorage: SafeStorageLike;
  /** userData: the file lives beside the profile it belongs to. */
  dir: string;
  fileName?: string;
  platform?: NodeJS.Platform;
  log?: (message: string) => void;
  /** The file calls, injectable so a test can see the mode the file is created with. */
  fs?: AtomicFs;
}

export const TOKEN_VAULT_FILE = 'sync-credentials.json';

const VaultFile = z.object({
  format: z.literal('common-ground-sync-credentials'),
  version: z.literal(1),
  tokenStorage: z.enum(['encrypted', 'plain-text-agreed']),
  /** 'safe-storage': data is safeStorage output; 'none': no encryption was available at all. */
  encoding: z.enum(['safe-storage', 'none']),
  data: z.string().min(1),
});
type VaultFile = z.infer<typeof VaultFile>;

export function createTokenVault(options: TokenVaultOptions): CredentialStore {
  const { safeStorage } = options;
  const path = join(options.dir, options.fileName ?? TOKEN_VAULT_FILE);
  const platform = options.platform ?? process.platform;
  const log = options.log ?? (() => undefined);

  const encryptionAvailable = (): boolean => {
    try {
      return safeStorage.isEncryptionAvailable();
    } catch {
      return false;
    }
  };

  /** Real encryption: available, and on Linux backed by a keyring rather than basic_text. */
  const secure = (): boolean => {
    if (!encryptionAvailable()) return false;
    if (platform !== 'linux' || !safeStorage.getSelectedStorageBackend) return true;
    // 'unknown' is what Electron says before it has picked a backend: not a promise of a keyring.
    const backend = safeStorage.getSelectedStorageBackend();
    return backend !== 'basic_text' && backend !== 'unknown';
  };

  type VaultOutcome = Extract<SaveOutcome, { status: 'insecure_storage' }> | { readonly status: 'saved'; readonly tokenStorage: VaultFile['tokenStorage'] };
  const check = async ({ allowPlainText }: { allowPlainText: boolean }): Promise<VaultOutcome> => {
    if (secure()) return { status: 'saved', tokenStorage: 'encrypted' };
    return allowPlainText ? { status: 'saved', tokenStorage: 'plain-text-agreed' } : { status: 'insecure_storage' };
  };

  return {
    check,

    async save(credentials, saveOptions) {
      const outcome = await check(saveOptions);
      if (outcome.status !== 'saved') return outcome;
      const plain = JSON.stringify(StoredCredentials.parse(credentials));
      // basic_text still beats writing the token as-is (it is not greppable), so use it when present.
      const encoding: VaultFile['encoding'] = encryptionAvailable() ? 'safe-storage' : 'none';
      const data = encoding === 'safe-storage' ? safeStorage.encryptString(plain).toString('base64') : Buffer.from(plain, 'utf8').toString('base64');
      const file: VaultFile = { format: 'common-ground-sync-credentials', version: 1, tokenStorage: outcome.tokenStorage, encoding, data };
      // Owner-only from the moment the file exists (Windows ignores the mode; userData is private there).
      await atomicWriteFile(path, JSON.stringify(file), options.fs, { mode: 0o600 });
      return outcome;
    },

    async load(): Promise<LoadedCredentials | null> {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
          log(`sync credentials could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); this device is treated as not enrolled`);
        return null;
      }
      try {
        const file = VaultFile.parse(JSON.parse(text));
        const bytes = Buffer.from(file.data, 'base64');
        const plain = file.encoding === 'safe-storage' ? safeStorage.decryptString(bytes) : bytes.toString('utf8');
        const credentials = StoredCredentials.parse(JSON.parse(plain));
        return { ...credentials, tokenStorage: file.tokenStorage };
      } catch (error) {
        // The file is left alone: a keyring that is merely locked today may open tomorrow.
        // The message names the failure's kind only; decrypted text must never reach a log.
        const kind = error instanceof z.ZodError ? 'unexpected content' : error instanceof SyntaxError ? 'not JSON' : 'could not be decrypted';
        log(`sync credentials in ${path} are unusable (${kind}); this device is treated as not enrolled`);
        return null;
      }
    },

    async clear() {
      await rm(path, { force: true });
    },
  };
}
