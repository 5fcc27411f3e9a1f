/**
 * Window, navigation and permission policy. Imported first by index.ts so no window can exist
 * before the policy does. The URL checks are pure functions with their own tests.
 */
import type { Session, Shell, WebContents, WebPreferences } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'common-ground';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/**
 * The desktop renderer's policy. connect-src 'none': the renderer makes no network requests at
 * all; main performs the sync HTTP exchange, so the device token never reaches web content and
 * a compromised renderer cannot send data anywhere. (index.html's meta policy also applies and
 * is looser for web mode; policies intersect, so this one wins.)
 * Mantine injects <style> tags, hence 'unsafe-inline' for styles only.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURE_WEB_PREFERENCES: WebPreferences = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  spellcheck: true,
};

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The app's own pages: app://common-ground/..., or exactly the dev server's origin in development. */
export function isTrustedRendererUrl(url: string, options: { devServerUrl?: string } = {}): boolean {
  const u = parse(url);
  if (!u) return false;
  if (u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && !u.username && !u.password) return true;
  if (options.devServerUrl) {
    const dev = parse(options.devServerUrl);
    if (dev && (dev.hostname === '127.0.0.1' || dev.hostname === 'localhost') && u.origin === dev.origin) return true;
  }
  return false;
}

/** Links the user may open in their browser: https and mailto only, never with credentials. */
export function isSafeExternalUrl(url: string): boolean {
  const u = parse(url);
  if (!u) return false;
  if (u.protocol === 'mailto:') return true;
  return u.protocol === 'https:' && !u.username && !u.password && u.hostname.length > 0;
}

type Hardenable = Pick<WebContents, 'setWindowOpenHandler' | 'on'>;

/**
 * New windows are denied (safe links go to the system browser); navigation away from the app,
 * redirects and webviews are cancelled. A compromised renderer can load nothing else.
 */
export function hardenWebContents(contents: Hardenable, shell: Pick<Shell, 'openExternal'>, options: { devServerUrl?: string } = {}): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  const blockUntrusted = (event: { preventDefault(): void }, url: string) => {
    if (!isTrustedRendererUrl(url, options)) event.preventDefault();
  };
  contents.on('will-navigate', blockUntrusted);
  contents.on('will-redirect', blockUntrusted);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The app needs no camera, microphone, geolocation, notifications... deny every request and check. */
export function hardenSession(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
