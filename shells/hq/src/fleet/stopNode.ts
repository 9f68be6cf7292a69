import { isErrorCode } from '@jil/core';
import { buildAgentRequest, createCommandBody, signCommand } from '@jil/fleet';
import type { HqContext } from '../app/HqContext.js';
import { record, refuse } from '../app/record.js';
import type { NodeRecord } from '../storage/NodeRepository.js';
import { nodeAccessKeyId } from './NodeService.js';
import { postToAgent, type AgentAnswer } from './postToAgent.js';

/**
 * `POST /v1/fleet/nodes/:id/stop`: sends one node a signed `stop` command (node-bound, single-use nonce, 5 minutes,
 * transport HMAC) and returns the agent's answer; the node becomes `stopped` (not an outage for the alert rules).
 * @throws JilError `FLEET_STATE_CONFLICT` when the node has no reachable agent.
 */
export async function stopNode(ctx: HqContext, actor: string, node: NodeRecord): Promise<AgentAnswer> {
  const subject = { actor, action: 'node.stop', target: `node:${node.node_id}` };
  const key = await ctx.store.accessKeys.get(nodeAccessKeyId(node.node_id));
  if (node.agent_url === null || key === undefined || key.revoked)
    return refuse(ctx, subject, {
      code: 'FLEET_STATE_CONFLICT',
      message: 'the node has no reachable agent',
      details: { reason: 'not_registered' },
    });
  const now = ctx.clock();
  const command = createCommandBody({ action: 'stop', nodeId: node.node_id, now, ttlMs: ctx.settings.commandTtlMs });
  const request = buildAgentRequest({ command: signCommand(command, [ctx.signer]), body: command, nodeSecret: key.secret, now });
  const answer = await postToAgent(node.agent_url, '/v1/stop', request, ctx.settings.agentTimeoutMs, ctx.agentFetch);
  if (answer.status === 200) await ctx.store.nodes.setStatus(node.node_id, 'stopped');
  await record(ctx, subject, answer.status === 200 ? 'ok' : 'failed', {
    command_id: command.command_id,
    status: answer.status,
    code: isErrorCode(answer.body?.error?.code) ? answer.body.error.code : undefined,
  });
  return answer;
}
