import { ArgumentCheck, int8ToNumber, toDate, type Db } from '@jil/server-kit';

/** One API request as logged: no secrets, no bodies, no nonces, no signatures. */
export interface RequestLogEntry {
  at: Date;
  /** The authenticated (or claimed) access key id, `null` when absent. */
  access_key_id: string | null;
  /** The route pattern, e.g. `POST /v1/preclearance/validate` — never the raw URL with its query. */
  route: string;
  /** HTTP status code. */
  status: number;
  /** The `JilError` code of a failed request, else `null`. */
  error_code: string | null;
}

/** A stored {@link RequestLogEntry} with its sequence number. */
export interface StoredRequestLogEntry extends RequestLogEntry {
  id: number;
}

/**
 * Append-only request log (`request_log`) for operations and audits.
 *
 * @example
 * import { RequestLog } from './RequestLog.js';
 * await new RequestLog(db).append({ at: new Date(), access_key_id: 'AK1', route: 'POST /v1/preclearance/validate', status: 200,
 *   error_code: null });
 */
export class RequestLog {
  readonly #db: Db;

  /** @param db - A migrated database. */
  constructor(db: Db) {
    this.#db = db;
  }

  /** @throws JilError `INVALID_ARGUMENT` listing every bad field. */
  async append(entry: RequestLogEntry): Promise<void> {
    new ArgumentCheck()
      .date('at', entry.at)
      .rule(
        'access_key_id',
        entry.access_key_id === null || (typeof entry.access_key_id === 'string' && entry.access_key_id.length <= 128),
        'must be null or a string of at most 128 characters',
      )
      .text('route', entry.route)
      .integer('status', entry.status, 100)
      .rule('status', typeof entry.status !== 'number' || entry.status <= 599, 'must be at most 599', 'range')
      .rule(
        'error_code',
        entry.error_code === null || (typeof entry.error_code === 'string' && /^[A-Z0-9_]{1,64}$/.test(entry.error_code)),
        'must be null or an error code',
      )
      .done('RequestLog.append');
    await this.#db.query('INSERT INTO request_log (at, access_key_id, route, status, error_code) VALUES ($1, $2, $3, $4, $5)', [
      entry.at,
      entry.access_key_id,
      entry.route,
      entry.status,
      entry.error_code,
    ]);
  }

  /** The latest `limit` entries, most recent first. */
  async recent(limit: number): Promise<StoredRequestLogEntry[]> {
    new ArgumentCheck().integer('limit', limit).done('RequestLog.recent');
    const { rows } = await this.#db.query<{ [K in keyof StoredRequestLogEntry]: unknown }>(
      'SELECT id, at, access_key_id, route, status, error_code FROM request_log ORDER BY id DESC LIMIT $1',
      [limit],
    );
    return rows.map((row) => ({
      id: int8ToNumber(row.id),
      at: toDate(row.at),
      access_key_id: row.access_key_id === null ? null : String(row.access_key_id),
      route: String(row.route),
      status: Number(row.status),
      error_code: row.error_code === null ? null : String(row.error_code),
    }));
  }
}
