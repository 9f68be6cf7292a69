import { utf8ToBytes } from '@noble/hashes/utils.js';
import { JilError } from '../errors/JilError.js';
import { sign } from '../ed25519/sign.js';
import { cosignatureV1Message } from './cosignatureV1Message.js';
import type { NoteSignerKey } from './NoteKey.js';
import type { NoteSignature } from './NoteSignature.js';
import { noteString } from './noteText.js';

/**
 * Sign a note text with one key: Ed25519 over the text (`'ed25519'`), or a timestamped cosignature/v1 (`'cosignature/v1'`:
 * signature = big-endian u64 timestamp || Ed25519 over {@link cosignatureV1Message}). Deterministic.
 *
 * @param input - (text or UTF-8 bytes) the note text, ending in a newline, no control characters but newline.
 * @param key - the signer key (e.g. from `parseSignerKey`); its keyId is used as given.
 * @param options - `timestamp` (POSIX seconds, integer): required for `'cosignature/v1'`, refused for `'ed25519'`.
 * @returns the {@link NoteSignature} to put on a signature line (`formatSignedNote`).
 * @throws JilError `INVALID_ARGUMENT` for a bad text, key or timestamp.
 * @see c2sp.org/signed-note §Ed25519 signatures; c2sp.org/tlog-cosignature §Format
 * @example
 * import { createNoteSignature, formatSignedNote } from '@jil/core/tlog';
 * const cosig = createNoteSignature(checkpointText, witnessKey, { timestamp: Math.floor(Date.now() / 1000) });
 */
export function createNoteSignature(input: string, key: NoteSignerKey, options: { timestamp?: number } = {}): NoteSignature {
  const text = noteString(input, 'text', 'INVALID_ARGUMENT', 'text');
  if (!text.endsWith('\n')) throw new JilError('INVALID_ARGUMENT', 'text must end with a newline', { details: { field: 'text' } });
  if (typeof key !== 'object' || key === null)
    throw new JilError('INVALID_ARGUMENT', 'key must be a NoteSignerKey', { details: { field: 'key' } });
  const { timestamp } = options ?? {};
  if (key.type === 'ed25519') {
    if (timestamp !== undefined)
      throw new JilError('INVALID_ARGUMENT', "an 'ed25519' note signature has no timestamp", { details: { field: 'timestamp' } });
    return { name: key.name, keyId: key.keyId, signature: sign(utf8ToBytes(text), key.secretKey) };
  }
  if (key.type !== 'cosignature/v1')
    throw new JilError('INVALID_ARGUMENT', "key.type must be 'ed25519' or 'cosignature/v1'", { details: { field: 'key.type' } });
  if (timestamp === undefined)
    throw new JilError('INVALID_ARGUMENT', 'a cosignature needs a timestamp', { details: { field: 'timestamp' } });
  const message = cosignatureV1Message(text, timestamp); // checks the timestamp
  const signature = new Uint8Array(72);
  new DataView(signature.buffer).setBigUint64(0, BigInt(timestamp));
  signature.set(sign(message, key.secretKey), 8);
  return { name: key.name, keyId: key.keyId, signature };
}
