import { describe, expect, it, vi } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  SECURE_WEB_PREFERENCES,
  hardenSession,
  hardenWebContents,
  isSafeExternalUrl,
  isTrustedRendererUrl,
} from '../../../src/main/security';

describe('isTrustedRendererUrl', () => {
  it('trusts only the app origin', () => {
    expect(isTrustedRendererUrl('app://common-ground/index.html')).toBe(true);
    expect(isTrustedRendererUrl('app://common-ground/index.html#/meetings/1')).toBe(true);
    for (const url of [
      'app://other-host/index.html',
      'app://common-ground.evil.example/index.html',
      'app://user:pw@common-ground/index.html',
      'http://127.0.0.1:5174/',
      'https://common-ground/index.html',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'about:blank',
      '',
      'not a url',
    ]) {
      expect(isTrustedRendererUrl(url), url).toBe(false);
    }
  });

  it('trusts exactly the dev server origin in development, and only a loopback one', () => {
    const dev = { devServerUrl: 'http://localhost:5173/' };
    expect(isTrustedRendererUrl('http://localhost:5173/#/roster', dev)).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isTrustedRendererUrl('http://localhost.evil.example:5173/', dev)).toBe(false);
    expect(isTrustedRendererUrl('http://evil.example:5173/', { devServerUrl: 'http://evil.example:5173/' })).toBe(false);
  });
});

describe('isSafeExternalUrl', () => {
  it('opens https and mailto links only', () => {
    expect(isSafeExternalUrl('https://www.lmpartnership.org/')).toBe(true);
    expect(isSafeExternalUrl('mailto:council@example.org')).toBe(true);
    for (const url of [
      'http://example.org',
      'file:///C:/Windows/system32/calc.exe',
      'smb://share/x',
      'javascript:void(0)',
      'https://user:pw@example.org',
      'app://common-ground/',
      'ms-msdt:/id',
      '',
    ]) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });
});

describe('policy constants', () => {
  it('keeps the renderer isolated and sandboxed', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
    });
  });
  it('CSP allows no eval, no remote scripts and no network from the renderer', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval/);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });
});

describe('hardenWebContents', () => {
  function fakeContents() {
    const listeners = new Map<string, (event: { preventDefault(): void }, url: string) => void>();
    let openHandler: (d: { url: string }) => { action: string } = () => ({ action: 'allow' });
    return {
      contents: {
        setWindowOpenHandler: (h: typeof openHandler) => (openHandler = h),
        on: (name: string, l: (event: { preventDefault(): void }, url: string) => void) => listeners.set(name, l),
      },
      open: (url: string) => openHandler({ url }),
      fire(name: string, url = '') {
        const event = { preventDefault: vi.fn() };
        listeners.get(name)!(event, url);
        return event.preventDefault.mock.calls.length > 0;
      },
    };
  }

  it('denies new windows, sending only safe links to the system browser', () => {
    const f = fakeContents();
    const shell = { openExternal: vi.fn(async () => undefined) };
    hardenWebContents(f.contents as never, shell);
    expect(f.open('https://www.lmpartnership.org/')).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledWith('https://www.lmpartnership.org/');
    expect(f.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('cancels navigation and redirects away from the app, and every webview', () => {
    const f = fakeContents();
    hardenWebContents(f.contents as never, { openExternal: vi.fn() });
    expect(f.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(f.fire('will-redirect', 'http://127.0.0.1:9999/')).toBe(true);
    expect(f.fire('will-navigate', 'app://common-ground/index.html#/roster')).toBe(false);
    expect(f.fire('will-attach-webview')).toBe(true);
  });
});

describe('hardenSession', () => {
  it('denies every permission request and check', () => {
    let request: (c: unknown, p: string, cb: (ok: boolean) => void) => void = () => undefined;
    let check: (...a: unknown[]) => boolean = () => true;
    hardenSession({ setPermissionRequestHandler: (h: typeof request) => (request = h), setPermissionCheckHandler: (h: typeof check) => (check = h) } as never);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const cb = vi.fn();
      request(null, permission, cb);
      expect(cb).toHaveBeenCalledWith(false);
      expect(check(null, permission)).toBe(false);
    }
  });
});
