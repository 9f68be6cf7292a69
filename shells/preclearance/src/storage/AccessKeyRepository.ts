import { JilError } from '@jil/core';
import { ArgumentCheck, toDate, type Db } from '@jil/server-kit';

/** An access key as listed: everything but the secret. */
export interface AccessKeySummary {
  access_key_id: string;
  label: string;
  created_at: Date;
  revoked_at: Date | null;
}

/** An access key with its HMAC secret (only {@link AccessKeyRepository.get} returns it). */
export interface AccessKeyRecord extends AccessKeySummary {
  /** Base64 HMAC-SHA256 secret. Never log it. */
  secret_b64: string;
}

/** Input of {@link AccessKeyRepository.create}. */
export interface NewAccessKey {
  access_key_id: string;
  secret_b64: string;
  /** Free text for operators (default empty). */
  label?: string;
  /** Creation time (default: the database clock). */
  created_at?: Date;
}

type Row = { [K in keyof AccessKeyRecord]: unknown };
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function fromRow(row: Row): AccessKeyRecord {
  return {
    access_key_id: String(row.access_key_id),
    secret_b64: row.secret_b64 === null ? '' : String(row.secret_b64), // '' once sealed (migration 0005: secret_enc)
    label: String(row.label),
    created_at: toDate(row.created_at),
    revoked_at: row.revoked_at === null ? null : toDate(row.revoked_at),
  };
}

/**
 * HMAC access keys (`access_keys`). `list` never returns secrets.
 *
 * @example
 * import { AccessKeyRepository } from './AccessKeyRepository.js';
 * const keys = new AccessKeyRepository(db);
 * await keys.create({ access_key_id: 'AK1', secret_b64: 'c2VjcmV0', label: 'custodian A' });
 */
export class AccessKeyRepository {
  readonly #db: Db;

  /** @param db - A migrated database. */
  constructor(db: Db) {
    this.#db = db;
  }

  /**
   * Stores a new key.
   * @throws JilError `INVALID_ARGUMENT` for bad fields or an `access_key_id` that exists.
   */
  async create(input: NewAccessKey): Promise<AccessKeyRecord> {
    new ArgumentCheck()
      .text('access_key_id', input.access_key_id, 128)
      .matches('secret_b64', input.secret_b64, BASE64, 'base64')
      .rule(
        'label',
        input.label === undefined || (typeof input.label === 'string' && input.label.length <= 256),
        'must be a string of at most 256 characters',
      )
      .rule(
        'created_at',
        input.created_at === undefined || (input.created_at instanceof Date && !Number.isNaN(input.created_at.getTime())),
        'must be a valid Date',
      )
      .done('AccessKeyRepository.create');
    const { rows } = await this.#db.query<Row>(
      `INSERT INTO access_keys (access_key_id, secret_b64, label, created_at)
       VALUES ($1, $2, $3, COALESCE($4::timestamptz, now()))
       ON CONFLICT (access_key_id) DO NOTHING
       RETURNING access_key_id, secret_b64, label, created_at, revoked_at`,
      [input.access_key_id, input.secret_b64, input.label ?? '', input.created_at ?? null],
    );
    const row = rows[0];
    if (row === undefined) {
      throw new JilError('INVALID_ARGUMENT', 'access key id already exists', {
        details: { fields: [{ field: 'access_key_id', message: 'already exists', issue: 'duplicate' }] },
      });
    }
    return fromRow(row);
  }

  /**
   * The key with its secret, or `null` (also for an empty or over-long id, so that a client's
   * header cannot turn a lookup into an error). Revoked keys are returned too (check `revoked_at`).
   * @throws JilError `INVALID_ARGUMENT` when `access_key_id` is not a string.
   */
  async get(access_key_id: string): Promise<AccessKeyRecord | null> {
    new ArgumentCheck()
      .rule('access_key_id', typeof access_key_id === 'string', 'must be a string', 'invalid_type')
      .done('AccessKeyRepository.get');
    if (access_key_id.length === 0 || access_key_id.length > 128) return null;
    const { rows } = await this.#db.query<Row>(
      'SELECT access_key_id, secret_b64, label, created_at, revoked_at FROM access_keys WHERE access_key_id = $1',
      [access_key_id],
    );
    return rows[0] === undefined ? null : fromRow(rows[0]);
  }

  /** All keys without secrets, oldest first. */
  async list(): Promise<AccessKeySummary[]> {
    const { rows } = await this.#db.query<Row>(
      "SELECT access_key_id, '' AS secret_b64, label, created_at, revoked_at FROM access_keys ORDER BY created_at, access_key_id",
    );
    return rows.map((row) => {
      const { secret_b64: _omit, ...summary } = fromRow(row);
      return summary;
    });
  }

  /**
   * Revokes a key at `at` (first revocation wins).
   * @returns `true` when this call revoked it, `false` when it was unknown or already revoked.
   */
  async revoke(access_key_id: string, at: Date): Promise<boolean> {
    new ArgumentCheck().text('access_key_id', access_key_id, 128).date('at', at).done('AccessKeyRepository.revoke');
    const { rows } = await this.#db.query(
      'UPDATE access_keys SET revoked_at = $2 WHERE access_key_id = $1 AND revoked_at IS NULL RETURNING 1 AS revoked',
      [access_key_id, at],
    );
    return rows.length === 1;
  }
}
