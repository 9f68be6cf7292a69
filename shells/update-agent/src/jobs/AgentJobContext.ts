import { statfs } from 'node:fs/promises';
import { join } from 'node:path';
import type { UpdateAgentDependencies } from '../agent/UpdateAgent.js';
import { FLEET_LABELS } from '../deploy/deployImage.js';
import type { NodeContainer, NodeEngine } from './NodeEngine.js';

/** The four scheduled jobs of every node (DESIGN.md §Fleet, issue 14 §Self-maintaining nodes). */
export const AGENT_JOBS = ['health', 'maintenance', 'security_audit', 'image_update'] as const;

/** One of {@link AGENT_JOBS}. */
export type AgentJobName = (typeof AGENT_JOBS)[number];

/** Settings of the scheduled jobs; {@link DEFAULT_AGENT_JOBS_CONFIG} follows the design. */
export interface AgentJobsConfig {
  /** Interval per job, ms (health 60 s, maintenance 24 h, security audit 6 h, image update 4 h). */
  intervalsMs: Record<AgentJobName, number>;
  /** Grace period when restarting an unhealthy container, seconds. */
  restartTimeoutSeconds: number;
  /** A container log file above this many bytes is rotated (100 MiB). */
  logRotateBytes: number;
  /** Used disk fraction above which maintenance warns (0.85). */
  diskWarningRatio: number;
  /** The agent's own temporary folder (default `<stateDir>/tmp`). */
  tempDir?: string;
  /** Files in `tempDir` older than this are removed, ms (7 days). */
  tempMaxAgeMs: number;
  /** The node certificate expiring within this is reported, ms (14 days). */
  certificateWarningMs: number;
  /** Host ports containers may publish; any other published port is reported. */
  allowedPorts: readonly number[];
  /** Narrows the containers the jobs look at to these labels (`key` or `key=value`); empty = every container. */
  containerLabels: readonly string[];
  /** Narrows image and volume pruning to these labels (`key` or `key=value`); empty = every dangling one. */
  pruneLabels: readonly string[];
}

/** Defaults of {@link AgentJobsConfig}. */
export const DEFAULT_AGENT_JOBS_CONFIG: Readonly<AgentJobsConfig> = Object.freeze({
  intervalsMs: Object.freeze({ health: 60_000, maintenance: 86_400_000, security_audit: 21_600_000, image_update: 14_400_000 }),
  restartTimeoutSeconds: 10,
  logRotateBytes: 100 * 1024 * 1024,
  diskWarningRatio: 0.85,
  tempMaxAgeMs: 7 * 86_400_000,
  certificateWarningMs: 14 * 86_400_000,
  allowedPorts: Object.freeze([]) as readonly number[],
  containerLabels: Object.freeze([]) as readonly string[],
  pruneLabels: Object.freeze([]) as readonly string[],
});

/** What every job needs: the agent's dependencies, the Docker host and the settings. */
export interface AgentJobContext
  extends Pick<
    UpdateAgentDependencies,
    'nodeId' | 'trust' | 'engine' | 'state' | 'audit' | 'hq' | 'container' | 'clock' | 'stateDir' | 'selfContainerId' | 'log'
  > {
  node: NodeEngine;
  config: AgentJobsConfig;
}

/** `info` (done, nothing wrong), `warning`, `critical`. */
export type FindingSeverity = 'info' | 'warning' | 'critical';

/** One thing a job found or did. `rule` is a stable snake_case name (see docs/fleet.md §Agent jobs). */
export interface JobFinding {
  rule: string;
  severity: FindingSeverity;
  message: string;
  details: Record<string, unknown>;
}

/** What a job reports to HQ (`POST /v1/fleet/nodes/:nodeId/job-reports`). */
export interface AgentJobReport<S extends object = object> {
  job: AgentJobName;
  node_id: string;
  started_at: string;
  finished_at: string;
  /** The worst finding's severity (`ok` when none is above `info`), or `failed` when the job could not run. */
  status: 'ok' | 'warning' | 'critical' | 'failed';
  findings: JobFinding[];
  summary: S;
}

/** Builds a report from its findings (status = worst severity). */
export function jobReport<S extends object>(
  ctx: AgentJobContext,
  job: AgentJobName,
  startedAt: Date,
  findings: JobFinding[],
  summary: S,
): AgentJobReport<S> {
  const worst = findings.some((f) => f.severity === 'critical')
    ? 'critical'
    : findings.some((f) => f.severity === 'warning')
      ? 'warning'
      : 'ok';
  return {
    job,
    node_id: ctx.nodeId,
    started_at: startedAt.toISOString(),
    finished_at: ctx.clock().toISOString(),
    status: worst,
    findings,
    summary,
  };
}

/** The agent's own container is never restarted or removed. */
export function isAgentContainer(ctx: Pick<AgentJobContext, 'selfContainerId'>, c: NodeContainer): boolean {
  const self = ctx.selfContainerId;
  return c.labels[FLEET_LABELS.role] === 'update-agent' || (self !== undefined && self.length >= 12 && c.id.startsWith(self));
}

/** The agent's temporary folder. */
export const agentTempDir = (ctx: Pick<AgentJobContext, 'config' | 'stateDir'>): string => ctx.config.tempDir ?? join(ctx.stateDir, 'tmp');

/** Used fraction (0–1, 3 decimals) of the file system holding `path`, or `null` when it cannot be read. */
export async function diskUsedRatio(path: string): Promise<number | null> {
  try {
    const s = await statfs(path);
    return s.blocks > 0 ? Math.round((1 - s.bavail / s.blocks) * 1000) / 1000 : null;
  } catch {
    return null;
  }
}
