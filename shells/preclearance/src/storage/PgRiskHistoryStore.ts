import type { RiskHistoryStore, TransferHistoryRecord } from '@jil/psa';
import { ArgumentCheck, int8ToBigInt, int8ToNumber, type Db } from '@jil/server-kit';

const INT8_MAX = 2n ** 63n - 1n;

interface HistoryRow {
  sender_id: string;
  destination: string;
  amount_usd_cents: unknown;
  at_ms: unknown;
}

function checkRecord(check: ArgumentCheck, record: TransferHistoryRecord, prefix: string): void {
  if (typeof record !== 'object' || record === null) {
    check.rule(prefix === '' ? 'record' : prefix.slice(0, -1), false, 'must be an object', 'invalid_type');
    return;
  }
  const amount = record.amount_usd_cents;
  check
    .text(`${prefix}sender_id`, record.sender_id)
    .text(`${prefix}destination`, record.destination, 512)
    .rule(`${prefix}amount_usd_cents`, typeof amount === 'bigint', 'must be a bigint', 'invalid_type')
    .rule(`${prefix}amount_usd_cents`, typeof amount !== 'bigint' || (amount >= 0n && amount <= INT8_MAX), 'must be in [0, 2^63)', 'range')
    .integer(`${prefix}at_ms`, record.at_ms);
}

/**
 * PostgreSQL / PGlite {@link RiskHistoryStore} over `transfer_history`. Same ordering as the memory
 * store: most recent `at_ms` first, later appends first among equal times.
 *
 * @example
 * import { PgRiskHistoryStore } from './PgRiskHistoryStore.js';
 * const history = new PgRiskHistoryStore(db);
 * await history.append({ sender_id: 'S1', destination: '0xabc', amount_usd_cents: 12_500n, at_ms: Date.now() });
 */
export class PgRiskHistoryStore implements RiskHistoryStore {
  readonly #db: Db;

  /** @param db - A migrated database. */
  constructor(db: Db) {
    this.#db = db;
  }

  /** Records of `sender_id`, most recent first, at most `limit` (a non-negative integer). */
  async recentBySender(sender_id: string, limit: number): Promise<TransferHistoryRecord[]> {
    new ArgumentCheck().text('sender_id', sender_id).integer('limit', limit).done('PgRiskHistoryStore.recentBySender');
    const { rows } = await this.#db.query<HistoryRow>(
      `SELECT sender_id, destination, amount_usd_cents, at_ms FROM transfer_history
       WHERE sender_id = $1 ORDER BY at_ms DESC, id DESC LIMIT $2`,
      [sender_id, limit],
    );
    return rows.map((row) => ({
      sender_id: row.sender_id,
      destination: row.destination,
      amount_usd_cents: int8ToBigInt(row.amount_usd_cents),
      at_ms: int8ToNumber(row.at_ms),
    }));
  }

  /** Count of transfers by `sender_id` with `at_ms >= since_ms`. */
  async countSince(sender_id: string, since_ms: number): Promise<number> {
    new ArgumentCheck()
      .text('sender_id', sender_id)
      .integer('since_ms', since_ms, Number.MIN_SAFE_INTEGER)
      .done('PgRiskHistoryStore.countSince');
    const { rows } = await this.#db.query<{ n: unknown }>(
      'SELECT count(*) AS n FROM transfer_history WHERE sender_id = $1 AND at_ms >= $2',
      [sender_id, since_ms],
    );
    return int8ToNumber(rows[0]?.n ?? 0);
  }

  /** Whether `sender_id` has sent to `destination` before. */
  async hasSentTo(sender_id: string, destination: string): Promise<boolean> {
    new ArgumentCheck().text('sender_id', sender_id).text('destination', destination, 512).done('PgRiskHistoryStore.hasSentTo');
    const { rows } = await this.#db.query<{ found: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM transfer_history WHERE sender_id = $1 AND destination = $2) AS found',
      [sender_id, destination],
    );
    return rows[0]?.found === true;
  }

  /**
   * Appends one transfer.
   * @throws JilError `INVALID_ARGUMENT` listing every bad field; `STORAGE_ERROR` when the database fails.
   */
  async append(record: TransferHistoryRecord): Promise<void> {
    await this.appendMany([record]);
  }

  /** Appends several transfers in one transaction: all or none. */
  async appendMany(records: readonly TransferHistoryRecord[]): Promise<void> {
    const check = new ArgumentCheck().rule('records', Array.isArray(records), 'must be an array', 'invalid_type');
    check.done('PgRiskHistoryStore.appendMany');
    records.forEach((record, i) => {
      checkRecord(check, record, records.length === 1 ? '' : `[${i}].`);
    });
    check.done('PgRiskHistoryStore.append');
    const insert = (db: Db, r: TransferHistoryRecord) =>
      db.query('INSERT INTO transfer_history (sender_id, destination, amount_usd_cents, at_ms) VALUES ($1, $2, $3, $4)', [
        r.sender_id,
        r.destination,
        r.amount_usd_cents.toString(),
        r.at_ms,
      ]);
    if (records.length === 0) return;
    if (records.length === 1 && records[0] !== undefined) {
      await insert(this.#db, records[0]);
      return;
    }
    await this.#db.transaction(async (tx) => {
      for (const record of records) await insert(tx, record);
    });
  }
}
