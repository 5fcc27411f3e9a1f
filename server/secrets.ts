import { createHash, randomBytes } from 'node:crypto';

/** Prefix makes leaked tokens recognisable to secret scanners and in support conversations. */
const TOKEN_PREFIX = 'cgd_';
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 32 random bytes: guessing is hopeless, so a fast hash is enough to store it. */
export function newDeviceToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/**
 * 80 random bits as 16 Crockford base-32 characters in groups of four: short enough to read out
 * over the phone, and with one-time use, expiry and rate limiting, not guessable.
 */
export function newEnrollmentCode(): string {
  const bytes = randomBytes(10);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < 16; i++) {
    out = CROCKFORD[Number(bits & 31n)]! + out;
    bits >>= 5n;
  }
  return out.match(/.{4}/g)!.join('-');
}

/** People retype codes: ignore case, dashes and spaces, and read O as 0 and I/L as 1 (Crockford). */
export function normalizeEnrollmentCode(code: string): string {
  return code
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

export function hashEnrollmentCode(code: string): string {
  return hashSecret(`enroll:${normalizeEnrollmentCode(code)}`);
}
