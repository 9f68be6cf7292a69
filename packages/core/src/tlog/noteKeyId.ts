import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { assertBytes } from '../bytes/assertBytes.js';
import { JilError } from '../errors/JilError.js';
import { assertKeyName } from './keyName.js';
import { SIGNATURE_TYPE_BYTE, type NoteSignatureType } from './NoteKey.js';

/**
 * The 32-bit key ID of a note key: the first four bytes, big-endian, of
 * SHA-256(key name || 0x0A || signature type byte || public key).
 *
 * @param name - the key name (non-empty, no white space, no `+`).
 * @param type - `'ed25519'` (0x01) or `'cosignature/v1'` (0x04).
 * @param publicKey - the 32-byte Ed25519 public key.
 * @returns the key ID as an unsigned integer (0…2^32−1).
 * @throws JilError `INVALID_ARGUMENT` for a bad name, type or key length.
 * @see c2sp.org/signed-note §Signatures, §Ed25519 signatures; c2sp.org/tlog-cosignature §Format
 * @example
 * import { noteKeyId } from '@jil/core/tlog';
 * noteKeyId('example.com/foo', 'ed25519', publicKey).toString(16).padStart(8, '0'); // e.g. '530d903a'
 */
export function noteKeyId(name: string, type: NoteSignatureType, publicKey: Uint8Array): number {
  assertKeyName(name, 'name');
  const byte = SIGNATURE_TYPE_BYTE[type];
  if (byte === undefined || !Object.hasOwn(SIGNATURE_TYPE_BYTE, type)) {
    throw new JilError('INVALID_ARGUMENT', "type must be 'ed25519' or 'cosignature/v1'", { details: { field: 'type' } });
  }
  assertBytes(publicKey, 'publicKey', 32);
  const n = utf8ToBytes(name);
  const input = new Uint8Array(n.length + 2 + 32);
  input.set(n);
  input[n.length] = 0x0a;
  input[n.length + 1] = byte;
  input.set(publicKey, n.length + 2);
  const h = sha256(input);
  return ((h[0]! << 24) | (h[1]! << 16) | (h[2]! << 8) | h[3]!) >>> 0;
}
