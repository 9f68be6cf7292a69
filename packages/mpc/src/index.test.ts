import { describe, expect, it } from 'vitest';
import { sourceExportNames as exportNamesOf } from '@jil/testkit';

const sourceExportNames = () => exportNamesOf(new URL('./index.ts', import.meta.url));
import * as mpc from './index.js';

describe('@jil/mpc public surface', () => {
  it('exports exactly these values', () => {
    expect(Object.keys(mpc).sort()).toEqual(VALUES);
  });
  it('exports exactly these types', () => {
    expect(sourceExportNames().types).toEqual(TYPES);
  });
  it('the source lists the same values that load at runtime', () => {
    expect(sourceExportNames().values).toEqual(Object.keys(mpc).sort());
  });
});

const VALUES = [
  'CIPHERSUITE_TAGS',
  'COSIGNER_AUTH_HEADERS',
  'Cosigner',
  'DEFAULT_SCRYPT_COST',
  'DkgParticipant',
  'FROST_WIRE_VERSION',
  'SigningSession',
  'WIRE_KINDS',
  'aggregateSignature',
  'checkTier1',
  'compareIdentifiers',
  'coordinateDkg',
  'coordinateRefresh',
  'coordinateSigning',
  'createRefreshContribution',
  'createSigningPackage',
  'culpritsOf',
  'decodeDkgRound1Package',
  'decodeDkgRound2Package',
  'decodeKeyPackage',
  'decodePublicKeyPackage',
  'decodeRefreshPackage',
  'decodeSignatureShare',
  'decodeSigningCommitments',
  'decodeSigningPackage',
  'decryptKeyPackage',
  'deriveIdentifier',
  'describeKeyPackage',
  'encodeDkgRound1Package',
  'encodeDkgRound2Package',
  'encodeKeyPackage',
  'encodePublicKeyPackage',
  'encodeRefreshPackage',
  'encodeSignatureShare',
  'encodeSigningCommitments',
  'encodeSigningPackage',
  'encryptKeyPackage',
  'getCiphersuite',
  'groupPublicKey',
  'identifierFromNumber',
  'isIdentifier',
  'openShare',
  'publicKeyPackageFromCommitment',
  'refreshKeyPackage',
  'refreshShares',
  'repairShare',
  'repairShareStep1',
  'repairShareStep2',
  'repairShareStep3',
  'runRound',
  'samePublicKeyPackage',
  'sealShare',
  'signCosignerRequest',
  'signCosignerResponse',
  'tier1Policy',
  'trustedDealer',
  'verifyCosignerRequest',
  'verifyCosignerResponse',
  'verifyGroupSignature',
  'verifyKeyPackage',
  'verifyProofOfKnowledge',
];

const TYPES = [
  'AggregateSignatureParameters',
  'CheckTier1Parameters',
  'Ciphersuite',
  'CiphersuiteId',
  'CoordinateDkgParameters',
  'CoordinateRefreshParameters',
  'CoordinateSigningParameters',
  'CoordinateSigningResult',
  'CosignerOptions',
  'DkgParticipantParameters',
  'DkgRound1Package',
  'DkgRound2Package',
  'FrostParticipant',
  'Identifier',
  'KeyPackage',
  'PublicKeyPackage',
  'RefreshContribution',
  'RefreshPackage',
  'RoundOutcome',
  'ScryptCost',
  'SealParameters',
  'SignCosignerRequestParameters',
  'SignatureShare',
  'SigningCommitments',
  'SigningContext',
  'SigningPackage',
  'SigningPolicy',
  'Tier1Decision',
  'Tier1PolicyOptions',
  'TrustedDealerParameters',
  'TrustedDealerResult',
  'VerifyCosignerRequestOptions',
  'WireKind',
];
