import { compositeCreateSigner, compositeGenerateKeyPair, createSigner, generateKeyPair, JilError } from '@jil/core';
import { validatorKey } from './validatorKey.js';
import { KEY_ALG_OF_SUITE, VALIDATOR_KEY_SUITES, type ValidatorSuite } from './validatorKeySuites.js';
import { requireArray, requireDate, requireRecord } from '../internal/requireArgument.js';
import type { Validator, ValidatorSet } from './ValidatorSet.js';

export type { ValidatorSuite } from './validatorKeySuites.js';

/** The 13 jurisdictions of the embedded quorum; the first 7 host two validators each (20 in all). */
export const EMBEDDED_JURISDICTIONS = [
  'CH/FINMA',
  'SG/MAS',
  'GB/FCA',
  'DE/BaFin',
  'US/NYDFS',
  'JP/FSA',
  'AE/VARA',
  'HK/SFC',
  'FR/AMF',
  'LU/CSSF',
  'CA/CSA',
  'AU/ASIC',
  'LI/FMA',
] as const;

/** A validator whose secret key lives in this process (embedded mode only). */
export interface EmbeddedValidator {
  id: string;
  jurisdiction: string;
  /** `'ed25519'` (absent means the same) or `'hybrid'` (composite ML-DSA-65 + Ed25519). */
  suite?: ValidatorSuite;
  /** The secret key: the 32-byte Ed25519 seed, or for `hybrid` the 64-byte composite key `ML-DSA seed ‖ Ed25519 seed`. Never log it. */
  secretKey: Uint8Array;
  /** 32 bytes (Ed25519) or 1984 bytes (composite). */
  publicKey: Uint8Array;
  keyid: string;
  /** Signature with this validator's key in its suite (the key stays loaded; see `createSigner` / `compositeCreateSigner`). */
  sign(message: Uint8Array): Uint8Array;
}

/** Options of {@link generateEmbeddedValidators} and {@link embeddedValidatorFromSeed}. */
export interface EmbeddedValidatorOptions {
  /** Default `'ed25519'`; `'hybrid'` = composite id-MLDSA65-Ed25519-SHA512 (3373-byte signatures). */
  suite?: ValidatorSuite;
}

/**
 * Generate `count` (default 20) validator key pairs spread over {@link EMBEDDED_JURISDICTIONS}
 * (round-robin, so 20 validators give 7 jurisdictions two validators and 6 one), ids `val-01` … .
 * Randomness: `crypto.getRandomValues` through `@jil/core` `generateKeyPair` / `compositeGenerateKeyPair`.
 *
 * @param count how many validators.
 * @param options `{ suite }`, default `'ed25519'`.
 * @returns the validators, secret keys loaded.
 * @throws JilError `INVALID_ARGUMENT` for an unknown suite, a `count` that is not a non-negative integer or `options`
 *   that is not an object (`details.field`).
 * @example
 * import { generateEmbeddedValidators } from '@jil/psa';
 * const hybrid = generateEmbeddedValidators(20, { suite: 'hybrid' });
 */
export function generateEmbeddedValidators(count = 20, options: EmbeddedValidatorOptions = {}): EmbeddedValidator[] {
  if (!Number.isSafeInteger(count) || count < 0)
    throw new JilError('INVALID_ARGUMENT', 'count must be a non-negative integer', { details: { field: 'count' } });
  requireRecord(options, 'options');
  const suite = options.suite ?? 'ed25519';
  return Array.from({ length: count }, (_, i) =>
    embeddedValidatorFromSeed(
      `val-${String(i + 1).padStart(2, '0')}`,
      EMBEDDED_JURISDICTIONS[i % EMBEDDED_JURISDICTIONS.length]!,
      suite === 'hybrid' ? compositeGenerateKeyPair().secretKey : generateKeyPair().secretKey,
      { suite },
    ),
  );
}

/**
 * Rebuild an {@link EmbeddedValidator} from its stored secret key.
 *
 * @param id validator id.
 * @param jurisdiction `COUNTRY/REGULATOR`.
 * @param secretKey 32-byte Ed25519 seed, or 64-byte composite secret key for `suite: 'hybrid'`.
 * @param options `{ suite }`, default `'ed25519'`.
 * @throws JilError `INVALID_ARGUMENT` for an unknown suite, a secret key of the wrong length or `options` that is not an object.
 * @example
 * import { embeddedValidatorFromSeed } from '@jil/psa';
 * const v = embeddedValidatorFromSeed('val-01', 'CH/FINMA', seed);
 */
