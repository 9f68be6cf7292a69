// docs/prometheus-alerts.yml mirrors HQ's five fleet alerts: promtool (Debian's prometheus package, beside the binary
// in JIL_TEST_PROMETHEUS; .ci/start-prometheus.sh) checks the file and runs its rule unit tests on the series HQ would
// serve for a set of nodes (fleetNodeSeries), expecting exactly the alerts evaluateAlerts raises for the same nodes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ALERT_RULES, evaluateAlerts, type AlertRule, type NodeHealth } from '@jil/fleet';
import { REPO_ROOT } from '@jil/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { fleetNodeSeries } from './fleetNodeSeries.js';

const PROMETHEUS = process.env['JIL_TEST_PROMETHEUS'];
const RULES = resolve(REPO_ROOT, 'docs/prometheus-alerts.yml');
const ALERT_NAMES: Record<AlertRule, string> = {
  heartbeat_stale: 'JilFleetHeartbeatStale',
  certificate_expiring: 'JilFleetCertificateExpiring',
  unsigned_image: 'JilFleetUnsignedImage',
  service_down: 'JilFleetServiceDown',
  disk_full: 'JilFleetDiskFull',
};
const DAY_S = 86_400;
/** promtool evaluates at 10 min after the epoch: `time()` is 600. */
const NOW_S = 600;
const at = (seconds: number): string => new Date(seconds * 1000).toISOString();
const SIGNED = `sha256:${'1'.repeat(64)}`;

/** Healthy facts; each node below breaks one (or sits exactly on a threshold). */
const healthy = (node_id: string): NodeHealth => ({
  node_id,
  status: 'active',
  enrolled_at: at(0),
  last_heartbeat_at: at(NOW_S - 50),
  certificate_not_after: at(NOW_S + 40 * DAY_S),
  running_digest: SIGNED,
  services: [{ name: 'preclearance', state: 'running' }],
  disk_used_ratio: 0.5,
});
const NODES: NodeHealth[] = [
  healthy('n-ok'),
  { ...healthy('n-stale'), last_heartbeat_at: at(NOW_S - 400) },
  { ...healthy('n-never'), last_heartbeat_at: undefined, enrolled_at: at(100) },
  { ...healthy('n-cert-warning'), certificate_not_after: at(NOW_S + 10 * DAY_S) },
  { ...healthy('n-cert-critical'), certificate_not_after: at(NOW_S + 2 * DAY_S) },
  { ...healthy('n-cert-expired'), certificate_not_after: at(NOW_S - 100) },
  { ...healthy('n-unsigned'), running_digest: `sha256:${'2'.repeat(64)}` },
  {
    ...healthy('n-services'),
    services: [
      { name: 'preclearance', state: 'running' },
      { name: 'postgres', state: 'exited' },
      { name: 'kafka', state: 'missing' },
    ],
  },
  { ...healthy('n-disk'), disk_used_ratio: 0.95 },
  // Exactly on every threshold: neither HQ nor the rules raise anything.
  {
    ...healthy('n-edge'),
    last_heartbeat_at: at(NOW_S - 300),
    certificate_not_after: at(NOW_S + 30 * DAY_S),
    disk_used_ratio: 0.9,
  },
  { ...healthy('n-edge-critical'), certificate_not_after: at(NOW_S + 7 * DAY_S) },
  // Revoked: everything wrong, nothing raised.
  { ...healthy('n-revoked'), status: 'revoked', last_heartbeat_at: at(0), disk_used_ratio: 0.99, running_digest: 'sha256:bad' },
];

const summary = (rule: AlertRule, node: NodeHealth): string => {
  switch (rule) {
    case 'heartbeat_stale':
      return `${node.node_id}: heartbeat is stale`;
    case 'certificate_expiring':
      return `${node.node_id}: certificate expires soon or has expired`;
    case 'unsigned_image':
      return `${node.node_id}: node runs an image HQ did not sign`;
    case 'service_down':
      return `${node.node_id}: ${(node.services ?? []).filter((s) => s.state !== 'running').length} service(s) not running`;
    case 'disk_full':
      return `${node.node_id}: disk ${Math.round((node.disk_used_ratio ?? 0) * 100)}% full`;
  }
};

describe.skipIf(!PROMETHEUS)('docs/prometheus-alerts.yml (promtool)', () => {
  const promtool = join(dirname(PROMETHEUS ?? '/'), 'promtool');
  const tmp = mkdtempSync(join(tmpdir(), 'jil-promtool-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('promtool check rules: five rules, one per HQ alert rule', () => {
    const run = spawnSync(promtool, ['check', 'rules', RULES], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('SUCCESS: 5 rules found');
    expect(Object.keys(ALERT_NAMES).sort()).toEqual([...ALERT_RULES].sort());
  });

  it('on the series HQ serves for a set of nodes, the rules raise exactly the alerts evaluateAlerts raises', () => {
    const expected = evaluateAlerts(NODES, { now: new Date(NOW_S * 1000), signedDigests: new Set([SIGNED]) });
    // Every rule fires somewhere, and the edge and revoked nodes stay quiet.
    expect(new Set(expected.map((c) => c.rule))).toEqual(new Set(ALERT_RULES));
    expect(expected.filter((c) => c.node_id.startsWith('n-edge') && c.severity === 'critical')).toEqual([]);
    expect(expected.filter((c) => ['n-ok', 'n-revoked', 'n-edge'].includes(c.node_id))).toEqual([]);

    const samples = fleetNodeSeries(NODES, new Set([SIGNED]));
    const series = samples.map((s) => {
      const labels = Object.entries(s.labels)
        .map(([k, v]) => `${k}="${v}"`)
        .join(',');
      return { series: `${s.name}{${labels}}`, values: `${s.value}x10` };
    });
    const byNode = new Map(NODES.map((n) => [n.node_id, n]));
    const test = {
      rule_files: [RULES],
      evaluation_interval: '1m',
      tests: [
        {
          interval: '1m',
          input_series: series,
          alert_rule_test: ALERT_RULES.map((rule) => ({
            eval_time: `${NOW_S}s`,
            alertname: ALERT_NAMES[rule],
            exp_alerts: expected
              .filter((c) => c.rule === rule)
              .map((c) => ({
                exp_labels: { node_id: c.node_id, rule, severity: c.severity },
                exp_annotations: { summary: summary(rule, byNode.get(c.node_id)!) },
              })),
          })),
        },
      ],
    };
    const file = join(tmp, 'alerts.test.yml');
    writeFileSync(file, JSON.stringify(test, null, 2)); // YAML is a superset of JSON
    const run = spawnSync(promtool, ['test', 'rules', file], { encoding: 'utf8' });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toContain('SUCCESS');
  });
});
