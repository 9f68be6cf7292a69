import { JilError } from '../errors/JilError.js';
import { JIL_AUTH_HEADERS } from './authHeaders.js';

/** The raw values of the four `X-JIL-*` headers. */
export interface AuthHeaderValues {
  accessKeyId: string;
  timestamp: string;
  nonce: string;
  signature: string;
}

/**
 * Pick the four `X-JIL-*` headers out of a header record, names in any case. Internal to `verifyRequest`.
 * A header given twice (two spellings, or an array of several values) is malformed.
 * @throws JilError `AUTH_MISSING_HEADER` (details.header = the first missing, details.missing = all missing),
 *   `AUTH_MALFORMED_HEADER` (details.header), `INVALID_ARGUMENT` when `headers` is not an object.
 */
export function readAuthHeaders(headers: Readonly<Record<string, string | readonly string[] | undefined>>): AuthHeaderValues {
  const wanted = new Map<string, keyof AuthHeaderValues>(
    (Object.entries(JIL_AUTH_HEADERS) as [keyof AuthHeaderValues, string][]).map(([field, name]) => [name.toLowerCase(), field]),
  );
  const found: Partial<AuthHeaderValues> = {};
  if (headers === null || typeof headers !== 'object') {
    throw new JilError('INVALID_ARGUMENT', 'headers must be an object', { details: { field: 'headers' } });
  }
  for (const [name, raw] of Object.entries(headers)) {
    const field = wanted.get(name.toLowerCase());
    if (field === undefined || raw === undefined) continue;
    const value = typeof raw === 'string' ? raw : raw.length === 1 && typeof raw[0] === 'string' ? raw[0] : undefined;
    if (value === undefined || found[field] !== undefined) malformed(JIL_AUTH_HEADERS[field]);
    found[field] = value;
  }
  const missing = (Object.keys(JIL_AUTH_HEADERS) as (keyof AuthHeaderValues)[]).filter((f) => found[f] === undefined);
  const first = missing[0];
  if (first !== undefined) {
    throw new JilError('AUTH_MISSING_HEADER', `missing header ${JIL_AUTH_HEADERS[first]}`, {
      details: { header: JIL_AUTH_HEADERS[first], missing: missing.map((f) => JIL_AUTH_HEADERS[f]) },
    });
  }
  return found as AuthHeaderValues;
}

/** Throw `AUTH_MALFORMED_HEADER` naming `header`. */
export function malformed(header: string): never {
  throw new JilError('AUTH_MALFORMED_HEADER', `malformed header ${header}`, { details: { header } });
}
