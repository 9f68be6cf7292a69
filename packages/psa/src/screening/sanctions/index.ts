/**
 * Sanctions name screening: the stage, the name matcher and its parts.
 * Entry point of `screening/sanctions` (the only barrel of the folder).
 */
export { createSanctionsStage, type SanctionsStageOptions } from './createSanctionsStage.js';
export { SANCTIONS_FAIL_THRESHOLD, SANCTIONS_MATCHER, SANCTIONS_REVIEW_THRESHOLD } from './thresholds.js';
export {
  createNameMatcher,
  PREFILTER_PARAMETERS,
  type NameMatch,
  type NameMatcher,
  type NameMatcherOptions,
  type NameQuery,
  type NameSearchOptions,
} from './NameMatcher.js';
export { scoreName, scoreNormalized, SCORE_PARAMETERS, type NameScore } from './scoreName.js';
export { alignTokens, isRotation, type AlignedPair, type TokenAlignment, type TokenSimilarityFunction } from './alignTokens.js';
export { normalizeName, TOKEN_WEIGHTS, type NameSchema, type NameToken, type NormalizedName, type TokenKind } from './normalizeName.js';
export { foldName, type FoldNameReturnType } from './foldName.js';
export { extractLegalForms, LEGAL_FORMS, type ExtractLegalFormsReturnType } from './legalForms.js';
export { phoneticForm, skeletonKey } from './phoneticKey.js';
export { tokenSimilarity, curveSimilarity, INITIAL_SIMILARITY } from './tokenSimilarity.js';
export { jaro, jaroWinkler } from './jaroWinkler.js';
export { editSimilarity, osaDistance } from './editSimilarity.js';
export { qualifierPenalties, QUALIFIER_PENALTIES, type PartyQualifiers } from './qualifiers.js';
export { nameHitReason } from './nameHitReason.js';
export { newPartySalts, partyCommitment, PARTY_SALT_BYTES, type PartySalts } from './partyCommitment.js';
