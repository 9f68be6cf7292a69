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
export {
  AGENT_JOBS,
  DEFAULT_AGENT_JOBS_CONFIG,
  type AgentJobContext,
  type AgentJobName,
  type AgentJobReport,
  type AgentJobsConfig,
  type FindingSeverity,
  type JobFinding,
} from './jobs/AgentJobContext.js';
export { DockerNodeEngine } from './jobs/DockerNodeEngine.js';
export { fetchSignedReleases, type SignedReleases } from './jobs/fetchSignedReleases.js';
export type { DanglingImage, NodeContainer, NodeEngine, PublishedPort } from './jobs/NodeEngine.js';
export { runHealthJob, type HealthSummary } from './jobs/runHealthJob.js';
export { runImageUpdateJob, type ImageUpdateSummary } from './jobs/runImageUpdateJob.js';
export { runMaintenanceJob, type MaintenanceSummary } from './jobs/runMaintenanceJob.js';
export { runSecurityAuditJob, runsAsRoot, type SecurityAuditSummary } from './jobs/runSecurityAuditJob.js';
export {
  AGENT_JOB_RUNNERS,
  scheduleAgentJobs,
  sendJobReport,
  type AgentJobSchedule,
  type ScheduledJobContext,
} from './jobs/scheduleAgentJobs.js';
