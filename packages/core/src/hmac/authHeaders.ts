/**
 * The four HTTP headers of JIL request authentication, in their canonical spelling (HTTP header names are
 * case-insensitive; `verifyRequest` accepts any case).
 * @see docs/api (HMAC request auth); DESIGN.md, Formats
 * @example
 * import { JIL_AUTH_HEADERS } from '@jil/core';
 * const redact = Object.values(JIL_AUTH_HEADERS).map((h) => h.toLowerCase());
 */
export const JIL_AUTH_HEADERS = {
  accessKeyId: 'X-JIL-Access-Key-Id',
  timestamp: 'X-JIL-Timestamp',
  nonce: 'X-JIL-Nonce',
  signature: 'X-JIL-Signature',
} as const;

/** The headers `signRequest` returns: header name → value. */
export type JilAuthHeaders = { [K in keyof typeof JIL_AUTH_HEADERS as (typeof JIL_AUTH_HEADERS)[K]]: string };

/** Access key ids: 1–128 characters of `[A-Za-z0-9._:-]`. */
export const ACCESS_KEY_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Nonces: 16–64 characters of `[A-Za-z0-9_-]` (the base64url alphabet). */
export const NONCE = /^[A-Za-z0-9_-]{16,64}$/;

/** Shortest accepted HMAC secret, in bytes (128 bits). */
export const MIN_SECRET_BYTES = 16;

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/;

/**
 * Milliseconds since the epoch of an RFC 3339 UTC timestamp `YYYY-MM-DDTHH:MM:SS[.fraction]Z` (upper-case `T`
 * and `Z`, 1–9 fraction digits, truncated to milliseconds; no offsets, no leap second), or `undefined`.
 */
export function parseUtcTimestamp(text: string): number | undefined {
  const m = TIMESTAMP.exec(text);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCMonth() !== month - 1) return undefined; // e.g. 2025-02-30
  date.setUTCHours(hour, minute, second, Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3)));
  return date.getTime();
}

/** RFC 3339 UTC text of `date` with millisecond precision (`toISOString`), for years 0000–9999; else `undefined`. */
export function formatUtcTimestamp(date: Date): string | undefined {
  const ms = date instanceof Date ? date.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) return undefined;
  const year = date.getUTCFullYear();
  return year < 0 || year > 9999 ? undefined : date.toISOString();
}
