import { JilError } from '@jil/core';

/** Retry policy of webhook deliveries. */
export interface WebhookRetryPolicy {
  /** Retries after the first attempt (default 3). */
  retries: number;
  /** Delay before the first retry, ms (default 1 000). */
  baseMs: number;
  /** Growth factor between retries (default 4). */
  factor: number;
  /** Cap of one delay, ms (default 60 000). */
  maxMs: number;
}

/** Default {@link WebhookRetryPolicy}: 3 retries after 1 s, 4 s, 16 s. */
export const DEFAULT_WEBHOOK_RETRY: Readonly<WebhookRetryPolicy> = Object.freeze({ retries: 3, baseMs: 1_000, factor: 4, maxMs: 60_000 });

/**
 * The delays before each retry of a failed delivery: `min(maxMs, baseMs · factor^i)` for i = 0 … retries − 1
 * (exponential backoff; jitter is left to the caller, who may pass a random factor in).
 *
 * @param policy - overrides of {@link DEFAULT_WEBHOOK_RETRY}.
 * @returns one delay per retry, in ms.
 * @throws JilError `INVALID_ARGUMENT` for negative or non-integer values.
 * @example
 * import { webhookRetryDelays } from '@jil/fleet';
 * webhookRetryDelays(); // [1000, 4000, 16000]
 */
export function webhookRetryDelays(policy: Partial<WebhookRetryPolicy> = {}): number[] {
  const p = { ...DEFAULT_WEBHOOK_RETRY, ...policy };
  const ok = Number.isSafeInteger(p.retries) && p.retries >= 0 && p.retries <= 20 && p.baseMs >= 0 && p.factor >= 1 && p.maxMs >= 0;
  if (!ok) throw new JilError('INVALID_ARGUMENT', 'invalid webhook retry policy', { details: { field: 'policy' } });
  return Array.from({ length: p.retries }, (_, i) => Math.min(p.maxMs, Math.round(p.baseMs * p.factor ** i)));
}

/**
 * Whether a failed delivery is worth retrying: network failures (`status` undefined), 408, 425, 429 and 5xx.
 * Other 4xx mean the receiver refused the content; retrying will not help.
 * @example
 * import { isRetryableDelivery } from '@jil/fleet';
 * isRetryableDelivery(503); // true
 */
export function isRetryableDelivery(status: number | undefined): boolean {
  if (status !== undefined && typeof status !== 'number') return false; // not an HTTP status: nothing to retry on
  return status === undefined || status === 408 || status === 425 || status === 429 || status >= 500;
}
