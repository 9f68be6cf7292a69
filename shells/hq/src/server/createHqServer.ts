import Fastify, { type FastifyInstance } from 'fastify';
import type { HqServices } from './HqServices.js';
import { createMetrics, installHttpMetrics, installJsonConventions, type Metrics } from '@jil/server-kit';
import { registerHqMetrics } from './hqMetrics.js';
import { registerAgentRoutes } from './routes/agentRoutes.js';
import { registerAlertRoutes } from './routes/alertRoutes.js';
import { registerFleetRoutes } from './routes/fleetRoutes.js';
import { registerPublicRoutes } from './routes/publicRoutes.js';
import { registerRegistryRoutes } from './routes/registryRoutes.js';

const REDACT = [
  'req.headers["x-jil-signature"]',
  'req.headers["x-jil-nonce"]',
  'req.headers.authorization',
  'req.headers["x-jil-node-certificate"]',
];

/**
 * HQ's HTTP server (Fastify): registry, fleet, agent, alert and public routes. Admin routes take the admin bearer
 * credential, read routes HMAC request auth with a reader key, agent routes HMAC with the node key. Errors are
 * `{ error: { code, message, details } }` with the status of `HTTP_STATUS_BY_CODE`; raw bodies are kept for HMAC.
 * `GET /metrics` is public (Prometheus text format): the request series and `jil_fleet_distribution_jobs{state}`;
 * `options.metrics` is the registry (default a fresh `createMetrics()`).
 * @example
 * import { createHqServer } from '@jil/shell-hq';
 * const app = createHqServer(services, { logger: false });
 */
export function createHqServer(
  services: HqServices,
  options: { logger?: boolean | Record<string, unknown>; bodyLimitBytes?: number; metrics?: Metrics } = {},
): FastifyInstance {
  const app = Fastify({
    bodyLimit: options.bodyLimitBytes ?? 262_144,
    logger:
      options.logger === false ? false : { level: 'info', ...(typeof options.logger === 'object' ? options.logger : {}), redact: REDACT },
  });
  installJsonConventions(app);
  const metrics = options.metrics ?? createMetrics();
  installHttpMetrics(app, metrics);
  registerHqMetrics(metrics, services.ctx.store);
  registerPublicRoutes(app, services);
  registerRegistryRoutes(app, services);
  registerFleetRoutes(app, services);
  registerAgentRoutes(app, services);
  registerAlertRoutes(app, services);
  return app;
}
