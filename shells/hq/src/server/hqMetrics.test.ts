import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeEngine } from '@jil/shell-update-agent/testing';
import { FakeRegistry } from '../testing/FakeRegistry.js';
import { startFleetHarness, type FleetHarness } from '../testing/fleetHarness.js';

/** The value of one series in a text exposition, or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

// HQ on PGlite, two agents on a fake engine, a fake registry: one release distributed, then HQ's /metrics scraped.
describe('HQ GET /metrics', () => {
  let registry: FakeRegistry;
  let fleet: FleetHarness;

  beforeAll(async () => {
    registry = await FakeRegistry.start();
    fleet = await startFleetHarness({
      registry: { address: registry.address, publish: async (path, tag, content) => registry.push(path, tag, content) },
      engineFor: () => new FakeEngine(registry.source),
    });
    await fleet.addNode('ch-1', 'CH/FINMA', 'testnet');
    await fleet.addNode('sg-1', 'SG/MAS', 'testnet');
  });
  afterAll(async () => {
    await fleet?.close();
    await registry?.close();
  });

  it('reports distribution jobs and targets by state, and the requests by route pattern', async () => {
    const scrape = async () => {
      const res = await fetch(`${fleet.hq.url}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      return res.text();
    };
    let text = await scrape();
    expect(sample(text, 'jil_fleet_distribution_jobs{state="running"}')).toBe(0);
    expect(sample(text, 'jil_fleet_distribution_jobs{state="completed"}')).toBe(0);

    const release = await fleet.release({
      name: 'validator',
      path: 'jil/validator',
      tag: '1.0.0',
      content: 'v1',
      track: 'testnet',
      approvers: ['alice'],
    });
    const job = await fleet.distribute(release.releaseId);
    expect(job.body).toMatchObject({ status: 'completed' });

    text = await scrape();
    expect(sample(text, 'jil_fleet_distribution_jobs{state="completed"}')).toBe(1);
    expect(sample(text, 'jil_fleet_distribution_jobs{state="running"}')).toBe(0);
    expect(sample(text, 'jil_fleet_distribution_targets{state="verified"}')).toBe(2);
    expect(sample(text, 'jil_fleet_distribution_targets{state="failed"}')).toBe(0);
    expect(sample(text, 'http_requests_total{method="GET",route="/metrics",status_code="200"}')).toBe(1);
    expect(sample(text, 'jil_fleet_nodes{status="active"}')).toBe(2);
    // The inputs of the five fleet alerts (docs/prometheus-alerts.yml), per active node: both run the signed image.
    for (const node of ['ch-1', 'sg-1']) {
      expect(sample(text, `jil_fleet_node_unsigned_image{node_id="${node}"}`)).toBe(0);
      const heartbeat = sample(text, `jil_fleet_node_heartbeat_timestamp_seconds{node_id="${node}"}`);
      expect(heartbeat).toBeGreaterThan(Date.parse('2026-01-01T00:00:00Z') / 1000);
      expect(heartbeat).toBeLessThanOrEqual(fleet.now().getTime() / 1000);
      expect(sample(text, `jil_fleet_node_certificate_expiry_timestamp_seconds{node_id="${node}"}`)).toBeGreaterThan(
        fleet.now().getTime() / 1000,
      );
    }
    // The release id, digests and keys never appear as label values.
    expect(text).not.toContain(release.releaseId);
    expect(text).not.toContain(release.digest);
  });

  it("each update agent serves /metrics too: HQ's pull command counted under its route pattern", async () => {
    const res = await fetch(`${fleet.agents.get('ch-1')!.url}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/^http_requests_total\{method="POST",route="\/v1\/pull",status_code="200"\} 1$/m);
  });
});
