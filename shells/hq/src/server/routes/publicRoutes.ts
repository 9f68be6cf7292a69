import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { HqServices } from '../HqServices.js';

const DASHBOARD = readFileSync(new URL('../../dashboard/dashboard.html', import.meta.url), 'utf8');

/**
 * Unauthenticated routes: `GET /health`, `GET /dashboard` (a static page; its data comes from the read API with a
 * reader key entered in the page), `GET /v1/fleet/ca` (CA certificate and current CRL — public by nature).
 */
export function registerPublicRoutes(app: FastifyInstance, s: HqServices): void {
  app.get('/health', async () => {
    await s.ctx.store.db.query('SELECT 1');
    return { status: 'ok', hq_keyid: s.ctx.signer.keyid };
  });
  app.get('/dashboard', async (_req, reply) =>
    reply
      .header('content-type', 'text/html; charset=utf-8')
      .header(
        'content-security-policy',
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; base-uri 'none'; " +
          "form-action 'none'",
      )
      .header('x-content-type-options', 'nosniff')
      .send(DASHBOARD),
  );
  app.get('/v1/fleet/ca', async () => ({ ca_certificate_pem: s.ctx.ca.certificatePem, crl_pem: await s.nodes.crl() }));
}
