import Fastify, { type FastifyInstance } from 'fastify';
import { base64Decode, bytesToUtf8, MemoryNonceStore, verifyRequest } from '@jil/core';
import { createCertificateAuthority, issueNodeCertificate } from '@jil/fleet';

/** A call the stand-in HQ received (`certificate`: the node certificate header held a PEM certificate). */
export interface FakeHqCall {
  path: string;
  body: Record<string, unknown>;
  certificate: boolean;
}

/**
 * A stand-in for HQ's node routes: checks the agent's HMAC signatures, issues a certificate from a fresh CA, records
 * calls. `moreRoutes` adds routes before it listens (every route gets the same signature check and recording).
 */
export async function startFakeHq(
  nodeSecret: Uint8Array,
  moreRoutes: (app: FastifyInstance) => void = () => {},
): Promise<{ url: string; calls: FakeHqCall[]; close(): Promise<void> }> {
  const ca = await createCertificateAuthority({ now: new Date() });
  const nonceStore = new MemoryNonceStore();
  const calls: FakeHqCall[] = [];
  const app = Fastify({ logger: false });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.addHook('preHandler', async (req) => {
    const raw = new Uint8Array(req.body as Buffer);
    await verifyRequest(
      { method: req.method, url: req.url, headers: req.headers as Record<string, string>, body: raw },
      { lookupSecret: async () => nodeSecret, nonceStore, now: new Date() },
    );
    const cert = req.headers['x-jil-node-certificate'];
    calls.push({
      path: req.url,
      body: JSON.parse(bytesToUtf8(raw)) as Record<string, unknown>,
      certificate: typeof cert === 'string' && bytesToUtf8(base64Decode(cert)).includes('BEGIN CERTIFICATE'),
    });
  });
  app.post('/v1/fleet/nodes/:id/register-agent', async (req) => {
    const body = JSON.parse(bytesToUtf8(new Uint8Array(req.body as Buffer))) as { public_key_pem: string };
    const issued = await issueNodeCertificate(ca, {
      nodeId: (req.params as { id: string }).id,
      jurisdiction: 'CH/FINMA',
      publicKeyPem: body.public_key_pem,
      now: new Date(),
    });
    return {
      certificate_pem: issued.certificatePem,
      serial_number: issued.serialNumber,
      not_after: issued.notAfter,
      ca_certificate_pem: ca.certificatePem,
    };
  });
  app.post('/v1/heartbeats', async () => ({ ok: true }));
  app.post('/v1/fleet/nodes/:id/verify-deployment', async () => ({ ok: true }));
  moreRoutes(app);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  return { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, calls, close: () => app.close() };
}
