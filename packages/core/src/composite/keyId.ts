import { assertBytes } from '../bytes/assertBytes.js';
import { sha256Hex } from '../bytes/encoding.js';
import { COMPOSITE_MLDSA65_ED25519 } from './params.js';

/**
 * The JIL key id of a composite public key: lower-case hex SHA-256 of its 1984 bytes — the scheme of `keyId`
 * (Ed25519, 32 bytes) and `mlDsa65KeyId` (1952 bytes) applied to the composite encoding. It differs from the ids of
 * both component keys (different inputs), so a composite key and a standalone key never share an id. Revocation
 * checks should also look at the component keys (draft §9.3): their ids are `mlDsa65KeyId(publicKey.subarray(0,
 * 1952))` and `keyId(publicKey.subarray(1952))`. Used as DSSE `keyid`.
 *
 * @param publicKey - the 1984-byte composite public key.
 * @returns 64 lower-case hex characters.
 * @throws JilError `INVALID_ARGUMENT` (`details.field` `publicKey`) when `publicKey` is not a 1984-byte Uint8Array.
 * @see FIPS 180-4 (SHA-256); draft-ietf-lamps-pq-composite-sigs-19 §4.1, §9.3; DSSE envelope.md (`keyid`)
 * @example
 * import { compositeGenerateKeyPair, compositeKeyId } from '@jil/core';
 * compositeKeyId(compositeGenerateKeyPair().publicKey); // e.g. '5d0e…'
 */
export function compositeKeyId(publicKey: Uint8Array): string {
  assertBytes(publicKey, 'publicKey', COMPOSITE_MLDSA65_ED25519.publicKeyBytes);
  return sha256Hex(publicKey);
}
