import { assertBytes } from '../bytes/assertBytes.js';
import { createSigner } from '../ed25519/createSigner.js';
import { mlDsa65CreateSigner } from '../mldsa/createSigner.js';
import { readCompositeContext, type CompositeOptions } from './CompositeOptions.js';
import { compositeKeyId } from './keyId.js';
import { compositeMessageRepresentative, LABEL } from './messageRepresentative.js';
import { COMPOSITE_MLDSA65_ED25519 } from './params.js';
import { concatComponents, splitSecretKey } from './serialization.js';

/** A long-lived id-MLDSA65-Ed25519-SHA512 signer for one key (a validator or service key held in memory). */
export interface CompositeSigner {
  /** 1984-byte composite public key `mldsaPK ‖ Ed25519 A` (draft-ietf-lamps-pq-composite-sigs-19 §4.1). */
  readonly publicKey: Uint8Array;
  /** `compositeKeyId(publicKey)`: hex SHA-256 of the 1984 bytes. */
  readonly keyid: string;
  /** Sign `message` (§3.2) with optional `{ context }` (0–255 bytes); 3373 bytes, as `compositeSign`. */
  sign(message: Uint8Array, options?: CompositeOptions): Uint8Array;
}

/**
 * Build a signer that keeps both component keys loaded: an `mlDsa65CreateSigner` (OpenSSL KeyObject or noble's
 * expanded key) and an Ed25519 `createSigner`, so each call costs only the two signatures and the SHA-512 of M.
 * The 64-byte secret key itself is not kept, but the component keys stay inside the signer for its lifetime —
 * JS cannot guarantee zeroization (README, Security).
 *
 * @param secretKey - 64 bytes, `ML-DSA seed ξ ‖ Ed25519 seed` (read once, not kept).
 * @returns `{ publicKey, keyid, sign }`.
 * @throws JilError `INVALID_ARGUMENT` (`details.field` `secretKey`) when `secretKey` is not 64 bytes; `sign` throws
 *   it for a wrong message, options or context.
 * @see draft-ietf-lamps-pq-composite-sigs-19 §3.1.1 (keeping expanded keys), §3.2
 * @example
 * import { compositeCreateSigner, compositeGenerateKeyPair } from '@jil/core';
 * const signer = compositeCreateSigner(compositeGenerateKeyPair().secretKey);
 * const signature = signer.sign(new Uint8Array([1, 2, 3]), { context: new Uint8Array([7]) });
 */
export function compositeCreateSigner(secretKey: Uint8Array): CompositeSigner {
  assertBytes(secretKey, 'secretKey', COMPOSITE_MLDSA65_ED25519.secretKeyBytes);
  const [mlDsaSeed, ed25519Seed] = splitSecretKey(secretKey);
  const mlDsa = mlDsa65CreateSigner(mlDsaSeed);
  const ed25519 = createSigner(ed25519Seed);
  const publicKey = concatComponents(mlDsa.publicKey, ed25519.publicKey);
  return {
    publicKey,
    keyid: compositeKeyId(publicKey),
    sign(message: Uint8Array, options?: CompositeOptions): Uint8Array {
      assertBytes(message, 'message');
      const messageRepresentative = compositeMessageRepresentative(message, readCompositeContext(options));
      return concatComponents(mlDsa.sign(messageRepresentative, { context: LABEL }), ed25519.sign(messageRepresentative));
    },
  };
}
