import { JilError } from '../errors/JilError.js';

/**
 * Percent-encode `text` as RFC 3986 §2.1/§2.3 require for a canonical form: UTF-8 bytes, every byte except the
 * unreserved `A–Z a–z 0–9 - . _ ~` as `%XX` with upper-case hex. Internal to the HMAC canonical request.
 * @throws JilError `INVALID_ARGUMENT` (details.field) for a lone surrogate.
 */
export function percentEncode(text: string, field: string): string {
  try {
    return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  } catch (cause) {
    throw new JilError('INVALID_ARGUMENT', `${field} is not well-formed Unicode`, { details: { field }, cause });
  }
}

/**
 * Decode `%XX` escapes (RFC 3986 §2.1) as UTF-8; `+` stays a literal plus sign.
 * @throws JilError `INVALID_ARGUMENT` (details.field) for a malformed escape or escaped bytes that are not UTF-8.
 */
export function percentDecode(text: string, field: string): string {
  try {
    return decodeURIComponent(text);
  } catch (cause) {
    throw new JilError('INVALID_ARGUMENT', `${field} has malformed percent-encoding`, { details: { field }, cause });
  }
}

/** Decode, then encode canonically: `%7e`, `~` and `%7E` all become `~`, `é` and `%c3%a9` become `%C3%A9`. */
export function normalizeComponent(text: string, field: string): string {
  return percentEncode(percentDecode(text, field), field);
}
