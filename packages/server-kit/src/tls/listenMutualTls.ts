import { createServer, type Server } from 'node:https';
import type { FastifyInstance } from 'fastify';
import { HTTP_STATUS_BY_CODE, JilError } from '@jil/core';
import type { MutualTlsServerOptions } from './createMutualTlsServerOptions.js';

/** A Fastify app served over mutual TLS. */
export interface MutualTlsListener {
  /** `https://host:port`. */
  url: string;
  port: number;
  server: Server;
  /** Closes the TLS server and its connections, then the app. */
  close(): Promise<void>;
}

/**
 * Serves an existing Fastify app (whatever factory built it) over mutual TLS: an `https` server with `tls.https`
 * whose every request first passes `tls.checkRequest` — a refused peer gets `403 { error }` (`FLEET_NODE_REVOKED` or
 * `FLEET_CERTIFICATE_INVALID`, the check in `details`) and its connection is closed; the others are routed to the app
 * (`app.routing`). Handshakes OpenSSL refuses (expired, foreign, missing certificate) are logged by `tls.onTlsClientError`.
 *
 * @param app - the Fastify app (not listening).
 * @param tls - from `createMutualTlsServerOptions`.
 * @param at - `host` and `port` (0: any free port).
 * @returns the {@link MutualTlsListener}.
 * @throws JilError `CONFIG_INVALID` when the address cannot be bound.
 * @see docs/operations.md §Mutual TLS
 * @example
 * import { listenMutualTls } from '@jil/server-kit/tls';
 * const { url, close } = await listenMutualTls(app, tls, { host: '127.0.0.1', port: 0 });
 */
export async function listenMutualTls(
  app: FastifyInstance,
  tls: MutualTlsServerOptions,
  at: { host: string; port: number },
): Promise<MutualTlsListener> {
  await app.ready();
  const server = createServer(tls.https, (req, res) => {
    tls.checkRequest(req).then(
      (verdict) => {
        if (verdict.ok) return app.routing(req, res);
        const error = new JilError(verdict.code, 'peer certificate refused', {
          details: { check: verdict.check, reason: verdict.message },
        });
        res.writeHead(HTTP_STATUS_BY_CODE[verdict.code] ?? 403, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
        res.end(JSON.stringify({ error: error.toJSON() }), () => req.socket.destroySoon());
      },
      () => {
        res.writeHead(500, { connection: 'close' });
        res.end();
      },
    );
  });
  server.on('tlsClientError', (error, socket) => tls.onTlsClientError(error, socket));
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(at.port, at.host, () => resolve());
    });
  } catch (cause) {
    throw new JilError('CONFIG_INVALID', 'cannot listen for mutual TLS', { details: { host: at.host, port: at.port }, cause });
  }
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : at.port;
  return {
    url: `https://${at.host.includes(':') ? `[${at.host}]` : at.host}:${port}`,
    port,
    server,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await app.close();
    },
  };
}
