import { isRetryableDelivery, signWebhook, webhookRetryDelays, type WebhookRetryPolicy } from '@jil/fleet';
import type { HqContext } from '../app/HqContext.js';

/**
 * Delivers queued webhooks: POSTs the JSON body with `X-JIL-Webhook-Signature` (HMAC-SHA256 with the webhook's own
 * secret, `signWebhook`), and retries a failed delivery 3 times with exponential backoff (`webhookRetryDelays`)
 * when the failure may pass (network, 408, 429, 5xx). The queue is in the database, so deliveries survive restarts.
 */
export class WebhookDispatcher {
  readonly #ctx: HqContext;
  readonly #delays: number[];
  readonly #timeoutMs: number;
  #timer: NodeJS.Timeout | undefined;
  #busy: Promise<number> | undefined;

  constructor(ctx: HqContext, retry: Partial<WebhookRetryPolicy> = {}, timeoutMs = 10_000) {
    this.#ctx = ctx;
    this.#delays = webhookRetryDelays(retry);
    this.#timeoutMs = timeoutMs;
  }

  /** Polls the queue every `tickMs` (unref'd timer). */
  start(tickMs: number): void {
    this.stop();
    this.#timer = setInterval(() => {
      void this.tick().catch((error: unknown) => this.#ctx.log.error({ err: error }, 'webhook delivery failed'));
    }, tickMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Attempts every due delivery once; returns how many were attempted. */
  tick(): Promise<number> {
    this.#busy ??= this.#tick().finally(() => (this.#busy = undefined));
    return this.#busy;
  }

  async #tick(): Promise<number> {
    const { store, clock } = this.#ctx;
    const due = await store.webhooks.due(clock());
    for (const d of due) {
      let status: number | undefined;
      try {
        const headers = signWebhook({ secret: d.secret, body: d.body, now: clock(), deliveryId: d.delivery_id });
        const response = await fetch(d.url, {
          method: 'POST',
          body: d.body,
          headers: { ...headers, 'content-type': 'application/json' },
          signal: AbortSignal.timeout(this.#timeoutMs),
        });
        await response.body?.cancel();
        status = response.status;
      } catch {
        status = undefined;
      }
      const now = clock();
      const attempt = d.attempts + 1;
      if (status !== undefined && status >= 200 && status < 300)
        await store.webhooks.recordAttempt(d.delivery_id, 'delivered', status, now, now);
      else if (attempt <= this.#delays.length && isRetryableDelivery(status)) {
        await store.webhooks.recordAttempt(
          d.delivery_id,
          'pending',
          status ?? null,
          new Date(now.getTime() + this.#delays[attempt - 1]!),
          now,
        );
      } else await store.webhooks.recordAttempt(d.delivery_id, 'failed', status ?? null, now, now);
    }
    return due.length;
  }
}
