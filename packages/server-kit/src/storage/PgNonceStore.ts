import type { NonceStore } from '@jil/core';
import type { Db } from './Db.js';
import { ArgumentCheck } from './ArgumentCheck.js';
import { int8ToNumber } from './int8ToNumber.js';

/**
 * One statement does the check and the store: a new nonce is inserted; a nonce whose row has
 * expired (`expires_at_ms <= now`) is overwritten; a live duplicate changes nothing and returns no
 * row. Concurrent identical calls serialize on the primary key, so exactly one wins.
 */
const CHECK_AND_STORE = `INSERT INTO auth_nonces (access_key_id, nonce, expires_at_ms) VALUES ($1, $2, $3)
ON CONFLICT (access_key_id, nonce) DO UPDATE SET expires_at_ms = EXCLUDED.expires_at_ms
  WHERE auth_nonces.expires_at_ms <= $4
RETURNING 1 AS stored`;

/**
 * PostgreSQL / PGlite nonce store for HMAC request auth (`auth_nonces`): refuses a nonce already
 * seen for the same access key until it expires. Safe under concurrent requests.
 *
 * @example
 * import { PgNonceStore } from './PgNonceStore.js';
 * const nonces = new PgNonceStore(db);
 * const fresh = await nonces.checkAndStore('AK1', nonce, now + 300_000, now); // false on replay
 */
export class PgNonceStore implements NonceStore {
  readonly #db: Db;

  /** @param db - A migrated database. */
  constructor(db: Db) {
    this.#db = db;
  }

  /**
   * Records `nonce` for `accessKeyId` until `expiresAtMs`.
   *
   * @param accessKeyId - 1–256 characters.
   * @param nonce - 1–256 characters (never logged).
   * @param expiresAtMs - Epoch ms after which the nonce may be used again.
   * @param nowMs - Epoch ms of the caller's clock.
   * @returns `true` when the nonce was new (or its earlier use had expired), `false` on a live replay.
   * @throws JilError `INVALID_ARGUMENT` for bad arguments; `STORAGE_ERROR` when the database fails.
   */
  async checkAndStore(accessKeyId: string, nonce: string, expiresAtMs: number, nowMs: number): Promise<boolean> {
    new ArgumentCheck()
      .text('accessKeyId', accessKeyId)
      .text('nonce', nonce)
      .integer('expiresAtMs', expiresAtMs)
      .integer('nowMs', nowMs)
      .done('PgNonceStore.checkAndStore');
    const { rows } = await this.#db.query(CHECK_AND_STORE, [accessKeyId, nonce, expiresAtMs, nowMs]);
    return rows.length === 1;
  }

  /**
   * Deletes every expired nonce (run it periodically; correctness does not depend on it).
   *
   * @param nowMs - Epoch ms; rows with `expires_at_ms <= nowMs` go.
   * @returns How many rows were deleted.
   */
  async purgeExpired(nowMs: number): Promise<number> {
    new ArgumentCheck().integer('nowMs', nowMs).done('PgNonceStore.purgeExpired');
    const { rows } = await this.#db.query<{ n: unknown }>(
      'WITH gone AS (DELETE FROM auth_nonces WHERE expires_at_ms <= $1 RETURNING 1) SELECT count(*) AS n FROM gone',
      [nowMs],
    );
    return int8ToNumber(rows[0]?.n ?? 0);
  }
}
