import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, JilError } from '@jil/core';
import { SigningKey, computeAddress } from 'ethers';

/** HKDF `info` of the guardian key derivation (docs/bridge.md §Guardian keys). */
export const GUARDIAN_KEY_INFO = 'JIL-BRIDGE-GUARDIAN-SECP256K1-v1';

/** Order n of the secp256k1 group (SEC 2 §2.4.1). */
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/** A validator's bridge guardian key: secp256k1, named by its EVM address. */
export interface GuardianKey {
  /** The 32-byte private scalar, `0x` + 64 lower-case hex. Secret: never log it. */
  privateKey: string;
  /** Its EVM address, `0x` + 40 lower-case hex (the form the validator set lists). */
  address: string;
}

/**
 * Derive a validator's secp256k1 guardian key from its validator secret key (docs/bridge.md §Guardian keys), so that a
 * validator has one secret to keep: `okm = HKDF-SHA256(IKM = secretKey, salt = empty, info = GUARDIAN_KEY_INFO, L = 48)`
 * (RFC 5869), `d = (OS2IP(okm) mod (n − 1)) + 1` (FIPS 186-5 §A.2.1, the extra 16 bytes make the bias negligible), the
 * private key is `d` as 32 big-endian bytes and the address the last 20 bytes of Keccak-256 of the uncompressed public
 * key without its 0x04 prefix (Ethereum Yellow Paper §4.2).
 *
 * @param secretKey the validator's secret key: its 32-byte Ed25519 seed, or the 64-byte hybrid key.
 * @throws JilError `INVALID_ARGUMENT` when `secretKey` is not a Uint8Array of 32 or 64 bytes.
 * @example
 * import { guardianKeyFromSeed } from '@jil/bridge';
 * const { address } = guardianKeyFromSeed(seed); // listed as the validator's `guardian.address`
 */
export function guardianKeyFromSeed(secretKey: Uint8Array): GuardianKey {
  if (!(secretKey instanceof Uint8Array) || (secretKey.length !== 32 && secretKey.length !== 64)) {
    throw new JilError('INVALID_ARGUMENT', 'secretKey must be a 32- or 64-byte validator secret key', { details: { field: 'secretKey' } });
  }
  const okm = hkdf(sha256, secretKey, new Uint8Array(), new TextEncoder().encode(GUARDIAN_KEY_INFO), 48);
  const d = (BigInt(`0x${bytesToHex(okm)}`) % (SECP256K1_N - 1n)) + 1n;
  const privateKey = `0x${d.toString(16).padStart(64, '0')}`;
  return { privateKey, address: computeAddress(new SigningKey(privateKey).publicKey).toLowerCase() };
}
