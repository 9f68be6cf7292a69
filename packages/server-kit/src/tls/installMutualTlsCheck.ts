import type { Server } from 'node:https';
import type { FastifyInstance } from 'fastify';
import { HTTP_STATUS_BY_CODE, JilError } from '@jil/core';
import type { MutualTlsServerOptions } from './createMutualTlsServerOptions.js';

/**
 * For an app built with Fastify's own TLS (`Fastify({ https: tls.https })`): an `onRequest` hook that runs
 * `tls.checkRequest` on every request — a refused peer gets `403 { error }` (`FLEET_NODE_REVOKED` or
 * `FLEET_CERTIFICATE_INVALID`, the check in `details`) and `connection: close` — and logs the handshakes OpenSSL
 * refused (`tlsClientError`). Call before `listen`. `listenMutualTls` is the same for an app built without `https`.
 *
 * @param app - a Fastify app whose server is an `https.Server`.
 * @param tls - from `createMutualTlsServerOptions`.
 * @throws JilError `CONFIG_INVALID` when the app does not serve TLS.
 * @see docs/operations.md §Mutual TLS
 * @example
 * import Fastify from 'fastify';
 * import { createMutualTlsServerOptions, installMutualTlsCheck } from '@jil/server-kit/tls';
 * const tls = createMutualTlsServerOptions({ ...identity, crl });
 * const app = Fastify({ https: tls.https });
 * installMutualTlsCheck(app, tls);
 */
export function installMutualTlsCheck(app: FastifyInstance<Server>, tls: MutualTlsServerOptions): void {
  if (typeof (app.server as Partial<Server>).addContext !== 'function')
    throw new JilError('CONFIG_INVALID', 'the app does not serve TLS: build it with Fastify({ https: tls.https })', {
      details: { field: 'app' },
    });
  app.server.on('tlsClientError', (error, socket) => tls.onTlsClientError(error, socket));
  app.addHook('onRequest', async (req, reply) => {
    const verdict = await tls.checkRequest(req.raw);
    if (verdict.ok) return;
    const error = new JilError(verdict.code, 'peer certificate refused', { details: { check: verdict.check, reason: verdict.message } });
    return reply
      .code(HTTP_STATUS_BY_CODE[verdict.code] ?? 403)
      .header('connection', 'close')
      .send({ error: error.toJSON() });
  });
}
