/**
 * @jil/mpc — FROST threshold signing (RFC 9591) on `@noble/curves`: FROST(Ed25519, SHA-512) and
 * FROST(ristretto255, SHA-512); trusted-dealer and distributed key generation, two-round signing sessions with
 * single-use nonces, per-share verification that names every cheater, share refresh and repair, a versioned wire
 * format, encrypted key storage, a transport-agnostic coordinator and the Tier 1 co-signing policy.
 * The export names are locked by `index.test.ts`.
 */
export { CIPHERSUITE_TAGS, getCiphersuite, type Ciphersuite, type CiphersuiteId } from './suite/Ciphersuite.js';
export { compareIdentifiers, deriveIdentifier, identifierFromNumber, isIdentifier, type Identifier } from './suite/identifiers.js';
export { FROST_WIRE_VERSION, WIRE_KINDS, type WireKind } from './wire/header.js';
export {
  decodePublicKeyPackage,
  encodePublicKeyPackage,
  groupPublicKey,
  publicKeyPackageFromCommitment,
  samePublicKeyPackage,
  type PublicKeyPackage,
} from './keys/PublicKeyPackage.js';
export { decodeKeyPackage, describeKeyPackage, encodeKeyPackage, verifyKeyPackage, type KeyPackage } from './keys/KeyPackage.js';
export { trustedDealer, type TrustedDealerParameters, type TrustedDealerResult } from './keys/trustedDealer.js';
export { createRefreshContribution, refreshKeyPackage, refreshShares, type RefreshContribution } from './keys/refreshShares.js';
export { repairShare, repairShareStep1, repairShareStep2, repairShareStep3 } from './keys/repairShare.js';
export { DkgParticipant, type DkgParticipantParameters } from './dkg/DkgParticipant.js';
export {
  decodeDkgRound1Package,
  decodeDkgRound2Package,
  encodeDkgRound1Package,
  encodeDkgRound2Package,
  type DkgRound1Package,
  type DkgRound2Package,
} from './dkg/DkgPackages.js';
export { verifyProofOfKnowledge } from './dkg/verifyProofOfKnowledge.js';
export { openShare, sealShare, type SealParameters } from './dkg/sealShare.js';
export { decodeSigningCommitments, encodeSigningCommitments, type SigningCommitments } from './signing/SigningCommitments.js';
export { createSigningPackage, decodeSigningPackage, encodeSigningPackage, type SigningPackage } from './signing/SigningPackage.js';
export { decodeSignatureShare, encodeSignatureShare, type SignatureShare } from './signing/SignatureShare.js';
export { SigningSession } from './signing/SigningSession.js';
export { aggregateSignature, type AggregateSignatureParameters } from './signing/aggregateSignature.js';
export { verifyGroupSignature } from './signing/verifyGroupSignature.js';
export { DEFAULT_SCRYPT_COST, decryptKeyPackage, encryptKeyPackage, type ScryptCost } from './keystore/encryptKeyPackage.js';
export { Cosigner, type CosignerOptions, type SigningPolicy } from './coordinator/Cosigner.js';
export type { FrostParticipant, SigningContext } from './coordinator/FrostParticipant.js';
export { coordinateSigning, type CoordinateSigningParameters, type CoordinateSigningResult } from './coordinator/coordinateSigning.js';
export { coordinateDkg, type CoordinateDkgParameters } from './coordinator/coordinateDkg.js';
export { runRound, type RoundOutcome } from './coordinator/runRound.js';
export {
  COSIGNER_AUTH_HEADERS,
  signCosignerRequest,
  signCosignerResponse,
  verifyCosignerRequest,
  verifyCosignerResponse,
  type SignCosignerRequestParameters,
  type VerifyCosignerRequestOptions,
} from './auth/cosignerAuth.js';
export { checkTier1, type CheckTier1Parameters, type Tier1Decision } from './tier1/checkTier1.js';
export { tier1Policy, type Tier1PolicyOptions } from './tier1/tier1Policy.js';
export { decodeRefreshPackage, encodeRefreshPackage, type RefreshPackage } from './keys/RefreshPackage.js';
export { culpritsOf } from './frostError.js';
export { coordinateRefresh, type CoordinateRefreshParameters } from './coordinator/coordinateRefresh.js';
