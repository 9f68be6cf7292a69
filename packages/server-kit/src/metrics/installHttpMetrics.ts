import type { FastifyInstance } from 'fastify';
import type { Metrics } from './createMetrics.js';

/** Options of {@link installHttpMetrics}. */
export interface HttpMetricsOptions {
  /** Path of the exposition route (default `/metrics`); `false` registers no route (the caller serves `metrics.render()`). */
  path?: string | false;
}

/** The `route` label of requests that matched no route (404s): never the raw URL, so the label set stays bounded. */
export const UNMATCHED_ROUTE = '<unmatched>';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * Request metrics for a Fastify app, and `GET /metrics` (issue 14 §Metrics and traces):
 * - `http_requests_total{method,route,status_code}` — a counter of answered requests;
 * - `http_request_duration_seconds{method,route,status_code}` — a histogram of the time from the request's arrival to
 *   the end of its answer (Fastify's `reply.elapsedTime`), in seconds.
 *
 * `route` is the matched route pattern (`/v1/preclearance/psa/:id`), {@link UNMATCHED_ROUTE} for a 404, never the raw
 * URL; `method` is one of the standard methods or `OTHER`. No label carries a key, a custodian or any request data.
 * The `/metrics` route is public like `/health` (nothing secret is in it): bind the service to loopback or restrict
 * the path at the proxy (docs/operations.md §Metrics). Call it right after creating the app, before the routes.
 *
 * @param app the Fastify instance (hooks are added at its root, so every route is counted).
 * @param metrics the service's registry from `createMetrics`.
 * @throws JilError `INVALID_ARGUMENT` when the registry already holds the two HTTP series (installed twice).
 */
export function installHttpMetrics(app: FastifyInstance, metrics: Metrics, options: HttpMetricsOptions = {}): void {
  const labelNames = ['method', 'route', 'status_code'] as const;
  const requests = metrics.counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames,
  });
  const duration = metrics.histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from the request to the end of its answer, in seconds, by method, route pattern and status',
    labelNames,
  });
  app.addHook('onResponse', async (request, reply) => {
    const labels = {
      method: METHODS.has(request.method) ? request.method : 'OTHER',
      route: request.routeOptions.url ?? UNMATCHED_ROUTE,
      status_code: String(reply.statusCode),
    };
    requests.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1000);
  });
  const path = options.path ?? '/metrics';
  if (path === false) return;
  app.get(path, { logLevel: 'warn' }, async (_request, reply) => {
    const text = await metrics.render();
    return reply.header('content-type', metrics.contentType).header('cache-control', 'no-store').send(text);
  });
}
