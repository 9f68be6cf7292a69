import { JilError, uuidv7 } from '@jil/core';
import { agentAnswerOutcome, buildAgentRequest, createCommandBody, releaseBodyIssues, signCommand, type ReleaseBody } from '@jil/fleet';
import type { HqContext } from '../app/HqContext.js';
import { record, refuse } from '../app/record.js';
import type { NodeRecord } from '../storage/NodeRepository.js';
import type { ReleaseRecord } from '../storage/ReleaseRepository.js';
import { nodeAccessKeyId } from './NodeService.js';
import { postToAgent } from './postToAgent.js';
import type { ReleaseService } from '../registry/ReleaseService.js';

/** Which nodes a distribution targets. */
export interface DistributionScope {
  /** Explicit node ids (each must be active and on the release's track). */
  nodeIds?: string[] | undefined;
  /** Every active node of a jurisdiction on the release's track. */
  jurisdiction?: string | undefined;
}

/**
 * Distribution jobs: checks the release as an agent would (HQ signature, approvals of the pinned policy, expiry) and
 * that its image carries HQ's signature, then sends every target node its own signed command (node-bound, single-use
 * nonce, 5-minute window, HMAC transport signature with the node's secret) with a bounded concurrency. The target
 * state machine is `@jil/fleet`'s (`nextTargetStatus`, applied by `JobRepository.setTarget`; `agentAnswerOutcome`
 * reads the agent's answer): `pending → sent → deployed → verified | refused | failed`; the agent's own report makes a
 * target `verified`.
 */
export class Distributor {
  readonly #ctx: HqContext;
  readonly #releases: ReleaseService;
  readonly #running = new Set<Promise<void>>();

  constructor(ctx: HqContext, releases: ReleaseService) {
    this.#ctx = ctx;
    this.#releases = releases;
  }

  /** Starts a job and returns its id at once; `settled()` waits for running jobs. */
  async distribute(actor: string, releaseId: string, scope: DistributionScope): Promise<{ job_id: string; targets: string[] }> {
    const ctx = this.#ctx;
    const release = await ctx.store.releases.get(releaseId);
    if (release === undefined) throw new JilError('NOT_FOUND', 'no such release', { details: { release_id: releaseId } });
    const subject = { actor, action: 'distribution.create', target: `release:${releaseId}` };
    const image = await ctx.store.images.get(release.image_id);
    if (image?.signature === undefined)
      return refuse(ctx, subject, {
        code: 'FLEET_IMAGE_UNSIGNED',
        message: 'only signed images can be distributed',
        details: { digest: release.digest },
      });
    const check = await this.#releases.checkReleasable(release);
    if (!check.valid)
      return refuse(ctx, subject, { code: check.code, message: check.message, details: { check: check.check, ...check.details } });
    const targets = await this.#targets(subject, release, scope);
    const jobId = uuidv7(ctx.clock());
    const scopeText =
      scope.nodeIds !== undefined
        ? `nodes:${scope.nodeIds.join(',')}`
        : scope.jurisdiction !== undefined
          ? `jurisdiction:${scope.jurisdiction}`
          : `track:${release.track}`;
    await ctx.store.jobs.create(
      jobId,
      releaseId,
      actor,
      scopeText,
      targets.map((n) => n.node_id),
      ctx.clock(),
    );
    await record(ctx, { ...subject, target: `job:${jobId}` }, 'ok', {
      release_id: releaseId,
      track: release.track,
      version: release.version,
      digest: release.digest,
      targets: targets.map((n) => n.node_id),
    });
    const run = this.#run(jobId, release, targets).catch((error: unknown) =>
      ctx.log.error({ err: error, job_id: jobId }, 'distribution job failed'),
    );
    this.#running.add(run);
    void run.finally(() => this.#running.delete(run));
    return { job_id: jobId, targets: targets.map((n) => n.node_id) };
  }

