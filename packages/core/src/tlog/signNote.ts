import { JilError } from '../errors/JilError.js';
import { createNoteSignature } from './createNoteSignature.js';
import { formatSignedNote } from './formatSignedNote.js';
import type { NoteSignerKey } from './NoteKey.js';

/**
 * Sign a note text with one or more keys and encode the signed note (text, blank line, one line per key in order).
 *
 * @param text - the note text, ending in a newline.
 * @param keys - 1…100 signer keys (`parseSignerKey`); `'cosignature/v1'` keys need `options.timestamp`.
 * @param options - `timestamp`: POSIX seconds for the cosignature/v1 keys (ignored by `'ed25519'` keys).
 * @returns the signed note string.
 * @throws JilError `INVALID_ARGUMENT` for a bad text, key list or timestamp.
 * @see c2sp.org/signed-note §Format
 * @example
 * import { parseSignerKey, signNote } from '@jil/core/tlog';
 * const note = signNote('If you think cryptography is the answer to your problem,\nthen you don\'t know what your problem is.\n',
 *   [parseSignerKey(skey)]);
 */
export function signNote(text: string, keys: readonly NoteSignerKey[], options: { timestamp?: number } = {}): string {
  if (!Array.isArray(keys) || keys.length === 0) {
    throw new JilError('INVALID_ARGUMENT', 'keys must be a non-empty array of signer keys', { details: { field: 'keys' } });
  }
  const signatures = keys.map((k) =>
    createNoteSignature(text, k, k?.type === 'cosignature/v1' && options.timestamp !== undefined ? { timestamp: options.timestamp } : {}),
  );
  return formatSignedNote({ text, signatures });
}
