import { base64Encode, createSigner, generateKeyPair } from '@jil/core';
import type { ValidatorSet } from './ValidatorSet.js';

/** The 13 jurisdictions of the embedded quorum; the first 7 host two validators each (20 in all). */
export const EMBEDDED_JURISDICTIONS = [
  'CH/FINMA', 'SG/MAS', 'GB/FCA', 'DE/BaFin', 'US/NYDFS', 'JP/FSA', 'AE/VARA',
  'HK/SFC', 'FR/AMF', 'LU/CSSF', 'CA/CSA', 'AU/ASIC', 'LI/FMA',
] as const;

/** A validator whose secret key lives in this process (embedded mode only). */
export interface EmbeddedValidator {
  id: string;
  jurisdiction: string;
  /** 32-byte Ed25519 seed. Never log it. */
  secretKey: Uint8Array;
  publicKey: Uint8Array;
  keyid: string;
  /** Ed25519 signature with this validator's key (the key stays loaded; see `createSigner`). */
  sign(message: Uint8Array): Uint8Array;
}

/**
 * Generate `count` (default 20) validator key pairs spread over {@link EMBEDDED_JURISDICTIONS}
 * (round-robin, so 20 validators give 7 jurisdictions two validators and 6 one).
 * Randomness: `crypto.getRandomValues` through `@jil/core` `generateKeyPair`.
 */
export function generateEmbeddedValidators(count = 20): EmbeddedValidator[] {
  return Array.from({ length: count }, (_, i) =>
    embeddedValidatorFromSeed(`val-${String(i + 1).padStart(2, '0')}`, EMBEDDED_JURISDICTIONS[i % EMBEDDED_JURISDICTIONS.length]!, generateKeyPair().secretKey),
  );
}

/** Rebuild an {@link EmbeddedValidator} from its stored seed. */
export function embeddedValidatorFromSeed(id: string, jurisdiction: string, secretKey: Uint8Array): EmbeddedValidator {
  const signer = createSigner(secretKey);
  return { id, jurisdiction, secretKey, publicKey: signer.publicKey, keyid: signer.keyid, sign: (message) => signer.sign(message) };
}

/** Parameters of {@link validatorSetFor}. */
export interface ValidatorSetForParameters {
  validators: readonly EmbeddedValidator[];
  setId: string;
  version?: number;
  /** Default 14. */
  threshold?: number;
  /**
   * Default 7: with 20 validators over 13 jurisdictions (7 doubled), any 14 validators span at least
   * 7 jurisdictions, so 7 is the largest value that keeps the quorum live with any 6 validators down.
   */
  minJurisdictions?: number;
  validFrom: Date;
  validUntil: Date;
  previous?: ValidatorSet['previous'];
}

/** The public validator set document for a list of embedded validators (all `active`). */
export function validatorSetFor(p: ValidatorSetForParameters): ValidatorSet {
  return {
    set_id: p.setId,
    version: p.version ?? 1,
    threshold: p.threshold ?? 14,
    min_jurisdictions: p.minJurisdictions ?? 7,
    valid_from: p.validFrom.toISOString(),
    valid_until: p.validUntil.toISOString(),
    ...(p.previous ? { previous: p.previous } : {}),
    validators: p.validators.map((v) => ({
      id: v.id,
      jurisdiction: v.jurisdiction,
      status: 'active' as const,
      keys: [{ alg: 'ed25519' as const, public_key: base64Encode(v.publicKey), keyid: v.keyid }],
    })),
  };
}
