import { JilError } from '@jil/core';
import { requireArray, requireDate, requireRecord } from '../internal/requireDate.js';

/** The alert rules of the fleet (DESIGN.md §Fleet). */
export const ALERT_RULES = ['heartbeat_stale', 'certificate_expiring', 'unsigned_image', 'service_down', 'disk_full'] as const;

/** One of {@link ALERT_RULES}. */
export type AlertRule = (typeof ALERT_RULES)[number];

/** `warning` or `critical`. */
export type AlertSeverity = 'warning' | 'critical';

/** What HQ knows about one node when it evaluates alerts. */
export interface NodeHealth {
  node_id: string;
  /** Only `active` nodes are evaluated (revoked and stopped nodes raise nothing). */
  status: string;
  /** When the node was enrolled, RFC 3339: a node without heartbeats is stale once this is old enough. */
  enrolled_at: string;
  last_heartbeat_at?: string | undefined;
  /** `notAfter` of the node's current certificate, RFC 3339. */
  certificate_not_after?: string | undefined;
  /** Digest of the image the node reports running. */
  running_digest?: string | undefined;
  /** Services the node reports, with their state (`running`, `exited`, `missing`, …). */
  services?: readonly { name: string; state: string }[] | undefined;
  /** Used fraction of the data disk, 0–1. */
  disk_used_ratio?: number | undefined;
}

/** Alert thresholds; defaults follow the design. */
export interface AlertThresholds {
  /** Heartbeat older than this is stale (default 5 min). */
  heartbeatStaleMs: number;
  /** Certificate expiring within this is a warning (default 30 days). */
  certificateWarningMs: number;
  /** … and within this critical (default 7 days). */
  certificateCriticalMs: number;
  /** Disk used fraction above this raises `disk_full` (default 0.9). */
  diskUsedRatio: number;
}

/** Default {@link AlertThresholds}. */
export const DEFAULT_ALERT_THRESHOLDS: Readonly<AlertThresholds> = Object.freeze({
  heartbeatStaleMs: 5 * 60_000,
  certificateWarningMs: 30 * 86_400_000,
  certificateCriticalMs: 7 * 86_400_000,
  diskUsedRatio: 0.9,
});

/** A condition that holds now; its `key` (`rule:node_id`) identifies the alert across evaluations. */
export interface AlertCondition {
  key: string;
  rule: AlertRule;
  severity: AlertSeverity;
  node_id: string;
  message: string;
  details: Record<string, unknown>;
}

/** Options of {@link evaluateAlerts}. */
export interface EvaluateAlertsOptions {
  now: Date;
  /** Digests with a valid HQ image signature. */
  signedDigests: ReadonlySet<string>;
  thresholds?: Partial<AlertThresholds>;
}

/**
 * Evaluates every rule for every active node, purely: heartbeat stale (> 5 min, critical), certificate expiring
 * (< 30 days warning, < 7 days or expired critical), unsigned image running (critical), a reported service not
 * running (critical), disk above 90 % (warning). Run it on a timer and feed the result to `reconcileAlerts`.
 *
 * @param nodes - see {@link NodeHealth}.
 * @param options - see {@link EvaluateAlertsOptions}.
 * @returns the conditions that hold at `now`, at most one per rule and node.
 * @throws JilError `INVALID_ARGUMENT` for a bad `now` or threshold.
 * @example
 * import { evaluateAlerts } from '@jil/fleet';
 * const conditions = evaluateAlerts(nodes, { now: new Date(), signedDigests: new Set(signed) });
 */
export function evaluateAlerts(nodes: readonly NodeHealth[], options: EvaluateAlertsOptions): AlertCondition[] {
  requireArray(nodes, 'nodes');
  requireRecord(options, 'options');
  const now = requireDate(options.now, 'now');
  const t = { ...DEFAULT_ALERT_THRESHOLDS, ...options.thresholds };
  for (const [k, v] of Object.entries(t)) {
    if (typeof v !== 'number' || !(v > 0))
      throw new JilError('INVALID_ARGUMENT', `thresholds.${k} must be positive`, { details: { field: `thresholds.${k}` } });
  }
  const out: AlertCondition[] = [];
  const add = (
    node: NodeHealth,
    rule: AlertRule,
    severity: AlertSeverity,
    message: string,
    details: Record<string, unknown> = {},
  ): void => {
    out.push({ key: `${rule}:${node.node_id}`, rule, severity, node_id: node.node_id, message, details });
  };
  for (const node of nodes) {
    if (node.status !== 'active') continue;
    const last = Date.parse(node.last_heartbeat_at ?? node.enrolled_at);
    if (!Number.isFinite(last) || now - last > t.heartbeatStaleMs) {
      add(
        node,
        'heartbeat_stale',
        'critical',
        node.last_heartbeat_at === undefined ? 'no heartbeat since enrolment' : 'heartbeat is stale',
        {
          last_heartbeat_at: node.last_heartbeat_at ?? null,
        },
      );
    }
    if (node.certificate_not_after !== undefined) {
      const left = Date.parse(node.certificate_not_after) - now;
      if (!(left >= t.certificateCriticalMs)) {
        add(node, 'certificate_expiring', 'critical', left <= 0 ? 'certificate expired' : 'certificate expires within 7 days', {
          not_after: node.certificate_not_after,
        });
      } else if (left < t.certificateWarningMs) {
        add(node, 'certificate_expiring', 'warning', 'certificate expires within 30 days', { not_after: node.certificate_not_after });
      }
    }
    if (node.running_digest !== undefined && !options.signedDigests.has(node.running_digest)) {
      add(node, 'unsigned_image', 'critical', 'node runs an image HQ did not sign', { digest: node.running_digest });
    }
    const down = (node.services ?? []).filter((s) => s.state !== 'running').map((s) => s.name);
    if (down.length > 0) add(node, 'service_down', 'critical', `service not running: ${down.join(', ')}`, { services: down });
    if (node.disk_used_ratio !== undefined && node.disk_used_ratio > t.diskUsedRatio) {
      add(node, 'disk_full', 'warning', `disk ${Math.round(node.disk_used_ratio * 100)} % full`, { disk_used_ratio: node.disk_used_ratio });
    }
  }
  return out;
}
