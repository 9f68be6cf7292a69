import { createServer, type Server } from 'node:http';
import { base64Decode } from '@jil/core';
import {
  approveRelease,
  buildAgentRequest,
  createCommandBody,
  createReleaseBody,
  signCommand,
  signRelease,
  verifyAuditChain,
  verifyWebhook,
  type AuditEntry,
} from '@jil/fleet';
import type { ContainerEngine, ManagedContainer } from '@jil/shell-update-agent';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@jil/server-kit';
import { startFleetHarness, type FleetHarness, type HarnessRegistry } from './fleetHarness.js';

/** What the scenarios run against: a fake registry and engine, or a real registry (behind a proxy) and dockerd. */
export interface ScenarioEnvironment {
  /** Where images are published; its address is what HQ and the engines pull from. */
  registry: HarnessRegistry;
  /** Makes the registry serve altered manifests with a matching digest header (a compromised mirror). */
  setLying(lying: boolean): void;
  engineFor(nodeId: string): ContainerEngine;
  containerFor?(nodeId: string): ManagedContainer;
  /** HQ's database (default in-memory PGlite). */
  db?: Db;
  /** Removes what the environment created (containers, proxy, schema). */
  close(): Promise<void>;
}

/**
 * The fleet scenarios of issue 5, run unchanged on a fake registry and engine (every run) and on a real Docker
 * registry and dockerd (`tests/fleet`, when `.ci/run` starts them): a good release to several agents; a moved tag; a
 * lying registry; a replayed command; a command for another node; an expired release; a mainnet release with one
 * approval; an unsigned image — each refused and audited — plus rollback, alerts and webhooks, stop, revocation,
 * and the tamper check of the audit chain.
 */
