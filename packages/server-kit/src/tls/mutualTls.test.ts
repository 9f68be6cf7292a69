import Fastify from 'fastify';
import { createCertificateAuthority, createCrl, generateNodeKey, issueNodeCertificate, type CertificateAuthority } from '@jil/fleet';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMutualTlsAgent,
  createMutualTlsServerOptions,
  CrlRefresher,
  installMutualTlsCheck,
  listenMutualTls,
  type MutualTlsListener,
} from './index.js';

const DAY = 86_400_000;

async function node(ca: CertificateAuthority, nodeId: string, now = new Date()) {
  const key = await generateNodeKey();
  const cert = await issueNodeCertificate(ca, {
    nodeId,
    jurisdiction: 'CH',
    publicKeyPem: key.publicKeyPem,
    now,
    ipAddresses: ['127.0.0.1'],
  });
  return { ...cert, privateKeyPem: key.privateKeyPem };
}

describe('mutual TLS with the fleet CA and its CRL', () => {
  type Entry = { fields: Record<string, unknown>; message: string };
  const logs: Entry[] = [];
  const waiting: { match: (e: Entry) => boolean; resolve: (e: Entry) => void }[] = [];
  const log = {
    warn: (fields: Record<string, unknown>, message: string) => {
      const entry = { fields, message };
      logs.push(entry);
      for (const w of waiting.filter((x) => x.match(entry))) w.resolve(entry);
    },
  };
  /** Resolves with the first log entry (already written or to come) that matches: the refusal reason is logged. */
  const logged = (match: (e: Entry) => boolean): Promise<Entry> =>
    new Promise((resolve) => {
      const found = logs.find(match);
      if (found !== undefined) resolve(found);
      else waiting.push({ match, resolve });
    });
  let ca: CertificateAuthority;
  const revoked: { serialNumber: string; revokedAt: Date }[] = [];
  let listener: MutualTlsListener;
  let refresher: CrlRefresher;
  let server: Awaited<ReturnType<typeof node>>;
  let client: Awaited<ReturnType<typeof node>>;

  beforeAll(async () => {
    ca = await createCertificateAuthority({ now: new Date(Date.now() - 400 * DAY) });
    server = await node(ca, 'server-1');
    client = await node(ca, 'client-1');
    refresher = new CrlRefresher({
      caCertificatePem: ca.certificatePem,
      fetchCrl: () => createCrl(ca, { revoked, now: new Date() }),
      intervalMs: 60_000,
      log,
    });
    await refresher.start();
    const app = Fastify();
    app.get('/hello', async () => ({ hello: 'world' }));
    const tls = createMutualTlsServerOptions({ caCertificatePem: ca.certificatePem, ...server, crl: refresher, log });
    listener = await listenMutualTls(app, tls, { host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    refresher.stop();
    await listener.close();
  });

  const get = async (identity: { certificatePem: string; privateKeyPem: string }) => {
    const dispatcher = createMutualTlsAgent({ caCertificatePem: ca.certificatePem, ...identity, crl: refresher, log });
    try {
      const res = await request(`${listener.url}/hello`, { dispatcher });
      return { status: res.statusCode, body: (await res.body.json()) as Record<string, unknown> };
    } finally {
      await dispatcher.close();
    }
  };

  it('accepts a node certificate of the CA both ways', async () => {
    expect(await get(client)).toEqual({ status: 200, body: { hello: 'world' } });
  });

  it('refuses a certificate of another CA and an expired one at the handshake, with the reason logged', async () => {
    const rogue = await node(await createCertificateAuthority({ now: new Date(), commonName: 'Rogue CA' }), 'client-1');
    await expect(get(rogue)).rejects.toThrow();
    const expired = await node(ca, 'client-1', new Date(Date.now() - 100 * DAY));
    await expect(get(expired)).rejects.toThrow();
    expect(await logged((l) => l.fields['channel'] === 'mtls-server' && l.fields['reason'] === 'CERT_HAS_EXPIRED')).toMatchObject({
      message: 'mTLS handshake refused',
    });
    expect(await logged((l) => l.fields['reason'] === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE')).toMatchObject({
      message: 'mTLS handshake refused',
    });
  });

  it('refuses a revoked client after one CRL refresh, and fails closed without a valid CRL', async () => {
    revoked.push({ serialNumber: client.serialNumber, revokedAt: new Date() });
    expect((await get(client)).status).toBe(200); // HQ revoked it, this node has not refreshed yet
    expect(await refresher.refresh()).toBe(true);
    const refused = await get(client);
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'FLEET_NODE_REVOKED', details: { check: 'revoked' } } } });
    expect(logs).toContainEqual({
      fields: expect.objectContaining({ channel: 'mtls-server', check: 'revoked' }),
      message: 'mTLS peer refused',
    });
  });

  it('a client refuses an expired server certificate, and refuses every server without a valid CRL (fail closed)', async () => {
    const expiredServer = await node(ca, 'server-2', new Date(Date.now() - 100 * DAY));
    const app = Fastify();
    app.get('/hello', async () => ({ hello: 'world' }));
    const other = await listenMutualTls(
      app,
      createMutualTlsServerOptions({ caCertificatePem: ca.certificatePem, ...expiredServer, crl: refresher, log }),
      { host: '127.0.0.1', port: 0 },
    );
    const fresh = await node(ca, 'client-2');
    const dispatcher = createMutualTlsAgent({ caCertificatePem: ca.certificatePem, ...fresh, crl: refresher, log });
    await expect(request(`${other.url}/hello`, { dispatcher })).rejects.toMatchObject({ code: 'CERT_HAS_EXPIRED' });
    expect(logs).toContainEqual({
      fields: expect.objectContaining({ channel: 'mtls-client', reason: 'CERT_HAS_EXPIRED' }),
      message: 'mTLS handshake refused',
    });
    await other.close();
    const stale = new CrlRefresher({
      caCertificatePem: ca.certificatePem,
      fetchCrl: () => createCrl(ca, { revoked: [], now: new Date(Date.now() - 2 * DAY) }),
      intervalMs: 60_000,
    });
    await stale.start(); // the only CRL on offer is past its nextUpdate: refused, none held
    expect(stale.current()).toBeUndefined();
    const closed = createMutualTlsAgent({ caCertificatePem: ca.certificatePem, ...fresh, crl: stale, log });
    await expect(request(`${listener.url}/hello`, { dispatcher: closed })).rejects.toMatchObject({
      code: 'FLEET_CERTIFICATE_INVALID',
      details: { check: 'crl' },
    });
    await Promise.all([dispatcher.close(), closed.close()]);
  });

  it("Fastify's own https option with installMutualTlsCheck refuses the revoked client the same way", async () => {
    const tls = createMutualTlsServerOptions({ caCertificatePem: ca.certificatePem, ...server, crl: refresher, log });
    const app = Fastify({ https: tls.https });
    installMutualTlsCheck(app, tls);
    app.get('/hello', async () => ({ hello: 'world' }));
    await app.listen({ host: '127.0.0.1', port: 0 });
    const url = `https://127.0.0.1:${(app.server.address() as { port: number }).port}/hello`;
    const fresh = await node(ca, 'client-3');
    const ok = createMutualTlsAgent({ caCertificatePem: ca.certificatePem, ...fresh, crl: refresher });
    const revokedAgent = createMutualTlsAgent({ caCertificatePem: ca.certificatePem, ...client, crl: refresher });
    try {
      expect((await request(url, { dispatcher: ok })).statusCode).toBe(200);
      const refused = await request(url, { dispatcher: revokedAgent });
      expect(refused.statusCode).toBe(403);
      expect(await refused.body.json()).toMatchObject({ error: { code: 'FLEET_NODE_REVOKED', details: { check: 'revoked' } } });
      expect(() => installMutualTlsCheck(Fastify() as never, tls)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    } finally {
      await Promise.all([ok.close(), revokedAgent.close()]);
      await app.close();
    }
  });
});
