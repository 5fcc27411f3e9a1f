/**
 * Stopping the server without dropping work: on SIGTERM (systemd's stop, a rolling restart) the
 * instance says it is not ready (the proxy's health check sends new requests to the others),
 * stops accepting connections, lets the requests in flight finish and only then closes the store.
 * Bounded: a request still running after `timeoutMs` (a stalled upload) has its connection
 * closed; its client gets no answer and retries, and a push cut off that way either committed
 * whole or not at all (one transaction), so nothing acknowledged is lost either way.
 */
import type { FastifyInstance } from 'fastify';
import type { ReadinessState } from './app';
import type { Store } from './store/types';

export interface DrainOutcome {
  /** The timeout passed with requests still in flight: their connections were closed. */
  forced: boolean;
}

export async function drainAndClose(app: FastifyInstance, store: Store, readiness: ReadinessState, timeoutMs: number): Promise<DrainOutcome> {
  readiness.draining = true;
  // Fastify stops listening, answers 503 to new requests on open keep-alive connections, closes
  // idle ones, and resolves once every connection is gone. Answers sent from now on say
  // `Connection: close` (app.ts); a connection that turns idle anyway is closed at the next sweep.
  const closing = app.close();
  const sweep = setInterval(() => app.server.closeIdleConnections(), 100);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const forced = await Promise.race([
    closing.then(() => false),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  clearInterval(sweep);
  if (forced) {
    app.server.closeAllConnections();
    await closing;
  }
  await store.close();
  return { forced };
}
