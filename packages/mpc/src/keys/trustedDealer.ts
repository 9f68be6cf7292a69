import type { RNG } from '@noble/curves/abstract/frost.js';
import { guard } from '../frostError.js';
import { getCiphersuite, type CiphersuiteId } from '../suite/Ciphersuite.js';
import type { Identifier } from '../suite/identifiers.js';
import { verifyKeyPackage, type KeyPackage } from './KeyPackage.js';
import { requireRecord } from '../internal/requireArgument.js';
import type { PublicKeyPackage } from './PublicKeyPackage.js';

/** Parameters of {@link trustedDealer}. */
export interface TrustedDealerParameters {
  suite?: CiphersuiteId;
  /** Threshold t, 2 ≤ t ≤ n. */
  minSigners: number;
  /** n participants. */
  maxSigners: number;
  /** n distinct identifiers; default 1…n. */
  identifiers?: Identifier[];
  /** 32-byte group secret to split (e.g. an existing key); default random. */
  secret?: Uint8Array;
  /** Randomness source (tests only); default the platform CSPRNG. */
  rng?: RNG;
}

/** Result of {@link trustedDealer}: the public package and one key package per participant. */
export interface TrustedDealerResult {
  publicKeyPackage: PublicKeyPackage;
  keyPackages: Record<Identifier, KeyPackage>;
}

/**
 * Trusted-dealer key generation with verifiable secret sharing (RFC 9591 App. C; `@noble/curves` `trustedDealer`).
 * Every produced share is checked against the VSS commitment before it is returned. The dealer learns the group
 * secret: prefer {@link DkgParticipant} when no single party may.
 *
 * @throws JilError `INVALID_ARGUMENT` for bad counts or identifiers, and (`details.field`) when `params` is not an
 *   object; `FROST_INVALID_KEY_SHARE` if a share fails VSS.
 * @example
 * import { trustedDealer } from '@jil/mpc';
 * const { publicKeyPackage, keyPackages } = trustedDealer({ minSigners: 3, maxSigners: 4 });
 */
export function trustedDealer(params: TrustedDealerParameters): TrustedDealerResult {
  requireRecord(params, 'params');
  const suite = params.suite ?? 'ed25519';
  const s = getCiphersuite(suite);
  const deal = guard(
    () => s.frost.trustedDealer({ min: params.minSigners, max: params.maxSigners }, params.identifiers, params.secret, params.rng),
    'INVALID_ARGUMENT',
    'invalid dealer parameters (need 2 ≤ minSigners ≤ maxSigners, distinct valid identifiers, 32-byte secret)',
    { field: 'params' },
  );
  const publicKeyPackage: PublicKeyPackage = {
    suite,
    minSigners: deal.public.signers.min,
    maxSigners: deal.public.signers.max,
    commitments: deal.public.commitments,
    verifyingShares: deal.public.verifyingShares,
  };
  const keyPackages: Record<Identifier, KeyPackage> = {};
  for (const [id, share] of Object.entries(deal.secretShares)) {
    const kp: KeyPackage = { suite, identifier: id, signingShare: share.signingShare, publicKeyPackage };
    verifyKeyPackage(kp);
    keyPackages[id] = kp;
  }
  return { publicKeyPackage, keyPackages };
}
