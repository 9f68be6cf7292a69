import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSigner, utf8ToBytes } from '@jil/core';
import {
  addApproval,
  approveRelease,
  buildAgentRequest,
  createCommandBody,
  createReleaseBody,
  createTrustPolicy,
  loadTrustPolicy,
  signCommand,
  signImage,
  signRelease,
  type AgentRequest,
} from '@jil/fleet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent, type RunningAgent } from '../bootstrap/startAgent.js';
import { FakeEngine } from '../testing/FakeEngine.js';
import { startFakeHq } from '../testing/fakeHq.testutil.js';

const REPO = '127.0.0.1:5000/jil/validator';
const DIGEST = `sha256:${'ab'.repeat(32)}`;
const secret = utf8ToBytes('node-secret-0123456789');
const hq = createSigner(new Uint8Array(32).fill(1));
const alice = createSigner(new Uint8Array(32).fill(2));
const bob = createSigner(new Uint8Array(32).fill(3));
const trust = loadTrustPolicy(
  createTrustPolicy({
    hqPublicKeys: [hq.publicKey],
    approvers: [
      { approverId: 'alice', publicKey: alice.publicKey },
      { approverId: 'bob', publicKey: bob.publicKey },
    ],
  }),
);

function request(nodeId: string, version = 1): AgentRequest {
  const now = new Date();
  const body = createReleaseBody({
    track: 'mainnet',
    version,
    image: { name: 'validator', repository: REPO, tag: '1', digest: DIGEST },
    now,
  });
  let release = signRelease(body, [hq]);
  for (const a of [alice, bob]) release = addApproval(release, approveRelease(release, a).signature, trust).envelope;
  const imageSignature = signImage(
    {
      name: 'validator',
      repository: REPO,
      tag: '1',
      digest: DIGEST,
      media_type: 'application/vnd.docker.distribution.manifest.v2+json',
      size: 400,
      signed_at: now.toISOString(),
    },
    [hq],
  );
  const command = createCommandBody({ action: 'pull', nodeId, now, release: body });
  return buildAgentRequest({ command: signCommand(command, [hq]), body: command, release, imageSignature, nodeSecret: secret, now });
}

describe('update agent HTTP surface (fake engine, fake HQ)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jil-agent-'));
  const engine = new FakeEngine();
  engine.publish(`${REPO}@${DIGEST}`, { Cmd: ['/bin/busybox', 'sleep', '1'] });
  let fakeHq: Awaited<ReturnType<typeof startFakeHq>>;
  let agent: RunningAgent;
  const post = (path: string, body: unknown) =>
    fetch(`${agent.url}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

  beforeAll(async () => {
    fakeHq = await startFakeHq(secret);
    agent = await startAgent({
      nodeId: 'n1',
      nodeSecret: secret,
      hqUrl: fakeHq.url,
      trust,
      engine,
      container: { name: 'validator' },
      stateDir: dir,
      logger: false,
    });
  });
  afterAll(async () => {
    await agent?.stop();
    await fakeHq?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers itself with a fresh key (HMAC-signed) and sends a heartbeat', () => {
    expect(fakeHq.calls.map((c) => c.path)).toEqual(['/v1/fleet/nodes/n1/register-agent', '/v1/heartbeats']);
    expect(fakeHq.calls[0]?.body).toMatchObject({ agent_url: agent.url, public_key_pem: expect.stringContaining('BEGIN PUBLIC KEY') });
    expect(fakeHq.calls[1]).toMatchObject({ certificate: true, body: { node_id: 'n1', services: [] } });
    expect(agent.state.data.certificate?.pem).toContain('BEGIN CERTIFICATE');
  });

  it('deploys a verified pull and reports it; the replay is refused (409) and reported', async () => {
    const good = request('n1');
    const first = await post('/v1/pull', good);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ outcome: 'deployed', digest: DIGEST, recreated: true });
    expect(await engine.inspectContainer('validator')).toMatchObject({ state: 'running', imageRef: `${REPO}@${DIGEST}` });
    const replay = await post('/v1/pull', good);
    expect(replay.status).toBe(409);
    expect(await replay.json()).toMatchObject({ error: { code: 'FLEET_COMMAND_REPLAYED', details: { check: 'nonce' } } });
    const reports = fakeHq.calls.filter((c) => c.path.endsWith('/verify-deployment')).map((c) => c.body);
    expect(reports).toEqual([
      expect.objectContaining({ outcome: 'verified', digest: DIGEST, repo_digests: [`${REPO}@${DIGEST}`] }),
      expect.objectContaining({ outcome: 'refused', code: 'FLEET_COMMAND_REPLAYED', check: 'nonce' }),
    ]);
  });

  it('refuses a command for another node (403) and a rollback (409), each audited locally', async () => {
    const other = await post('/v1/pull', request('n2', 5));
    expect(other.status).toBe(403);
    expect(await other.json()).toMatchObject({ error: { code: 'FLEET_NODE_MISMATCH' } });
    const rollback = await post('/v1/pull', request('n1', 1));
    expect(rollback.status).toBe(200); // same version, same digest: allowed (idempotent)
    await agent.state.update((s) => (s.accepted.mainnet = { version: 7, digest: DIGEST, release_id: 'x' }));
    const older = await post('/v1/pull', request('n1', 6));
    expect(older.status).toBe(409);
    expect(await older.json()).toMatchObject({ error: { code: 'FLEET_RELEASE_ROLLBACK' } });
    expect(await agent.audit.verify()).toMatchObject({ valid: true });
    const refusal = fakeHq.calls.find((c) => c.body['code'] === 'FLEET_NODE_MISMATCH');
    expect(refusal?.body).toMatchObject({ claimed_node_id: 'n2', details: { expected: 'n1', actual: 'n2' } });
  });

  it('answers malformed bodies with 400 and serves status and health', async () => {
    const bad = await fetch(`${agent.url}/v1/pull`, {
      method: 'POST',
      body: '{"a":1,"a":2}',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.status).toBe(400);
    expect(await (await fetch(`${agent.url}/health`)).json()).toEqual({ status: 'ok', node_id: 'n1' });
    expect(await (await fetch(`${agent.url}/v1/status`)).json()).toMatchObject({
      node_id: 'n1',
      current: { digest: DIGEST },
      accepted: { mainnet: { version: 7 } },
    });
  });
});
