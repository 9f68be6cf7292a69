/**
 * Update agent entry point (one per validator node). Configuration from the environment:
 *   JIL_AGENT_NODE_ID, JIL_AGENT_SECRET (base64, from HQ's enrolment), JIL_AGENT_HQ_URL,
 *   JIL_AGENT_TRUST_POLICY (path of the pinned fleet-trust.json), DOCKER_HOST (default unix:///var/run/docker.sock),
 *   JIL_AGENT_CONTAINER (managed container name, default jil-validator), JIL_AGENT_STATE_DIR (default .jil/agent),
 *   JIL_AGENT_HOST / JIL_AGENT_PORT (default 127.0.0.1:7401), JIL_AGENT_ADVERTISE_URL,
 *   JIL_AGENT_SELF_CONTAINER_ID (the agent's own container; default $HOSTNAME inside a container),
 *   JIL_AGENT_JOBS (`off` disables the scheduled jobs), JIL_AGENT_ALLOWED_PORTS (host ports containers may publish,
 *   comma-separated), JIL_AGENT_TEMP_DIR (the agent's temp folder; default <state dir>/tmp).
 * Mutual TLS with HQ, both ways (docs/operations.md §Mutual TLS), when JIL_AGENT_TLS_CERT_FILE is set:
 *   JIL_AGENT_TLS_CA_FILE, JIL_AGENT_TLS_CERT_FILE, JIL_AGENT_TLS_KEY_FILE (PEM), JIL_AGENT_CRL_REFRESH_SECONDS
 *   (default 60), JIL_AGENT_HQ_NODE_ID (the node id in HQ's certificate, the only caller accepted; default hq).
 */
import { existsSync, readFileSync } from 'node:fs';
import { base64Decode, isJilError } from '@jil/core';
import { loadTrustPolicy } from '@jil/fleet';
import { checkNodeTlsConfig, createMutualTlsFetch, startNodeTls } from '@jil/server-kit/tls';
import { startAgent } from './bootstrap/startAgent.js';
import { DockerEngine } from './engine/DockerEngine.js';
import { DockerNodeEngine } from './jobs/DockerNodeEngine.js';

function need(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is required`);
  return value;
}

async function main(): Promise<void> {
  const inContainer = existsSync('/.dockerenv');
  const dockerHost = process.env['DOCKER_HOST'] ?? 'unix:///var/run/docker.sock';
  const allowedPorts = (process.env['JIL_AGENT_ALLOWED_PORTS'] ?? '')
    .split(',')
    .filter((p) => p.trim() !== '')
    .map(Number);
  const hqNodeId = process.env['JIL_AGENT_HQ_NODE_ID'] ?? 'hq';
  const tls =
    process.env['JIL_AGENT_TLS_CERT_FILE'] === undefined
      ? undefined
      : await startNodeTls(
          checkNodeTlsConfig(
            {
              caCertificateFile: need('JIL_AGENT_TLS_CA_FILE'),
              certificateFile: need('JIL_AGENT_TLS_CERT_FILE'),
              privateKeyFile: need('JIL_AGENT_TLS_KEY_FILE'),
              hqUrl: need('JIL_AGENT_HQ_URL'),
              crlRefreshSeconds: Number(process.env['JIL_AGENT_CRL_REFRESH_SECONDS'] ?? 60),
              allowedNodeIds: [hqNodeId],
            },
            process.cwd(),
          ),
          { warn: (fields, msg) => console.error(JSON.stringify({ ...fields, msg })) },
        );
  const running = await startAgent({
    nodeId: need('JIL_AGENT_NODE_ID'),
    nodeSecret: base64Decode(need('JIL_AGENT_SECRET')),
    hqUrl: need('JIL_AGENT_HQ_URL'),
    trust: loadTrustPolicy(JSON.parse(readFileSync(need('JIL_AGENT_TRUST_POLICY'), 'utf8')) as unknown),
    engine: DockerEngine.fromDockerHost(dockerHost),
    container: { name: process.env['JIL_AGENT_CONTAINER'] ?? 'jil-validator' },
    stateDir: process.env['JIL_AGENT_STATE_DIR'] ?? '.jil/agent',
    host: process.env['JIL_AGENT_HOST'] ?? '127.0.0.1',
    port: Number(process.env['JIL_AGENT_PORT'] ?? 7401),
    ...(process.env['JIL_AGENT_ADVERTISE_URL'] ? { advertiseUrl: process.env['JIL_AGENT_ADVERTISE_URL'] } : {}),
    selfContainerId: process.env['JIL_AGENT_SELF_CONTAINER_ID'] ?? (inContainer ? process.env['HOSTNAME'] : undefined),
    ...(tls === undefined ? {} : { tls: tls.server, hqFetch: createMutualTlsFetch({ ...tls.identity, serverNodeIds: [hqNodeId] }) }),
    ...(process.env['JIL_AGENT_JOBS'] === 'off'
      ? {}
      : {
          jobs: {
            node: DockerNodeEngine.fromDockerHost(dockerHost),
            config: { allowedPorts, ...(process.env['JIL_AGENT_TEMP_DIR'] ? { tempDir: process.env['JIL_AGENT_TEMP_DIR'] } : {}) },
          },
        }),
  });
  console.log(`update agent for ${need('JIL_AGENT_NODE_ID')} listening on ${running.url}`);
  const stop = async (): Promise<void> => {
    await running.stop();
    tls?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(isJilError(error) ? `${error.code}: ${error.message}` : error);
  process.exitCode = 1;
});
