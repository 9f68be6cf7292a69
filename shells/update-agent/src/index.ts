/** The update agent shell: verifies HQ's signed commands, pulls by digest, recreates the managed container. */
export { UpdateAgent, type CommandOutcome, type UpdateAgentDependencies } from './agent/UpdateAgent.js';
export type { AgentHealth } from './agent/agentPresence.js';
export { startAgent, type RunningAgent, type StartAgentOptions } from './bootstrap/startAgent.js';
export { carryOverSpec } from './deploy/carryOverSpec.js';
export {
  deployImage,
  FLEET_LABELS,
  type DeployImageParameters,
  type DeployImageResult,
  type ManagedContainer,
} from './deploy/deployImage.js';
export type { ContainerConfig, ContainerEngine, ContainerInfo, ContainerSpec, ImageInfo } from './engine/ContainerEngine.js';
export { DockerEngine } from './engine/DockerEngine.js';
export { HqClient, NODE_CERTIFICATE_HEADER, type HqClientOptions } from './hq/HqClient.js';
export { createAgentServer, type AgentServerOptions } from './server/createAgentServer.js';
export { AgentAuditLog } from './state/AgentAuditLog.js';
export { AgentStateStore, type AgentStateData } from './state/AgentStateStore.js';
