import { assessAgentReport } from '@jil/fleet';
import type { HqContext } from '../app/HqContext.js';
import { record } from '../app/record.js';

/** What an agent reports through `verify-deployment`. */
export interface AgentReport {
  outcome: 'verified' | 'refused' | 'failed' | 'stopped';
  command_id?: string;
  job_id?: string | null;
  release_id?: string;
  digest?: string;
  repo_digests?: string[];
  code?: string;
  message?: string;
  check?: string;
  details?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * What agents report (`verify-deployment`): verified deployments, refusals and failures. What a report counts as is
 * `@jil/fleet`'s `assessAgentReport`: a `verified` report counts only when the reported digest is the release's and
 * the engine's RepoDigests list `repository@digest`; otherwise HQ records it as refused (`FLEET_DIGEST_MISMATCH`).
 * Every report is stored and audited with the agent's code.
 */
export class ReportService {
  readonly #ctx: HqContext;

  constructor(ctx: HqContext) {
    this.#ctx = ctx;
  }

  /**
   * `POST /v1/fleet/nodes/:nodeId/verify-deployment`: what the agent did. A `verified` report counts only when the
   * reported digest is the release's and the engine's RepoDigests list `repository@digest`; otherwise HQ records the
   * deployment as refused (`FLEET_DIGEST_MISMATCH`). Refusals are audited with the agent's code.
   */
  async report(nodeId: string, r: AgentReport): Promise<{ accepted: boolean; outcome: string; code?: string }> {
    const ctx = this.#ctx;
    const now = ctx.clock();
    const release = r.release_id === undefined ? undefined : await ctx.store.releases.get(r.release_id);
    const image = release === undefined ? undefined : await ctx.store.images.get(release.image_id);
    const { outcome, code, accepted, targetStatus } = assessAgentReport(
      { outcome: r.outcome, code: r.code, digest: r.digest, repoDigests: r.repo_digests },
      release === undefined || image === undefined ? undefined : { repository: image.repository, digest: release.digest },
    );
    const jobId = typeof r.job_id === 'string' ? r.job_id : null;
    await ctx.store.deployments.insert(
      {
        node_id: nodeId,
        job_id: jobId,
        release_id: release?.release_id ?? null,
        command_id: r.command_id ?? null,
        digest: r.digest ?? null,
        outcome,
        code,
        details: { check: r.check, message: r.message, reported_outcome: r.outcome, ...r.details },
      },
      now,
    );
    if (jobId !== null && targetStatus !== null && (await ctx.store.jobs.get(jobId)) !== undefined) {
      await ctx.store.jobs.setTarget(jobId, nodeId, targetStatus, now, { code, message: r.message ?? null });
    }
    if (outcome === 'verified' && r.digest !== undefined) {
      await ctx.store.nodes.setRunningDigest(nodeId, r.digest);
      if ((await ctx.store.nodes.get(nodeId))?.status === 'stopped') await ctx.store.nodes.setStatus(nodeId, 'active');
    }
    const auditOutcome = outcome === 'verified' || outcome === 'stopped' ? 'ok' : outcome;
    await record(
      ctx,
      { actor: `agent:${nodeId}`, action: `agent.${outcome === 'verified' ? 'deployed' : outcome}`, target: `node:${nodeId}` },
      auditOutcome,
      {
        code: code ?? undefined,
        check: r.check,
        command_id: r.command_id,
        job_id: jobId ?? undefined,
        release_id: r.release_id,
        digest: r.digest,
        details: r.details,
      },
    );
    return { accepted, outcome, ...(code === null ? {} : { code }) };
  }
}
