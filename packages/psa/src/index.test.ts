import { describe, expect, it } from 'vitest';
import * as main from './index.js';
import * as ingest from './ingest/index.js';
import * as verify from './verify.js';

// The public surface of each entry point is locked: a change here is a deliberate API change (add a changeset).
describe('@jil/psa public surface', () => {
  it('@jil/psa/verify exports exactly these values', () => {
    expect(Object.keys(verify).sort()).toEqual(['LOG_ENTRY_MAX_BYTES', 'PSA_CHECKS', 'PSA_PAYLOAD_TYPE', 'PsaBodySchema', 'TX_PREIMAGE_HASH_ALGS', 'VALIDATOR_SET_PAYLOAD_TYPE', 'ValidatorSetSchema', 'WITNESS_NAME_PREFIX', 'isVerifiedValidatorSet', 'psaDigestEntry', 'psaLogEntry', 'verifyPsa', 'verifyQuorum', 'verifyValidatorSet', 'verifyValidatorSetChain', 'witnessName', 'witnessVerifierKeys']);
  });

  it('@jil/psa exports exactly these values', () => {
    expect(Object.keys(main).sort()).toEqual([
      'ACCEPTED_CHAIN_IDS', 'CHAIN_FAMILIES', 'CHAIN_ID_SPELLINGS', 'CompactAddressIndex', 'DATASET_STAGES', 'DEFAULT_MAX_LIST_AGE_DAYS',
      'DEFAULT_MAX_LIST_AGE_FALLBACK_DAYS', 'DEFAULT_STAGE_DEADLINES_MS', 'EMBEDDED_JURISDICTIONS', 'EquivocationDetector',
      'HARD_CATEGORIES', 'INFO_CATEGORIES', 'LOG_ENTRY_MAX_BYTES', 'MemoryAddressIndex', 'MemoryClearanceStore', 'MemoryRiskHistoryStore',
      'PARTY_SALT_BYTES', 'PSA_CHECKS', 'PSA_PAYLOAD_TYPE', 'PartySchema', 'PsaBodySchema', 'REVIEWED_STAGES', 'SANCTIONS_MATCHER', 'STAGE_NAMES',
      'SignProposalRequestSchema', 'SignProposalResponseSchema', 'TX_PREIMAGE_HASH_ALGS', 'TransferRequestSchema', 'VALIDATOR_PEER_PROTOCOL',
      'VALIDATOR_SET_PAYLOAD_TYPE', 'VALIDATOR_SIGN_PATH', 'ValidatorSetSchema', 'WITNESS_NAME_PREFIX',
      'addValidator', 'addressKeyFromListing', 'assertListFreshnessOptions', 'buildPsaBody', 'chainFamilyOf',
      'changeThreshold', 'collectQuorum', 'cosignCheckpoint', 'createEndpointsStage', 'createKycStage', 'createPreclearanceEngine',
      'createProposalReviewer',
      'createRiskStage', 'createSanctionsStage', 'datasetFreshness', 'decideVerdict', 'decodeAddressIndex',
      'embeddedValidatorFromSeed', 'encodeAddressIndex', 'fromMinorUnits', 'generateEmbeddedValidators',
      'isVerifiedValidatorSet', 'newPartySalts', 'normalizeAddress', 'normalizeChainId', 'parseTransferRequest', 'partyCommitment', 'preclearanceFeeCents', 'psaDigestEntry', 'psaLogEntry',
      'revokeValidator', 'riskBand', 'rotateValidatorKey', 'runStages', 'selectQuorum',
      'signNextValidatorSet', 'signValidatorSet', 'staleListsOf', 'toChecksumAddress', 'toMinorUnits', 'txPreimageHash',
      'validatorKey', 'validatorSetFor', 'verifyPsa', 'verifyQuorum', 'verifyValidatorSet',
      'verifyValidatorSetChain', 'withListFreshness', 'witnessName', 'witnessVerifierKeys', 'zodFieldIssues',
    ]);
  });

  it('@jil/psa/ingest exposes the loaders and one parser per source format', () => {
    const names = Object.keys(ingest);
    for (const n of ['ingestDatasets', 'buildSnapshot', 'loadSnapshot', 'readSnapshotFile', 'writeSnapshotFile', 'parseOfacSdn', 'parseUnConsolidated', 'parseOfacCryptoList', 'parseUltrasoundCsv', 'parseScamSnifferAddresses', 'parseScamSnifferCombined', 'parseMewDarklist', 'parseEtherscanLabels', 'parseLazarusCsv', 'parseFatfCsv', 'parseIbanRegistry', 'parseBankRegistry']) {
      expect(names).toContain(n);
    }
  });

  it('the verify entry point pulls in no ingest or Node-only module', async () => {
    const { readFileSync } = await import('node:fs');
    const { resolve } = await import('node:path');
    const seen = new Set<string>();
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const src = readFileSync(file, 'utf8');
      expect([file, /from 'node:/.test(src)]).toEqual([file, false]);
      for (const m of src.matchAll(/from '(\.[^']+)'/g)) walk(resolve(file, '..', m[1]!.replace(/\.js$/, '.ts')));
    };
    walk(resolve(import.meta.dirname, 'verify.ts'));
    expect([...seen].some((f) => f.includes('/ingest/'))).toBe(false);
  });
});
