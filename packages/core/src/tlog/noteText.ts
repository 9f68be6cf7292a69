import { bytesToUtf8 } from '../bytes/encoding.js';
import { JilError } from '../errors/JilError.js';
import { hasLoneSurrogate } from './keyName.js';

/** Internal: most signature lines a note may carry (the spec requires accepting at least 16; Go caps at 100). */
export const MAX_NOTE_SIGNATURES = 100;

/**
 * Internal: a note as a string, checked for what c2sp.org/signed-note forbids everywhere: invalid UTF-8 (or lone
 * surrogates) and ASCII control characters other than newline. Throws `code` with `details.check`.
 */
export function noteString(input: unknown, field: string, code: 'TLOG_MALFORMED' | 'INVALID_ARGUMENT', check: string): string {
  let text: string;
  if (input instanceof Uint8Array) {
    try {
      text = bytesToUtf8(input);
    } catch {
      throw new JilError(code, `${field} is not valid UTF-8`, { details: { check, field } });
    }
  } else if (typeof input === 'string') {
    text = input;
  } else {
    throw new JilError('INVALID_ARGUMENT', `${field} must be a string or UTF-8 bytes`, { details: { field } });
  }
  if (hasLoneSurrogate(text)) throw new JilError(code, `${field} is not valid Unicode`, { details: { check, field } });
  if (/[\u0000-\u0009\u000b-\u001f]/.test(text)) {
    throw new JilError(code, `${field} contains a control character other than newline`, { details: { check, field } });
  }
  return text;
}
