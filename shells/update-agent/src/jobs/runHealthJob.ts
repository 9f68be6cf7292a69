import { availableParallelism, cpus, freemem, loadavg, totalmem } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { isJilError } from '@jil/core';
import { agentHealth } from '../agent/agentPresence.js';
import {
  diskUsedRatio,
  isAgentContainer,
  jobReport,
  type AgentJobContext,
  type AgentJobReport,
  type JobFinding,
} from './AgentJobContext.js';

/** What the health job measured. */
export interface HealthSummary {
  /** Container counts by state and health. */
  containers: { total: number; running: number; exited: number; healthy: number; unhealthy: number; starting: number };
  /** Unhealthy containers restarted in this run. */
  restarted: { id: string; name: string }[];
  host: {
    /** `busy_ratio`: share of non-idle CPU time over a short sample (0–1); `load1`: 1-minute load average. */
    cpu: { cores: number; load1: number; busy_ratio: number };
    memory: { total_bytes: number; free_bytes: number; used_ratio: number };
    /** Used fraction of the agent's state disk (0–1), `null` when unreadable. */
    disk_used_ratio: number | null;
  };
  /** Whether HQ took the heartbeat. */
  heartbeat_sent: boolean;
}

async function cpuBusyRatio(sampleMs: number): Promise<number> {
  const total = () =>
    cpus().reduce((a, c) => ({ idle: a.idle + c.times.idle, all: a.all + Object.values(c.times).reduce((x, y) => x + y, 0) }), {
      idle: 0,
      all: 0,
    });
  const a = total();
  await sleep(sampleMs);
  const b = total();
  const all = b.all - a.all;
  return all > 0 ? Math.round((1 - (b.idle - a.idle) / all) * 1000) / 1000 : 0;
}

/**
 * The health job (every 60 s): reads every container's state and Docker health, restarts the unhealthy ones (never
 * the agent's own container), measures the host's CPU, memory and disk, and sends the heartbeat HQ's alert rules
 * read (`POST /v1/heartbeats`: `service_down`, `disk_full`, `unsigned_image`). The returned report carries the
 * container counts; the scheduler sends it to HQ.
 *
 * @param ctx - see {@link AgentJobContext}.
 * @param options - `cpuSampleMs`: length of the CPU sample (default 200 ms).
 * @returns the report: a `container_unhealthy` finding (warning) per restarted container, `container_restart_failed`
 *   (critical) when a restart failed, `heartbeat_failed` (warning) when HQ did not take the heartbeat.
 * @throws JilError `FLEET_ENGINE_ERROR` when the engine cannot list containers.
 * @see DESIGN.md §Fleet; issue 14 §Self-maintaining nodes
 * @example
 * import { runHealthJob } from '@jil/shell-update-agent';
 * const report = await runHealthJob(ctx);
 */
export async function runHealthJob(ctx: AgentJobContext, options: { cpuSampleMs?: number } = {}): Promise<AgentJobReport<HealthSummary>> {
  const startedAt = ctx.clock();
  const containers = await ctx.node.listContainers(ctx.config.containerLabels);
  const findings: JobFinding[] = [];
  const restarted: { id: string; name: string }[] = [];
  for (const c of containers) {
    if (c.health !== 'unhealthy' || c.state !== 'running' || isAgentContainer(ctx, c)) continue;
    try {
      await ctx.node.restartContainer(c.id, ctx.config.restartTimeoutSeconds);
      restarted.push({ id: c.id, name: c.name });
      findings.push({
        rule: 'container_unhealthy',
        severity: 'warning',
        message: `${c.name} was unhealthy and was restarted`,
        details: { container: c.name, id: c.id, restarted: true },
      });
    } catch (error) {
      findings.push({
        rule: 'container_restart_failed',
        severity: 'critical',
        message: `${c.name} is unhealthy and could not be restarted`,
        details: { container: c.name, id: c.id, code: isJilError(error) ? error.code : 'INTERNAL' },
      });
    }
  }
  const count = (p: (c: (typeof containers)[number]) => boolean): number => containers.filter(p).length;
  const total = totalmem();
  const free = freemem();
  let heartbeatSent = false;
  try {
    await ctx.hq.post('/v1/heartbeats', await agentHealth(ctx));
    heartbeatSent = true;
  } catch (error) {
    findings.push({
      rule: 'heartbeat_failed',
      severity: 'warning',
      message: 'HQ did not take the heartbeat',
      details: { code: isJilError(error) ? error.code : 'INTERNAL' },
    });
  }
  return jobReport(ctx, 'health', startedAt, findings, {
    containers: {
      total: containers.length,
      running: count((c) => c.state === 'running'),
      exited: count((c) => c.state === 'exited'),
      healthy: count((c) => c.health === 'healthy'),
      unhealthy: count((c) => c.health === 'unhealthy'),
      starting: count((c) => c.health === 'starting'),
    },
    restarted,
    host: {
      cpu: {
        cores: availableParallelism(),
        load1: Math.round((loadavg()[0] ?? 0) * 100) / 100,
        busy_ratio: await cpuBusyRatio(options.cpuSampleMs ?? 200),
      },
      memory: { total_bytes: total, free_bytes: free, used_ratio: Math.round((1 - free / total) * 1000) / 1000 },
      disk_used_ratio: await diskUsedRatio(ctx.stateDir),
    },
    heartbeat_sent: heartbeatSent,
  });
}
