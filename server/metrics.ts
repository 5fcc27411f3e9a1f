/**
 * Prometheus metrics (prom-client) for the people running the server: requests, pushed and pulled
 * changes, refusals, rate limiting, page sizes and database latency.
 *
 * Labels carry only fixed vocabularies: route templates (`/v1/pull`, never a URL with its query),
 * methods, status codes, refusal reasons, limit names and store operation names. No council,
 * account, device or client id, no name and no address ever becomes a label: metrics are scraped
 * into systems with other retention and access rules than the council's data, and an id as a
 * label would also grow the series without bound.
 *
 * Served on a listener of its own (`--metrics-port`, loopback by default), never on the API port
 * the TLS proxy publishes.
 */
import { createServer, type Server } from 'node:http';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Store } from './store/types';

const METHODS = new Set(['GET', 'POST', 'OPTIONS', 'HEAD']);

export type RateLimitName = 'device' | 'enroll' | 'sign_in_failures';

export class ServerMetrics {
  readonly registry = new Registry();

  readonly requests = new Counter({
    name: 'cg_http_requests_total',
    help: 'HTTP requests answered, by route template, method and status code.',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [this.registry],
  });

  readonly requestSeconds = new Histogram({
    name: 'cg_http_request_duration_seconds',
    help: 'Time from receiving a request to answering it, by route template and method.',
    labelNames: ['route', 'method'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly pushChanges = new Counter({
    name: 'cg_push_changes_total',
    help: 'Changes in pushes that reached the store: received, stored (new to the log), acknowledged (stored or replays) and rejected.',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  readonly rejectedChanges = new Counter({
    name: 'cg_rejected_changes_total',
    help: "Changes refused one by one in pushes, by the refusal's reason (not_owner, write_once, server_field, op_id_conflict).",
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  readonly pullChanges = new Counter({
    name: 'cg_pull_changes_total',
    help: 'Changes sent in pull pages.',
    registers: [this.registry],
  });

  readonly pullPageBytes = new Histogram({
    name: 'cg_pull_page_bytes',
    help: 'Size of pull pages as JSON, before any compression.',
    buckets: [1024, 16 * 1024, 64 * 1024, 256 * 1024, 1024 * 1024, 2 * 1024 * 1024, 4 * 1024 * 1024, 8 * 1024 * 1024],
    registers: [this.registry],
  });

  readonly rateLimited = new Counter({
    name: 'cg_rate_limited_requests_total',
    help: 'Requests refused with 429, by the limit that refused them (device, enroll, sign_in_failures).',
    labelNames: ['limit'] as const,
    registers: [this.registry],
  });

  readonly resyncs = new Counter({
    name: 'cg_resync_required_total',
    help: "Pulls answered resync_required: a laptop's cursor belongs to another history of the log (the store was restored or replaced).",
    registers: [this.registry],
  });

  readonly dbSeconds = new Histogram({
    name: 'cg_db_operation_duration_seconds',
    help: 'Time the store took per operation (one or a few queries, or a push transaction), by operation.',
    labelNames: ['operation'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  constructor() {
    // Process figures (memory, CPU, event-loop lag, open handles): what sizing is read from.
    collectDefaultMetrics({ register: this.registry });
  }

  /** One answered request; `route` is the matched route template, or none for an unknown URL. */
  observeRequest(route: string | undefined, method: string, status: number, seconds: number): void {
    const r = route ?? 'unmatched';
    const m = METHODS.has(method) ? method : 'other';
    this.requests.inc({ route: r, method: m, status: String(status) });
    this.requestSeconds.observe({ route: r, method: m }, seconds);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}

/**
 * The store with each async method timed into `cg_db_operation_duration_seconds`, labelled by the
 * method's name (a fixed set). Everything else (kind, epoch, hooks, counters) passes through.
 */
export function instrumentStore(store: Store, metrics: ServerMetrics): Store {
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function' || property === 'close' || typeof property !== 'string') return value;
      let fn = wrapped.get(property);
      if (!fn) {
        const original = value as (...args: unknown[]) => unknown;
        fn = (...args: unknown[]) => {
          const end = metrics.dbSeconds.startTimer({ operation: property });
          const result = original.apply(target, args);
          if (result instanceof Promise) return result.finally(() => end());
          end();
          return result;
        };
        wrapped.set(property, fn);
      }
      return fn;
    },
  });
}

export interface MetricsListener {
  readonly url: string;
  close(): Promise<void>;
}

/** GET /metrics in Prometheus' text format on its own port; anything else is a 404. */
export async function startMetricsListener(metrics: ServerMetrics, host: string, port: number): Promise<MetricsListener> {
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    metrics.text().then(
      (body) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(body),
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics failed\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const bound = address && typeof address === 'object' ? address.port : port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
