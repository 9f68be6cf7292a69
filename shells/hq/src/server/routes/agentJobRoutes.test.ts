import { base64Encode, signRequest, utf8ToBytes } from '@jil/core';
import { HqClient, fetchSignedReleases, sendJobReport, type AgentJobReport } from '@jil/shell-update-agent';
import { FakeEngine } from '@jil/shell-update-agent/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeRegistry } from '../../testing/FakeRegistry.js';
import { startFleetHarness, type FleetHarness } from '../../testing/fleetHarness.js';

// HQ's side of the agents' scheduled jobs (PGlite, fake registry and engine; the jobs themselves are tested on a
// real dockerd in shells/update-agent/src/jobs): the signed release records a node may fetch, and job reports.
describe('agent job routes', () => {
  let registry: FakeRegistry;
  let fleet: FleetHarness;
  let client: (withCertificate?: boolean) => HqClient;
  let releaseId: string;
  let digest: string;
  const log = { info: () => undefined, warn: () => undefined };

  beforeAll(async () => {
    registry = await FakeRegistry.start();
    fleet = await startFleetHarness({
      registry: { address: registry.address, publish: async (path, tag, content) => registry.push(path, tag, content) },
      engineFor: () => new FakeEngine(registry.source),
    });
    const agent = await fleet.addNode('n1', 'CH/FINMA', 'devnet');
    await fleet.addNode('n2', 'CH/FINMA', 'devnet');
    const r = await fleet.release({ name: 'validator', path: 'jil/validator', tag: '1', content: 'v1', track: 'devnet', approvers: [] });
    releaseId = r.releaseId;
    digest = r.digest;
    client = (withCertificate = true) => {
      const c = new HqClient({ baseUrl: fleet.hq.url, nodeId: 'n1', nodeSecret: fleet.nodeSecrets.get('n1')!, clock: () => fleet.now() });
      if (withCertificate) c.certificatePem = agent.state.data.certificate!.pem;
      return c;
    };
  });
  afterAll(async () => {
    await fleet?.close();
    await registry?.close();
  });

  const report = (over: Partial<AgentJobReport> = {}): AgentJobReport => ({
    job: 'security_audit',
    node_id: 'n1',
    started_at: new Date().toISOString(),
    finished_at: new Date().toISOString(),
    status: 'critical',
    findings: [
      { rule: 'unsigned_image', severity: 'critical', message: 'x runs an image no signed release names', details: { container: 'x' } },
    ],
    summary: { root_containers: ['x'] },
    ...over,
  });

  it('serves the approved release records, which the agent verifies with its own pinned policy', async () => {
    const answer = await client().post<{ track: string; releases: { release_id: string }[] }>('/v1/fleet/nodes/n1/releases', {
      node_id: 'n1',
    });
    expect(answer.track).toBe('devnet');
    expect(answer.releases.map((r) => r.release_id)).toEqual([releaseId]);
    const verified = await fetchSignedReleases({ hq: client(), nodeId: 'n1', trust: fleet.trust });
    expect(verified.refused).toEqual([]);
    expect(verified.verified.map((v) => v.body.image.digest)).toEqual([digest]);
  });

  it('audits a job report as agent.job.<job> with its findings', async () => {
    expect(await sendJobReport({ hq: client(), nodeId: 'n1', log }, report())).toBe(true);
    const audit = await fleet.read<{ entries: { action: string; actor: string; outcome: string; details: Record<string, unknown> }[] }>(
      'GET',
      '/v1/fleet/audit',
    );
    const entry = audit.body.entries.find((e) => e.action === 'agent.job.security_audit');
    expect(entry).toMatchObject({ actor: 'agent:n1', outcome: 'ok', details: { status: 'critical', summary: { root_containers: ['x'] } } });
    expect(entry?.details['findings']).toEqual(report().findings);
    await client().post('/v1/fleet/nodes/n1/job-reports', report({ job: 'maintenance', status: 'failed', findings: [], summary: {} }));
    const again = await fleet.read<{ entries: { action: string; outcome: string }[] }>('GET', '/v1/fleet/audit');
    expect(again.body.entries.find((e) => e.action === 'agent.job.maintenance')?.outcome).toBe('failed');
  });

  it('refuses a malformed report, listing every bad field', async () => {
    const bad = { ...report(), job: 'coffee', findings: [{ rule: 'x', severity: 'meh', message: 'm', details: {} }], extra: 1 };
    await expect(client().post('/v1/fleet/nodes/n1/job-reports', bad)).rejects.toMatchObject({
      code: 'REQUEST_VALIDATION_FAILED',
      details: { status: 400 },
    });
    const path = '/v1/fleet/nodes/n1/job-reports';
    const body = JSON.stringify(bad);
    const headers = {
      'content-type': 'application/json',
      'x-jil-node-certificate': base64Encode(utf8ToBytes(client().certificatePem!)),
      ...signRequest({ method: 'POST', url: path, body, accessKeyId: 'node:n1', secret: fleet.nodeSecrets.get('n1')!, now: fleet.now() }),
    };
    const answer = (await (await fetch(`${fleet.hq.url}${path}`, { method: 'POST', body, headers })).json()) as {
      error: { details: { fields: { field: string }[] } };
    };
    expect(answer.error.details.fields.map((f) => f.field).sort()).toEqual(['extra', 'findings[0]', 'job']);
  });

  it('refuses a report for another node, a missing certificate, and a revoked node', async () => {
    await expect(client().post('/v1/fleet/nodes/n1/job-reports', report({ node_id: 'n2' }))).rejects.toMatchObject({
      code: 'AUTH_FORBIDDEN',
    });
    await expect(client(false).post('/v1/fleet/nodes/n1/job-reports', report())).rejects.toMatchObject({
      code: 'FLEET_CERTIFICATE_INVALID',
    });
    await expect(client(false).post('/v1/fleet/nodes/n1/releases', { node_id: 'n1' })).rejects.toMatchObject({
      code: 'FLEET_CERTIFICATE_INVALID',
    });
    expect((await fleet.admin('DELETE', '/v1/fleet/nodes/n1')).status).toBe(200);
    await expect(client().post('/v1/fleet/nodes/n1/job-reports', report())).rejects.toMatchObject({ code: 'FLEET_NODE_REVOKED' });
    await expect(client().post('/v1/fleet/nodes/n1/releases', { node_id: 'n1' })).rejects.toMatchObject({ code: 'FLEET_NODE_REVOKED' });
  });
});
