import { statfs } from 'node:fs/promises';
import { isJilError, JilError } from '@jil/core';
import { generateNodeKey, verifyAgentRequest, type AuditOutcome, type CommandAction, type FleetFailure, type TrustKeyring, type VerifiedAgentRequest } from '@jil/fleet';
import { deployImage, FLEET_LABELS, type ManagedContainer } from '../deploy/deployImage.js';
import type { ContainerEngine } from '../engine/ContainerEngine.js';
import type { HqClient } from '../hq/HqClient.js';
import type { AgentAuditLog } from '../state/AgentAuditLog.js';
import type { AgentStateStore } from '../state/AgentStateStore.js';

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
      return this.#refuse({ valid: false, check: 'body', code: 'FLEET_ENVELOPE_INVALID', message: `this endpoint takes ${action} commands`, details: {} }, request);
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
        labels: { [FLEET_LABELS.managedBy]: 'jil-update-agent', [FLEET_LABELS.node]: d.nodeId, [FLEET_LABELS.release]: `${release.track}/${release.version}` },
        selfContainerId: d.selfContainerId,
      });
      await d.state.update((s) => {
        s.accepted[release.track] = { version: release.version, digest, release_id: release.release_id };
        s.current = { release_id: release.release_id, track: release.track, version: release.version, digest, repository, container_id: result.containerId, deployed_at: d.clock().toISOString() };
      });
      await this.#record('pull.deployed', 'ok', { ...base, track: release.track, version: release.version, recreated: result.recreated, approvers: v.approverIds ?? [] });
      await this.#report({ outcome: 'verified', ...base, repo_digests: result.repoDigests, container_id: result.containerId, image_id: result.imageId });
      return { outcome: 'deployed', command_id: v.command.command_id, digest, repo_digests: result.repoDigests, container_id: result.containerId, recreated: result.recreated };
    } catch (error) {
      const e = isJilError(error) ? error : new JilError('FLEET_ENGINE_ERROR', 'deployment failed', { cause: error });
      const outcome = e.code === 'FLEET_ENGINE_ERROR' ? 'failed' : 'refused';
      await this.#record(`pull.${outcome}`, outcome, { ...base, code: e.code, ...pick(e.details, ['step', 'restored', 'expected', 'actual']) });
      await this.#report({ outcome, ...base, code: e.code, message: e.message, details: pick(e.details, ['step', 'restored', 'expected', 'actual']) });
      throw e;
    }
  }

  async #stop(v: VerifiedAgentRequest): Promise<CommandOutcome> {
    const d = this.#d;
    const existing = await d.engine.inspectContainer(d.container.name);
    if (existing && (existing.config.Labels?.[FLEET_LABELS.role] === 'update-agent' || (d.selfContainerId !== undefined && existing.id.startsWith(d.selfContainerId)))) {
      throw new JilError('FLEET_SELF_UPDATE_REFUSED', 'the managed container is the agent itself', { details: { container: d.container.name } });
    }
    if (existing) await d.engine.stopContainer(existing.id, d.container.stopTimeoutSeconds ?? 10);
    await this.#record('stop.done', 'ok', { command_id: v.command.command_id, container: d.container.name, found: existing !== undefined });
    await this.#report({ outcome: 'stopped', command_id: v.command.command_id });
    return { outcome: 'stopped', command_id: v.command.command_id, ...(existing ? { container_id: existing.id } : {}) };
  }

  async #refuse(failure: FleetFailure, request: unknown): Promise<never> {
    const claimed = claimedCommand(request);
    const details = { check: failure.check, code: failure.code, ...claimed, ...pick(failure.details, ['expected', 'actual', 'required', 'approvers', 'track', 'version', 'accepted_version', 'expires_at', 'digest', 'reason']) };
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
      await withTimeout(d.hq.post(`/v1/fleet/nodes/${encodeURIComponent(d.nodeId)}/verify-deployment`, { node_id: d.nodeId, ...body }), d.reportTimeoutMs ?? 5_000);
    } catch (error) {
      d.log.warn({ code: isJilError(error) ? error.code : 'INTERNAL' }, 'report to HQ failed');
    }
  }

  /**
   * Registers with HQ (at start and every 5 minutes): sends the agent URL and its TLS public key, receives the node
   * certificate from HQ's CA. The private key is generated here once and never leaves the agent.
   * @throws JilError from HQ (`FLEET_NODE_REVOKED` for a revoked node) or `CLIENT_NETWORK`.
   */
  async register(): Promise<{ serial_number: string; not_after: string }> {
    const d = this.#d;
    if (d.state.data.node_key === undefined) {
      const key = await generateNodeKey();
      await d.state.update((s) => (s.node_key = { public_key_pem: key.publicKeyPem, private_key_pem: key.privateKeyPem }));
    }
    const answer = await d.hq.post<{ certificate_pem: string; serial_number: string; not_after: string; ca_certificate_pem: string }>(
      `/v1/fleet/nodes/${encodeURIComponent(d.nodeId)}/register-agent`,
      { agent_url: d.agentUrl, public_key_pem: d.state.data.node_key!.public_key_pem, container_name: d.container.name, accepted: d.state.data.accepted },
    );
    await d.state.update((s) => (s.certificate = { pem: answer.certificate_pem, serial_number: answer.serial_number, not_after: answer.not_after, ca_pem: answer.ca_certificate_pem }));
    d.hq.certificatePem = answer.certificate_pem;
    return { serial_number: answer.serial_number, not_after: answer.not_after };
  }

  /** Sends a heartbeat: running digest, managed container state, disk usage. */
  async heartbeat(): Promise<void> {
    const d = this.#d;
    await d.hq.post('/v1/heartbeats', await this.health());
  }

  /** What the heartbeat carries (also part of `GET /v1/status`). */
  async health(): Promise<{ node_id: string; at: string; running_digest: string | null; services: { name: string; state: string }[]; disk_used_ratio: number | null }> {
    const d = this.#d;
    const container = await d.engine.inspectContainer(d.container.name).catch(() => undefined);
    const labelled = container?.config.Labels?.[FLEET_LABELS.digest];
    let disk: number | null = null;
    try {
      const s = await statfs(d.stateDir);
      disk = s.blocks > 0 ? Math.round((1 - s.bavail / s.blocks) * 1000) / 1000 : null;
    } catch {
      disk = null;
    }
    return {
      node_id: d.nodeId,
      at: d.clock().toISOString(),
      running_digest: container === undefined ? null : (labelled ?? d.state.data.current?.digest ?? null),
      // Before its first deployment a node runs nothing, which is not an outage; afterwards a missing container is.
      services: container === undefined && d.state.data.current === undefined ? [] : [{ name: d.container.name, state: container?.state ?? 'missing' }],
      disk_used_ratio: disk,
    };
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

function pick(details: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => details[k] !== undefined).map((k) => [k, details[k]]));
}

/** Unverified fields of a refused command (what it claimed), for the audit trail; never trusted. */
function claimedCommand(request: unknown): Record<string, unknown> {
  try {
    const payload = (request as { command?: { payload?: unknown } })?.command?.payload;
    if (typeof payload !== 'string' || payload.length > 8192) return {};
    const body = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of ['command_id', 'node_id', 'release_id', 'job_id']) if (typeof body[k] === 'string' && (body[k] as string).length <= 128) out[`claimed_${k}`] = body[k];
    return out;
  } catch {
    return {};
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new JilError('CLIENT_TIMEOUT', 'timed out')), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
