import { afterEach, describe, expect, it, vi } from 'vitest';
import { HTTPS_REQUIRED_MESSAGE } from '@shared/serverAddress';
import { createBrowserBridge } from '../../../../src/renderer/src/bridge/browserBridge';

function fakeWindow() {
  const store = new Map<string, string>();
  const fetch = vi.fn(async (_url: string) => {
    throw new TypeError('Failed to fetch');
  });
  vi.stubGlobal('window', {
    fetch,
    localStorage: {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => store.set(k, v),
      removeItem: (k: string) => store.delete(k),
    },
  });
  return { fetch };
}

afterEach(() => vi.unstubAllGlobals());

describe("web mode's enrollment", () => {
  it('refuses plain http to another machine before anything is sent', async () => {
    const { fetch } = fakeWindow();
    const answer = await createBrowserBridge().syncEnroll({ serverUrl: 'http://sync.example.org', code: 'ABCD-EFGH', deviceName: 'Pat laptop' });
    expect(answer).toEqual({ status: 'error', kind: 'rejected', message: HTTPS_REQUIRED_MESSAGE });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('lets a server on this computer through over http', async () => {
    const { fetch } = fakeWindow();
    const answer = await createBrowserBridge().syncEnroll({ serverUrl: 'http://127.0.0.1:8787', code: 'ABCD-EFGH', deviceName: 'Pat laptop' });
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]![0]).toMatch(/^http:\/\/127\.0\.0\.1:8787\//);
    expect(answer).toMatchObject({ status: 'error', kind: 'offline' });
  });
});
