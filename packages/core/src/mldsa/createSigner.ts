import { assertBytes } from '../bytes/assertBytes.js';
import { mlDsaBackendImpl } from './backends.js';
import { mlDsa65KeyId } from './keyId.js';
import { readContext, type MlDsa65Options } from './MlDsa65Options.js';
import { ML_DSA_65 } from './params.js';

/** A long-lived ML-DSA-65 signer for one key (a validator or service key held in memory). */
export interface MlDsa65Signer {
  /** 1952-byte public key (FIPS 204 Algorithm 22). */
  readonly publicKey: Uint8Array;
  /** `mlDsa65KeyId(publicKey)`: hex SHA-256 of the public key. */
  readonly keyid: string;
  /** Sign `message` (FIPS 204 Algorithm 2, hedged) with optional `{ context }` (0–255 bytes); 3309 bytes. */
  sign(message: Uint8Array, options?: MlDsa65Options): Uint8Array;
}

/**
 * Build a signer that keeps its key loaded: on the `node` backend the OpenSSL KeyObject is created once, on
 * `noble` the 4032-byte expanded key (ML-DSA.KeyGen costs several ms in JS), so each call costs only the signing.
 * The seed itself is not kept, but the expanded key (or OpenSSL's copy) stays inside the signer for its lifetime —
 * JS cannot guarantee zeroization (README, Security).
 *
 * @param secretKey - the 32-byte seed ξ (read once, not kept).
 * @returns `{ publicKey, keyid, sign }`.
 * @throws JilError `INVALID_ARGUMENT` when `secretKey` is not 32 bytes; `sign` throws it for a wrong message or context.
 * @see FIPS 204 §5.1, §5.2
 * @example
 * import { mlDsa65CreateSigner, mlDsa65GenerateKeyPair } from '@jil/core';
 * const signer = mlDsa65CreateSigner(mlDsa65GenerateKeyPair().secretKey);
 * const sig = signer.sign(new Uint8Array([1, 2, 3]), { context: new Uint8Array([7]) });
 */
export function mlDsa65CreateSigner(secretKey: Uint8Array): MlDsa65Signer {
  assertBytes(secretKey, 'secretKey', ML_DSA_65.seedBytes);
  const impl = mlDsaBackendImpl();
  const publicKey = impl.getPublicKey(secretKey);
  const signWithKey = impl.signerFor(secretKey);
  return {
    publicKey,
    keyid: mlDsa65KeyId(publicKey),
    sign(message: Uint8Array, options?: MlDsa65Options): Uint8Array {
      assertBytes(message, 'message');
      return signWithKey(message, readContext(options));
    },
  };
}
