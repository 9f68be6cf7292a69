import { base64Decode, base64Encode } from '@jil/core';
import type { Db } from '@jil/server-kit';
import { iso, num, json } from './rows.js';

/** A delivery that is due. */
export interface DueDelivery {
  delivery_id: string;
  webhook_id: string;
  url: string;
  secret: Uint8Array;
  body: string;
  attempts: number;
}

/** Webhook subscriptions and their deliveries (`webhooks`, `webhook_deliveries`). */
export class WebhookRepository {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  /** Registers a webhook with a fresh 32-byte secret; returns the secret once. */
  async create(webhookId: string, url: string, at: Date): Promise<Uint8Array> {
    const secret = globalThis.crypto.getRandomValues(new Uint8Array(32));
    await this.#db.query('INSERT INTO webhooks (webhook_id, url, secret_b64, created_at) VALUES ($1, $2, $3, $4)', [
      webhookId,
      url,
      base64Encode(secret),
      at,
    ]);
    return secret;
  }

  async list(): Promise<{ webhook_id: string; url: string; created_at: string }[]> {
    const { rows } = await this.#db.query<Record<string, unknown>>('SELECT webhook_id, url, created_at FROM webhooks ORDER BY created_at');
    return rows.map((r) => ({ webhook_id: r['webhook_id'] as string, url: r['url'] as string, created_at: iso(r['created_at'])! }));
  }

  /** Queues one delivery of `event` to every webhook. */
  async enqueue(event: string, body: string, at: Date, newId: () => string): Promise<number> {
    const hooks = await this.list();
    for (const h of hooks) {
      await this.#db.query(
        'INSERT INTO webhook_deliveries (delivery_id, webhook_id, event, body, status, next_attempt_at, created_at, updated_at) ' +
          "VALUES ($1, $2, $3, $4, 'pending', $5, $5, $5)",
        [newId(), h.webhook_id, event, body, at],
      );
    }
    return hooks.length;
  }

  /** Pending deliveries due at `now`. */
  async due(now: Date, limit = 50): Promise<DueDelivery[]> {
    const { rows } = await this.#db.query<Record<string, unknown>>(
      `SELECT d.delivery_id, d.webhook_id, w.url, w.secret_b64, d.body, d.attempts FROM webhook_deliveries d JOIN webhooks w ON \
w.webhook_id = d.webhook_id
       WHERE d.status = 'pending' AND d.next_attempt_at <= $1 ORDER BY d.next_attempt_at LIMIT $2`,
      [now, limit],
    );
    return rows.map((r) => ({
      delivery_id: r['delivery_id'] as string,
      webhook_id: r['webhook_id'] as string,
      url: r['url'] as string,
      secret: base64Decode(r['secret_b64'] as string),
      body: r['body'] as string,
      attempts: num(r['attempts']),
    }));
  }

  /** Records an attempt: delivered, failed for good, or pending again at `nextAttemptAt`. */
  async recordAttempt(
    deliveryId: string,
    status: 'pending' | 'delivered' | 'failed',
    lastStatus: number | null,
    nextAttemptAt: Date,
    at: Date,
  ): Promise<void> {
    await this.#db.query(
      'UPDATE webhook_deliveries SET attempts = attempts + 1, status = $2, last_status = $3, next_attempt_at = $4, updated_at = ' +
        '$5 WHERE delivery_id = $1',
      [deliveryId, status, lastStatus, nextAttemptAt, at],
    );
  }

  /** Deliveries, newest first (no secrets). */
  async deliveries(limit = 100): Promise<
    {
      delivery_id: string;
      webhook_id: string;
      event: string;
      attempts: number;
      status: string;
      last_status: number | null;
      body: unknown;
    }[]
  > {
    const { rows } = await this.#db.query<Record<string, unknown>>(
      'SELECT * FROM webhook_deliveries ORDER BY created_at DESC, delivery_id DESC LIMIT $1',
      [limit],
    );
    return rows.map((r) => ({
      delivery_id: r['delivery_id'] as string,
      webhook_id: r['webhook_id'] as string,
      event: r['event'] as string,
      attempts: num(r['attempts']),
      status: r['status'] as string,
      last_status: r['last_status'] === null ? null : num(r['last_status']),
      body: json(r['body'], null),
    }));
  }
}
