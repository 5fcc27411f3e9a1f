/**
 * Passphrase protection for backups that leave the laptop (a USB stick, a shared drive): the whole
 * backup file encrypted with age (age-encryption.org/v1, scrypt recipient). A standard format on
 * purpose: `age -d backup.cgbackup > plain.cgbackup` opens it without this app. age authenticates
 * every chunk, so a wrong passphrase or a changed byte is refused, never decrypted into garbage.
 */
import { BackupFileError, isEncryptedBackup } from './format';

// Loaded on first use: most backups are never encrypted, and the app starts without it.
const age = () => import('age-encryption');

/** age's advice: 8-10 random characters at least, or 4-5 random words. */
export const MIN_PASSPHRASE_LENGTH = 10;

export function passphraseProblem(passphrase: string): string | null {
  if (passphrase.trim().length < MIN_PASSPHRASE_LENGTH) return `Use at least ${MIN_PASSPHRASE_LENGTH} characters (a few unrelated words work well).`;
  return null;
}

export async function encryptBackup(plain: Uint8Array, passphrase: string, options: { workFactor?: number } = {}): Promise<Uint8Array<ArrayBuffer>> {
  const problem = passphraseProblem(passphrase);
  if (problem) throw new Error(problem);
  const encrypter = new (await age()).Encrypter();
  encrypter.setPassphrase(passphrase);
  // age's default (2^18) unless a test asks for less; lower would make guessing cheaper.
  if (options.workFactor !== undefined) encrypter.setScryptWorkFactor(options.workFactor);
  // A fresh array the library allocated: never a view of shared memory.
  return (await encrypter.encrypt(plain)) as Uint8Array<ArrayBuffer>;
}

/** The backup inside a passphrase-protected file; a wrong passphrase and a damaged file are told apart where age can. */
export async function decryptBackup(file: Uint8Array, passphrase: string): Promise<Uint8Array> {
  if (!isEncryptedBackup(file)) throw new BackupFileError('not-a-backup', 'This backup is not protected with a passphrase.', { code: 'notProtected' });
  const decrypter = new (await age()).Decrypter();
  decrypter.addPassphrase(passphrase);
  try {
    return await decrypter.decrypt(file);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // The key is wrapped with the passphrase: if it does not unwrap, the passphrase is wrong
    // (or, rarely, that line of the header was damaged; age cannot tell the two apart).
    if (/no identity matched/i.test(message))
      throw new BackupFileError('wrong-passphrase', 'The passphrase is wrong: it does not open this backup. Check it and try again.', {
        code: 'wrongPassphrase',
      });
    if (/invalid tag|final chunk|stream|chunk/i.test(message)) {
      throw new BackupFileError('damaged', 'The protected backup is damaged or incomplete: part of it does not decrypt. Use another copy.', {
        code: 'protectedDamaged',
      });
    }
    throw new BackupFileError('damaged', `The protected backup cannot be read: ${message}.`, { code: 'protectedUnreadable', detail: message });
  }
}
