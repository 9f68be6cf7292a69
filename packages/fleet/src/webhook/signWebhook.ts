import { bytesToHex, hexToBytes, constantTimeEqual, hmacSha256, JilError, utf8ToBytes } from '@jil/core';
import { isoTimestamp, requireRecord } from '../internal/requireDate.js';
import { parseTimestamp } from '../internal/FieldCheck.js';

/** Header names of a signed webhook delivery. */
export const WEBHOOK_HEADERS = {
  timestamp: 'X-JIL-Webhook-Timestamp',
  signature: 'X-JIL-Webhook-Signature',
  delivery: 'X-JIL-Webhook-Delivery',
} as const;

function mac(secret: Uint8Array, timestamp: string, body: Uint8Array | string): Uint8Array {
  if (!(secret instanceof Uint8Array) || secret.length < 16) {
    throw new JilError('INVALID_ARGUMENT', 'secret must be at least 16 bytes', { details: { field: 'secret' } });
  }
  const bytes = typeof body === 'string' ? utf8ToBytes(body) : body;
  if (!(bytes instanceof Uint8Array))
    throw new JilError('INVALID_ARGUMENT', 'body must be bytes or a string', { details: { field: 'body' } });
  const prefix = utf8ToBytes(`${timestamp}.`);
  const message = new Uint8Array(prefix.length + bytes.length);
  message.set(prefix);
  message.set(bytes, prefix.length);
  return hmacSha256(secret, message);
}

/**
 * Signs a webhook delivery: `X-JIL-Webhook-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>` and the
 * timestamp header. The receiver checks it with {@link verifyWebhook} and refuses old timestamps (replay).
 *
 * @param params - `secret` (≥ 16 bytes, the webhook's own), exact `body` bytes sent, `now`, and a `deliveryId`
 *   (the same across retries of one delivery, so receivers can de-duplicate).
 * @returns the three headers to send.
 * @throws JilError `INVALID_ARGUMENT` for a short secret, bad body or date.
 * @see RFC 2104
 * @example
 * import { signWebhook } from '@jil/fleet';
 * const headers = signWebhook({ secret, body, now: new Date(), deliveryId });
 */
export function signWebhook(params: {
  secret: Uint8Array;
  body: Uint8Array | string;
  now: Date;
  deliveryId: string;
}): Record<string, string> {
  requireRecord(params, 'params');
  const timestamp = isoTimestamp(params.now);
  return {
    [WEBHOOK_HEADERS.timestamp]: timestamp,
    [WEBHOOK_HEADERS.signature]: `v1=${bytesToHex(mac(params.secret, timestamp, params.body))}`,
    [WEBHOOK_HEADERS.delivery]: params.deliveryId,
  };
}

/**
 * Receiver side of {@link signWebhook}: constant-time MAC check and a timestamp window.
 *
 * @param params - `secret`, raw `body` as received, `headers` (any case), `now`, `toleranceMs` (default 300 000).
 * @returns `true` only for a valid signature with a timestamp inside the window.
 * @throws JilError `INVALID_ARGUMENT` for a short secret or bad types.
 * @example
 * import { verifyWebhook } from '@jil/fleet';
 * if (!verifyWebhook({ secret, body: rawBody, headers: req.headers, now: new Date() })) return res.status(401).end();
 */
export function verifyWebhook(params: {
  secret: Uint8Array;
  body: Uint8Array | string;
  headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  now: Date;
  toleranceMs?: number;
}): boolean {
  requireRecord(params, 'params');
  requireRecord(params.headers, 'headers');
  const lower = new Map(Object.entries(params.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const timestamp = lower.get(WEBHOOK_HEADERS.timestamp.toLowerCase());
  const signature = lower.get(WEBHOOK_HEADERS.signature.toLowerCase());
  const now = isoTimestamp(params.now);
  if (typeof timestamp !== 'string' || typeof signature !== 'string') return false;
  const at = parseTimestamp(timestamp);
  if (at === undefined || Math.abs(Date.parse(now) - at) > (params.toleranceMs ?? 300_000)) return false;
  const m = /^v1=([0-9a-f]{64})$/.exec(signature);
  if (m === null) return false;
  return constantTimeEqual(mac(params.secret, timestamp, params.body), hexToBytes(m[1]!));
}
