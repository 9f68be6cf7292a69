import { isJilError, JilError } from '@jil/core';
import {
  verifyAgentRequest,
  type AuditOutcome,
  type CommandAction,
  type FleetFailure,
  type TrustKeyring,
  type VerifiedAgentRequest,
} from '@jil/fleet';
import { deployImage, FLEET_LABELS, type ManagedContainer } from '../deploy/deployImage.js';
import type { ContainerEngine } from '../engine/ContainerEngine.js';
import type { HqClient } from '../hq/HqClient.js';
import type { AgentAuditLog } from '../state/AgentAuditLog.js';
import type { AgentStateStore } from '../state/AgentStateStore.js';
import { claimedCommand, pick } from './claimedCommand.js';
import { withTimeout } from './withTimeout.js';
import { agentHealth, registerWithHq, type AgentHealth } from './agentPresence.js';

/** Dependencies of {@link UpdateAgent}. */
export interface UpdateAgentDependencies {
  nodeId: string;
  nodeSecret: Uint8Array;
  /** The agent's own pinned trust policy. */
  trust: TrustKeyring;
  engine: ContainerEngine;
  state: AgentStateStore;
  audit: AgentAuditLog;
  hq: HqClient;
  container: ManagedContainer;
  clock: () => Date;
  /** Where this agent listens, as HQ should call it. */
  agentUrl: string;
  /** The agent's own container id when it runs in one (never recreated). */
  selfContainerId?: string | undefined;
  /** Directory whose disk usage the heartbeat reports. */
  stateDir: string;
  /** How long the agent waits for HQ to take a report, ms (default 5 000). */
  reportTimeoutMs?: number;
  log: { info(o: object, m: string): void; warn(o: object, m: string): void };
}

/** The outcome of one command, as answered to HQ. */
export interface CommandOutcome {
  outcome: 'deployed' | 'stopped';
  command_id: string;
  digest?: string;
  repo_digests?: string[];
  container_id?: string;
  recreated?: boolean;
}

/**
 * The update agent: verifies each command with `verifyAgentRequest` against its own pinned policy and rollback
 * floor, deploys by digest (`deployImage`), keeps a local hash-chained audit log, and reports every outcome — refusals
 * included — to HQ. One command runs at a time. The agent never recreates or restarts its own container.
 */