export function describeFleetScenarios(title: string, makeEnvironment: () => Promise<ScenarioEnvironment>): void {
  describe(title, () => {
    let env: ScenarioEnvironment;
    let fleet: FleetHarness;
    const engines = new Map<string, ContainerEngine>();
    const container = (id: string): string => fleet.containerName(id);
    const audit = async (): Promise<AuditEntry[]> =>
      (await fleet.read<{ entries: AuditEntry[] }>('GET', '/v1/fleet/audit?after=0&limit=1000')).body.entries;
    const post = (url: string, body: unknown) =>
      fetch(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    let good: Awaited<ReturnType<FleetHarness['release']>>;

    beforeAll(async () => {
      env = await makeEnvironment();
      fleet = await startFleetHarness({
        registry: env.registry,
        engineFor: (nodeId) => {
          const engine = env.engineFor(nodeId);
          engines.set(nodeId, engine);
          return engine;
        },
        ...(env.containerFor ? { containerFor: env.containerFor } : {}),
        ...(env.db ? { db: env.db } : {}),
        webhookRetryBaseMs: 20,
      });
      await fleet.addNode('ch-1', 'CH/FINMA', 'mainnet');
      await fleet.addNode('ch-2', 'CH/FINMA', 'mainnet');
      await fleet.addNode('sg-1', 'SG/MAS', 'mainnet');
      await fleet.addNode('tn-1', 'DE/BAFIN', 'testnet');
    });
    afterAll(async () => {
      await fleet?.close();
      await env?.close();
    });

    it('agents registered themselves: active nodes with certificates from the CA', async () => {
      const { body } = await fleet.read<{ agents: { node_id: string; status: string; certificate_serial: string }[] }>(
        'GET',
        '/v1/fleet/agents',
      );
      expect(body.agents.map((a) => [a.node_id, a.status])).toEqual([
        ['ch-1', 'active'],
        ['ch-2', 'active'],
        ['sg-1', 'active'],
        ['tn-1', 'active'],
      ]);
      expect(body.agents.every((a) => /^[0-9a-f]{32}$/.test(a.certificate_serial))).toBe(true);
    });

    it('credentials: admin routes need the admin token, read routes HMAC, node keys cannot read', async () => {
      const noToken = await fetch(`${fleet.hq.url}/v1/fleet/nodes`, {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      });
      expect([noToken.status, ((await noToken.json()) as { error: { code: string } }).error.code]).toEqual([401, 'AUTH_MISSING_HEADER']);
      const wrong = await fetch(`${fleet.hq.url}/v1/fleet/nodes`, {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json', authorization: 'Bearer not-the-admin-token' },
      });
      expect(wrong.status).toBe(401);
      expect((await fetch(`${fleet.hq.url}/v1/fleet/nodes`)).status).toBe(401);
      expect((await fleet.read('GET', '/v1/fleet/nodes')).status).toBe(200);
    });

    it('a mainnet release with two approvals rolls out to every mainnet node, each verified by digest', async () => {
      good = await fleet.release({
        name: 'validator',
        path: 'jil/validator',
        tag: '1.0.0',
        content: 'v1',
        track: 'mainnet',
        approvers: ['alice', 'bob'],
      });
      expect(good.body).toMatchObject({ status: 'approved', approvers: ['alice', 'bob'], version: 1 });
      const job = await fleet.distribute(good.releaseId);
      expect(job.body).toMatchObject({ status: 'completed' });
      expect((job.body['targets'] as { node_id: string; status: string }[]).map((t) => [t.node_id, t.status])).toEqual([
        ['ch-1', 'verified'],
        ['ch-2', 'verified'],
        ['sg-1', 'verified'],
      ]);
      for (const id of ['ch-1', 'ch-2', 'sg-1'])
        expect(await engines.get(id)!.inspectContainer(container(id))).toMatchObject({
          state: 'running',
          imageRef: `${good.repository}@${good.digest}`,
        });
      expect(await engines.get('tn-1')!.inspectContainer(container('tn-1'))).toBeUndefined();
      const actions = (await audit()).map((e) => `${e.action}:${e.outcome}`);
      expect(actions).toEqual(
        expect.arrayContaining([
          'image.register:ok',
          'image.sign:ok',
          'release.create:ok',
          'release.approve:ok',
          'distribution.create:ok',
          'distribution.command:ok',
          'agent.deployed:ok',
        ]),
      );
    });

    it('a mainnet release with one approval: HQ refuses to distribute it, and the agent refuses it on its own', async () => {
      const one = await fleet.release({
        name: 'validator',
        path: 'jil/validator',
        tag: '1.0.1',
        content: 'v1.0.1',
        track: 'mainnet',
        approvers: ['alice'],
      });
      expect(one.body).toMatchObject({ status: 'pending', approvals_required: 2 });
      const refused = await fleet.distribute(one.releaseId);
      expect([refused.status, (refused.body as { error: { code: string } }).error.code]).toEqual([422, 'FLEET_APPROVALS_NOT_MET']);
      // Someone with HQ's key (or a compromised HQ database) sends it anyway: the agent checks approvals itself.
      const release = (
        await fleet.read<{ releases: { release_id: string; envelope: never }[] }>('GET', '/v1/registry/releases')
      ).body.releases.find((r) => r.release_id === one.releaseId)!;
      const image = (await fleet.read<{ images: { digest: string; signature: never }[] }>('GET', '/v1/registry/images')).body.images.find(
        (i) => i.digest === one.digest,
      )!;
      const body = JSON.parse(Buffer.from((release.envelope as { payload: string }).payload, 'base64').toString()) as Parameters<
        typeof createCommandBody
      >[0]['release'];
      const command = createCommandBody({ action: 'pull', nodeId: 'ch-1', now: fleet.now(), release: body! });
      const request = buildAgentRequest({
        command: signCommand(command, [fleet.hqSigner]),
        body: command,
        release: release.envelope,
        imageSignature: image.signature,
        nodeSecret: fleet.nodeSecrets.get('ch-1')!,
        now: fleet.now(),
      });
      const answer = await post(`${fleet.agents.get('ch-1')!.url}/v1/pull`, request);
      expect([answer.status, ((await answer.json()) as { error: { code: string } }).error.code]).toEqual([422, 'FLEET_APPROVALS_NOT_MET']);
      const rows = await audit();
      expect(rows.find((e) => e.action === 'distribution.create' && e.outcome === 'refused')?.details).toMatchObject({
        code: 'FLEET_APPROVALS_NOT_MET',
      });
      expect(rows.find((e) => e.actor === 'agent:ch-1' && e.outcome === 'refused')?.details).toMatchObject({
        code: 'FLEET_APPROVALS_NOT_MET',
        check: 'approvals',
      });
    });

    it('an unsigned image: HQ refuses to release it, and the agent refuses a command without HQ image signature', async () => {
      const unsigned = await fleet.release({
        name: 'relay',
        path: 'jil/relay',
        tag: '1',
        content: 'relay-1',
        track: 'mainnet',
        approvers: [],
        sign: false,
      });
      expect([unsigned.status, (unsigned.body as { error: { code: string } }).error.code]).toEqual([422, 'FLEET_IMAGE_UNSIGNED']);
      const body = createReleaseBody({
        track: 'mainnet',
        version: 50,
        image: { name: 'relay', repository: unsigned.repository, tag: '1', digest: unsigned.digest },
        now: fleet.now(),
      });
      const command = createCommandBody({ action: 'pull', nodeId: 'ch-2', now: fleet.now(), release: body });
      const request = buildAgentRequest({
        command: signCommand(command, [fleet.hqSigner]),
        body: command,
        release: signRelease(body, [fleet.hqSigner]),
        nodeSecret: fleet.nodeSecrets.get('ch-2')!,
        now: fleet.now(),
      });
      const answer = await post(`${fleet.agents.get('ch-2')!.url}/v1/pull`, request);
      expect([answer.status, ((await answer.json()) as { error: { code: string } }).error.code]).toEqual([422, 'FLEET_IMAGE_UNSIGNED']);
      const rows = await audit();
      expect(
        rows.some((e) => e.action === 'release.create' && e.outcome === 'refused' && e.details['code'] === 'FLEET_IMAGE_UNSIGNED'),
      ).toBe(true);
      expect(rows.some((e) => e.actor === 'agent:ch-2' && e.details['code'] === 'FLEET_IMAGE_UNSIGNED')).toBe(true);
    });

    it('a replayed command and a command for another node are refused by the agent and audited at HQ', async () => {
      const image = (await fleet.read<{ images: { digest: string; signature: never }[] }>('GET', '/v1/registry/images')).body.images.find(
        (i) => i.digest === good.digest,
      )!;
      const release = (
        await fleet.read<{ releases: { release_id: string; envelope: { payload: string } }[] }>('GET', '/v1/registry/releases')
      ).body.releases.find((r) => r.release_id === good.releaseId)!;
      const body = JSON.parse(Buffer.from(release.envelope.payload, 'base64').toString()) as never;
      const command = createCommandBody({ action: 'pull', nodeId: 'ch-1', now: fleet.now(), release: body });
      const request = buildAgentRequest({
        command: signCommand(command, [fleet.hqSigner]),
        body: command,
        release: release.envelope as never,
        imageSignature: image.signature,
        nodeSecret: fleet.nodeSecrets.get('ch-1')!,
        now: fleet.now(),
      });
      expect((await post(`${fleet.agents.get('ch-1')!.url}/v1/pull`, request)).status).toBe(200);
      const replay = await post(`${fleet.agents.get('ch-1')!.url}/v1/pull`, request);
      expect([replay.status, ((await replay.json()) as { error: { code: string } }).error.code]).toEqual([409, 'FLEET_COMMAND_REPLAYED']);
      const misrouted = await post(`${fleet.agents.get('ch-2')!.url}/v1/pull`, request);
      expect([misrouted.status, ((await misrouted.json()) as { error: { code: string } }).error.code]).toEqual([
        403,
        'FLEET_NODE_MISMATCH',
      ]);
      const rows = await audit();
      expect(rows.find((e) => e.actor === 'agent:ch-1' && e.details['code'] === 'FLEET_COMMAND_REPLAYED')).toMatchObject({
        outcome: 'refused',
        action: 'agent.refused',
      });
      expect(rows.find((e) => e.actor === 'agent:ch-2' && e.details['code'] === 'FLEET_NODE_MISMATCH')?.details).toMatchObject({
        details: { claimed_node_id: 'ch-1', expected: 'ch-2' },
      });
    });

    it('a moved tag: verify reports it and audits it; distribution still deploys the signed digest', async () => {
      expect((await fleet.read('POST', '/v1/registry/images/validator/verify', { digest: good.digest })).body).toMatchObject({
        valid: true,
        signed: true,
      });
      const moved = await env.registry.publish('jil/validator', '1.0.0', 'v1-evil');
      const check = await fleet.read('POST', '/v1/registry/images/validator/verify', { digest: good.digest });
      expect(check.body).toMatchObject({
        valid: false,
        code: 'FLEET_DIGEST_MISMATCH',
        signed_digest: good.digest,
        registry_digest: moved.digest,
      });
      expect(
        (await audit()).some(
          (e) => e.action === 'image.verify' && e.outcome === 'refused' && e.details['registry_digest'] === moved.digest,
        ),
      ).toBe(true);
      await fleet.addNode('ch-3', 'CH/FINMA', 'mainnet');
      const job = await fleet.distribute(good.releaseId, { node_ids: ['ch-3'] });
      expect(job.body).toMatchObject({ targets: [{ node_id: 'ch-3', status: 'verified' }] });
      expect(await engines.get('ch-3')!.inspectContainer(container('ch-3'))).toMatchObject({
        imageRef: `${good.repository}@${good.digest}`,
      });
    });

    it(
      'a registry that starts lying: HQ refuses to sign bytes that ' + 'do not hash to the recorded digest; the engine refuses the pull',
      async () => {
        const pushed = await env.registry.publish('jil/lie', '1', 'lie-1');
        expect((await fleet.admin('POST', '/v1/registry/images', { name: 'lie', reference: `${pushed.repository}:1` })).status).toBe(201);
        env.setLying(true);
        try {
          const sign = await fleet.admin('POST', '/v1/registry/images/lie/sign', { digest: pushed.digest });
          expect([sign.status, (sign.body as { error: { code: string } }).error.code]).toEqual([422, 'FLEET_DIGEST_MISMATCH']);
          await expect(engines.get('sg-1')!.pull(`${pushed.repository}@${pushed.digest}`)).rejects.toMatchObject({
            code: 'FLEET_DIGEST_MISMATCH',
          });
        } finally {
          env.setLying(false);
        }
        expect(
          (await audit()).some(
            (e) => e.action === 'image.sign' && e.outcome === 'refused' && e.details['code'] === 'FLEET_DIGEST_MISMATCH',
          ),
        ).toBe(true);
      },
    );

    it('a lying registry during distribution: the agent pulls by digest and the engine refuses the manifest', async () => {
      const honest = await fleet.release({
        name: 'lied',
        path: 'jil/lied',
        tag: '1',
        content: 'lied-1',
        track: 'testnet',
        approvers: ['carol'],
      });
      const before = await engines.get('tn-1')!.inspectContainer(container('tn-1'));
      env.setLying(true);
      let job;
      try {
        job = await fleet.distribute(honest.releaseId, { node_ids: ['tn-1'] });
      } finally {
        env.setLying(false);
      }
      expect(job.body).toMatchObject({ targets: [{ node_id: 'tn-1', status: 'refused', code: 'FLEET_DIGEST_MISMATCH' }] });
      expect(await engines.get('tn-1')!.inspectContainer(container('tn-1'))).toEqual(before);
      const row = (await audit()).find(
        (e) => e.actor === 'agent:tn-1' && e.action === 'agent.refused' && e.details['code'] === 'FLEET_DIGEST_MISMATCH',
      );
      expect(row?.details).toMatchObject({ release_id: honest.releaseId, digest: honest.digest });
    });

    it('an expired release is refused by HQ; forged anyway, by the agent', async () => {
      const short = await fleet.admin<{ release_id: string; envelope: never }>('POST', '/v1/registry/release', {
        name: 'validator',
        track: 'testnet',
        digest: good.digest,
        ttl_seconds: 60,
      });
      const { signature } = approveRelease(short.body.envelope, fleet.approvers.carol);
      await fleet.admin('POST', '/v1/registry/images/validator/promote', {
        release_id: short.body.release_id,
        approver_id: 'carol',
        signature,
      });
      fleet.advance(61_000);
      try {
        const refused = await fleet.distribute(short.body.release_id);
        expect([refused.status, (refused.body as { error: { code: string } }).error.code]).toEqual([422, 'FLEET_RELEASE_EXPIRED']);
        const releases = (
          await fleet.read<{ releases: { release_id: string; envelope: { payload: string } }[] }>('GET', '/v1/registry/releases')
        ).body.releases;
        const envelope = releases.find((r) => r.release_id === short.body.release_id)!.envelope;
        const image = (await fleet.read<{ images: { digest: string; signature: never }[] }>('GET', '/v1/registry/images')).body.images.find(
          (i) => i.digest === good.digest,
        )!;
        const command = createCommandBody({
          action: 'pull',
          nodeId: 'tn-1',
          now: fleet.now(),
          release: JSON.parse(Buffer.from(envelope.payload, 'base64').toString()) as never,
        });
        const request = buildAgentRequest({
          command: signCommand(command, [fleet.hqSigner]),
          body: command,
          release: envelope as never,
          imageSignature: image.signature,
          nodeSecret: fleet.nodeSecrets.get('tn-1')!,
          now: fleet.now(),
        });
        const answer = await post(`${fleet.agents.get('tn-1')!.url}/v1/pull`, request);
        expect([answer.status, ((await answer.json()) as { error: { code: string } }).error.code]).toEqual([422, 'FLEET_RELEASE_EXPIRED']);
      } finally {
        fleet.advance(-61_000);
      }
      expect((await audit()).some((e) => e.actor === 'agent:tn-1' && e.details['code'] === 'FLEET_RELEASE_EXPIRED')).toBe(true);
    });

    it('a rollback to an older release is refused by the agent, and the job says so', async () => {
      const v2 = await fleet.release({
        name: 'validator',
        path: 'jil/validator',
        tag: '2.0.0',
        content: 'v2',
        track: 'mainnet',
        approvers: ['bob', 'carol'],
      });
      expect((await fleet.distribute(v2.releaseId, { node_ids: ['sg-1'] })).body).toMatchObject({ targets: [{ status: 'verified' }] });
      const back = await fleet.distribute(good.releaseId, { node_ids: ['sg-1'] });
      expect(back.body).toMatchObject({ targets: [{ node_id: 'sg-1', status: 'refused', code: 'FLEET_RELEASE_ROLLBACK' }] });
      expect(await engines.get('sg-1')!.inspectContainer(container('sg-1'))).toMatchObject({ imageRef: `${v2.repository}@${v2.digest}` });
    });

    it(
      'a crashed validator raises service_down with signed webhook deliveries (retried), resolved by redeploying; an operator ' +
        'stop raises nothing',
      async () => {
        let calls = 0;
        const received: { ok: boolean; event: string }[] = [];
        let secret: Uint8Array = new Uint8Array();
        const receiver: Server = createServer((req, res) => {
          const chunks: Buffer[] = [];
          req.on('data', (c: Buffer) => chunks.push(c));
          req.on('end', () => {
            calls++;
            const body = Buffer.concat(chunks);
            received.push({
              ok: verifyWebhook({ secret, body: new Uint8Array(body), headers: req.headers as Record<string, string>, now: new Date() }),
              event: (JSON.parse(body.toString()) as { event: string }).event,
            });
            res.writeHead(calls === 1 ? 503 : 204).end();
          });
        });
        await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
        try {
          const port = (receiver.address() as { port: number }).port;
          const hook = await fleet.admin<{ secret_b64: string }>('POST', '/v1/alerts/webhooks', { url: `http://127.0.0.1:${port}/hook` });
          secret = base64Decode(hook.body.secret_b64);
          for (const a of fleet.agents.values()) await a.agent.heartbeat();
          expect(await fleet.hq.services.alerts.tick()).toEqual({ opened: [], resolved: [], changed: [] });
          const crashed = (await engines.get('ch-2')!.inspectContainer(container('ch-2')))!;
          await engines.get('ch-2')!.stopContainer(crashed.id, 1); // the validator dies on its own
          await fleet.agents.get('ch-2')!.agent.heartbeat();
          expect((await fleet.hq.services.alerts.tick()).opened).toEqual(['service_down:ch-2']);
          for (let i = 0; i < 20 && received.filter((r) => r.ok).length < 2; i++) {
            await fleet.hq.services.webhooks.tick();
            await new Promise((r) => setTimeout(r, 25));
          }
          expect(received).toEqual([
            { ok: true, event: 'alert.opened' },
            { ok: true, event: 'alert.opened' },
          ]);
          const deliveries = (await fleet.read<{ deliveries: { attempts: number; status: string }[] }>('GET', '/v1/alerts/webhooks')).body
            .deliveries;
          expect(deliveries[0]).toMatchObject({ attempts: 2, status: 'delivered' });
          expect((await fleet.admin('POST', '/v1/fleet/nodes/ch-2/upgrade', { release_id: good.releaseId })).status).toBe(202);
          await fleet.hq.services.distributor.settled();
          await fleet.agents.get('ch-2')!.agent.heartbeat();
          expect((await fleet.hq.services.alerts.tick()).resolved).toEqual(['service_down:ch-2']);
          const alerts = (await fleet.read<{ alerts: { key: string; resolved_at: string | null }[] }>('GET', '/v1/alerts')).body.alerts;
          expect(alerts.find((a) => a.key === 'service_down:ch-2')?.resolved_at).not.toBeNull();
          // An operator stop is not an outage: the node is `stopped`, its container exited, no alert.
          expect((await fleet.admin('POST', '/v1/fleet/nodes/ch-2/stop', {})).body).toMatchObject({ outcome: 'stopped' });
          expect(await engines.get('ch-2')!.inspectContainer(container('ch-2'))).toMatchObject({ state: 'exited' });
          await fleet.agents.get('ch-2')!.agent.heartbeat();
          expect((await fleet.hq.services.alerts.tick()).opened).toEqual([]);
          expect(
            (await fleet.read<{ nodes: { node_id: string; status: string }[] }>('GET', '/v1/fleet/nodes')).body.nodes.find(
              (n) => n.node_id === 'ch-2',
            )?.status,
          ).toBe('stopped');
        } finally {
          await new Promise<void>((r) => receiver.close(() => r()));
        }
      },
    );

    it('heartbeat stale after 5 minutes raises an alert that resolves when heartbeats resume', async () => {
      fleet.advance(5 * 60_000 + 1_000);
      try {
        const opened = (await fleet.hq.services.alerts.tick()).opened;
        expect(opened).toEqual(expect.arrayContaining(['heartbeat_stale:ch-1', 'heartbeat_stale:sg-1']));
        for (const a of fleet.agents.values()) await a.agent.heartbeat();
        expect((await fleet.hq.services.alerts.tick()).resolved).toEqual(expect.arrayContaining(opened));
      } finally {
        fleet.advance(-(5 * 60_000 + 1_000));
      }
    });

    it('jurisdiction config and upgrade by jurisdiction', async () => {
      const zone = encodeURIComponent('CH/FINMA');
      expect((await fleet.admin('POST', `/v1/fleet/jurisdictions/${zone}/config`, { config: { log_level: 'info' } })).body).toMatchObject({
        zone: 'CH/FINMA',
        config: { log_level: 'info' },
      });
      const started = await fleet.admin<{ targets: string[] }>('POST', `/v1/fleet/jurisdictions/${zone}/upgrade`, {
        release_id: good.releaseId,
      });
      expect(started).toMatchObject({ status: 202, body: { targets: ['ch-1', 'ch-2', 'ch-3'] } });
      await fleet.hq.services.distributor.settled();
    });

    it('revocation: the certificate goes onto the CRL, the node is refused and never targeted again', async () => {
      expect((await fleet.admin('DELETE', '/v1/fleet/nodes/ch-3')).body).toMatchObject({ node_id: 'ch-3', revoked_certificates: 1 });
      const ca = (await (await fetch(`${fleet.hq.url}/v1/fleet/ca`)).json()) as { crl_pem: string };
      expect(ca.crl_pem).toMatch(/^-----BEGIN X509 CRL-----/);
      const serial = (
        await fleet.read<{ nodes: { node_id: string; certificate_serial: string }[] }>('GET', '/v1/fleet/nodes')
      ).body.nodes.find((n) => n.node_id === 'ch-3')!.certificate_serial;
      expect(serial).toMatch(/^[0-9a-f]{32}$/);
      await expect(fleet.agents.get('ch-3')!.agent.heartbeat()).rejects.toMatchObject({ code: 'FLEET_NODE_REVOKED' });
      await expect(fleet.agents.get('ch-3')!.agent.register()).rejects.toMatchObject({ code: 'FLEET_NODE_REVOKED' });
      const direct = await fleet.distribute(good.releaseId, { node_ids: ['ch-3'] });
      expect([direct.status, (direct.body as { error: { code: string } }).error.code]).toEqual([403, 'FLEET_NODE_REVOKED']);
      const started = await fleet.admin<{ targets: string[] }>(
        'POST',
        `/v1/fleet/jurisdictions/${encodeURIComponent('CH/FINMA')}/upgrade`,
        { release_id: good.releaseId },
      );
      expect(started.body.targets).toEqual(['ch-1', 'ch-2']);
      await fleet.hq.services.distributor.settled();
      expect((await audit()).filter((e) => e.actor === 'node:ch-3' && e.outcome === 'refused').length).toBeGreaterThanOrEqual(2);
    });

    it('the audit log is a signed hash chain; an edited row is named by the check', async () => {
      const ok = await fleet.read<{ valid: boolean; length: number }>('GET', '/v1/fleet/audit/verify');
      expect(ok.body.valid).toBe(true);
      const rows = await audit();
      expect(verifyAuditChain(rows, { publicKeys: fleet.trust.hq })).toMatchObject({ valid: true, length: ok.body.length });
      const db = fleet.hq.store.db;
      await expect(db.query("UPDATE audit_log SET outcome = 'ok' WHERE seq = 3")).rejects.toMatchObject({ code: 'STORAGE_ERROR' });
      await db.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
      await db.query(`UPDATE audit_log SET details = '{"forged":true}' WHERE seq = 7`);
      await db.exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
      expect((await fleet.read('GET', '/v1/fleet/audit/verify')).body).toMatchObject({ valid: false, seq: 7, reason: 'hash' });
    });
  });
}