  /** Resolves when every running job has finished (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.#running.size > 0) await Promise.all([...this.#running]);
  }

  async #targets(
    subject: { actor: string; action: string; target: string },
    release: ReleaseRecord,
    scope: DistributionScope,
  ): Promise<NodeRecord[]> {
    const ctx = this.#ctx;
    if (scope.nodeIds !== undefined) {
      const nodes: NodeRecord[] = [];
      for (const id of scope.nodeIds) {
        const node = await ctx.store.nodes.get(id);
        if (node === undefined) throw new JilError('NOT_FOUND', 'no such node', { details: { node_id: id } });
        if (node.status === 'revoked')
          return refuse(ctx, subject, { code: 'FLEET_NODE_REVOKED', message: 'the node is revoked', details: { node_id: id } });
        if (node.status !== 'active' && node.status !== 'stopped')
          return refuse(ctx, subject, {
            code: 'FLEET_STATE_CONFLICT',
            message: 'the node has no registered agent',
            details: { reason: 'not_registered', node_id: id },
          });
        if (node.track !== release.track)
          return refuse(ctx, subject, {
            code: 'FLEET_STATE_CONFLICT',
            message: 'the node follows another track',
            details: { reason: 'track', node_id: id, node_track: node.track },
          });
        nodes.push(node);
      }
      return nodes;
    }
    const all = await ctx.store.nodes.list(scope.jurisdiction);
    const nodes = all.filter((n) => (n.status === 'active' || n.status === 'stopped') && n.track === release.track && n.agent_url !== null);
    if (nodes.length === 0)
      return refuse(ctx, subject, {
        code: 'FLEET_STATE_CONFLICT',
        message: 'no registered node matches the scope',
        details: { reason: 'no_targets', jurisdiction: scope.jurisdiction },
      });
    return nodes;
  }

  async #run(jobId: string, release: ReleaseRecord, targets: NodeRecord[]): Promise<void> {
    const queue = [...targets];
    const worker = async (): Promise<void> => {
      for (let node = queue.shift(); node !== undefined; node = queue.shift()) await this.#send(jobId, release, node);
    };
    await Promise.all(Array.from({ length: Math.min(this.#ctx.settings.distributionConcurrency, targets.length) }, worker));
    await this.#ctx.store.jobs.complete(jobId, this.#ctx.clock());
  }

  async #send(jobId: string, release: ReleaseRecord, node: NodeRecord): Promise<void> {
    const ctx = this.#ctx;
    const body = JSON.parse(Buffer.from(release.envelope.payload, 'base64').toString('utf8')) as ReleaseBody;
    if (releaseBodyIssues(body).length > 0) throw new JilError('INTERNAL', 'stored release body is invalid');
    const image = await ctx.store.images.get(release.image_id);
    const key = await ctx.store.accessKeys.get(nodeAccessKeyId(node.node_id));
    const subject = { actor: 'hq', action: 'distribution.command', target: `node:${node.node_id}` };
    if (key === undefined || key.revoked || node.agent_url === null || image?.signature === undefined) {
      await ctx.store.jobs.setTarget(jobId, node.node_id, 'failed', ctx.clock(), {
        code: 'FLEET_STATE_CONFLICT',
        message: 'node cannot be reached',
      });
      await record(ctx, subject, 'failed', { job_id: jobId, code: 'FLEET_STATE_CONFLICT' });
      return;
    }
    const now = ctx.clock();
    const command = createCommandBody({
      action: 'pull',
      nodeId: node.node_id,
      now,
      release: body,
      jobId,
      ttlMs: ctx.settings.commandTtlMs,
    });
    const request = buildAgentRequest({
      command: signCommand(command, [ctx.signer]),
      body: command,
      release: release.envelope,
      imageSignature: image.signature,
      nodeSecret: key.secret,
      now,
    });
    await ctx.store.jobs.setTarget(jobId, node.node_id, 'sent', now, { commandId: command.command_id });
    const answer = await postToAgent(node.agent_url, '/v1/pull', request, ctx.settings.agentTimeoutMs, ctx.agentFetch);
    const { status, code } = agentAnswerOutcome({ httpStatus: answer.status, errorCode: answer.body?.error?.code });
    const message = typeof answer.body?.error?.message === 'string' ? answer.body.error.message : null;
    await ctx.store.jobs.setTarget(jobId, node.node_id, status, ctx.clock(), { code, message });
    await record(ctx, subject, status === 'deployed' ? 'ok' : status, {
      job_id: jobId,
      command_id: command.command_id,
      release_id: release.release_id,
      digest: release.digest,
      status: answer.status,
      code: code ?? undefined,
    });
  }
}
