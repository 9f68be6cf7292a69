import { assertRecord } from '../bytes/assertBytes.js';
import { bytesToHex, sha256Bytes } from '../bytes/encoding.js';
import { assertBytes } from '../bytes/assertBytes.js';
import { JilError } from '../errors/JilError.js';
import { NONCE, parseUtcTimestamp } from './authHeaders.js';
import { normalizeComponent } from './rfc3986.js';

/** Input of {@link canonicalRequest}. */
export interface CanonicalRequestParameters {
  /** HTTP method, letters only; upper-cased (`post` → `POST`). */
  method: string;
  /** Request path as sent, starting with `/`, without query or fragment, e.g. `/v1/preclearance/validate`. */
  path: string;
  /** Raw query string without the leading `?` (e.g. `b=2&a=1`); omitted or `''` for none. */
  query?: string;
  /** The `X-JIL-Timestamp` value, RFC 3339 UTC (`2025-01-02T03:04:05.678Z`), used verbatim. */
  timestamp: string;
  /** The `X-JIL-Nonce` value, 16–64 characters of `[A-Za-z0-9_-]`, used verbatim. */
  nonce: string;
  /** The raw body bytes (a string is taken as UTF-8); empty for none. */
  body: Uint8Array | string;
}

/**
 * The JIL canonical request: the exact string that `X-JIL-Signature` authenticates.
 *
 * Six lines joined by `\n` (LF), no trailing newline:
 * ```
 * METHOD          upper-cased method, e.g. POST
 * PATH            path split on "/", each segment percent-decoded (UTF-8) and re-encoded (RFC 3986: all but
 *                 A-Z a-z 0-9 - . _ ~ as %XX, upper-case hex); no dot-segment removal; "/v1/a%7eb" → "/v1/a~b"
 * SORTED_QUERY    query split on "&" (empty parts dropped), each part split at its first "=" (no "=" means an empty
 *                 value), name and value decoded and re-encoded like path segments ("+" is a literal plus → %2B),
 *                 pairs sorted by encoded name, then encoded value (byte order), joined as name=value with "&";
 *                 empty when there is no query
 * TIMESTAMP       X-JIL-Timestamp, verbatim
 * NONCE           X-JIL-Nonce, verbatim
 * BODY_SHA256     lower-case hex SHA-256 of the raw body bytes (of the empty string when there is no body)
 * ```
 * No field can contain LF (each is validated or percent-encoded), so the encoding is unambiguous.
 *
 * @param params - see {@link CanonicalRequestParameters}.
 * @returns the canonical request string (ASCII).
 * @throws JilError `INVALID_ARGUMENT` (details.field) for a bad method, path (not starting with `/`, containing
 *   `?` or `#`, malformed percent-encoding), query, timestamp or nonce, or a body that is not bytes/string.
 * @see DESIGN.md, Formats, HMAC request auth; RFC 3986 §2.1, §2.3; RFC 3339 §5.6
 * @example
 * import { canonicalRequest } from '@jil/core';
 * canonicalRequest({ method: 'GET', path: '/v1/psa/x', query: 'b=2&a=1', timestamp: '2025-01-02T03:04:05.000Z',
 *   nonce: 'AAAAAAAAAAAAAAAAAAAAAA', body: '' });
 * // 'GET\n/v1/psa/x\na=1&b=2\n2025-01-02T03:04:05.000Z\nAAAAAAAAAAAAAAAAAAAAAA\ne3b0c442…b855'
 */
export function canonicalRequest(params: CanonicalRequestParameters): string {
  assertRecord(params, 'params');
  const { method, path, query = '', timestamp, nonce, body } = params;
  if (typeof method !== 'string' || !/^[A-Za-z]{1,32}$/.test(method)) invalid('method', 'must be 1–32 letters');
  if (typeof path !== 'string' || !path.startsWith('/') || /[?#]/.test(path)) {
    invalid('path', "must start with '/' and hold no '?' or '#'");
  }
  if (typeof query !== 'string' || query.includes('#')) invalid('query', "must be a string without '#'");
  if (typeof timestamp !== 'string' || parseUtcTimestamp(timestamp) === undefined) {
    invalid('timestamp', 'must be an RFC 3339 UTC timestamp');
  }
  if (typeof nonce !== 'string' || !NONCE.test(nonce)) invalid('nonce', 'must be 16–64 characters of [A-Za-z0-9_-]');
  if (typeof body !== 'string') assertBytes(body, 'body');
  return [
    method.toUpperCase(),
    path
      .split('/')
      .map((segment) => normalizeComponent(segment, 'path'))
      .join('/'),
    canonicalQuery(query),
    timestamp,
    nonce,
    bytesToHex(sha256Bytes(body)),
  ].join('\n');
}

function canonicalQuery(query: string): string {
  const pairs = query
    .split('&')
    .filter((part) => part !== '')
    .map((part): [string, string] => {
      const eq = part.indexOf('=');
      const name = eq === -1 ? part : part.slice(0, eq);
      const value = eq === -1 ? '' : part.slice(eq + 1);
      return [normalizeComponent(name, 'query'), normalizeComponent(value, 'query')];
    });
  pairs.sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([name, value]) => `${name}=${value}`).join('&');
}

/** Split a request target `path[?query]` (origin-form, RFC 9112 §3.2.1). */
export function splitRequestTarget(url: string): { path: string; query: string } {
  if (typeof url !== 'string' || !url.startsWith('/') || url.includes('#')) {
    invalid('url', "must be a path starting with '/', with an optional query and no fragment");
  }
  const q = url.indexOf('?');
  return q === -1 ? { path: url, query: '' } : { path: url.slice(0, q), query: url.slice(q + 1) };
}

function invalid(field: string, message: string): never {
  throw new JilError('INVALID_ARGUMENT', `${field} ${message}`, { details: { field } });
}
