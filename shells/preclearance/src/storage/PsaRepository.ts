import { ArgumentCheck, toDate, type Db } from '@jil/server-kit';

/** A PSA verdict as stored. */
export type PsaVerdict = 'pass' | 'flag' | 'fail';

/** A PSA to store: the signed DSSE envelope plus the columns it is looked up by. */
export interface NewPsaRecord {
  /** UUIDv7 from the PSA body. */
  psa_id: string;
  transit_id: string;
  custodian_id: string;
  verdict: PsaVerdict;
  issued_at: Date;
  expires_at: Date;
  /** The DSSE envelope as a JSON object (stored as `jsonb`). */
  envelope: Readonly<Record<string, unknown>>;
  /** Hex SHA-256 of the canonical body bytes (lower case). */
  body_sha256: string;
  /**
   * Hex SHA-256 of the RFC 8785 bytes of the validated transfer request (migration 0006). Set by the validate route:
   * then (custodian_id, transit_id) is unique, and a second insert fails with `STORAGE_ERROR` sqlstate `23505`.
   */
  request_sha256?: string;
}

/** A stored PSA. */
export interface PsaRecord extends NewPsaRecord {
  consumed_at: Date | null;
  consumed_by: string | null;
  created_at: Date;
}

/** Outcome of {@link PsaRepository.consume}. */
export type ConsumeResult = 'consumed' | 'already_consumed' | 'not_found';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COLUMNS = `psa_id::text AS psa_id, transit_id, custodian_id, verdict, issued_at, expires_at, envelope,
  body_sha256, consumed_at, consumed_by, created_at`;

/**
 * Issued PSAs (`psas`). `consume` makes a PSA single-use: one atomic
 * `UPDATE … WHERE consumed_at IS NULL`, so of two concurrent consumers exactly one wins.
 *
 * @example
 * import { PsaRepository } from './PsaRepository.js';
 * const psas = new PsaRepository(db);
 * await psas.insert(record);
 * await psas.consume(record.psa_id, 'exchange-7', new Date()); // 'consumed'
 */
export class PsaRepository {
  readonly #db: Db;

  /** @param db - A migrated database. */
  constructor(db: Db) {
    this.#db = db;
  }

