import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { base64Decode, base64Encode, createSigner, generateKeyPair, signRequest, type DsseEnvelope, type Ed25519Signer } from '@jil/core';
import { approveRelease, createCertificateAuthority, createTrustPolicy, loadTrustPolicy, type Track, type TrustKeyring } from '@jil/fleet';
import { startAgent, type ContainerEngine, type ManagedContainer, type RunningAgent } from '@jil/shell-update-agent';
import type { HqSettings } from '../app/HqContext.js';
import { startHq, type RunningHq } from '../bootstrap/startHq.js';
import { openPglite, type Db } from '@jil/server-kit';

/** Where images come from: a real registry (`pushTestImage`) or a `FakeRegistry`. */
export interface HarnessRegistry {
  address: string;
  publish(path: string, tag: string, release: string): Promise<{ repository: string; tag: string; digest: string }>;
}

/** Options of {@link startFleetHarness}. */
export interface FleetHarnessOptions {
  registry: HarnessRegistry;
  /** The container engine of each node's agent. */
  engineFor: (nodeId: string) => ContainerEngine;
  /** The container each agent manages (default `jil-validator-<node>`). */
  containerFor?: (nodeId: string) => ManagedContainer;
  /** A database (default: a fresh in-memory PGlite, closed with the harness). */
  db?: Db;
  settings?: Partial<HqSettings>;
  /** Alert loop interval (default 0: tests call `hq.services.alerts.tick()`). */
  alertIntervalMs?: number;
  webhookTickMs?: number;
  webhookRetryBaseMs?: number;
  logger?: boolean;
}

/** Answer of a harness HTTP call. */
export interface HarnessAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

/** A running fleet on loopback: HQ, approvers' keys, a reader key, agents on demand. */
export interface FleetHarness {
  hq: RunningHq;
  trust: TrustKeyring;
  /** HQ's signing key (tests forge with it to prove the agent's own checks). */
  hqSigner: Ed25519Signer;
  approvers: Record<'alice' | 'bob' | 'carol', Ed25519Signer>;
  agents: Map<string, RunningAgent>;
  nodeSecrets: Map<string, Uint8Array>;
  /** The container a node's agent manages. */
  containerName(nodeId: string): string;
  /** Shifts the clock of HQ and every agent (expiry scenarios). */
  advance(ms: number): void;
  now(): Date;
  admin<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<HarnessAnswer<T>>;
  read<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<HarnessAnswer<T>>;
  /** Enrols a node and starts its agent (self-registration included). */
  addNode(nodeId: string, jurisdiction: string, track: Track): Promise<RunningAgent>;
  /** Publishes an image, registers and signs it on HQ, creates a release and collects the approvals. */
  release(p: {
    name: string;
    path: string;
    tag: string;
    content: string;
    track: Track;
    approvers: ('alice' | 'bob' | 'carol')[];
    sign?: boolean;
  }): Promise<{ digest: string; repository: string; releaseId: string; status: number; body: Record<string, unknown> }>;
  /** Starts a distribution and waits until the job has finished. */
  distribute(releaseId: string, scope?: { node_ids?: string[]; jurisdiction?: string }): Promise<HarnessAnswer>;
  close(): Promise<void>;
}

/**
 * Starts a whole fleet on loopback for tests, the demo and the benchmark: HQ (PGlite unless a database is given)
 * with fresh keys, a CA and a trust policy of three approvers, and agents started on demand with the given engines.
 * Test tooling: keys are generated per run and live in memory.
 * @example
 * import { FakeRegistry, startFleetHarness } from '@jil/shell-hq/testing';
 */
