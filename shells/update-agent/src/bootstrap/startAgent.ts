import { isJilError } from '@jil/core';
import type { TrustKeyring } from '@jil/fleet';
import { UpdateAgent } from '../agent/UpdateAgent.js';
import type { ManagedContainer } from '../deploy/deployImage.js';
import type { ContainerEngine } from '../engine/ContainerEngine.js';
import { listenMutualTls, type MutualTlsServerOptions } from '@jil/server-kit/tls';
import { HqClient, type HqClientOptions } from '../hq/HqClient.js';
import { createAgentServer } from '../server/createAgentServer.js';
import { AgentAuditLog } from '../state/AgentAuditLog.js';
import { AgentStateStore } from '../state/AgentStateStore.js';
import { DEFAULT_AGENT_JOBS_CONFIG, type AgentJobsConfig } from '../jobs/AgentJobContext.js';
import type { NodeEngine } from '../jobs/NodeEngine.js';
import { scheduleAgentJobs, type AgentJobSchedule } from '../jobs/scheduleAgentJobs.js';

/** Options of {@link startAgent}. */
export interface StartAgentOptions {
  nodeId: string;
  /** The node's shared secret, issued by HQ at enrolment. */
  nodeSecret: Uint8Array;
  hqUrl: string;
  /**
   * The `fetch` for HQ (default the global one): `createMutualTlsFetch` of `@jil/server-kit/tls` when HQ serves mutual
   * TLS (docs/operations.md §Mutual TLS).
   */
  hqFetch?: HqClientOptions['fetch'];
  /**
   * Serve HQ's commands over mutual TLS only (`createMutualTlsServerOptions` with the node's certificate, usually
   * `allowedNodeIds: [HQ's node id]`); the advertised URL is then `https://…`. Absent: plain HTTP.
   */
  tls?: MutualTlsServerOptions;
  /** The pinned fleet trust policy (never fetched from HQ). */
  trust: TrustKeyring;
  engine: ContainerEngine;
  container: ManagedContainer;
  /** Where state, node key and the local audit log live. */
  stateDir: string;
  /** Listen address (default 127.0.0.1, port 0 = any free port). */
  host?: string;
  port?: number;
  /** URL HQ should call (default `http://host:port` after listening). */
  advertiseUrl?: string;
  clock?: () => Date;
  /** Registration interval, ms (default 300 000 = 5 min). */
  registerIntervalMs?: number;
  /** Heartbeat interval, ms (default 30 000). */
  heartbeatIntervalMs?: number;
  selfContainerId?: string | undefined;
  logger?: boolean | Record<string, unknown>;
  /** The four scheduled jobs (docs/fleet.md §Agent jobs): the Docker host they watch and their settings. Off when absent. */
  jobs?: { node: NodeEngine; config?: Partial<AgentJobsConfig> };
}

/** A running agent. */
export interface RunningAgent {
  /** Base URL it listens on. */
  url: string;
  agent: UpdateAgent;
  state: AgentStateStore;
  audit: AgentAuditLog;
  /** The scheduled jobs, when `options.jobs` was given. */
  jobs: AgentJobSchedule | undefined;
  /** Stops timers and the server (never the managed container). */
  stop(): Promise<void>;
}

/**
 * Starts an update agent: opens its state, listens, registers with HQ (self-registration, then every 5 minutes) and
 * sends heartbeats. HQ being unreachable at start is not fatal; the timers retry.
 * @example
 * import { DockerEngine, startAgent } from '@jil/shell-update-agent';
 * const running = await startAgent({ nodeId, nodeSecret, hqUrl, trust, engine: DockerEngine.fromDockerHost(dockerHost),
 *   container: { name: 'jil-validator' }, stateDir: '/var/lib/jil-agent' });
 */
export async function startAgent(options: StartAgentOptions): Promise<RunningAgent> {
  const clock = options.clock ?? (() => new Date());
  const state = await AgentStateStore.open(options.stateDir);
  const audit = await AgentAuditLog.open(options.stateDir);
  const hq = new HqClient({
    baseUrl: options.hqUrl,
    nodeId: options.nodeId,
    nodeSecret: options.nodeSecret,
    clock,
    ...(options.hqFetch === undefined ? {} : { fetch: options.hqFetch }),
  });
  if (state.data.certificate) hq.certificatePem = state.data.certificate.pem;
  let agentUrl = options.advertiseUrl ?? '';
  const logOptions = options.logger === false ? false : { level: 'info', ...(typeof options.logger === 'object' ? options.logger : {}) };
  const deps = {
    nodeId: options.nodeId,
    nodeSecret: options.nodeSecret,
    trust: options.trust,
    engine: options.engine,
    state,
    audit,
    hq,
    container: options.container,
    clock,
    get agentUrl() {
      return agentUrl;
    },
    selfContainerId: options.selfContainerId,
    stateDir: options.stateDir,
    log: { info: () => undefined, warn: () => undefined } as { info(o: object, m: string): void; warn(o: object, m: string): void },
  };
  const agent = new UpdateAgent(deps);
  const app = createAgentServer({ agent, nodeId: options.nodeId, logger: logOptions });
  deps.log = app.log;
  let url: string;
  let closeServer: () => Promise<void> = () => app.close();
  if (options.tls === undefined) {
    await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
    const address = app.server.address();
    url = typeof address === 'object' && address !== null ? `http://${options.host ?? '127.0.0.1'}:${address.port}` : '';
  } else {
    const listener = await listenMutualTls(app, options.tls, { host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
    url = listener.url;
    closeServer = () => listener.close();
  }
  if (agentUrl === '') agentUrl = url;

  const quietly = (what: string, run: () => Promise<unknown>) => async () => {
    try {
      await run();
    } catch (error) {
      app.log.warn({ code: isJilError(error) ? error.code : 'INTERNAL' }, `${what} failed`);
    }
  };
  const register = quietly('registration', () => agent.register());
  const beat = quietly('heartbeat', () => agent.heartbeat());
  await register();
  await beat();
  const timers = [setInterval(register, options.registerIntervalMs ?? 300_000), setInterval(beat, options.heartbeatIntervalMs ?? 30_000)];
  for (const t of timers) t.unref();
  const jobs =
    options.jobs === undefined
      ? undefined
      : scheduleAgentJobs({
          ...deps,
          node: options.jobs.node,
          config: { ...DEFAULT_AGENT_JOBS_CONFIG, ...options.jobs.config },
          exclusive: (work) => agent.exclusive(work),
        });
  return {
    url,
    agent,
    state,
    audit,
    jobs,
    async stop() {
      jobs?.stop();
      for (const t of timers) clearInterval(t);
      await closeServer();
    },
  };
}
