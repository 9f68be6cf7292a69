import { assertRecord } from '../bytes/assertBytes.js';
import { base64Encode } from '../bytes/encoding.js';
import { assertBytes } from '../bytes/assertBytes.js';
import { getPublicKey } from '../ed25519/getPublicKey.js';
import { SIGNATURE_TYPE_BYTE, type NoteSignatureType } from './NoteKey.js';
import { noteKeyId } from './noteKeyId.js';

/**
 * Encode a signer key: `PRIVATE+KEY+<name>+<hex key ID>+<base64(type byte || 32-byte seed)>`, the key ID being that
 * of the public key (Go `golang.org/x/mod/sumdb/note` format; `'cosignature/v1'` uses type byte 0x04).
 *
 * @param key - `{ name, secretKey, type? }`; `type` defaults to `'ed25519'`.
 * @returns the signer key string. It is a secret: store it like one, never log it.
 * @throws JilError `INVALID_ARGUMENT` for a bad name or type, or a secret key that is not 32 bytes.
 * @see c2sp.org/signed-note §Verifier keys (the vkey part); Go `note.GenerateKey`
 * @example
 * import { formatSignerKey, generateKeyPair } from '@jil/core/tlog';
 * const skey = formatSignerKey({ name: 'jil.example/log', secretKey: generateKeyPair().secretKey });
 */
export function formatSignerKey(key: { name: string; secretKey: Uint8Array; type?: NoteSignatureType }): string {
  assertRecord(key, 'key');
  const type = key.type ?? 'ed25519';
  assertBytes(key.secretKey, 'secretKey', 32);
  const id = noteKeyId(key.name, type, getPublicKey(key.secretKey));
  const material = new Uint8Array(33);
  material[0] = SIGNATURE_TYPE_BYTE[type];
  material.set(key.secretKey, 1);
  return `PRIVATE+KEY+${key.name}+${id.toString(16).padStart(8, '0')}+${base64Encode(material)}`;
}