export async function startFleetHarness(options: FleetHarnessOptions): Promise<FleetHarness> {
  let offset = 0;
  const clock = (): Date => new Date(Date.now() + offset);
  const seed = generateKeyPair().secretKey;
  const hqSigner = createSigner(seed);
  const approvers = {
    alice: createSigner(generateKeyPair().secretKey),
    bob: createSigner(generateKeyPair().secretKey),
    carol: createSigner(generateKeyPair().secretKey),
  };
  const trust = loadTrustPolicy(
    createTrustPolicy({
      hqPublicKeys: [hqSigner.publicKey],
      approvers: Object.entries(approvers).map(([approverId, s]) => ({ approverId, publicKey: s.publicKey })),
    }),
  );
  const adminToken = base64Encode(globalThis.crypto.getRandomValues(new Uint8Array(36)));
  const db = options.db ?? (await openPglite());
  const stateRoot = mkdtempSync(join(tmpdir(), 'jil-fleet-'));
  const hq = await startHq({
    db,
    signingSeed: seed,
    trust,
    ca: await createCertificateAuthority({ now: clock() }),
    adminToken,
    clock,
    settings: { agentTimeoutMs: 60_000, ...options.settings },
    alertIntervalMs: options.alertIntervalMs ?? 0,
    webhookTickMs: options.webhookTickMs ?? 0,
    webhookRetry: { baseMs: options.webhookRetryBaseMs ?? 1_000 },
    logger: options.logger ?? false,
  });
  const call = async <T>(method: string, path: string, body: unknown, headers: Record<string, string>): Promise<HarnessAnswer<T>> => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const response = await fetch(`${hq.url}${path}`, {
      method,
      headers: { ...headers, ...(text === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(text === undefined ? {} : { body: text }),
    });
    return { status: response.status, body: (await response.json()) as T };
  };
  const admin = <T>(method: string, path: string, body?: unknown) => call<T>(method, path, body, { authorization: `Bearer ${adminToken}` });
  const key = await admin<{ access_key_id: string; secret_b64: string }>('POST', '/v1/fleet/access-keys', { label: 'harness' });
  const readerSecret = base64Decode(key.body.secret_b64);
  const read = <T>(method: string, path: string, body?: unknown) => {
    const text = body === undefined ? '' : JSON.stringify(body);
    return call<T>(
      method,
      path,
      body,
      signRequest({ method, url: path, body: text, accessKeyId: key.body.access_key_id, secret: readerSecret, now: clock() }),
    );
  };
  const agents = new Map<string, RunningAgent>();
  const nodeSecrets = new Map<string, Uint8Array>();
  const harness: FleetHarness = {
    hq,
    trust,
    hqSigner,
    approvers,
    agents,
    nodeSecrets,
    containerName: (nodeId) => (options.containerFor?.(nodeId) ?? { name: `jil-validator-${nodeId}` }).name,
    advance: (ms) => {
      offset += ms;
    },
    now: clock,
    admin,
    read,
    async addNode(nodeId, jurisdiction, track) {
      const enrolled = await admin<{ secret_b64: string }>('POST', '/v1/fleet/nodes', { node_id: nodeId, jurisdiction, track });
      if (enrolled.status !== 201) throw new Error(`enrol ${nodeId}: ${JSON.stringify(enrolled.body)}`);
      const nodeSecret = base64Decode(enrolled.body.secret_b64);
      nodeSecrets.set(nodeId, nodeSecret);
      const agent = await startAgent({
        nodeId,
        nodeSecret,
        hqUrl: hq.url,
        trust,
        engine: options.engineFor(nodeId),
        container: options.containerFor?.(nodeId) ?? { name: `jil-validator-${nodeId}` },
        stateDir: join(stateRoot, nodeId),
        clock,
        logger: options.logger ?? false,
      });
      agents.set(nodeId, agent);
      return agent;
    },
    async release(p) {
      const pushed = await options.registry.publish(p.path, p.tag, p.content);
      const registered = await admin<{ digest: string }>('POST', '/v1/registry/images', {
        name: p.name,
        reference: `${pushed.repository}:${pushed.tag}`,
      });
      if (registered.status !== 201) throw new Error(`register: ${JSON.stringify(registered.body)}`);
      if (p.sign !== false) {
        const signed = await admin('POST', `/v1/registry/images/${p.name}/sign`, { digest: registered.body.digest });
        if (signed.status !== 200) throw new Error(`sign: ${JSON.stringify(signed.body)}`);
      }
      const created = await admin<{ release_id: string; envelope: DsseEnvelope }>('POST', '/v1/registry/release', {
        name: p.name,
        track: p.track,
        digest: registered.body.digest,
      });
      if (created.status !== 201)
        return {
          digest: registered.body.digest,
          repository: pushed.repository,
          releaseId: '',
          status: created.status,
          body: created.body as unknown as Record<string, unknown>,
        };
      let last: HarnessAnswer = created as unknown as HarnessAnswer;
      for (const who of p.approvers) {
        const { signature } = approveRelease(created.body.envelope, approvers[who]);
        last = await admin('POST', `/v1/registry/images/${p.name}/promote`, {
          release_id: created.body.release_id,
          approver_id: who,
          signature,
        });
        if (last.status !== 200) throw new Error(`promote: ${JSON.stringify(last.body)}`);
      }
      return {
        digest: registered.body.digest,
        repository: pushed.repository,
        releaseId: created.body.release_id,
        status: last.status,
        body: last.body,
      };
    },
    async distribute(releaseId, scope = {}) {
      const started = await admin<{ job_id?: string }>('POST', '/v1/fleet/distribute', { release_id: releaseId, ...scope });
      if (started.status !== 202) return started as HarnessAnswer;
      await hq.services.distributor.settled();
      return read('GET', `/v1/fleet/distribute/${started.body.job_id}`);
    },
    async close() {
      for (const a of agents.values()) await a.stop();
      await hq.close();
      if (options.db === undefined) await db.close();
      rmSync(stateRoot, { recursive: true, force: true });
    },
  };
  return harness;
}
