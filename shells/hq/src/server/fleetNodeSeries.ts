import type { NodeHealth } from '@jil/fleet';

/** One sample of a per-node fleet gauge: metric name, labels, value. */
export interface FleetNodeSample {
  name:
    | 'jil_fleet_node_heartbeat_timestamp_seconds'
    | 'jil_fleet_node_certificate_expiry_timestamp_seconds'
    | 'jil_fleet_node_unsigned_image'
    | 'jil_fleet_node_service_running'
    | 'jil_fleet_node_disk_used_ratio';
  labels: { node_id: string; service?: string };
  value: number;
}

/**
 * The per-node gauges behind docs/prometheus-alerts.yml — the inputs of HQ's five fleet alerts (`evaluateAlerts` of
 * `@jil/fleet`), for the active nodes only, as HQ serves them at `/metrics`:
 * - `jil_fleet_node_heartbeat_timestamp_seconds` — the last heartbeat (the enrolment when none yet), Unix seconds;
 * - `jil_fleet_node_certificate_expiry_timestamp_seconds` — `notAfter` of the node's certificate, Unix seconds;
 * - `jil_fleet_node_unsigned_image` — 1 when the running image digest has no HQ signature, else 0;
 * - `jil_fleet_node_service_running{service}` — 1 per reported service that is `running`, else 0;
 * - `jil_fleet_node_disk_used_ratio` — used fraction of the data disk, 0–1.
 * `node_id` is the only node label (bounded by the fleet, no secret in it). Pure: the alert-rule tests feed the same
 * node facts to this and to `evaluateAlerts`.
 */
export function fleetNodeSeries(nodes: readonly NodeHealth[], signedDigests: ReadonlySet<string>): FleetNodeSample[] {
  const out: FleetNodeSample[] = [];
  for (const n of nodes) {
    if (n.status !== 'active') continue;
    const labels = { node_id: n.node_id };
    const heartbeat = Date.parse(n.last_heartbeat_at ?? n.enrolled_at);
    // An unparseable time is stale for HQ: 0 (the epoch) is stale for the rule too.
    out.push({ name: 'jil_fleet_node_heartbeat_timestamp_seconds', labels, value: Number.isFinite(heartbeat) ? heartbeat / 1000 : 0 });
    if (n.certificate_not_after !== undefined) {
      const notAfter = Date.parse(n.certificate_not_after);
      out.push({
        name: 'jil_fleet_node_certificate_expiry_timestamp_seconds',
        labels,
        value: Number.isFinite(notAfter) ? notAfter / 1000 : 0,
      });
    }
    if (n.running_digest !== undefined)
      out.push({ name: 'jil_fleet_node_unsigned_image', labels, value: signedDigests.has(n.running_digest) ? 0 : 1 });
    for (const s of n.services ?? [])
      out.push({ name: 'jil_fleet_node_service_running', labels: { ...labels, service: s.name }, value: s.state === 'running' ? 1 : 0 });
    if (n.disk_used_ratio !== undefined) out.push({ name: 'jil_fleet_node_disk_used_ratio', labels, value: n.disk_used_ratio });
  }
  return out;
}
