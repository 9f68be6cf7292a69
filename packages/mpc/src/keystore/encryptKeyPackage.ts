import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { scrypt } from '@noble/hashes/scrypt.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { utf8ToBytes } from '@jil/core';
import { frostError } from '../frostError.js';
import { decodeKeyPackage, encodeKeyPackage, type KeyPackage } from '../keys/KeyPackage.js';
import type { CiphersuiteId } from '../suite/Ciphersuite.js';
import { ByteReader } from '../wire/ByteReader.js';
import { ByteWriter } from '../wire/ByteWriter.js';
import { readHeader, writeHeader } from '../wire/header.js';

/** scrypt cost (RFC 7914). Default N = 2^17, r = 8, p = 1 (OWASP 2023 minimum for scrypt). */
export interface ScryptCost {
  /** log2 of N, 10 … 22. */
  logN: number;
  r: number;
  p: number;
}

/** Default {@link ScryptCost}. */
export const DEFAULT_SCRYPT_COST: Readonly<ScryptCost> = Object.freeze({ logN: 17, r: 8, p: 1 });
const KDF_SCRYPT = 1;

function deriveKey(passphrase: string, salt: Uint8Array, cost: ScryptCost): Uint8Array {
  if (typeof passphrase !== 'string' || passphrase.length < 8)
    throw frostError('INVALID_ARGUMENT', 'passphrase must be a string of at least 8 characters', { field: 'passphrase' });
  if (
    !Number.isInteger(cost.logN) ||
    cost.logN < 10 ||
    cost.logN > 22 ||
    !Number.isInteger(cost.r) ||
    cost.r < 1 ||
    cost.r > 32 ||
    !Number.isInteger(cost.p) ||
    cost.p < 1 ||
    cost.p > 16
  ) {
    throw frostError('INVALID_ARGUMENT', 'scrypt cost out of range (logN 10–22, r 1–32, p 1–16)', { field: 'cost' });
  }
  return scrypt(utf8ToBytes(passphrase.normalize('NFKC')), salt, { N: 2 ** cost.logN, r: cost.r, p: cost.p, dkLen: 32, maxmem: 2 ** 31 });
}

/**
 * Encrypt a key package for storage at rest: scrypt (RFC 7914) derives a 256-bit key from the passphrase and a
 * random 16-byte salt; XChaCha20-Poly1305 encrypts the {@link encodeKeyPackage} bytes under a random 24-byte nonce,
 * with the whole header (format version, ciphersuite tag, KDF id and cost, salt, nonce) as associated data.
 *
 * Layout: header(`EncryptedKeyPackage`) ‖ kdf u8 (1 = scrypt) ‖ logN u8 ‖ r u8 ‖ p u8 ‖ salt 16 ‖ nonce 24 ‖ ciphertext.
 * @throws JilError `INVALID_ARGUMENT` for a passphrase shorter than 8 characters or a cost out of range.
 * @example
 * import { encryptKeyPackage, decryptKeyPackage } from '@jil/mpc';
 * writeFileSync('cosigner-1.key', encryptKeyPackage(keyPackage, passphrase));
 */
export function encryptKeyPackage(kp: KeyPackage, passphrase: string, cost: ScryptCost = DEFAULT_SCRYPT_COST): Uint8Array {
  const salt = randomBytes(16);
  const nonce = randomBytes(24);
  const key = deriveKey(passphrase, salt, cost);
  const header = writeHeader(new ByteWriter(), kp.suite, 'EncryptedKeyPackage')
    .u8(KDF_SCRYPT)
    .u8(cost.logN)
    .u8(cost.r)
    .u8(cost.p)
    .bytes(salt)
    .bytes(nonce)
    .finish();
  const plaintext = encodeKeyPackage(kp);
  const ct = xchacha20poly1305(key, nonce, header).encrypt(plaintext);
  plaintext.fill(0);
  key.fill(0);
  return new Uint8Array([...header, ...ct]);
}

/**
 * Decrypt an {@link encryptKeyPackage} file and verify the key package inside.
 * @throws JilError `KEYSTORE_DECRYPT_FAILED` for a wrong passphrase or any altered byte; `FROST_INVALID_ENCODING`
 *   for a file that is not an encrypted key package.
 */
export function decryptKeyPackage(bytes: Uint8Array, passphrase: string, expected?: CiphersuiteId): KeyPackage {
  const r = new ByteReader(bytes);
  const suite = readHeader(r, 'EncryptedKeyPackage', expected);
  if (r.u8('kdf') !== KDF_SCRYPT) throw frostError('FROST_INVALID_ENCODING', 'unknown KDF', { field: 'kdf' });
  const cost = { logN: r.u8('logN'), r: r.u8('r'), p: r.u8('p') };
  const salt = r.take(16, 'salt');
  const nonce = r.take(24, 'nonce');
  const headerLength = bytes.length - r.take(bytes.length - (3 + suite.tag.length + 4 + 40), 'ciphertext').length;
  r.end();
  const key = deriveKey(passphrase, salt, cost);
  let plaintext: Uint8Array;
  try {
    plaintext = xchacha20poly1305(key, nonce, bytes.subarray(0, headerLength)).decrypt(bytes.subarray(headerLength));
  } catch (error) {
    throw frostError('KEYSTORE_DECRYPT_FAILED', 'wrong passphrase or altered key file', {}, error);
  } finally {
    key.fill(0);
  }
  try {
    return decodeKeyPackage(plaintext, suite.id);
  } finally {
    plaintext.fill(0);
  }
}
