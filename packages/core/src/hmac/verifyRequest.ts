import { assertRecord } from '../bytes/assertBytes.js';
import { base64Decode, constantTimeEqual } from '../bytes/encoding.js';
import { JilError } from '../errors/JilError.js';
import { ACCESS_KEY_ID, JIL_AUTH_HEADERS, MIN_SECRET_BYTES, NONCE, parseUtcTimestamp } from './authHeaders.js';
import { malformed, readAuthHeaders } from './readAuthHeaders.js';
import { canonicalRequest, splitRequestTarget } from './canonicalRequest.js';
import { hmacSha256 } from './hmacSha256.js';
import type { NonceStore } from './NonceStore.js';

/** The request as the server received it. */
export interface VerifyRequestInput {
  /** HTTP method. */
  method: string;
  /** Request target as received: path with optional query (e.g. Fastify `request.url`). */
  url: string;
  /** Request headers, names in any case (Node's `IncomingHttpHeaders` fits). */
  headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The raw body bytes exactly as received; default empty. */
  body?: Uint8Array | string;
}

/** Server-side dependencies of {@link verifyRequest}. */
export interface VerifyRequestOptions {
  /** The secret of an access key, or `undefined` when the key is unknown or revoked. */
  lookupSecret: (accessKeyId: string) => Promise<Uint8Array | undefined>;
  /** Where nonces are remembered; see {@link NonceStore}. */
  nonceStore: NonceStore;
  /** The server's current time. */
  now: Date;
  /** Accepted clock skew either way, in milliseconds (default 300 000 = ±5 min). */
  windowMs?: number;
}

/** What {@link verifyRequest} resolves to. */
export interface VerifyRequestResult {
  /** The access key that signed the request. */
  accessKeyId: string;
}

/**
 * Authenticate a request signed with {@link signRequest}.
 *
 * Checks, in this order, and throws at the first failure:
 * 1. the four `X-JIL-*` headers are present (`AUTH_MISSING_HEADER`) and well-formed (`AUTH_MALFORMED_HEADER`):
 *    access key id `[A-Za-z0-9._:-]{1,128}`, RFC 3339 UTC timestamp, nonce `[A-Za-z0-9_-]{16,64}`, signature =
 *    canonical base64 of 32 bytes; a header given twice (in any case) is malformed;
 * 2. `|now − timestamp| ≤ windowMs`, both edges included (`AUTH_STALE_TIMESTAMP`);
 * 3. `lookupSecret` knows the key (`AUTH_UNKNOWN_KEY`);
 * 4. the signature equals HMAC-SHA256(secret, canonical request), compared in constant time (`AUTH_BAD_SIGNATURE`);
 * 5. the nonce is new for this key (`AUTH_REPLAYED_NONCE`); it is stored only now, after the signature verified, so
 *    unauthenticated requests cannot burn nonces. It is kept until `timestamp + windowMs + 1`, the first
 *    instant at which step 2 refuses the timestamp.
 * Errors carry `details.header` (the canonical header name) or `details.accessKeyId`; never the secret, the
 * signature or the nonce.
 *
 * @param request - see {@link VerifyRequestInput}.
 * @param options - see {@link VerifyRequestOptions}.
 * @returns the authenticated access key id.
 * @throws JilError `AUTH_MISSING_HEADER`, `AUTH_MALFORMED_HEADER`, `AUTH_STALE_TIMESTAMP`, `AUTH_UNKNOWN_KEY`,
 *   `AUTH_BAD_SIGNATURE`, `AUTH_REPLAYED_NONCE` as above; `INVALID_ARGUMENT` (details.field) for a url or method that
 *   cannot be canonicalized, a bad `now` or `windowMs`; `CONFIG_INVALID` when `lookupSecret` returns a secret that
 *   is not a Uint8Array of at least 16 bytes. Errors from `lookupSecret` and the nonce store pass through.
 * @see DESIGN.md, Formats, HMAC request auth; RFC 2104; RFC 3339 §5.6
 * @example
 * import { MemoryNonceStore, verifyRequest } from '@jil/core';
 * const nonceStore = new MemoryNonceStore();
 * const { accessKeyId } = await verifyRequest(
 *   { method: req.method, url: req.url, headers: req.headers, body: rawBody },
 *   { lookupSecret: async (id) => secrets.get(id), nonceStore, now: new Date() },
 * );
 */
export async function verifyRequest(request: VerifyRequestInput, options: VerifyRequestOptions): Promise<VerifyRequestResult> {
  assertRecord(request, 'request');
  assertRecord(options, 'options');
  const { now, windowMs = 300_000, lookupSecret, nonceStore } = options;
  const nowMs = now instanceof Date ? now.getTime() : Number.NaN;
  if (!Number.isFinite(nowMs)) throw new JilError('INVALID_ARGUMENT', 'now must be a valid Date', { details: { field: 'now' } });
  if (!Number.isSafeInteger(windowMs) || windowMs <= 0) {
    throw new JilError('INVALID_ARGUMENT', 'windowMs must be a positive integer', { details: { field: 'windowMs' } });
  }

  // 1. headers
  const headers = readAuthHeaders(request.headers);
  const { accessKeyId, timestamp, nonce } = headers;
  if (!ACCESS_KEY_ID.test(accessKeyId)) malformed(JIL_AUTH_HEADERS.accessKeyId);
  const timestampMs = parseUtcTimestamp(timestamp);
  if (timestampMs === undefined) malformed(JIL_AUTH_HEADERS.timestamp);
  if (!NONCE.test(nonce)) malformed(JIL_AUTH_HEADERS.nonce);
  let signature: Uint8Array;
  try {
    signature = base64Decode(headers.signature);
  } catch {
    return malformed(JIL_AUTH_HEADERS.signature);
  }
  if (signature.length !== 32) malformed(JIL_AUTH_HEADERS.signature);

  // 2. timestamp window
  const skewMs = nowMs - timestampMs;
  if (Math.abs(skewMs) > windowMs) {
    throw new JilError('AUTH_STALE_TIMESTAMP', `${JIL_AUTH_HEADERS.timestamp} is outside the ±${windowMs} ms window`, {
      details: { header: JIL_AUTH_HEADERS.timestamp, windowMs, skewMs },
    });
  }

  // 3. key
  const secret = await lookupSecret(accessKeyId);
  if (secret === undefined) {
    throw new JilError('AUTH_UNKNOWN_KEY', 'unknown access key', { details: { accessKeyId } });
  }
  if (!(secret instanceof Uint8Array) || secret.length < MIN_SECRET_BYTES) {
    throw new JilError('CONFIG_INVALID', `the secret of an access key must be at least ${MIN_SECRET_BYTES} bytes`, {
      details: { accessKeyId },
    });
  }

  // 4. signature, constant-time
  const { path, query } = splitRequestTarget(request.url);
  const canonical = canonicalRequest({ method: request.method, path, query, timestamp, nonce, body: request.body ?? new Uint8Array(0) });
  if (!constantTimeEqual(hmacSha256(secret, canonical), signature)) {
    throw new JilError('AUTH_BAD_SIGNATURE', 'request signature does not verify', { details: { accessKeyId } });
  }

  // 5. nonce, stored only for authenticated requests
  if (!(await nonceStore.checkAndStore(accessKeyId, nonce, timestampMs + windowMs + 1, nowMs))) {
    throw new JilError('AUTH_REPLAYED_NONCE', 'nonce was already used inside the window', { details: { accessKeyId } });
  }
  return { accessKeyId };
}
