import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JilError } from '@jil/core';
import { createMetrics, type Metrics } from '@jil/server-kit';
import type { PsaIssuer } from '../distributed/PsaIssuer.js';
import { registerPreclearanceMetrics } from './preclearanceMetrics.js';
import { ENGINES, startTestServer, testTransfer, type TestServer } from './testing/testServer.js';

/** The value of one series in a text exposition, or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics on the pre-clearance server', () => {
  let server: TestServer;
  let metrics: Metrics;
  const now = new Date('2026-12-01T12:00:00Z');
  const signatures: number[] = [];
  const verdicts: string[] = [];

  beforeAll(async () => {
    metrics = createMetrics({ processMetrics: false });
    server = await startTestServer(ENGINES[0]!, { metrics });
    for (let i = 0; i < 3; i++) {
      const res = await server.call('POST', '/v1/preclearance/validate', JSON.stringify(testTransfer()));
      expect(res.status).toBe(201);
      signatures.push(res.json.envelope.signatures.length);
      verdicts.push(res.json.verdict);
    }
    // A request that fails auth is counted under its route pattern with its status.
    expect((await server.call('POST', '/v1/preclearance/validate', JSON.stringify(testTransfer()), { sign: false })).status).toBe(401);
    expect((await server.call('GET', `/v1/preclearance/psa/${crypto.randomUUID()}`)).status).toBe(404);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('serves the request counter and histogram by route pattern, the verdicts, the quorum and the stage durations', async () => {
    const res = await server.call('GET', '/metrics', undefined, { sign: false });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = res.text;
    const route = 'route="/v1/preclearance/validate"';
    expect(sample(text, `http_requests_total{method="POST",${route},status_code="201"}`)).toBe(3);
    expect(sample(text, `http_requests_total{method="POST",${route},status_code="401"}`)).toBe(1);
    expect(sample(text, `http_request_duration_seconds_count{method="POST",${route},status_code="201"}`)).toBe(3);
    expect(sample(text, 'http_requests_total{method="GET",route="/v1/preclearance/psa/:id",status_code="404"}')).toBe(1);
    expect(text).not.toMatch(/cust-a|AKTEST0001/);
    for (const verdict of new Set(verdicts))
      expect(sample(text, `jil_verdicts_total{verdict="${verdict}"}`)).toBe(verdicts.filter((v) => v === verdict).length);
    expect(sample(text, 'jil_quorum_signatures_total{outcome="collected"}')).toBe(signatures.reduce((a, b) => a + b, 0));
    for (const stage of ['endpoints', 'kyc', 'sanctions', 'risk']) {
      const counts = text
        .split('\n')
        .filter((l) => l.startsWith(`jil_stage_duration_seconds_count{stage="${stage}",`))
        .map((l) => Number(l.split(' ')[1]));
      expect(counts.reduce((a, b) => a + b, 0)).toBe(3);
    }
    expect(sample(text, 'jil_dataset_age_seconds{dataset="test-list"}')).toBeGreaterThan(0);
  });

  it('the dataset age is now minus the source date, computed at scrape time', async () => {
    const own = createMetrics({ processMetrics: false });
    // The engine's snapshot says test-list is of 2026-11-01.
    const engine = { snapshot: { datasets: [{ name: 'test-list', source_date: '2026-11-01' }] } } as never;
    registerPreclearanceMetrics(own, { engine, clock: () => now });
    expect(sample(await own.render(), 'jil_dataset_age_seconds{dataset="test-list"}')).toBe(30 * 86_400 + 12 * 3600);
  });

  it('a round short of the quorum counts the signatures gathered and each failing validator by outcome', async () => {
    const own = createMetrics({ processMetrics: false });
    const engine = { snapshot: { datasets: [] } } as never;
    const short: PsaIssuer = {
      mode: 'distributed',
      flush: async () => undefined,
      issue: async () => {
        throw new JilError('QUORUM_NOT_REACHED', 'short', {
          details: {
            signed: 2,
            failures: [
              { validator_id: 'v1', reason: 'refused', code: 'VALIDATOR_DISAGREES' },
              { validator_id: 'v2', reason: 'timeout' },
              { validator_id: 'v3', reason: 'timeout' },
              { validator_id: 'v4', reason: 'something-new' },
            ],
          },
        });
      },
    };
    const issuer = registerPreclearanceMetrics(own, { engine }).instrument(short);
    await expect(issuer.issue({} as never, now, { custodianId: 'c', log: {} as never })).rejects.toMatchObject({
      code: 'QUORUM_NOT_REACHED',
    });
    const text = await own.render();
    expect(sample(text, 'jil_quorum_signatures_total{outcome="collected"}')).toBe(2);
    expect(sample(text, 'jil_quorum_signatures_total{outcome="refused"}')).toBe(1);
    expect(sample(text, 'jil_quorum_signatures_total{outcome="timeout"}')).toBe(2);
    expect(sample(text, 'jil_quorum_signatures_total{outcome="other"}')).toBe(1);
    expect(text).not.toContain('jil_verdicts_total{');
  });

  it('the mesh gauges come from their source at scrape time (NaN / absent when it fails)', async () => {
    const own = createMetrics({ processMetrics: false });
    let pending = 4;
    let broken = false;
    registerPreclearanceMetrics(own, {
      engine: { snapshot: { datasets: [] } } as never,
      mesh: {
        outboxPending: async () => {
          if (broken) throw new Error('database down');
          return pending;
        },
        consumerLag: async () => (broken ? Promise.reject(new Error('broker down')) : [{ topic: 'jil.clearances', partition: 0, lag: 7 }]),
      },
    });
    let text = await own.render();
    expect(sample(text, 'jil_event_outbox_pending')).toBe(4);
    expect(sample(text, 'jil_event_consumer_lag{topic="jil.clearances",partition="0"}')).toBe(7);
    pending = 0;
    expect(sample(await own.render(), 'jil_event_outbox_pending')).toBe(0);
    broken = true;
    text = await own.render();
    expect(sample(text, 'jil_event_outbox_pending')).toBeNaN();
    expect(sample(text, 'jil_event_consumer_lag{topic="jil.clearances",partition="0"}')).toBeUndefined();
  });

  it('metrics: false records nothing and serves no /metrics (the overhead baseline)', async () => {
    const bare = await startTestServer(ENGINES[0]!, { metrics: false });
    try {
      expect((await bare.call('POST', '/v1/preclearance/validate', JSON.stringify(testTransfer()))).status).toBe(201);
      expect((await bare.call('GET', '/metrics', undefined, { sign: false })).status).toBe(404);
    } finally {
      await bare.close();
    }
  });
});
