import { sha256 } from '@noble/hashes/sha2.js';

const EMPTY = sha256(new Uint8Array(0));

/**
 * The root hash of the empty tree (size 0): `SHA-256("")` = `e3b0c442…b855`.
 *
 * @returns a fresh 32-byte copy (callers may mutate it).
 * @see RFC 9162 §2.1.1; c2sp.org/tlog-witness (a size-0 checkpoint must carry this root)
 * @example
 * import { emptyTreeHash, bytesToHex } from '@jil/core/tlog';
 * bytesToHex(emptyTreeHash()); // 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
 */
export function emptyTreeHash(): Uint8Array {
  return EMPTY.slice();
}
