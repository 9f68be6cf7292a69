/** The pre-clearance shell: Fastify server, storage, local state. The shared server kit is `@jil/server-kit`. */
export { createServer, type PreclearanceServerOptions } from './server/createServer.js';
export { openApiDocument } from './server/openapi.js';
export { ensureLocalState, type LocalCredentials, type LocalState } from './bootstrap/localState.js';
export {
  startService,
  type DistributedValidatorsOptions,
  type RunningService,
  type StartServiceOptions,
} from './bootstrap/startService.js';
export {
  startNodeMesh,
  startNodePrimary,
  type NodeMesh,
  type NodeMeshOptions,
  type NodePrimaryOptions,
  type RunningNodePrimary,
} from './bootstrap/nodeSingletons.js';
export type { EventMeshHealth } from './server/routes/public.js';
export { createDistributedIssuer, type DistributedIssuerOptions } from './distributed/createDistributedIssuer.js';
export {
  createHttpValidatorTransport,
  type HttpValidatorTransportOptions,
  type ProposalToSign,
} from './distributed/createHttpValidatorTransport.js';
export { embeddedIssuer, type PsaIssuer } from './distributed/PsaIssuer.js';
export {
  EvidenceRepository,
  EVIDENCE_KINDS,
  type EvidenceKind,
  type EvidenceRecord,
  type NewEvidence,
} from './storage/EvidenceRepository.js';
// The node's schema: its numbered migrations (Db, migrate and the HTTP conventions are @jil/server-kit's).
export { migratePreclearance } from './storage/migratePreclearance.js';
// Access keys (issue 13): the admin service, the secret box, the key-encryption key and admin token, the rate limiter.
export {
  AccessKeyAdmin,
  DEFAULT_OVERLAP_SECONDS,
  MAX_OVERLAP_SECONDS,
  type AccessKeyEvent,
  type AccessKeyStatus,
  type AccessKeyView,
  type IssuedAccessKey,
  type KeyRateLimit,
} from './keys/AccessKeyAdmin.js';
export { SecretBox } from './keys/SecretBox.js';
export { DEFAULT_RATE_LIMIT, TokenBucketLimiter } from './keys/TokenBucketLimiter.js';
export { ensureAdminState, type AdminState } from './bootstrap/adminState.js';
// The event mesh (issue 11, docs/architecture.md §Event mesh): buses, the node's relay and consumer, replicated tables.
export { EmbeddedEventBus } from './events/EmbeddedEventBus.js';
export { KafkaEventBus, type KafkaEventBusOptions } from './events/KafkaEventBus.js';
export { EventRelay, type EventRelayOptions } from './events/EventRelay.js';
export { EventConsumer, type ConsumeOutcome, type EventConsumerOptions } from './events/EventConsumer.js';
export { joinEventMesh, startEventMesh, type EventMeshOptions, type RunningEventMesh } from './events/startEventMesh.js';
export { REPLICATED_TABLES, replicatedTableDigest, type ReplicatedTable } from './events/replicatedTables.js';