  /**
   * Stores a newly issued PSA.
   * @throws JilError `INVALID_ARGUMENT` listing every bad field; `STORAGE_ERROR` (sqlstate `23505`)
   *   when `psa_id` exists.
   */
  async insert(record: NewPsaRecord): Promise<void> {
    new ArgumentCheck()
      .matches('psa_id', record.psa_id, UUID, 'a UUID')
      .text('transit_id', record.transit_id)
      .text('custodian_id', record.custodian_id)
      .rule('verdict', ['pass', 'flag', 'fail'].includes(record.verdict), 'must be pass, flag or fail')
      .date('issued_at', record.issued_at)
      .date('expires_at', record.expires_at)
      .rule('envelope', isJsonObject(record.envelope), 'must be a JSON object', 'invalid_type')
      .matches('body_sha256', record.body_sha256, /^[0-9a-f]{64}$/, '64 lower-case hex digits')
      .rule(
        'request_sha256',
        record.request_sha256 === undefined || /^[0-9a-f]{64}$/.test(record.request_sha256),
        'must be 64 lower-case hex digits',
        'format',
      )
      .done('PsaRepository.insert');
    await this.#db.query(
      `INSERT INTO psas (psa_id, transit_id, custodian_id, verdict, issued_at, expires_at, envelope, body_sha256, request_sha256)
       VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8, $9)`,
      [
        record.psa_id,
        record.transit_id,
        record.custodian_id,
        record.verdict,
        record.issued_at,
        record.expires_at,
        JSON.stringify(record.envelope),
        record.body_sha256,
        record.request_sha256 ?? null,
      ],
    );
  }

  /**
   * The custodian's PSA for `transit_id` and the request hash it was issued for (`null` for PSAs stored before
   * migration 0006), or `null` when there is none. With several (older databases) the newest.
   */
  async findByTransit(custodian_id: string, transit_id: string): Promise<{ record: PsaRecord; request_sha256: string | null } | null> {
    new ArgumentCheck().text('custodian_id', custodian_id).text('transit_id', transit_id).done('PsaRepository.findByTransit');
    const { rows } = await this.#db.query<PsaRow & { request_sha256: unknown }>(
      `SELECT ${COLUMNS}, request_sha256 FROM psas WHERE custodian_id = $1 AND transit_id = $2 ORDER BY (request_sha256 IS NULL), ` +
        `issued_at DESC LIMIT 1`,
      [custodian_id, transit_id],
    );
    const row = rows[0];
    if (row === undefined) return null;
    return { record: fromRow(row), request_sha256: row.request_sha256 === null ? null : String(row.request_sha256) };
  }

  /**
   * The PSA with this id, or `null` (also for a string that is not a UUID).
   * @throws JilError `INVALID_ARGUMENT` when `psa_id` is not a string.
   */
  async get(psa_id: string): Promise<PsaRecord | null> {
    new ArgumentCheck().rule('psa_id', typeof psa_id === 'string', 'must be a string', 'invalid_type').done('PsaRepository.get');
    if (!UUID.test(psa_id)) return null;
    const { rows } = await this.#db.query<PsaRow>(`SELECT ${COLUMNS} FROM psas WHERE psa_id = $1`, [psa_id]);
    return rows[0] === undefined ? null : fromRow(rows[0]);
  }

  /** Every PSA issued for `transit_id`, oldest first (more than one is equivocation evidence). */
  async listByTransitId(transit_id: string): Promise<PsaRecord[]> {
    new ArgumentCheck().text('transit_id', transit_id).done('PsaRepository.listByTransitId');
    const { rows } = await this.#db.query<PsaRow>(`SELECT ${COLUMNS} FROM psas WHERE transit_id = $1 ORDER BY issued_at, psa_id`, [
      transit_id,
    ]);
    return rows.map(fromRow);
  }

  /**
   * Marks the PSA consumed by `by` at `now`, atomically. Does not check expiry (verification does).
   *
   * @param psa_id - The PSA's UUID.
   * @param by - Who consumed it (exchange or access key id), 1–256 characters.
   * @param now - The caller's clock.
   * @returns `consumed`, `already_consumed` (someone was first) or `not_found`.
   */
  async consume(psa_id: string, by: string, now: Date): Promise<ConsumeResult> {
    new ArgumentCheck()
      .rule('psa_id', typeof psa_id === 'string', 'must be a string', 'invalid_type')
      .text('by', by)
      .date('now', now)
      .done('PsaRepository.consume');
    if (!UUID.test(psa_id)) return 'not_found';
    const { rows } = await this.#db.query<{ updated: boolean; found: boolean }>(
      `WITH updated AS (
         UPDATE psas SET consumed_at = $3, consumed_by = $2
         WHERE psa_id = $1 AND consumed_at IS NULL RETURNING 1)
       SELECT EXISTS (SELECT 1 FROM updated) AS updated, EXISTS (SELECT 1 FROM psas WHERE psa_id = $1) AS found`,
      [psa_id, by, now],
    );
    const row = rows[0];
    if (row?.updated === true) return 'consumed';
    return row?.found === true ? 'already_consumed' : 'not_found';
  }
}

type PsaRow = { [K in keyof PsaRecord]: unknown };

/** Both engines return timestamptz as `Date` and jsonb parsed; normalize anyway (pg type parsers can be changed globally). */
function fromRow(row: PsaRow): PsaRecord {
  return {
    psa_id: String(row.psa_id),
    transit_id: String(row.transit_id),
    custodian_id: String(row.custodian_id),
    verdict: row.verdict as PsaVerdict,
    issued_at: toDate(row.issued_at),
    expires_at: toDate(row.expires_at),
    envelope: (typeof row.envelope === 'string' ? JSON.parse(row.envelope) : row.envelope) as Record<string, unknown>,
    body_sha256: String(row.body_sha256),
    consumed_at: row.consumed_at === null ? null : toDate(row.consumed_at),
    consumed_by: row.consumed_by === null ? null : String(row.consumed_by),
    created_at: toDate(row.created_at),
  };
}

function isJsonObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
