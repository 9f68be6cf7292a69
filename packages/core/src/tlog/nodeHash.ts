import { sha256 } from '@noble/hashes/sha2.js';
import { assertHash } from './assertTlog.js';

/**
 * The Merkle interior node hash: `SHA-256(0x01 || left || right)`.
 *
 * @param left - 32-byte hash of the left subtree.
 * @param right - 32-byte hash of the right subtree.
 * @returns the 32-byte node hash.
 * @throws JilError `INVALID_ARGUMENT` when either argument is not a 32-byte Uint8Array.
 * @see RFC 9162 §2.1.1 (RFC 6962 §2.1)
 * @example
 * import { leafHash, nodeHash, utf8ToBytes } from '@jil/core/tlog';
 * const root = nodeHash(leafHash(utf8ToBytes('a')), leafHash(utf8ToBytes('b'))); // tree of size 2
 */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  assertHash(left, 'left');
  assertHash(right, 'right');
  return hashChildren(left, right);
}

/** Internal: {@link nodeHash} without argument checks, for inner loops on already checked hashes. */
export function hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array {
  const input = new Uint8Array(65);
  input[0] = 0x01;
  input.set(left, 1);
  input.set(right, 33);
  return sha256(input);
}
