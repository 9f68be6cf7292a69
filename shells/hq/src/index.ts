/** Fleet HQ: registry records, signed releases, distribution, audit, CA, alerts, webhooks, dashboard. */
export { startHq, type RunningHq, type StartHqOptions } from './bootstrap/startHq.js';
export { createHqServer } from './server/createHqServer.js';
export type { HqServices } from './server/HqServices.js';
export type { HqContext, HqSettings } from './app/HqContext.js';
export {
  fetchManifest,
  defaultRegistryScheme,
  MAX_MANIFEST_BYTES,
  type FetchedManifest,
  type FetchManifestOptions,
} from './registry/fetchManifest.js';
export { createHqStore, type HqStore } from './storage/HqStore.js';
export { migrateHq, HQ_MIGRATIONS_DIR } from './storage/hqMigrations.js';
export { AlertLoop, type AlertTickResult } from './alerts/AlertLoop.js';
export { WebhookDispatcher } from './alerts/WebhookDispatcher.js';
export { Distributor, type DistributionScope } from './fleet/Distributor.js';
export { postToAgent, type AgentAnswer } from './fleet/postToAgent.js';
export { stopNode } from './fleet/stopNode.js';
export { NodeService, nodeAccessKeyId } from './fleet/NodeService.js';
export { ReportService, type AgentReport } from './fleet/ReportService.js';
export { RegistryService } from './registry/RegistryService.js';
export { ReleaseService } from './registry/ReleaseService.js';
export { initHqState, loadHqState, type HqState } from './bootstrap/hqState.js';
