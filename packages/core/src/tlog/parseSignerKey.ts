import { JilError } from '../errors/JilError.js';
import { getPublicKey } from '../ed25519/getPublicKey.js';
import type { NoteSignerKey } from './NoteKey.js';
import { assertKeyId, parseKey } from './parseVerifierKey.js';

/**
 * Parse a signer key `PRIVATE+KEY+<name>+<hex key ID>+<base64(type || seed)>`, derive the public key and check the
 * key ID against it. Types 0x01 (Ed25519) and 0x04 (cosignature/v1).
 *
 * @param skey - the signer key string (a secret).
 * @returns the {@link NoteSignerKey} (name, type, keyId, publicKey, secretKey).
 * @throws JilError `INVALID_ARGUMENT` naming the bad part (`skey`, `skey.name`, `skey.keyId`, `skey.key`); the message
 *   never contains key material.
 * @see Go `golang.org/x/mod/sumdb/note.NewSigner` (same format)
 * @example
 * import { parseSignerKey, signCheckpoint } from '@jil/core/tlog';
 * const logKey = parseSignerKey(process.env.LOG_SIGNER_KEY!);
 */
export function parseSignerKey(skey: string): NoteSignerKey {
  if (typeof skey !== 'string' || !skey.startsWith('PRIVATE+KEY+')) {
    throw new JilError('INVALID_ARGUMENT', "skey must start with 'PRIVATE+KEY+'", { details: { field: 'skey' } });
  }
  const { key, material } = parseKey(skey.slice('PRIVATE+KEY+'.length), 'skey');
  const publicKey = getPublicKey(material);
  assertKeyId({ ...key, publicKey }, 'skey');
  return { ...key, publicKey, secretKey: material };
}
