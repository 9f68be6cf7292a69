import { statfs } from 'node:fs/promises';
import { generateNodeKey } from '@jil/fleet';
import { FLEET_LABELS } from '../deploy/deployImage.js';
import type { UpdateAgentDependencies } from './UpdateAgent.js';

/** What a heartbeat carries: running digest, managed container state, disk usage. */
export interface AgentHealth {
  node_id: string;
  at: string;
  running_digest: string | null;
  services: { name: string; state: string }[];
  disk_used_ratio: number | null;
}

/**
 * Registers the agent with HQ (at start and every 5 minutes): sends the agent URL and its TLS public key, stores the
 * certificate HQ's CA issues. The private key is generated here once and never leaves the agent.
 * @throws JilError from HQ (`FLEET_NODE_REVOKED` for a revoked node) or `CLIENT_NETWORK`.
 */
export async function registerWithHq(d: UpdateAgentDependencies): Promise<{ serial_number: string; not_after: string }> {
  if (d.state.data.node_key === undefined) {
    const key = await generateNodeKey();
    await d.state.update((s) => (s.node_key = { public_key_pem: key.publicKeyPem, private_key_pem: key.privateKeyPem }));
  }
  const answer = await d.hq.post<{ certificate_pem: string; serial_number: string; not_after: string; ca_certificate_pem: string }>(
    `/v1/fleet/nodes/${encodeURIComponent(d.nodeId)}/register-agent`,
    {
      agent_url: d.agentUrl,
      public_key_pem: d.state.data.node_key!.public_key_pem,
      container_name: d.container.name,
      accepted: d.state.data.accepted,
    },
  );
  await d.state.update(
    (s) =>
      (s.certificate = {
        pem: answer.certificate_pem,
        serial_number: answer.serial_number,
        not_after: answer.not_after,
        ca_pem: answer.ca_certificate_pem,
      }),
  );
  d.hq.certificatePem = answer.certificate_pem;
  return { serial_number: answer.serial_number, not_after: answer.not_after };
}

/** The node's health as the heartbeat reports it. */
export async function agentHealth(
  d: Pick<UpdateAgentDependencies, 'engine' | 'container' | 'state' | 'stateDir' | 'nodeId' | 'clock'>,
): Promise<AgentHealth> {
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
    services:
      container === undefined && d.state.data.current === undefined
        ? []
        : [{ name: d.container.name, state: container?.state ?? 'missing' }],
    disk_used_ratio: disk,
  };
}
