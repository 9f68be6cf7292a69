import type { KeyRateLimit } from './AccessKeyAdmin.js';

/** Default per-key limit: 100 requests per second sustained, bursts of 200. */
export const DEFAULT_RATE_LIMIT: KeyRateLimit = Object.freeze({ per_second: 100, burst: 200 });

/** Outcome of {@link TokenBucketLimiter.take}. */
export type TakeResult = { ok: true; remaining: number } | { ok: false; retryAfterMs: number };

interface Bucket {
  tokens: number;
  atMs: number;
  limit: KeyRateLimit;
}

/**
 * One token bucket per access key, in this process's memory: `burst` tokens, refilled at `per_second`; each
 * authenticated request takes one. A key's own limit (admin API / `jil keys create --rate`) overrides the default.
 * Buckets that have refilled completely are dropped when the table grows past 10 000 keys. Per process: with
 * several workers on one node, each enforces the limit on its own.
 *
 * @example
 * import { TokenBucketLimiter } from './TokenBucketLimiter.js';
 * const limiter = new TokenBucketLimiter({ per_second: 5, burst: 10 });
 * limiter.take('AK1', null, Date.now()); // { ok: true, remaining: 9 }
 */
export class TokenBucketLimiter {
  readonly #default: KeyRateLimit;
  readonly #buckets = new Map<string, Bucket>();

  /** @param defaultLimit - the limit of keys without their own (default {@link DEFAULT_RATE_LIMIT}). */
  constructor(defaultLimit: KeyRateLimit = DEFAULT_RATE_LIMIT) {
    this.#default = { ...defaultLimit };
  }

  /** The default limit. */
  get defaultLimit(): KeyRateLimit {
    return { ...this.#default };
  }

  /**
   * Take one token for `key` at `nowMs`.
   * @param key - the access key id.
   * @param own - the key's own limit, or `null` for the default.
   * @param nowMs - the clock in milliseconds.
   * @returns `{ ok: true, remaining }`, or `{ ok: false, retryAfterMs }` (time until one token is back).
   */
  take(key: string, own: KeyRateLimit | null, nowMs: number): TakeResult {
    const limit = own ?? this.#default;
    let bucket = this.#buckets.get(key);
    if (bucket === undefined || bucket.limit.burst !== limit.burst || bucket.limit.per_second !== limit.per_second) {
      if (this.#buckets.size >= 10_000) this.#sweep(nowMs);
      bucket = { tokens: limit.burst, atMs: nowMs, limit };
      this.#buckets.set(key, bucket);
    }
    const elapsed = Math.max(0, nowMs - bucket.atMs);
    bucket.tokens = Math.min(limit.burst, bucket.tokens + (elapsed / 1000) * limit.per_second);
    bucket.atMs = nowMs;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true, remaining: Math.floor(bucket.tokens) };
    }
    return { ok: false, retryAfterMs: Math.ceil(((1 - bucket.tokens) / limit.per_second) * 1000) };
  }

  #sweep(nowMs: number): void {
    for (const [key, b] of this.#buckets) {
      if (b.tokens + ((nowMs - b.atMs) / 1000) * b.limit.per_second >= b.limit.burst) this.#buckets.delete(key);
    }
  }
}
