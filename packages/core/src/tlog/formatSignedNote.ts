import { base64Encode } from '../bytes/encoding.js';
import { assertBytes } from '../bytes/assertBytes.js';
import { JilError } from '../errors/JilError.js';
import { assertKeyName } from './keyName.js';
import type { SignedNote } from './NoteSignature.js';
import { MAX_NOTE_SIGNATURES, noteString } from './noteText.js';

/**
 * Encode a signed note: the text, a blank line, then one `— <name> base64(keyId || signature)` line per signature.
 * The inverse of {@link parseSignedNote}.
 *
 * @param note - `{ text, signatures }`; text non-empty and ending in a newline, 1…100 signatures.
 * @returns the signed note string.
 * @throws JilError `INVALID_ARGUMENT` naming the bad field (`text`, `signatures`, `signatures[i].name`,
 *   `signatures[i].keyId`, `signatures[i].signature`).
 * @see c2sp.org/signed-note §Format
 * @example
 * import { formatSignedNote, parseSignedNote } from '@jil/core/tlog';
 * formatSignedNote(parseSignedNote(note)) === note; // true for every well-formed note
 */
export function formatSignedNote(note: SignedNote): string {
  const text = noteString(note?.text, 'text', 'INVALID_ARGUMENT', 'text');
  if (!text.endsWith('\n')) throw new JilError('INVALID_ARGUMENT', 'text must end with a newline', { details: { field: 'text' } });
  const { signatures } = note;
  if (!Array.isArray(signatures) || signatures.length < 1 || signatures.length > MAX_NOTE_SIGNATURES) {
    throw new JilError('INVALID_ARGUMENT', `signatures must hold 1…${MAX_NOTE_SIGNATURES} signatures`, {
      details: { field: 'signatures' },
    });
  }
  const lines = signatures.map((s, i) => {
    assertKeyName(s?.name, `signatures[${i}].name`);
    if (!Number.isInteger(s.keyId) || s.keyId < 0 || s.keyId > 0xffffffff) {
      throw new JilError('INVALID_ARGUMENT', 'keyId must be a uint32', { details: { field: `signatures[${i}].keyId` } });
    }
    assertBytes(s.signature, `signatures[${i}].signature`);
    if (s.signature.length < 1)
      throw new JilError('INVALID_ARGUMENT', 'signature must not be empty', { details: { field: `signatures[${i}].signature` } });
    const bytes = new Uint8Array(4 + s.signature.length);
    new DataView(bytes.buffer).setUint32(0, s.keyId);
    bytes.set(s.signature, 4);
    return `— ${s.name} ${base64Encode(bytes)}\n`;
  });
  return `${text}\n${lines.join('')}`;
}
