import { int8ToNumber, type Metrics } from '@jil/server-kit';
import type { NodeHealth } from '@jil/fleet';
import type { HqStore } from '../storage/HqStore.js';
import type { NodeRecord } from '../storage/NodeRepository.js';
import { fleetNodeSeries, type FleetNodeSample } from './fleetNodeSeries.js';

/** Distribution job states (`distribution_jobs.status`); each is reported, at 0 when no job is in it. */
const JOB_STATES = ['running', 'completed'] as const;
/** Per-node target states (`distribution_targets.status`). */
const TARGET_STATES = ['pending', 'sent', 'deployed', 'verified', 'refused', 'failed'] as const;

const NODE_GAUGES: Record<FleetNodeSample['name'], string> = {
  jil_fleet_node_heartbeat_timestamp_seconds: 'Last heartbeat of each active node (its enrolment when none yet), Unix seconds',
  jil_fleet_node_certificate_expiry_timestamp_seconds: "notAfter of each active node's certificate, Unix seconds",
  jil_fleet_node_unsigned_image: 'Whether the image an active node runs lacks an HQ signature (1) or not (0)',
  jil_fleet_node_service_running: 'Whether each service an active node reports is running (1) or not (0)',
  jil_fleet_node_disk_used_ratio: "Used fraction of each active node's data disk, 0 to 1",
};

/** The facts `evaluateAlerts` reads, from a node row (as HQ's alert loop builds them). */
const health = (n: NodeRecord): NodeHealth => ({
  node_id: n.node_id,
  status: n.status,
  enrolled_at: n.enrolled_at,
  last_heartbeat_at: n.last_heartbeat_at ?? undefined,
  certificate_not_after: n.certificate_not_after ?? undefined,
  running_digest: n.running_digest ?? undefined,
  services: n.heartbeat?.services,
  disk_used_ratio: n.heartbeat?.disk_used_ratio ?? undefined,
});

/**
 * HQ's fleet series (docs/operations.md §Metrics), read from the database at scrape time:
 * - `jil_fleet_distribution_jobs{state}` — distribution jobs by state (`running`, `completed`);
 * - `jil_fleet_distribution_targets{state}` — the jobs' per-node targets by state (`pending` … `failed`);
 * - `jil_fleet_nodes{status}` — enrolled nodes by status;
 * - the per-node gauges of {@link fleetNodeSeries}, which docs/prometheus-alerts.yml turns into HQ's five alerts.
 *
 * A database that does not answer leaves these out of that scrape (the scrape itself still succeeds).
 * @throws JilError `INVALID_ARGUMENT` when these series are already registered in `metrics`.
 */
export function registerHqMetrics(metrics: Metrics, store: HqStore): void {
  const countBy = async (table: 'distribution_jobs' | 'distribution_targets' | 'nodes'): Promise<Map<string, number>> => {
    const { rows } = await store.db.query<{ status: string; n: string | number }>(
      `SELECT status, count(*) AS n FROM ${table} GROUP BY status`,
    );
    return new Map(rows.map((r) => [r.status, int8ToNumber(r.n)]));
  };
  const byState = (name: string, help: string, table: 'distribution_jobs' | 'distribution_targets', states: readonly string[]) =>
    metrics.gauge({
      name,
      help,
      labelNames: ['state'],
      async collect() {
        this.reset();
        const counts = await countBy(table).catch(() => undefined);
        if (counts) for (const state of states) this.set({ state }, counts.get(state) ?? 0);
      },
    });
  byState('jil_fleet_distribution_jobs', 'HQ distribution jobs by state', 'distribution_jobs', JOB_STATES);
  byState('jil_fleet_distribution_targets', 'Per-node targets of HQ distribution jobs by state', 'distribution_targets', TARGET_STATES);
  metrics.gauge({
    name: 'jil_fleet_nodes',
    help: 'Enrolled nodes by status',
    labelNames: ['status'],
    async collect() {
      this.reset();
      const counts = await countBy('nodes').catch(() => undefined);
      for (const [status, n] of counts ?? []) this.set({ status }, n);
    },
  });

  // One read of the nodes per scrape, shared by the per-node gauges (prom-client collects them together).
  let samples: Promise<FleetNodeSample[] | undefined> | undefined;
  const nodeSamples = (): Promise<FleetNodeSample[] | undefined> => {
    samples ??= (async () => fleetNodeSeries((await store.nodes.list()).map(health), await store.images.signedDigests()))()
      .catch(() => undefined)
      .finally(() => setImmediate(() => (samples = undefined)));
    return samples;
  };
  for (const [name, help] of Object.entries(NODE_GAUGES)) {
    metrics.gauge({
      name,
      help,
      labelNames: name === 'jil_fleet_node_service_running' ? ['node_id', 'service'] : ['node_id'],
      async collect() {
        this.reset();
        for (const s of (await nodeSamples()) ?? []) if (s.name === name) this.set(s.labels, s.value);
      },
    });
  }
}
