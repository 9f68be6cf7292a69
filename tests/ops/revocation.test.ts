// Mutual TLS with HQ's node certificates on the three channels (docs/operations.md §Mutual TLS), on loopback:
// update agent → HQ, coordinator → validator, coordinator → mpc cosigner. HQ issues every node certificate from its CA
// (enrol + register-agent), one node is revoked at HQ, and each channel refuses it — HQ at once (its own CRL), the
// validator and the cosigner after one CRL refresh — with the reason logged; an expired certificate is refused at the
// handshake everywhere. The request signatures stay on every channel.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { base64Decode, base64Encode, createSigner, generateKeyPair, keyId } from '@jil/core';
import {
  createCertificateAuthority,
  createTrustPolicy,
  generateNodeKey,
  issueNodeCertificate,
  loadTrustPolicy,
  type CertificateAuthority,
  type TrustKeyring,
} from '@jil/fleet';
import { Cosigner, trustedDealer } from '@jil/mpc';
import { createPreclearanceEngine, createProposalReviewer, MemoryRiskHistoryStore, newPartySalts } from '@jil/psa';
import { quorumFixture, reviewRequest, reviewSnapshot } from '@jil/psa-testkit';
import { openPglite } from '@jil/server-kit';
import {
  CrlRefresher,
  checkNodeTlsConfig,
  createMutualTlsFetch,
  createMutualTlsServerOptions,
  fetchHqCrl,
  listenMutualTls,
  startNodeTls,
  type MutualTlsListener,
} from '@jil/server-kit/tls';
import { postToAgent, startHq, type RunningHq } from '@jil/shell-hq';
import { createCosignerServer, HttpParticipant } from '@jil/shell-mpc-cosigner';
import { createHttpValidatorTransport } from '@jil/shell-preclearance';
import { HqClient, startAgent } from '@jil/shell-update-agent';
import { FakeEngine } from '@jil/shell-update-agent/testing';
import { createValidatorServer, SignedBodyJournal } from '@jil/shell-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const DAY = 86_400_000;
type Entry = Record<string, unknown>;

/** Log lines of one process, and a promise for the first one that matches (written already or to come). */
function logBook() {
  const lines: Entry[] = [];
  const waiting: { match: (e: Entry) => boolean; resolve: (e: Entry) => void }[] = [];
  const push = (e: Entry) => {
    lines.push(e);
    for (const w of waiting.filter((x) => x.match(e))) w.resolve(e);
  };
  return {
    lines,
    log: { warn: (fields: Entry, msg: string) => push({ ...fields, msg }) },
    stream: { write: (line: string) => push(JSON.parse(line) as Entry) },
    logged: (match: (e: Entry) => boolean): Promise<Entry> =>
      new Promise((resolve) => {
        const found = lines.find(match);
        if (found !== undefined) resolve(found);
        else waiting.push({ match, resolve });
      }),
  };
}

interface Identity {
  caCertificatePem: string;
  certificatePem: string;
  privateKeyPem: string;
  serialNumber: string;
}

