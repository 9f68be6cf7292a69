import Fastify from 'fastify';
import { base64Decode, bytesToUtf8, createSigner, generateKeyPair, MemoryNonceStore, verifyRequest, type DsseEnvelope } from '@jil/core';
import {
  createCertificateAuthority,
  createReleaseBody,
  createTrustPolicy,
  issueNodeCertificate,
  loadTrustPolicy,
  signRelease,
  type Track,
  type TrustKeyring,
} from '@jil/fleet';

/** A call the stand-in HQ received. */
export interface JobsHqCall {
  path: string;
  body: Record<string, unknown>;
  certificate: boolean;
}

/**
 * A stand-in for HQ's agent routes as the scheduled jobs use them (register-agent, heartbeats, verify-deployment,
 * releases, job-reports): checks every HMAC signature, issues a real certificate from a fresh CA, signs release
 * records with a fresh HQ key (devnet: no approvals needed) and records every call. The real routes are tested in
 * shells/hq (agentJobRoutes.test.ts).
 */
export async function startJobsHq(nodeSecret: Uint8Array, track: Track = 'devnet') {
  const ca = await createCertificateAuthority({ now: new Date() });
  const hqSigner = createSigner(generateKeyPair().secretKey);
  const trust: TrustKeyring = loadTrustPolicy(createTrustPolicy({ hqPublicKeys: [hqSigner.publicKey], approvers: [] }));
  const releases: { release_id: string; envelope: DsseEnvelope }[] = [];
  const calls: JobsHqCall[] = [];
  const nonceStore = new MemoryNonceStore();
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
  app.post('/v1/fleet/nodes/:id/job-reports', async () => ({ ok: true }));
  app.post('/v1/fleet/nodes/:id/releases', async () => ({ track, releases }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    trust,
    calls,
    /** Signs a release record of `track` for `repository@digest` (issued at `now`, default the present) and serves it. */
    release(repository: string, digest: string, version: number, now = new Date()): string {
      const body = createReleaseBody({
        track,
        version,
        image: { name: 'validator', repository, tag: String(version), digest },
        now,
      });
      releases.push({ release_id: body.release_id, envelope: signRelease(body, [hqSigner]) });
      return body.release_id;
    },
    close: () => app.close(),
  };
}
