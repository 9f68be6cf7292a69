import Fastify, { type FastifyInstance } from 'fastify';
import type { UpdateAgent } from '../agent/UpdateAgent.js';
import { createMetrics, installHttpMetrics, installJsonConventions, parseJsonBody, type Metrics } from '@jil/server-kit';

/** Options of {@link createAgentServer}. */
export interface AgentServerOptions {
  agent: UpdateAgent;
  nodeId: string;
  /** Pino options or `false` (default: info level). */
  logger?: boolean | Record<string, unknown>;
  /** Largest body, bytes (default 262 144: a command with its release and image signature). */
  bodyLimitBytes?: number;
  /** The registry served at `GET /metrics` (default: a fresh `createMetrics()`; docs/operations.md §Metrics). */
  metrics?: Metrics;
}

/**
 * The update agent's HTTP surface (Fastify): `POST /v1/pull`, `POST /v1/stop` (signed commands from HQ; the
 * command itself is the credential — Ed25519 by HQ, bound to this node, single-use nonce, 5-minute window, HMAC
 * transport signature), `GET /v1/status`, `GET /health`, `GET /metrics` (public, Prometheus text format). Errors are
 * `{ error: { code, message, details } }` with the status of `HTTP_STATUS_BY_CODE` (e.g. 409 `FLEET_COMMAND_REPLAYED`,
 * 403 `FLEET_NODE_MISMATCH`).
 * @example
 * import { createAgentServer } from '@jil/shell-update-agent';
 * const app = createAgentServer({ agent, nodeId: 'node-ch-1' });
 * await app.listen({ host: '127.0.0.1', port: 7401 });
 */
export function createAgentServer(options: AgentServerOptions): FastifyInstance {
  const app = Fastify({
    bodyLimit: options.bodyLimitBytes ?? 262_144,
    logger: options.logger === false ? false : { level: 'info', ...(typeof options.logger === 'object' ? options.logger : {}) },
  });
  installJsonConventions(app);
  installHttpMetrics(app, options.metrics ?? createMetrics());
  app.post('/v1/pull', async (req) => options.agent.handle(parseJsonBody(req.body), 'pull'));
  app.post('/v1/stop', async (req) => options.agent.handle(parseJsonBody(req.body), 'stop'));
  app.get('/v1/status', async () => options.agent.status());
  app.get('/health', async () => ({ status: 'ok', node_id: options.nodeId }));
  return app;
}
