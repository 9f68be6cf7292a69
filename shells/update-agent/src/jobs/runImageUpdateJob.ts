import { isJilError, JilError } from '@jil/core';
import { verifyRelease } from '@jil/fleet';
import { deployImage, FLEET_LABELS } from '../deploy/deployImage.js';
import { jobReport, type AgentJobContext, type AgentJobReport, type JobFinding } from './AgentJobContext.js';
import { fetchSignedReleases } from './fetchSignedReleases.js';

/** What the image-update job did. */
export interface ImageUpdateSummary {
  track: string | null;
  /** The digest the node ran before (`null` before the first deployment). */
  running_digest: string | null;
  /** The newest release of the node's track that verified now, if any. */
  latest: { release_id: string; version: number; digest: string } | null;
  /** `up_to_date`, `deployed`, `no_release`, `refused`, `failed`, `unavailable`. */
  outcome: 'up_to_date' | 'deployed' | 'no_release' | 'refused' | 'failed' | 'unavailable';
  container_id?: string;
  repo_digests?: string[];
}

/**
 * The image-update job (every 4 h): the pull side of what HQ's distributions push. Fetches HQ's release records
 * (`fetchSignedReleases`), takes the newest of the node's track and verifies it now with `verifyRelease` against the
 * agent's pinned policy and rollback floor; when its digest is not what runs, deploys it through the agent's deploy
 * path (`deployImage`: pull by digest, RepoDigests check, recreate with the same configuration, old container
 * restored on failure), moves the rollback floor, audits locally and reports the deployment to HQ
 * (`verify-deployment`, outcome `verified`). Runs inside `exclusive` (the agent's command queue) when given.
 *
 * @param ctx - see {@link AgentJobContext}; `exclusive` serializes with pushed commands.
 * @returns the report: `image_updated` (info), `release_refused` when the newest record does not verify now (warning when expired, critical
 *   for a rollback),
 *   `image_update_failed` (critical) when the deployment failed, `releases_unavailable` (warning).
 * @throws never for HQ or engine failures (they are findings); `INTERNAL` on a bug.
 * @see DESIGN.md §Fleet; issue 14 §Self-maintaining nodes
 * @example
 * import { runImageUpdateJob } from '@jil/shell-update-agent';
 * const report = await runImageUpdateJob(ctx);
 */
export async function runImageUpdateJob(
  ctx: AgentJobContext & { exclusive?: <T>(run: () => Promise<T>) => Promise<T> },
): Promise<AgentJobReport<ImageUpdateSummary>> {
  const startedAt = ctx.clock();
  const findings: JobFinding[] = [];
  const running = ctx.state.data.current;
  const container = await ctx.engine.inspectContainer(ctx.container.name);
  const runningDigest = container === undefined ? null : (container.config.Labels?.[FLEET_LABELS.digest] ?? running?.digest ?? null);
  const summary: ImageUpdateSummary = { track: null, running_digest: runningDigest, latest: null, outcome: 'no_release' };
  const done = () => jobReport(ctx, 'image_update', startedAt, findings, summary);

  let releases: Awaited<ReturnType<typeof fetchSignedReleases>>;
  try {
    releases = await fetchSignedReleases(ctx);
  } catch (error) {
    summary.outcome = 'unavailable';
    findings.push({
      rule: 'releases_unavailable',
      severity: 'warning',
      message: 'HQ’s release records could not be fetched',
      details: { code: isJilError(error) ? error.code : 'INTERNAL' },
    });
    return done();
  }
  summary.track = releases.track;
  const newest = releases.verified.filter((r) => r.body.track === releases.track).sort((a, b) => b.body.version - a.body.version)[0];
  if (newest === undefined) return done();
  const { release_id: releaseId, version, image, track } = newest.body;
  summary.latest = { release_id: releaseId, version, digest: image.digest };
  if (runningDigest === image.digest && container?.state === 'running') {
    summary.outcome = 'up_to_date';
    return done();
  }
  const verdict = verifyRelease(newest.envelope, { trust: ctx.trust, now: ctx.clock(), accepted: (t) => ctx.state.data.accepted[t] });
  if (!verdict.valid) {
    // Expired metadata (HQ has not re-issued its latest release) is a warning; a rollback below the floor is not.
    summary.outcome = 'refused';
    findings.push({
      rule: 'release_refused',
      severity: verdict.code === 'FLEET_RELEASE_EXPIRED' ? 'warning' : 'critical',
      message: verdict.message,
      details: { release_id: releaseId, check: verdict.check, code: verdict.code },
    });
    return done();
  }
  const deploy = async () =>
    deployImage(ctx.engine, {
      repository: image.repository,
      digest: image.digest,
      container: ctx.container,
      labels: {
        [FLEET_LABELS.managedBy]: 'jil-update-agent',
        [FLEET_LABELS.node]: ctx.nodeId,
        [FLEET_LABELS.release]: `${track}/${version}`,
      },
      selfContainerId: ctx.selfContainerId,
    });
  const audit = (action: string, outcome: 'ok' | 'failed' | 'refused', details: Record<string, unknown>) =>
    ctx.audit.append({
      at: ctx.clock().toISOString(),
      actor: `agent:${ctx.nodeId}`,
      action,
      target: `node:${ctx.nodeId}`,
      outcome,
      details,
    });
  const report = async (body: Record<string, unknown>) => {
    await ctx.hq
      .post(`/v1/fleet/nodes/${encodeURIComponent(ctx.nodeId)}/verify-deployment`, { node_id: ctx.nodeId, ...body })
      .catch((error: unknown) => {
        ctx.log.warn({ code: isJilError(error) ? error.code : 'INTERNAL' }, 'report to HQ failed');
      });
  };
  try {
    const result = await (ctx.exclusive ? ctx.exclusive(deploy) : deploy());
    await ctx.state.update((s) => {
      s.accepted[track] = { version, digest: image.digest, release_id: releaseId };
      s.current = {
        release_id: releaseId,
        track,
        version,
        digest: image.digest,
        repository: image.repository,
        container_id: result.containerId,
        deployed_at: ctx.clock().toISOString(),
      };
    });
    await audit('update.deployed', 'ok', {
      release_id: releaseId,
      track,
      version,
      digest: image.digest,
      recreated: result.recreated,
      approvers: verdict.approverIds,
    });
    await report({
      outcome: 'verified',
      release_id: releaseId,
      digest: image.digest,
      repo_digests: result.repoDigests,
      container_id: result.containerId,
      image_id: result.imageId,
    });
    summary.outcome = 'deployed';
    summary.container_id = result.containerId;
    summary.repo_digests = result.repoDigests;
    findings.push({
      rule: 'image_updated',
      severity: 'info',
      message: `deployed ${track} version ${version}`,
      details: { release_id: releaseId, digest: image.digest },
    });
  } catch (error) {
    const e = isJilError(error) ? error : new JilError('FLEET_ENGINE_ERROR', 'deployment failed', { cause: error });
    const outcome = e.code === 'FLEET_ENGINE_ERROR' ? 'failed' : 'refused';
    summary.outcome = outcome;
    await audit(`update.${outcome}`, outcome, { release_id: releaseId, digest: image.digest, code: e.code });
    await report({ outcome, release_id: releaseId, digest: image.digest, code: e.code, message: e.message });
    findings.push({
      rule: 'image_update_failed',
      severity: 'critical',
      message: e.message,
      details: { release_id: releaseId, code: e.code, ...e.details },
    });
  }
  return done();
}
