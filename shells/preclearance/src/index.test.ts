import { describe, expect, it } from 'vitest';
import * as kit from '@jil/server-kit';
import { sourceExportNames } from '@jil/testkit';
import * as shell from './index.js';

describe('@jil/shell-preclearance surface', () => {
  it('exports exactly these values', () => {
    expect(Object.keys(shell).sort()).toEqual([
      'AccessKeyAdmin',
      'DEFAULT_OVERLAP_SECONDS',
      'DEFAULT_RATE_LIMIT',
      'EVIDENCE_KINDS',
      'EmbeddedEventBus',
      'EventConsumer',
      'EventRelay',
      'EvidenceRepository',
      'KafkaEventBus',
      'MAX_OVERLAP_SECONDS',
      'REPLICATED_TABLES',
      'SecretBox',
      'TokenBucketLimiter',
      'createDistributedIssuer',
      'createHttpValidatorTransport',
      'createServer',
      'embeddedIssuer',
      'ensureAdminState',
      'ensureLocalState',
      'joinEventMesh',
      'migratePreclearance',
      'openApiDocument',
      'replicatedTableDigest',
      'startEventMesh',
      'startNodeMesh',
      'startNodePrimary',
      'startService',
    ]);
  });

  it('exports exactly these types', () => {
    expect(sourceExportNames(new URL('./index.ts', import.meta.url)).types).toEqual([
      'AccessKeyEvent',
      'AccessKeyStatus',
      'AccessKeyView',
      'AdminState',
      'ConsumeOutcome',
      'DistributedIssuerOptions',
      'DistributedValidatorsOptions',
      'EventConsumerOptions',
      'EventMeshHealth',
      'EventMeshOptions',
      'EventRelayOptions',
      'EvidenceKind',
      'EvidenceRecord',
      'HttpValidatorTransportOptions',
      'IssuedAccessKey',
      'KafkaEventBusOptions',
      'KeyRateLimit',
      'LocalCredentials',
      'LocalState',
      'NewEvidence',
      'NodeMesh',
      'NodeMeshOptions',
      'NodePrimaryOptions',
      'PreclearanceServerOptions',
      'ProposalToSign',
      'PsaIssuer',
      'ReplicatedTable',
      'RunningEventMesh',
      'RunningNodePrimary',
      'RunningService',
      'StartServiceOptions',
    ]);
  });

  it('re-exports nothing of @jil/server-kit (the shells import the kit themselves)', () => {
    const kitNames = new Set([...Object.keys(kit), ...sourceExportNames(new URL(import.meta.resolve('@jil/server-kit'))).types]);
    expect(kitNames.has('Db') && kitNames.has('migrate')).toBe(true);
    const shellNames = [...Object.keys(shell), ...sourceExportNames(new URL('./index.ts', import.meta.url)).types];
    expect(shellNames.filter((name) => kitNames.has(name))).toEqual([]);
  });
});
