import { base64Decode } from '../bytes/encoding.js';
import { JilError } from '../errors/JilError.js';
import { isValidKeyName } from './keyName.js';
import type { NoteSignature, SignedNote } from './NoteSignature.js';
import { MAX_NOTE_SIGNATURES, noteString } from './noteText.js';

/**
 * Split a signed note into its text and signature lines, without verifying anything: the text (ending in a
 * newline) is everything up to the last blank line; each following line must be `— <name> <base64>` with a valid
 * key name and at least 5 decoded bytes (4-byte key ID + signature). Use {@link verifyNote} to trust it.
 *
 * @param note - the signed note, as a string or UTF-8 bytes.
 * @returns `{ text, signatures }`.
 * @throws JilError `TLOG_MALFORMED` (`details.check: 'note'`, `details.line` for a bad signature line) when the note
 *   is not valid UTF-8, holds a control character other than newline, has no blank line before the signatures,
 *   does not end in a newline, has a malformed signature line or more than 100 of them;
 *   `INVALID_ARGUMENT` when `note` is neither a string nor a Uint8Array.
 * @see c2sp.org/signed-note §Format, §Signatures
 * @example
 * import { parseSignedNote } from '@jil/core/tlog';
 * const { text, signatures } = parseSignedNote('hello\n\n— example.com/k AAAAAAE=\n'); // one signature, key ID 0
 */
export function parseSignedNote(note: string | Uint8Array): SignedNote {
  const msg = noteString(note, 'note', 'TLOG_MALFORMED', 'note');
  const bad = (message: string, details: Record<string, unknown> = {}): never => {
    throw new JilError('TLOG_MALFORMED', message, { details: { check: 'note', ...details } });
  };
  const split = msg.lastIndexOf('\n\n');
  if (split < 0) bad('note has no blank line before its signatures');
  const text = msg.slice(0, split + 1);
  const block = msg.slice(split + 2);
  if (block === '' || !block.endsWith('\n')) bad('note must end with signature lines, each ending in a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) bad(`note has more than ${MAX_NOTE_SIGNATURES} signatures`, { signatures: lines.length });
  const signatures: NoteSignature[] = lines.map((line, i) => {
    if (!line.startsWith('— ')) bad("signature line must start with '— '", { line: i });
    const rest = line.slice(2);
    const space = rest.indexOf(' ');
    const name = space < 0 ? rest : rest.slice(0, space);
    if (!isValidKeyName(name)) bad('signature line has an invalid key name', { line: i });
    let bytes: Uint8Array | undefined;
    try {
      bytes = base64Decode(rest.slice(space + 1));
    } catch {
      bad('signature is not canonical base64', { line: i, name });
    }
    if (bytes!.length < 5) bad('signature is shorter than a key ID and one byte', { line: i, name });
    const keyId = ((bytes![0]! << 24) | (bytes![1]! << 16) | (bytes![2]! << 8) | bytes![3]!) >>> 0;
    return { name, keyId, signature: bytes!.slice(4) };
  });
  return { text, signatures };
}