describe('mutual TLS on the three channels, and revocation at HQ', () => {
  const adminToken = base64Encode(globalThis.crypto.getRandomValues(new Uint8Array(36)));
  const hqLogs = logBook();
  const validatorLogs = logBook();
  const cosignerLogs = logBook();
  const coordinatorLogs = logBook();
  const agentLogs = logBook();
  let trust: TrustKeyring;
  let ca: CertificateAuthority;
  let hq: RunningHq;
  let db: Awaited<ReturnType<typeof openPglite>>;
  const ids: Record<string, Identity> = {};
  const secrets: Record<string, Uint8Array> = {};
  const refreshers: CrlRefresher[] = [];
  const listeners: MutualTlsListener[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'jil-revocation-'));
  let journal: SignedBodyJournal;

  /** Enrols `nodeId` at HQ and registers it, so HQ's CA issues (and records) its certificate for 127.0.0.1. */
  const enrol = async (nodeId: string): Promise<void> => {
    const enrolled = await hq.services.nodes.enroll('admin', nodeId, 'CH/FINMA', 'devnet');
    secrets[nodeId] = base64Decode(enrolled.secret_b64);
    const key = await generateNodeKey();
    const issued = await hq.services.nodes.registerAgent(nodeId, { agent_url: 'http://127.0.0.1:1', public_key_pem: key.publicKeyPem });
    ids[nodeId] = {
      caCertificatePem: ca.certificatePem,
      certificatePem: issued['certificate_pem'] as string,
      privateKeyPem: key.privateKeyPem,
      serialNumber: issued['serial_number'] as string,
    };
  };
  /** A node's CRL refresher, fetching HQ's CRL over mutual TLS; refreshed by hand in the test (one refresh = one call). */
  const refresherFor = async (id: Identity, log: { warn: (f: Entry, m: string) => void }): Promise<CrlRefresher> => {
    const r = new CrlRefresher({ caCertificatePem: ca.certificatePem, fetchCrl: fetchHqCrl(hq.url, id), intervalMs: 3_600_000, log });
    await r.start();
    refreshers.push(r);
    return r;
  };
  /** A certificate of HQ's CA for `nodeId` that expired 10 days ago. */
  const expired = async (nodeId: string): Promise<Identity> => {
    const key = await generateNodeKey();
    const cert = await issueNodeCertificate(ca, {
      nodeId,
      jurisdiction: 'CH/FINMA',
      publicKeyPem: key.publicKeyPem,
      now: new Date(Date.now() - 100 * DAY),
      ipAddresses: ['127.0.0.1'],
    });
    return {
      caCertificatePem: ca.certificatePem,
      certificatePem: cert.certificatePem,
      privateKeyPem: key.privateKeyPem,
      serialNumber: cert.serialNumber,
    };
  };

  // validator side
  const q = quorumFixture();
  const me = q.validators[6]!;
  const snapshot = reviewSnapshot();
  const engine = createPreclearanceEngine({
    snapshot,
    validatorSet: q.verifiedSet,
    validators: q.validators,
    riskHistory: new MemoryRiskHistoryStore(),
  });
  const coordinatorKey = generateKeyPair();
  const validator = q.verifiedSet.set.validators.find((v) => v.id === me.id)!;
  let validatorUrl: string;
  // cosigner side
  const dealt = trustedDealer({ minSigners: 2, maxSigners: 2 });
  const [cosignerId] = Object.keys(dealt.keyPackages) as (keyof typeof dealt.keyPackages)[];
  const cosignerIdentity = generateKeyPair();
  let cosignerUrl: string;

  beforeAll(async () => {
    ca = await createCertificateAuthority({ now: new Date(Date.now() - 400 * DAY) });
    const seed = generateKeyPair().secretKey;
    trust = loadTrustPolicy(
      createTrustPolicy({
        hqPublicKeys: [createSigner(seed).publicKey],
        approvers: [{ approverId: 'alice', publicKey: generateKeyPair().publicKey }],
      }),
    );
    const hqKey = await generateNodeKey();
    const hqCert = await issueNodeCertificate(ca, {
      nodeId: 'hq',
      jurisdiction: 'CH',
      publicKeyPem: hqKey.publicKeyPem,
      now: new Date(),
      ipAddresses: ['127.0.0.1'],
    });
    db = await openPglite();
    hq = await startHq({
      db,
      signingSeed: seed,
      trust,
      ca,
      adminToken,
      alertIntervalMs: 0,
      webhookTickMs: 0,
      logger: { level: 'warn', stream: hqLogs.stream },
      tls: { certificatePem: hqCert.certificatePem, privateKeyPem: hqKey.privateKeyPem },
    });
    for (const nodeId of ['coord-1', 'val-07', 'cosigner-1', 'agent-1', 'agent-2']) await enrol(nodeId);

    journal = new SignedBodyJournal(join(dir, 'signed-bodies.jsonl'));
    const validatorApp = createValidatorServer({
      validatorId: me.id,
      jurisdiction: me.jurisdiction,
      secretKey: me.secretKey,
      keyid: me.keyid,
      reviewer: createProposalReviewer({ snapshot, validatorSet: q.verifiedSet, validatorId: me.id }),
      journal,
      coordinators: { [keyId(coordinatorKey.publicKey)]: coordinatorKey.publicKey },
      health: { snapshot_sha256: snapshot.sha256 },
    });
    // the validator starts its TLS from a configuration block, as runValidator does (PEM files + HQ's URL)
    const valId = ids['val-07']!;
    writeFileSync(join(dir, 'ca.pem'), valId.caCertificatePem);
    writeFileSync(join(dir, 'val-07.pem'), valId.certificatePem);
    writeFileSync(join(dir, 'val-07.key'), valId.privateKeyPem, { mode: 0o600 });
    const valConfig = checkNodeTlsConfig(
      { caCertificateFile: 'ca.pem', certificateFile: 'val-07.pem', privateKeyFile: 'val-07.key', hqUrl: hq.url, crlRefreshSeconds: 3600 },
      dir,
    );
    const valTls = await startNodeTls(valConfig, validatorLogs.log);
    refreshers.push(valTls.crl);
    const valListener = await listenMutualTls(validatorApp, valTls.server, { host: '127.0.0.1', port: 0 });
    listeners.push(valListener);
    validatorUrl = valListener.url;

    const cosignerApp = createCosignerServer({
      cosigner: new Cosigner({
        identifier: cosignerId!,
        identitySecretKey: cosignerIdentity.secretKey,
        roster: { [cosignerId!]: cosignerIdentity.publicKey },
        keyPackage: dealt.keyPackages[cosignerId!]!,
      }),
      identitySecretKey: cosignerIdentity.secretKey,
      coordinatorPublicKey: coordinatorKey.publicKey,
    });
    const cosId = ids['cosigner-1']!;
    const cosTls = createMutualTlsServerOptions({
      ...cosId,
      crl: await refresherFor(cosId, cosignerLogs.log),
      log: cosignerLogs.log,
      allowedNodeIds: ['coord-1'],
    });
    const cosListener = await listenMutualTls(cosignerApp, cosTls, { host: '127.0.0.1', port: 0 });
    listeners.push(cosListener);
    cosignerUrl = cosListener.url;
  });

  afterAll(async () => {
    for (const r of refreshers) r.stop();
    await Promise.all(listeners.map((l) => l.close()));
    await hq.close();
    await db.close();
    journal?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The coordinator node `nodeId`'s clients: validator transport, cosigner participant, HQ client. */
  const coordinatorOf = async (id: Identity, nodeId: string, crlFetchedWith: Identity = id) => {
    const crl = await refresherFor(crlFetchedWith, coordinatorLogs.log);
    const tls = { ...id, crl, log: coordinatorLogs.log };
    const transport = createHttpValidatorTransport({
      endpoints: { [me.id]: validatorUrl },
      coordinatorSecretKey: coordinatorKey.secretKey,
      tls,
    });
    const tlsFetch = createMutualTlsFetch(tls);
    const participant = new HttpParticipant({
      identifier: cosignerId!,
      baseUrl: cosignerUrl,
      publicKey: cosignerIdentity.publicKey,
      coordinatorSecretKey: coordinatorKey.secretKey,
      fetch: tlsFetch,
    });
    const hqClient = new HqClient({
      baseUrl: hq.url,
      nodeId,
      nodeSecret: secrets[nodeId] ?? new Uint8Array(32),
      clock: () => new Date(),
      fetch: tlsFetch,
    });
    const askValidator = async () => {
      const request = reviewRequest({ transit_id: `rv-${Math.random().toString(36).slice(2)}` });
      const partySalts = newPartySalts(request);
      const proposal = await engine.propose(request, new Date(), partySalts);
      try {
        return await transport({ request, proposal, partySalts, snapshotSha256: snapshot.sha256 })(validator, AbortSignal.timeout(20_000));
      } catch (error) {
        return { kind: 'unreachable' as const, message: String((error as Error).message) };
      }
    };
    const askCosigner = () => participant.commit({ sessionId: `s-${Math.random().toString(36).slice(2)}` }, AbortSignal.timeout(20_000));
    const heartbeat = () => hqClient.post('/v1/heartbeats', { node_id: nodeId, running_digest: null, services: [], disk_used_ratio: 0.5 });
    const close = async () => {
      await transport.close();
      await tlsFetch.close();
    };
    return { askValidator, askCosigner, heartbeat, close };
  };

  it('every channel works over mutual TLS with certificates HQ issued (request signatures kept)', async () => {
    const c = await coordinatorOf(ids['coord-1']!, 'coord-1');
    expect(await c.askValidator()).toMatchObject({ kind: 'signature', keyid: me.keyid });
    expect(await c.askCosigner()).toMatchObject({ identifier: cosignerId });
    expect(await c.heartbeat()).toEqual({ ok: true });
    await c.close();
  });

  it('a node revoked at HQ is refused by HQ at once, and by the validator and the cosigner after one CRL refresh', async () => {
    const c = await coordinatorOf(ids['coord-1']!, 'coord-1');
    expect(await c.askValidator()).toMatchObject({ kind: 'signature' }); // keep-alive connections are open
    await hq.services.nodes.revoke('admin', 'coord-1');
    // HQ checks against its own CRL on every request: refused at once, reason logged.
    await expect(c.heartbeat()).rejects.toMatchObject({ code: 'FLEET_NODE_REVOKED' });
    expect(await hqLogs.logged((e) => e['msg'] === 'mTLS peer refused' && e['check'] === 'revoked')).toMatchObject({
      code: 'FLEET_NODE_REVOKED',
      serial_number: ids['coord-1']!.serialNumber,
    });
    // The validator and the cosigner have not refreshed their CRL yet: still accepted (this is the bound).
    expect(await c.askValidator()).toMatchObject({ kind: 'signature' });
    // One refresh on each node: now refused, even on the keep-alive connections.
    for (const r of refreshers) await r.refresh();
    // a 403 from the TLS layer, not the validator's signed answer
    expect(await c.askValidator()).toMatchObject({ kind: 'unauthenticated_response' });
    expect(await validatorLogs.logged((e) => e['msg'] === 'mTLS peer refused' && e['check'] === 'revoked')).toMatchObject({
      serial_number: ids['coord-1']!.serialNumber,
    });
    await expect(c.askCosigner()).rejects.toMatchObject({ code: 'AUTH_BAD_SIGNATURE' }); // the 403 is not signed by the cosigner
    expect(await cosignerLogs.logged((e) => e['msg'] === 'mTLS peer refused' && e['check'] === 'revoked')).toMatchObject({
      code: 'FLEET_NODE_REVOKED',
    });
    await c.close();
  });

  it('an expired certificate is refused at the handshake on every channel, with the reason logged', async () => {
    const old = await coordinatorOf(await expired('agent-1'), 'agent-1', ids['agent-1']);
    await expect(old.heartbeat()).rejects.toMatchObject({ code: 'CLIENT_NETWORK' });
    expect(await hqLogs.logged((e) => e['msg'] === 'mTLS handshake refused' && e['reason'] === 'CERT_HAS_EXPIRED')).toBeDefined();
    await expect(old.askCosigner()).rejects.toThrow();
    expect(await cosignerLogs.logged((e) => e['msg'] === 'mTLS handshake refused' && e['reason'] === 'CERT_HAS_EXPIRED')).toBeDefined();
    expect(await old.askValidator()).toMatchObject({ kind: 'unreachable' });
    expect(await validatorLogs.logged((e) => e['msg'] === 'mTLS handshake refused' && e['reason'] === 'CERT_HAS_EXPIRED')).toBeDefined();
    await old.close();
  });

  it('agents ↔ HQ both ways: a real agent registers and beats over mutual TLS, HQ calls it back; revoked, refused both ways', async () => {
    const id = ids['agent-2']!;
    const crl = await refresherFor(id, agentLogs.log);
    const running = await startAgent({
      nodeId: 'agent-2',
      nodeSecret: secrets['agent-2']!,
      hqUrl: hq.url,
      trust,
      engine: new FakeEngine(),
      container: { name: 'jil-validator-agent-2' },
      stateDir: join(dir, 'agent-2'),
      logger: false,
      hqFetch: createMutualTlsFetch({ ...id, crl, log: agentLogs.log }),
      tls: createMutualTlsServerOptions({ ...id, crl, log: agentLogs.log, allowedNodeIds: ['hq'] }),
    });
    try {
      const node = await hq.store.nodes.get('agent-2');
      expect(node?.agent_url).toBe(running.url);
      expect(running.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(node?.last_heartbeat_at).not.toBeNull();
      // HQ → agent over mutual TLS: the agent answers (it refuses the unsigned command, with its own error)
      const before = await postToAgent(running.url, '/v1/stop', {}, 10_000, hq.services.ctx.agentFetch);
      expect(before.status).toBeGreaterThanOrEqual(400);
      expect(before.body?.error?.code).toEqual(expect.any(String));
      // a client that is not HQ is refused by the agent (allowedNodeIds), reason logged
      const other = createMutualTlsFetch({ ...ids['agent-1']!, crl });
      const stranger = await postToAgent(running.url, '/v1/stop', {}, 10_000, other);
      expect(stranger).toMatchObject({ status: 403, body: { error: { code: 'FLEET_CERTIFICATE_INVALID' } } });
      expect(await agentLogs.logged((e) => e['msg'] === 'mTLS peer refused' && e['check'] === 'node')).toBeDefined();
      await other.close();

      await hq.services.nodes.revoke('admin', 'agent-2');
      // HQ's own CRL: its calls to the agent stop at once (the agent's server certificate is refused), reason logged
      expect(await postToAgent(running.url, '/v1/stop', {}, 10_000, hq.services.ctx.agentFetch)).toEqual({ status: 0, body: undefined });
      expect(
        await hqLogs.logged((e) => e['channel'] === 'mtls-client' && e['check'] === 'revoked' && e['serial_number'] === id.serialNumber),
      ).toMatchObject({ code: 'FLEET_NODE_REVOKED' });
      // and the agent's own calls to HQ are refused at the TLS layer
      await expect(running.agent.heartbeat()).rejects.toMatchObject({ code: 'FLEET_NODE_REVOKED' });
    } finally {
      await running.stop();
    }
  });

  it('a node whose server certificate is revoked is refused by its clients after one refresh', async () => {
    const agent = await coordinatorOf(ids['agent-1']!, 'agent-1'); // agent-1 is not allowed by the cosigner, but may call the validator
    expect(await agent.askValidator()).toMatchObject({ kind: 'signature' });
    await hq.services.nodes.revoke('admin', 'val-07');
    for (const r of refreshers) await r.refresh();
    // the keep-alive connection to the validator was checked against the new CRL and cut
    expect(coordinatorLogs.lines).toContainEqual(
      expect.objectContaining({
        msg: 'mTLS server refused (open connection cut)',
        check: 'revoked',
        serial_number: ids['val-07']!.serialNumber,
      }),
    );
    expect(await agent.askValidator()).toMatchObject({ kind: 'unreachable' });
    expect(await coordinatorLogs.logged((e) => e['channel'] === 'mtls-client' && e['check'] === 'revoked')).toMatchObject({
      code: 'FLEET_NODE_REVOKED',
      serial_number: ids['val-07']!.serialNumber,
    });
    await agent.close();
  });
});
