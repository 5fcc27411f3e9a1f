/**
 * Where a laptop may send its enrollment code and, from then on, its device token: only over
 * https, except to a server on this same computer (loopback never leaves the machine). Plain
 * http to anywhere else would hand both to whoever shares the clinic's Wi-Fi.
 */

/** 127.0.0.0/8, ::1, localhost and *.localhost (which resolve to loopback by definition). */
export function isLoopbackHostname(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost' || h.endsWith('.localhost') || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return m !== null && m.slice(1).every((n) => Number(n) <= 255);
}

export const HTTPS_REQUIRED_MESSAGE =
  'The server address must start with https://, so the enrollment code and this device’s sync token travel encrypted. Plain http:// is allowed only for a server on this computer (localhost or 127.0.0.1). Ask your council’s sync administrator for the https address.';

/** null when the address may be used for enrollment, else the sentence to show. */
export function enrollmentAddressProblem(serverUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(serverUrl.trim());
  } catch {
    return 'That is not a server address. It looks like https://sync.example.org.';
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && isLoopbackHostname(url.hostname)) return null;
  return HTTPS_REQUIRED_MESSAGE;
}
