import { afterAll, beforeAll } from 'vitest';
import { closeAll } from './browser';
import { startTestServer, type TestServer } from './server';

/**
 * One web-mode server for a test file, and every browser it launched closed at the end.
 * Returns a handle whose `url` is readable once beforeAll has run.
 */
export function useAppServer(): { readonly url: string } {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await closeAll();
    await server?.close();
  });
  return {
    get url() {
      if (!server) throw new Error('the test server is not started yet (use it inside a test)');
      return server.url;
    },
  };
}