export class UpdateAgent {
  readonly #d: UpdateAgentDependencies;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(deps: UpdateAgentDependencies) {
    this.#d = deps;
  }

  /**
   * Verifies and executes a command posted to `/v1/pull` (`action` `pull`) or `/v1/stop` (`stop`).
   * @throws JilError with the failing check's code (`FLEET_*`, `AUTH_BAD_SIGNATURE`), or the deployment error.
   */
  handle(request: unknown, action: CommandAction): Promise<CommandOutcome> {
    const run = this.#queue.then(() => this.#handle(request, action));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Runs `work` in the command queue, after the commands before it (the scheduled image update uses it). */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #handle(request: unknown, action: CommandAction): Promise<CommandOutcome> {
    const d = this.#d;
    const now = d.clock();
    const verdict = await verifyAgentRequest(request, {
      trust: d.trust,
      nodeId: d.nodeId,
      nodeSecret: d.nodeSecret,
      now,
      accepted: (track) => d.state.data.accepted[track],
      nonceStore: d.state,
    });
    if (!verdict.valid) return this.#refuse(verdict, request);
    const { command } = verdict;
    if (command.action !== action) {
      return this.#refuse(
        { valid: false, check: 'body', code: 'FLEET_ENVELOPE_INVALID', message: `this endpoint takes ${action} commands`, details: {} },
        request,
      );
    }
    return action === 'pull' ? this.#pull(verdict) : this.#stop(verdict);
  }

  async #pull(v: VerifiedAgentRequest): Promise<CommandOutcome> {
    const d = this.#d;
    const release = v.release!;
    const { repository, digest } = release.image;
    const base = { command_id: v.command.command_id, job_id: v.command.job_id ?? null, release_id: release.release_id, digest };
    try {
      const result = await deployImage(d.engine, {
        repository,
        digest,
        container: d.container,
        labels: {
          [FLEET_LABELS.managedBy]: 'jil-update-agent',
          [FLEET_LABELS.node]: d.nodeId,
          [FLEET_LABELS.release]: `${release.track}/${release.version}`,
        },
        selfContainerId: d.selfContainerId,
      });
      await d.state.update((s) => {
        s.accepted[release.track] = { version: release.version, digest, release_id: release.release_id };
        s.current = {
          release_id: release.release_id,
          track: release.track,
          version: release.version,
          digest,
          repository,
          container_id: result.containerId,
          deployed_at: d.clock().toISOString(),
        };
      });
      await this.#record('pull.deployed', 'ok', {
        ...base,
        track: release.track,
        version: release.version,
        recreated: result.recreated,
        approvers: v.approverIds ?? [],
      });
      await this.#report({
        outcome: 'verified',
        ...base,
        repo_digests: result.repoDigests,
        container_id: result.containerId,
        image_id: result.imageId,
      });
      return {
        outcome: 'deployed',
        command_id: v.command.command_id,
        digest,
        repo_digests: result.repoDigests,
        container_id: result.containerId,
        recreated: result.recreated,
      };
    } catch (error) {
      const e = isJilError(error) ? error : new JilError('FLEET_ENGINE_ERROR', 'deployment failed', { cause: error });
      const outcome = e.code === 'FLEET_ENGINE_ERROR' ? 'failed' : 'refused';
      await this.#record(`pull.${outcome}`, outcome, {
        ...base,
        code: e.code,
        ...pick(e.details, ['step', 'restored', 'expected', 'actual']),
      });
      await this.#report({
        outcome,
        ...base,
        code: e.code,
        message: e.message,
        details: pick(e.details, ['step', 'restored', 'expected', 'actual']),
      });
      throw e;
    }
  }

  async #stop(v: VerifiedAgentRequest): Promise<CommandOutcome> {
    const d = this.#d;
    const existing = await d.engine.inspectContainer(d.container.name);
    if (
      existing &&
      (existing.config.Labels?.[FLEET_LABELS.role] === 'update-agent' ||
        (d.selfContainerId !== undefined && existing.id.startsWith(d.selfContainerId)))
    ) {
      throw new JilError('FLEET_SELF_UPDATE_REFUSED', 'the managed container is the agent itself', {
        details: { container: d.container.name },
      });
    }
    if (existing) await d.engine.stopContainer(existing.id, d.container.stopTimeoutSeconds ?? 10);
    await this.#record('stop.done', 'ok', { command_id: v.command.command_id, container: d.container.name, found: existing !== undefined });
    await this.#report({ outcome: 'stopped', command_id: v.command.command_id });
    return { outcome: 'stopped', command_id: v.command.command_id, ...(existing ? { container_id: existing.id } : {}) };
  }

  async #refuse(failure: FleetFailure, request: unknown): Promise<never> {
    const claimed = claimedCommand(request);
    const details = {
      check: failure.check,
      code: failure.code,
      ...claimed,
      ...pick(failure.details, [
        'expected',
        'actual',
        'required',
        'approvers',
        'track',
        'version',
        'accepted_version',
        'expires_at',
        'digest',
        'reason',
      ]),
    };
    await this.#record('command.refused', 'refused', details);
    await this.#report({ outcome: 'refused', code: failure.code, message: failure.message, check: failure.check, ...claimed, details });
    throw new JilError(failure.code, failure.message, { details: { check: failure.check, ...failure.details } });
  }

  async #record(action: string, outcome: AuditOutcome, details: Record<string, unknown>): Promise<void> {
    const d = this.#d;
    await d.audit.append({ at: d.clock().toISOString(), actor: `agent:${d.nodeId}`, action, target: `node:${d.nodeId}`, outcome, details });
  }

  /** Tells HQ what happened; HQ audits it. Never throws: an unreachable HQ is logged, the local log keeps the record. */
  async #report(body: Record<string, unknown>): Promise<void> {
    const d = this.#d;
    try {
      await withTimeout(
        d.hq.post(`/v1/fleet/nodes/${encodeURIComponent(d.nodeId)}/verify-deployment`, { node_id: d.nodeId, ...body }),
        d.reportTimeoutMs ?? 5_000,
      );
    } catch (error) {
      d.log.warn({ code: isJilError(error) ? error.code : 'INTERNAL' }, 'report to HQ failed');
    }
  }

  /** Registers with HQ (at start and every 5 minutes); see `registerWithHq`. */
  register(): Promise<{ serial_number: string; not_after: string }> {
    return registerWithHq(this.#d);
  }

  /** Sends a heartbeat: running digest, managed container state, disk usage. */
  async heartbeat(): Promise<void> {
    await this.#d.hq.post('/v1/heartbeats', await agentHealth(this.#d));
  }

  /** What the heartbeat carries (also part of `GET /v1/status`). */
  health(): Promise<AgentHealth> {
    return agentHealth(this.#d);
  }

  /** `GET /v1/status`. */
  async status(): Promise<Record<string, unknown>> {
    const d = this.#d;
    const { accepted, current, certificate } = d.state.data;
    return {
      node_id: d.nodeId,
      accepted,
      current: current ?? null,
      certificate: certificate === undefined ? null : { serial_number: certificate.serial_number, not_after: certificate.not_after },
      health: await this.health(),
      audit_head: d.audit.head() ?? null,
    };
  }
}
