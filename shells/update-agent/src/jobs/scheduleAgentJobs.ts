import { isJilError, JilError } from '@jil/core';
import { AGENT_JOBS, jobReport, type AgentJobContext, type AgentJobName, type AgentJobReport } from './AgentJobContext.js';
import { runHealthJob } from './runHealthJob.js';
import { runImageUpdateJob } from './runImageUpdateJob.js';
import { runMaintenanceJob } from './runMaintenanceJob.js';
import { runSecurityAuditJob } from './runSecurityAuditJob.js';

/** The running schedule of {@link scheduleAgentJobs}. */
export interface AgentJobSchedule {
  /** Runs one job now (a run already under way is awaited instead), sends its report to HQ and returns it. */
  run(job: AgentJobName): Promise<AgentJobReport & { sent: boolean }>;
  /** The last report of each job that ran. */
  last(): Partial<Record<AgentJobName, AgentJobReport>>;
  /** Clears the timers (a run under way finishes). */
  stop(): void;
}

/** The job functions by name. */
export const AGENT_JOB_RUNNERS: Readonly<Record<AgentJobName, (ctx: ScheduledJobContext) => Promise<AgentJobReport>>> = Object.freeze({
  health: (ctx) => runHealthJob(ctx),
  maintenance: (ctx) => runMaintenanceJob(ctx),
  security_audit: (ctx) => runSecurityAuditJob(ctx),
  image_update: (ctx) => runImageUpdateJob(ctx),
});

/** {@link AgentJobContext} plus the agent's command queue, so a scheduled deployment never overlaps a pushed one. */
export type ScheduledJobContext = AgentJobContext & { exclusive?: <T>(run: () => Promise<T>) => Promise<T> };

/**
 * Sends a job report to HQ (`POST /v1/fleet/nodes/:nodeId/job-reports`, HMAC with the node key plus the node
 * certificate, like the heartbeat). HQ audits it as `agent.job.<job>`.
 * @returns whether HQ took it; never throws (an unreachable HQ is logged, the report stays in `last()`).
 */
export async function sendJobReport(ctx: Pick<AgentJobContext, 'hq' | 'nodeId' | 'log'>, report: AgentJobReport): Promise<boolean> {
  try {
    await ctx.hq.post(`/v1/fleet/nodes/${encodeURIComponent(ctx.nodeId)}/job-reports`, report);
    return true;
  } catch (error) {
    ctx.log.warn({ code: isJilError(error) ? error.code : 'INTERNAL', job: report.job }, 'job report to HQ failed');
    return false;
  }
}

/**
 * Schedules the four jobs of every node at `ctx.config.intervalsMs` (health 60 s, maintenance 24 h, security audit
 * 6 h, image update 4 h; an interval of 0 disables a job's timer, `run` still works). Each run's report goes to HQ
 * with {@link sendJobReport}; a job that throws is reported with `status: failed` and a `job_failed` finding. Runs
 * of one job never overlap. Timers are unref'd.
 *
 * @param ctx - see {@link ScheduledJobContext}.
 * @returns {@link AgentJobSchedule}.
 * @throws JilError `CONFIG_INVALID` when an interval is negative or not a number.
 * @see DESIGN.md §Fleet; issue 14 §Self-maintaining nodes
 * @example
 * import { scheduleAgentJobs } from '@jil/shell-update-agent';
 * const jobs = scheduleAgentJobs(ctx);
 * await jobs.run('health');
 */
export function scheduleAgentJobs(ctx: ScheduledJobContext): AgentJobSchedule {
  const busy = new Map<AgentJobName, Promise<AgentJobReport & { sent: boolean }>>();
  const last: Partial<Record<AgentJobName, AgentJobReport>> = {};
  const once = async (job: AgentJobName): Promise<AgentJobReport & { sent: boolean }> => {
    const startedAt = ctx.clock();
    let report: AgentJobReport;
    try {
      report = await AGENT_JOB_RUNNERS[job](ctx);
    } catch (error) {
      const code = isJilError(error) ? error.code : 'INTERNAL';
      report = {
        ...jobReport(ctx, job, startedAt, [], {}),
        status: 'failed',
        findings: [{ rule: 'job_failed', severity: 'critical', message: `the ${job} job failed`, details: { code } }],
      };
    }
    last[job] = report;
    return { ...report, sent: await sendJobReport(ctx, report) };
  };
  const run = (job: AgentJobName): Promise<AgentJobReport & { sent: boolean }> => {
    let p = busy.get(job);
    if (p === undefined) {
      p = once(job).finally(() => busy.delete(job));
      busy.set(job, p);
    }
    return p;
  };
  const timers: NodeJS.Timeout[] = [];
  for (const job of AGENT_JOBS) {
    const ms = ctx.config.intervalsMs[job];
    if (typeof ms !== 'number' || !(ms >= 0)) {
      for (const t of timers) clearInterval(t);
      throw new JilError('CONFIG_INVALID', `intervalsMs.${job} must be a non-negative number`, {
        details: { field: `intervalsMs.${job}` },
      });
    }
    if (ms === 0) continue;
    const t = setInterval(() => void run(job), ms);
    t.unref();
    timers.push(t);
  }
  return {
    run,
    last: () => ({ ...last }),
    stop: () => {
      for (const t of timers) clearInterval(t);
    },
  };
}
