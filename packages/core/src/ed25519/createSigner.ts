import { assertBytes } from '../bytes/assertBytes.js';
import { getPublicKey } from './getPublicKey.js';
import { keyId } from './keyId.js';
import { loadNodeCrypto, nodeSignerFor } from './nodeBackend.js';
import { sign } from './sign.js';

/** A long-lived Ed25519 signer for one key (a validator or service key held in memory). */
export interface Ed25519Signer {
  /** 32-byte public key (RFC 8032 §5.1.5). */
  readonly publicKey: Uint8Array;
  /** `keyId(publicKey)`: hex SHA-256 of the public key. */
  readonly keyid: string;
  /** Sign `message` (RFC 8032 §5.1.6); same bytes as `sign(message, secretKey)`. */
  sign(message: Uint8Array): Uint8Array;
}

/**
 * Build a signer that keeps its key loaded: on Node the OpenSSL key object is created once (signing with
 * `sign()` re-imports the seed on every call, about 0.5 ms); elsewhere it falls back to `sign()`.
 * The secret stays inside the signer for its lifetime — JS cannot guarantee zeroization (see README Security).
 * @param secretKey - the 32-byte seed.
 * @throws JilError `INVALID_ARGUMENT` when `secretKey` is not 32 bytes.
 * @example
 * import { createSigner, generateKeyPair } from '@jil/core';
 * const signer = createSigner(generateKeyPair().secretKey);
 * const sig = signer.sign(new Uint8Array([1, 2, 3]));
 */
export function createSigner(secretKey: Uint8Array): Ed25519Signer {
  assertBytes(secretKey, 'secretKey', 32);
  const publicKey = getPublicKey(secretKey);
  const crypto = loadNodeCrypto();
  const seed = secretKey.slice();
  const fast = crypto === undefined ? undefined : nodeSignerFor(crypto, seed);
  return {
    publicKey,
    keyid: keyId(publicKey),
    sign(message: Uint8Array): Uint8Array {
      assertBytes(message, 'message');
      return fast ? fast(message) : sign(message, seed);
    },
  };
}
