import { describe, expect, it } from 'vitest';
import { sourceExportNames } from '@jil/testkit';
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

  it('@jil/psa/ingest exports exactly these values: the loaders and one parser per source format', () => {
    expect(Object.keys(ingest).sort()).toEqual(['BIC_DATASET', 'BIC_PATTERN', 'DATASET_DESCRIPTORS', 'DATA_DIR_HINT', 'DPRK_SDN_NAMES', 'ETHERSCAN_DATASET', 'ETHERSCAN_SITES', 'ETHERSCAN_SLUG_CATEGORIES', 'EU_DATASET', 'FATF_DATASET', 'FATF_PLENARY_DATES', 'IBAN_DATASET', 'LAZARUS_DATASET', 'MEW_DATASET', 'NO_OFFICIAL_DOWNLOAD', 'OFAC_CRYPTO_DATASET', 'OFAC_SDN_DATASET', 'OFFICIAL_SOURCES', 'SCAMSNIFFER_DATASET', 'SNAPSHOT_VERSION', 'TICKERS', 'UK_DATASET', 'ULTRASOUND_DATASET', 'UN_DATASET', 'WITHDRAWN_COUNTRY_SUCCESSORS', 'addressIndexPathFor', 'buildManifest', 'buildSnapshot', 'categoriesOfEtherscanLabels', 'countryCode', 'currentCountryCode', 'datasetParseError', 'downloadOfficialDatasets', 'familyOfTicker', 'fatfPlenaryDate', 'hashDatasetFiles', 'ingestDatasets', 'isDprkSdnEntry', 'lazarusListDate', 'loadSnapshot', 'loadSnapshotFile', 'manifestSha256', 'mewEntryDate', 'parseBankRegistry', 'parseEtherscanLabels', 'parseEuConsolidated', 'parseFatfCsv', 'parseIbanRegistry', 'parseLazarusCsv', 'parseMewDarklist', 'parseOfacCryptoList', 'parseOfacSdn', 'parseScamSnifferAddresses', 'parseScamSnifferCombined', 'parseSdnRemarks', 'parseUkSanctionsList', 'parseUltrasoundCsv', 'parseUnConsolidated', 'readAddressIndexFile', 'readSnapshotFile', 'resolveTickerAddress', 'snapshotSha256', 'ukDate', 'writeAddressIndexFile', 'writeSnapshotFile']);
  });

  it('types: exactly these on each entry point (@jil/psa, @jil/psa/verify, @jil/psa/ingest)', () => {
    expect(sourceExportNames(new URL('./index.ts', import.meta.url)).types).toEqual(['AddValidatorOptions', 'AddressHit', 'AddressIndexColumns', 'AddressIndexFileHeader', 'BuildPsaBodyParameters', 'ChangeThresholdOptions', 'ClearanceStore', 'CollectQuorumParameters', 'CollectQuorumResult', 'CosignCheckpointParameters', 'CosignCheckpointResult', 'DatasetFreshness', 'EmbeddedValidator', 'EmbeddedValidatorOptions', 'EncodeAddressIndexOptions', 'EquivocationDetectorOptions', 'Hit', 'IssuedPsa', 'KycHit', 'ListFreshnessOptions', 'NameHit', 'NewValidator', 'NextValidatorSetOptions', 'ObservedSignature', 'Party', 'PartySalts', 'PreclearanceEngine', 'PreclearanceEngineParameters', 'ProposalAccepted', 'ProposalInput', 'ProposalRefused', 'ProposalReview', 'ProposalReviewer', 'ProposalReviewerParameters', 'PsaBody', 'PsaCheck', 'PsaExpectation', 'QuorumSigner', 'RequestValidatorSignature', 'RevokeValidatorOptions', 'RiskHistoryStore', 'RiskSignal', 'RiskStageOptions', 'RotateValidatorKeyOptions', 'RunStagesParameters', 'SanctionsClearance', 'SignProposalRequest', 'SignProposalResponse', 'SignedValidatorSet', 'Stage', 'StageContext', 'StageFinding', 'StageName', 'StageOutput', 'StageStatus', 'StaleList', 'TransferHistoryRecord', 'TransferRequest', 'TxPreimageHashAlg', 'Validator', 'ValidatorKey', 'ValidatorOutcome', 'ValidatorReply', 'ValidatorSet', 'ValidatorSetForParameters', 'ValidatorSuite', 'Verdict', 'VerdictDecision', 'VerifiedValidatorSet', 'VerifyPsaFailure', 'VerifyPsaOptions', 'VerifyPsaResult', 'VerifyQuorumResult', 'VerifyValidatorSetChainOptions', 'VerifyValidatorSetOptions', 'WitnessedTree']);
    expect(sourceExportNames(new URL('./verify.ts', import.meta.url)).types).toEqual(['PsaBody', 'PsaCheck', 'PsaExpectation', 'QuorumSigner', 'SignedValidatorSet', 'TxPreimageHashAlg', 'Validator', 'ValidatorKey', 'ValidatorSet', 'VerifiedValidatorSet', 'VerifyPsaFailure', 'VerifyPsaOptions', 'VerifyPsaResult', 'VerifyQuorumResult', 'VerifyValidatorSetChainOptions', 'VerifyValidatorSetOptions']);
    expect(sourceExportNames(new URL('./ingest/index.ts', import.meta.url)).types).toEqual(['DatasetDescriptor', 'DatasetStats', 'DownloadOfficialOptions', 'DownloadOfficialResult', 'EuConsolidatedResult', 'IngestDatasetsOptions', 'IngestProgress', 'ListedAddress', 'NormalizedSnapshot', 'OfacSdnResult', 'OfficialSource', 'ParseEtherscanLabelsOptions', 'ParseLazarusCsvOptions', 'ParseMewDarklistOptions', 'ParseOfacCryptoListOptions', 'ParseOfacSdnOptions', 'ParseResult', 'ParseScamSnifferOptions', 'ParseUltrasoundCsvOptions', 'RegistryFile', 'SdnRemarks', 'UkSanctionsListResult', 'UnConsolidatedResult']);
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
