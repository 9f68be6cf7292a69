import { assertRecord } from '../bytes/assertBytes.js';
import { assertBytes } from '../bytes/assertBytes.js';
import { base64Encode } from '../bytes/encoding.js';
import { randomBytes } from '../bytes/randomBytes.js';
import { JilError } from '../errors/JilError.js';
import { ACCESS_KEY_ID, MIN_SECRET_BYTES, NONCE, formatUtcTimestamp, type JilAuthHeaders } from './authHeaders.js';
import { canonicalRequest, splitRequestTarget } from './canonicalRequest.js';
import { hmacSha256 } from './hmacSha256.js';

/** Input of {@link signRequest}. */
export interface SignRequestParameters {
  /** HTTP method, e.g. `POST`. */
  method: string;
  /** Request target as sent: path with optional query, e.g. `/v1/preclearance/psa/abc?full=1`. */
  url: string;
  /** The exact body bytes that will be sent (a string is sent and hashed as UTF-8); default empty. */
  body?: Uint8Array | string;
  /** The access key id, 1–128 characters of `[A-Za-z0-9._:-]`. */
  accessKeyId: string;
  /** The shared HMAC secret, at least 16 bytes. Never logged or put in errors. */
  secret: Uint8Array;
  /** The signing time; becomes `X-JIL-Timestamp`. */
  now: Date;
  /** Override the nonce (16–64 chars of `[A-Za-z0-9_-]`); default 128 random bits as base64url (22 chars). */
  nonce?: string;
}

/**
 * Sign an HTTP request for the JIL API: returns the four `X-JIL-*` headers to send with it.
 *
 * `X-JIL-Signature` = base64(HMAC-SHA256(secret, canonicalRequest)) — see {@link canonicalRequest} for the exact
 * string; `X-JIL-Timestamp` = `now` as RFC 3339 UTC with milliseconds; `X-JIL-Nonce` = `nonce` or 16 bytes from
 * `crypto.getRandomValues` as unpadded base64url. The caller's object is not modified.
 *
 * @param params - see {@link SignRequestParameters}.
 * @returns `{ 'X-JIL-Access-Key-Id', 'X-JIL-Timestamp', 'X-JIL-Nonce', 'X-JIL-Signature' }`.
 * @throws JilError `INVALID_ARGUMENT` (details.field) for a bad method, url, body, access key id, secret (wrong
 *   type or shorter than 16 bytes; the value is never echoed), `now` (invalid date or year outside 0000–9999) or
 *   nonce; `INTERNAL` when no CSPRNG is available.
 * @see DESIGN.md, Formats, HMAC request auth; RFC 2104; RFC 3339 §5.6; RFC 4648 §5 (base64url)
 * @example
 * import { signRequest, utf8ToBytes } from '@jil/core';
 * const body = JSON.stringify({ transfer });
 * const headers = signRequest({ method: 'POST', url: '/v1/preclearance/validate', body,
 *   accessKeyId: 'AK1', secret, now: new Date() });
 * await fetch(`${base}/v1/preclearance/validate`, { method: 'POST', body, headers: { ...headers, 'content-type': 'application/json' } });
 */
export function signRequest(params: SignRequestParameters): JilAuthHeaders {
  assertRecord(params, 'params');
  const { method, url, body = new Uint8Array(0), accessKeyId, secret, now } = params;
  if (typeof accessKeyId !== 'string' || !ACCESS_KEY_ID.test(accessKeyId)) {
    invalid('accessKeyId', 'must be 1–128 characters of [A-Za-z0-9._:-]');
  }
  assertBytes(secret, 'secret');
  if (secret.length < MIN_SECRET_BYTES) invalid('secret', `must be at least ${MIN_SECRET_BYTES} bytes`);
  const timestamp = formatUtcTimestamp(now);
  if (timestamp === undefined) invalid('now', 'must be a valid Date in the years 0000–9999');
  const nonce = params.nonce ?? base64UrlEncode(randomBytes(16));
  if (typeof nonce !== 'string' || !NONCE.test(nonce)) invalid('nonce', 'must be 16–64 characters of [A-Za-z0-9_-]');
  const { path, query } = splitRequestTarget(url);
  const canonical = canonicalRequest({ method, path, query, timestamp, nonce, body });
  return {
    'X-JIL-Access-Key-Id': accessKeyId,
    'X-JIL-Timestamp': timestamp,
    'X-JIL-Nonce': nonce,
    'X-JIL-Signature': base64Encode(hmacSha256(secret, canonical)),
  };
}

function base64UrlEncode(bytes: Uint8Array): string {
  return base64Encode(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function invalid(field: string, message: string): never {
  throw new JilError('INVALID_ARGUMENT', `${field} ${message}`, { details: { field } });
}
