import { randomBytes } from '../bytes/randomBytes.js';
import { getPublicKey } from './getPublicKey.js';

/** An Ed25519 key pair: both halves are raw 32-byte arrays. */
export interface Ed25519KeyPair {
  /** 32-byte encoded public key (RFC 8032 §5.1.5). */
  publicKey: Uint8Array;
  /** 32-byte secret seed; keep it secret, overwrite with `fill(0)` when done (see README, Security). */
  secretKey: Uint8Array;
}

/**
 * Generate a fresh Ed25519 key pair from 32 bytes of `crypto.getRandomValues` (Web Crypto CSPRNG).
 *
 * @returns `{ publicKey, secretKey }`, both 32 bytes.
 * @throws JilError `INTERNAL` when the runtime has no `crypto.getRandomValues`.
 * @see RFC 8032 §5.1.5; RFC 4086 (randomness)
 * @example
 * import { generateKeyPair, keyId } from '@jil/core';
 * const { publicKey, secretKey } = generateKeyPair();
 * const id = keyId(publicKey); // 64 hex characters
 */
export function generateKeyPair(): Ed25519KeyPair {
  const secretKey = randomBytes(32);
  return { publicKey: getPublicKey(secretKey), secretKey };
}
