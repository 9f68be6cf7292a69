/**
 * @jil/psa — transfer schema, screening stages, verdict, PSA build and offline verification.
 * Pure and framework-agnostic: stores and clocks are parameters. Dataset ingest (which reads files) is the
 * separate package `@jil/ingest`; offline verification alone is `@jil/psa/verify`.
 */
export * from './verify.js';
export {
  cosignCheckpoint,
  type CosignCheckpointParameters,
  type CosignCheckpointResult,
  type WitnessedTree,
} from './witness/cosignCheckpoint.js';
export { parseTransferRequest, PartySchema, TransferRequestSchema, type Party, type TransferRequest } from './schema/transferRequest.js';
export { zodFieldIssues } from './schema/checkedZodFieldIssues.js';
export {
  ACCEPTED_CHAIN_IDS,
  addressIndexBodyOffset,
  addressKeyFromListing,
  CHAIN_FAMILIES,
  CHAIN_ID_SPELLINGS,
  chainFamilyOf,
  CompactAddressIndex,
  decodeAddressIndex,
  encodeAddressIndex,
  isHardCategory,
  listingAddressKey,
  MemoryAddressIndex,
  normalizeAddress,
  normalizeChainId,
  toChecksumAddress,
  type AddressIndexColumns,
  type FamilyBlock,
  type AddressIndexFileHeader,
  type EncodeAddressIndexOptions,
} from './address/index.js';
export type * from './datasets/types.js';
export { HARD_CATEGORIES, INFO_CATEGORIES } from './datasets/types.js';
export { SNAPSHOT_VERSION, type DatasetStats, type ListedAddress, type NormalizedSnapshot } from './datasets/NormalizedSnapshot.js';
export {
  STAGE_NAMES,
  type AddressHit,
  type Hit,
  type KycHit,
  type NameHit,
  type RiskHistoryStore,
  type RiskSignal,
  type Stage,
  type StageContext,
  type StageFinding,
  type StageName,
  type StageOutput,
  type StageStatus,
  type TransferHistoryRecord,
} from './screening/types.js';
export { createEndpointsStage } from './screening/endpoints/createEndpointsStage.js';
export { createRiskStage, riskBand, type RiskStageOptions } from './screening/risk/createRiskStage.js';
export { createKycStage } from './screening/kyc/index.js';
export {
  createSanctionsStage,
  newPartySalts,
  partyCommitment,
  PARTY_SALT_BYTES,
  SANCTIONS_MATCHER,
  type PartySalts,
} from './screening/sanctions/index.js';
export { MemoryRiskHistoryStore } from './screening/MemoryRiskHistoryStore.js';
export {
  assertListFreshnessOptions,
  DATASET_STAGES,
  datasetFreshness,
  DEFAULT_MAX_LIST_AGE_DAYS,
  DEFAULT_MAX_LIST_AGE_FALLBACK_DAYS,
  staleListsOf,
  type DatasetFreshness,
  type ListFreshnessOptions,
  type StaleList,
} from './screening/freshness/listFreshness.js';
export { withListFreshness } from './screening/freshness/withListFreshness.js';
export type { ClearanceStore, SanctionsClearance } from './screening/clearance/ClearanceStore.js';
export { MemoryClearanceStore } from './screening/clearance/MemoryClearanceStore.js';
export { DEFAULT_STAGE_DEADLINES_MS, runStages, type RunStagesParameters } from './screening/runStages.js';
export { decideVerdict, type Verdict, type VerdictDecision } from './verdict/decideVerdict.js';
export { fromMinorUnits, preclearanceFeeCents, toMinorUnits } from './money/decimal.js';
export { buildPsaBody, type BuildPsaBodyParameters } from './psa/buildPsaBody.js';
export { txPreimageHash } from './psa/txPreimageHash.js';
export {
  createPreclearanceEngine,
  type IssuedPsa,
  type PreclearanceEngine,
  type PreclearanceEngineParameters,
} from './psa/createPreclearanceEngine.js';
export { selectQuorum } from './quorum/selectQuorum.js';
export {
  collectQuorum,
  type CollectQuorumParameters,
  type CollectQuorumResult,
  type RequestValidatorSignature,
  type ValidatorOutcome,
  type ValidatorReply,
} from './quorum/collectQuorum.js';
export { EquivocationDetector, type EquivocationDetectorOptions, type ObservedSignature } from './quorum/EquivocationDetector.js';
export {
  createProposalReviewer,
  REVIEWED_STAGES,
  type ProposalInput,
  type ProposalReviewer,
  type ProposalReviewerParameters,
} from './validator/createProposalReviewer.js';
export type { ProposalAccepted, ProposalRefused, ProposalReview } from './validator/ProposalReview.js';
export {
  SignProposalRequestSchema,
  SignProposalResponseSchema,
  VALIDATOR_PEER_PROTOCOL,
  VALIDATOR_SIGN_PATH,
  type SignProposalRequest,
  type SignProposalResponse,
} from './validator/validatorProtocol.js';
export {
  EMBEDDED_JURISDICTIONS,
  embeddedValidatorFromSeed,
  generateEmbeddedValidators,
  validatorSetFor,
  type EmbeddedValidator,
  type EmbeddedValidatorOptions,
  type ValidatorSetForParameters,
  type ValidatorSuite,
} from './validators/embeddedValidators.js';
export { signValidatorSet } from './validators/signValidatorSet.js';
export { validatorKey } from './validators/validatorKey.js';
export type { NextValidatorSetOptions } from './validators/buildNextValidatorSet.js';
export { rotateValidatorKey, type RotateValidatorKeyOptions } from './validators/rotateValidatorKey.js';
export { revokeValidator, type RevokeValidatorOptions } from './validators/revokeValidator.js';
export { changeThreshold, type ChangeThresholdOptions } from './validators/changeThreshold.js';
export { addValidator, type AddValidatorOptions, type NewValidator } from './validators/addValidator.js';
export { signNextValidatorSet } from './validators/signNextValidatorSet.js';
