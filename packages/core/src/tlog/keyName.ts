import { JilError } from '../errors/JilError.js';

/** Internal: a valid note key name: non-empty, no Unicode white space (Go's `unicode.IsSpace`), no `+`. */
export function isValidKeyName(name: unknown): name is string {
  return (
    typeof name === 'string' && name !== '' && !/[\p{White_Space}+]/u.test(name) && !hasLoneSurrogate(name) && !/[\u0000-\u001f]/.test(name)
  );
}

/** Internal: throw `INVALID_ARGUMENT` naming `field` unless `name` is a valid key name. */
export function assertKeyName(name: unknown, field: string): asserts name is string {
  if (!isValidKeyName(name)) {
    throw new JilError('INVALID_ARGUMENT', `${field} must be a non-empty key name without spaces or '+'`, { details: { field } });
  }
}

/** Internal: true when a string holds a lone UTF-16 surrogate (it has no UTF-8 encoding). */
export function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}
