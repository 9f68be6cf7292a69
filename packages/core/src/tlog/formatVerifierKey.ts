import { assertRecord } from '../bytes/assertBytes.js';
import { base64Encode } from '../bytes/encoding.js';
import { SIGNATURE_TYPE_BYTE, type NoteSignatureType } from './NoteKey.js';
import { noteKeyId } from './noteKeyId.js';

/**
 * Encode a verifier key (vkey): `<name>+<8 lower-case hex digits of the key ID>+<base64(type byte || public key)>`.
 * For `'ed25519'` this is byte for byte what Go's `golang.org/x/mod/sumdb/note.NewVerifier` accepts.
 *
 * @param key - `{ name, publicKey, type? }`; `type` defaults to `'ed25519'`; the key ID is computed, never taken.
 * @returns the vkey string.
 * @throws JilError `INVALID_ARGUMENT` for a bad name, type or a public key that is not 32 bytes.
 * @see c2sp.org/signed-note §Verifier keys; c2sp.org/tlog-cosignature (type 0x04 vkeys)
 * @example
 * import { formatVerifierKey, getPublicKey } from '@jil/core/tlog';
 * formatVerifierKey({ name: 'jil.example/log', publicKey: getPublicKey(seed) }); // 'jil.example/log+1a2b3c4d+AY…'
 */
export function formatVerifierKey(key: { name: string; publicKey: Uint8Array; type?: NoteSignatureType }): string {
  assertRecord(key, 'key');
  const type = key.type ?? 'ed25519';
  const id = noteKeyId(key.name, type, key.publicKey);
  const material = new Uint8Array(33);
  material[0] = SIGNATURE_TYPE_BYTE[type];
  material.set(key.publicKey, 1);
  return `${key.name}+${id.toString(16).padStart(8, '0')}+${base64Encode(material)}`;
}
