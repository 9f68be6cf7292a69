import { JilError } from '../errors/JilError.js';
import type { NoteVerifierKey } from './NoteKey.js';
import { parseVerifierKey } from './parseVerifierKey.js';

/** Internal: verifier keys given as objects or vkey strings, as objects; `INVALID_ARGUMENT` naming `field[i]`. */
export function toVerifierKeys(keys: unknown, field: string): NoteVerifierKey[] {
  if (!Array.isArray(keys)) throw new JilError('INVALID_ARGUMENT', `${field} must be an array of verifier keys`, { details: { field } });
  return keys.map((k: unknown, i) => {
    if (typeof k !== 'string') return k as NoteVerifierKey;
    try {
      return parseVerifierKey(k);
    } catch (cause) {
      throw new JilError('INVALID_ARGUMENT', `${field}[${i}] is not a valid verifier key`, { details: { field: `${field}[${i}]` }, cause });
    }
  });
}
