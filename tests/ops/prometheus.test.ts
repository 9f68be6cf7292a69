// A real Prometheus (Debian's package; .ci/start-prometheus.sh exports JIL_TEST_PROMETHEUS) scrapes a running
// pre-clearance service, and PromQL through its HTTP API returns the request counter (issue 14 §Metrics and traces).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from '@jil/testkit';
import { JilClient } from '@jil/sdk/client';
import { startService, type RunningService } from '@jil/shell-preclearance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transferRequest } from '../e2e/issuePsas.testutil.js';
import { writeOneDatasetSnapshot } from './oneDatasetSnapshot.testutil.js';
import { startPrometheus, type RunningPrometheus } from './prometheusHarness.testutil.js';

const PROMETHEUS = process.env['JIL_TEST_PROMETHEUS'];
const REQUESTS = 3;

describe.skipIf(!PROMETHEUS)('Prometheus scrapes the pre-clearance service', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'jil-prom-test-'));
  let service: RunningService;
  let prometheus: RunningPrometheus;
  const verdicts: string[] = [];

  beforeAll(async () => {
    // A one-dataset snapshot (no listings): enough to screen and sign, and quick to load.
    const snapshotFile = join(tmp, 'snapshot.json');
    await writeOneDatasetSnapshot(snapshotFile);
    service = await startService({
      stateDir: join(tmp, 'state'),
      dataDir: tmp,
      snapshotFile,
      port: 0,
      logger: false,
      listFreshness: false,
    });
    const client = new JilClient({
      baseUrl: service.url,
      accessKeyId: service.state.credentials.access_key_id,
      secret: service.state.credentials.secret,
    });
    for (let i = 0; i < REQUESTS; i++) verdicts.push((await client.validate(transferRequest(i, 'prom'))).verdict);
    prometheus = await startPrometheus(PROMETHEUS!, [new URL(service.url).host]);
    await prometheus.targetsUp();
  }, 120_000);

  afterAll(async () => {
    await prometheus?.stop();
    await service?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('PromQL through the HTTP API returns the validate request counter with the number of requests sent', async () => {
    const result = await prometheus.query('http_requests_total{route="/v1/preclearance/validate"}');
    expect(result.map((r) => ({ ...r.metric, value: r.value[1] }))).toEqual([
      {
        __name__: 'http_requests_total',
        instance: new URL(service.url).host,
        job: 'jil',
        method: 'POST',
        route: '/v1/preclearance/validate',
        status_code: '201',
        value: String(REQUESTS),
      },
    ]);
  });

  it('the pre-clearance series are there too: verdicts, stage durations, quorum signatures and dataset age', async () => {
    const [verdictSum] = await prometheus.query('sum(jil_verdicts_total)');
    expect(verdictSum?.value[1]).toBe(String(verdicts.length));
    const stages = await prometheus.query('sum by (stage) (jil_stage_duration_seconds_count)');
    expect(Object.fromEntries(stages.map((s) => [s.metric['stage'], s.value[1]]))).toEqual({
      endpoints: '3',
      kyc: '3',
      risk: '3',
      sanctions: '3',
    });
    const [collected] = await prometheus.query('jil_quorum_signatures_total{outcome="collected"}');
    expect(Number(collected?.value[1])).toBe(REQUESTS * service.engine.validatorSet.set.threshold);
    const [age] = await prometheus.query('jil_dataset_age_seconds{dataset="test-list"}');
    expect(Number(age?.value[1])).toBeGreaterThan((Date.now() - Date.parse('2026-11-01T00:00:00Z')) / 1000 - 3600);
    // The latency histogram answers histogram_quantile (over the cumulative buckets: one scrape has no rate yet).
    const [p99] = await prometheus.query(
      'histogram_quantile(0.99, sum by (le) (http_request_duration_seconds_bucket{route="/v1/preclearance/validate"}))',
    );
    expect(Number(p99?.value[1])).toBeGreaterThan(0);
    expect(Number(p99?.value[1])).toBeLessThanOrEqual(10);
  });

  it('every query of docs/grafana-dashboard.json is valid PromQL here, and the request and verdict panels have data', async () => {
    const dashboard = JSON.parse(readFileSync(resolve(REPO_ROOT, 'docs/grafana-dashboard.json'), 'utf8')) as {
      panels: { title: string; targets: { expr: string }[] }[];
    };
    const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => ({ title: p.title, expr: t.expr })));
    expect(exprs.length).toBeGreaterThanOrEqual(10);
    const results = new Map<string, number>();
    for (const { title, expr } of exprs) {
      // Grafana's variables, as Grafana would substitute them for "All" and a 1-minute step.
      const promql = expr.replaceAll('$job', '.*').replaceAll('$__rate_interval', '1m');
      const result = await prometheus.query(promql).catch((error: unknown) => {
        throw new Error(`panel "${title}": ${String(error)}`);
      });
      results.set(expr, result.length);
    }
    // Counters and gauges that exist after one scrape (rates need two scrapes; they were parsed above all the same).
    const withData = (fragment: string) => [...results].filter(([expr, n]) => expr.includes(fragment) && n > 0);
    expect(withData('max by (dataset) (jil_dataset_age_seconds').length).toBe(1);
    expect(withData('process_resident_memory_bytes').length).toBe(1);
  });
});