export function embeddedValidatorFromSeed(
  id: string,
  jurisdiction: string,
  secretKey: Uint8Array,
  options: EmbeddedValidatorOptions = {},
): EmbeddedValidator {
  requireRecord(options, 'options');
  const suite = options.suite ?? 'ed25519';
  if (suite !== 'ed25519' && suite !== 'hybrid')
    throw new JilError('INVALID_ARGUMENT', "suite must be 'ed25519' or 'hybrid'", { details: { field: 'suite' } });
  if (suite === 'ed25519') {
    const signer = createSigner(secretKey);
    return { id, jurisdiction, secretKey, publicKey: signer.publicKey, keyid: signer.keyid, sign: (message) => signer.sign(message) };
  }
  const expected = VALIDATOR_KEY_SUITES[KEY_ALG_OF_SUITE.hybrid].secretKeyBytes;
  if (!(secretKey instanceof Uint8Array) || secretKey.length !== expected) {
    throw new JilError('INVALID_ARGUMENT', `a hybrid validator's secret key is ${expected} bytes`, { details: { field: 'secretKey' } });
  }
  const signer = compositeCreateSigner(secretKey);
  return { id, jurisdiction, suite, secretKey, publicKey: signer.publicKey, keyid: signer.keyid, sign: (message) => signer.sign(message) };
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
  /**
   * The suite every validator must have (`'ed25519'` or `'hybrid'`); omitted, each key declares its validator's own
   * suite (a mixed set is allowed).
   */
  suite?: ValidatorSuite;
  /**
   * Bridge guardian addresses by validator id (`0x` + 40 lower-case hex; docs/bridge.md §Guardian set): each listed
   * validator's entry gets `guardian: { alg: 'secp256k1', address }`. Omitted: no validator guards the bridge.
   */
  guardians?: Readonly<Record<string, string>>;
}

/**
 * The public validator set document for a list of embedded validators (all `active`), each key declaring its suite
 * (`alg` `ed25519` or `mldsa65-ed25519`). Sign it with `signValidatorSet` (genesis) or build later versions with the
 * next-version builders (docs/operations.md).
 *
 * @throws JilError `INVALID_ARGUMENT` (`details.field` `suite`) when `suite` is given and a validator has another one;
 *   `INVALID_ARGUMENT` (`details.field`) when `p` is not an object, `validators` not an array of validators with valid
 *   public keys, or `validFrom` / `validUntil` not a valid Date.
 * @example
 * import { generateEmbeddedValidators, validatorSetFor } from '@jil/psa';
 * const validators = generateEmbeddedValidators(20, { suite: 'hybrid' });
 * const set = validatorSetFor({ validators, setId: 'jil-pq', validFrom, validUntil, suite: 'hybrid' });
 */
export function validatorSetFor(p: ValidatorSetForParameters): ValidatorSet {
  requireRecord(p, 'params');
  requireArray(p.validators, 'validators');
  p.validators.forEach((v, i) => {
    requireRecord(v, `validators[${i}]`);
  });
  requireDate(p.validFrom, 'validFrom');
  requireDate(p.validUntil, 'validUntil');
  const suiteOf = (v: EmbeddedValidator): ValidatorSuite => v.suite ?? 'ed25519';
  const odd = p.suite === undefined ? undefined : p.validators.find((v) => suiteOf(v) !== p.suite);
  if (odd)
    throw new JilError('INVALID_ARGUMENT', `validator ${odd.id} is ${suiteOf(odd)}, not ${p.suite}`, { details: { field: 'suite' } });
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
      keys: [validatorKey(v.publicKey, KEY_ALG_OF_SUITE[suiteOf(v)])],
      ...guardianOf(p.guardians, v.id),
    })),
  };
}

function guardianOf(guardians: Readonly<Record<string, string>> | undefined, id: string): Pick<Validator, 'guardian'> {
  if (guardians === undefined) return {};
  requireRecord(guardians, 'guardians');
  const address = Object.hasOwn(guardians, id) ? guardians[id] : undefined;
  if (address === undefined) return {};
  if (typeof address !== 'string' || !/^0x[0-9a-f]{40}$/.test(address))
    throw new JilError('INVALID_ARGUMENT', `guardians.${id} must be 0x and 40 lower-case hex characters`, {
      details: { field: `guardians.${id}` },
    });
  return { guardian: { alg: 'secp256k1', address } };
}
