import { JilError, uuidv7 } from '@jil/core';
import type { ClearanceStore, SanctionsClearance } from '@jil/psa';
import { ArgumentCheck, sqlstateOf, toDate, type Db } from '@jil/server-kit';

/** Input of {@link ClearanceRepository.create}. */
export interface NewClearance {
  custodian_id: string;
  party_id: string;
  list: string;
  entry_id: string;
  party_name?: string;
  cleared_by: string;
  reason: string;
  /** The access key that recorded it (from request auth). */
  access_key_id: string;
  at: Date;
  expires_at?: Date;
}

/** Who revoked a clearance, when and why. */
export interface ClearanceRevocation {
  revoked_by: string;
  reason: string;
  access_key_id: string;
  at: Date;
}

/** One audit event of a clearance. */
export interface ClearanceEvent {
  action: 'created' | 'revoked';
  actor: string;
  access_key_id: string;
  reason: string;
  /** RFC 3339. */
  at: string;
}

/** A stored clearance (times as RFC 3339 strings). */
export interface ClearanceRecord extends SanctionsClearance {
  access_key_id: string;
  revoked_at: string | null;
  revoked_by: string | null;
  revoke_reason: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COLUMNS = `clearance_id::text AS clearance_id, custodian_id, party_id, list, entry_id, party_name, cleared_by, reason,
  access_key_id, cleared_at, expires_at, revoked_at, revoked_by, revoke_reason`;
type Row = Record<string, unknown>;

function fromRow(r: Row): ClearanceRecord {
  const opt = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    clearance_id: String(r['clearance_id']),
    custodian_id: String(r['custodian_id']),
    party_id: String(r['party_id']),
    list: String(r['list']),
    entry_id: String(r['entry_id']),
    ...(r['party_name'] === null ? {} : { party_name: String(r['party_name']) }),
    cleared_by: String(r['cleared_by']),
    reason: String(r['reason']),
    access_key_id: String(r['access_key_id']),
    cleared_at: toDate(r['cleared_at']).toISOString(),
    ...(r['expires_at'] === null ? {} : { expires_at: toDate(r['expires_at']).toISOString() }),
    revoked_at: r['revoked_at'] === null ? null : toDate(r['revoked_at']).toISOString(),
    revoked_by: opt(r['revoked_by']),
    revoke_reason: opt(r['revoke_reason']),
  };
}

/**
 * False-positive clearances of sanctions matches (`sanctions_clearances`) with an append-only audit trail
 * (`sanctions_clearance_events`: created / revoked, actor, access key, reason, time). Implements the engine's
 * {@link ClearanceStore}. At most one clearance is in force per custodian, party and list entry.
 *
 * @example
 * import { ClearanceRepository } from './ClearanceRepository.js';
 * const clearances = new ClearanceRepository(db);
 * await clearances.create({ custodian_id: 'c', party_id: 'acct-7', list: 'ofac-sdn', entry_id: '12345',
 *   cleared_by: 'analyst@c', reason: 'DOB and passport differ', access_key_id: 'AK1', at: new Date() });
 */
export class ClearanceRepository implements ClearanceStore {
  readonly #db: Db;

  /** @param db - A migrated database. */
  constructor(db: Db) {
    this.#db = db;
  }

  /**
   * Records a clearance and its `created` event in one transaction.
   * @throws JilError `INVALID_ARGUMENT` listing every bad field; `CLEARANCE_CONFLICT` when one is already in force
   *   for this party and entry.
   */
  async create(input: NewClearance): Promise<ClearanceRecord> {
    new ArgumentCheck()
      .text('custodian_id', input.custodian_id)
      .text('party_id', input.party_id)
      .text('list', input.list, 64)
      .text('entry_id', input.entry_id, 128)
      .rule(
        'party_name',
        input.party_name === undefined ||
          (typeof input.party_name === 'string' && input.party_name.length > 0 && input.party_name.length <= 512),
        'must be a string of 1 to 512 characters',
      )
      .text('cleared_by', input.cleared_by)
      .text('reason', input.reason, 2000)
      .text('access_key_id', input.access_key_id, 128)
      .date('at', input.at)
      .rule(
        'expires_at',
        input.expires_at === undefined || (input.expires_at instanceof Date && input.expires_at.getTime() > input.at.getTime()),
        'must be a Date after `at`',
      )
      .done('ClearanceRepository.create');
    const id = uuidv7(input.at);
    try {
      return await this.#db.transaction(async (tx) => {
        const { rows } = await tx.query<Row>(
          `INSERT INTO sanctions_clearances (clearance_id, custodian_id, party_id, list, entry_id, party_name, cleared_by, \
reason, access_key_id, cleared_at, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${COLUMNS}`,
          [
            id,
            input.custodian_id,
            input.party_id,
            input.list,
            input.entry_id,
            input.party_name ?? null,
            input.cleared_by,
            input.reason,
            input.access_key_id,
            input.at,
            input.expires_at ?? null,
          ],
        );
        await tx.query(
          'INSERT INTO sanctions_clearance_events (clearance_id, action, actor, access_key_id, reason, at) VALUES ($1, $2, $3, $4, $5, $6)',
          [id, 'created', input.cleared_by, input.access_key_id, input.reason, input.at],
        );
        return fromRow(rows[0] as Row);
      });
    } catch (error) {
      if (sqlstateOf(error) === '23505') {
        throw new JilError('CLEARANCE_CONFLICT', 'a clearance for this party and list entry is already in force', {
          details: { party_id: input.party_id, list: input.list, entry_id: input.entry_id },
        });
      }
      throw error;
    }
  }

  /** The custodian's clearance with this id and its audit events (oldest first; `created` first at equal times), or `null`. */
  async get(custodian_id: string, clearance_id: string): Promise<{ clearance: ClearanceRecord; events: ClearanceEvent[] } | null> {
    new ArgumentCheck()
      .text('custodian_id', custodian_id)
      .rule('clearance_id', typeof clearance_id === 'string', 'must be a string', 'invalid_type')
      .done('ClearanceRepository.get');
    if (!UUID.test(clearance_id)) return null;
    const { rows } = await this.#db.query<Row>(
      `SELECT ${COLUMNS} FROM sanctions_clearances WHERE clearance_id = $1 AND custodian_id = $2`,
      [clearance_id, custodian_id],
    );
    if (rows[0] === undefined) return null;
    // By time, `created` first at equal times, then local arrival: the same order on every node of an event mesh.
    const events = await this.#db.query<Row>(
      'SELECT action, actor, access_key_id, reason, at FROM sanctions_clearance_events WHERE clearance_id = $1 ORDER BY at, ' +
        "action <> 'created', audit_id",
      [clearance_id],
    );
    return {
      clearance: fromRow(rows[0]),
      events: events.rows.map((e) => ({
        action: e['action'] as ClearanceEvent['action'],
        actor: String(e['actor']),
        access_key_id: String(e['access_key_id']),
        reason: String(e['reason']),
        at: toDate(e['at']).toISOString(),
      })),
    };
  }

  /** The custodian's clearances, newest first; only those in force unless `include_revoked`; optionally of one party. */
  async list(custodian_id: string, filter: { party_id?: string; include_revoked?: boolean } = {}): Promise<ClearanceRecord[]> {
    new ArgumentCheck()
      .text('custodian_id', custodian_id)
      .rule('party_id', filter.party_id === undefined || typeof filter.party_id === 'string', 'must be a string', 'invalid_type')
      .done('ClearanceRepository.list');
    const { rows } = await this.#db.query<Row>(
      `SELECT ${COLUMNS} FROM sanctions_clearances WHERE custodian_id = $1 AND ($2::text IS NULL OR party_id = $2) AND ($3 OR \
revoked_at IS NULL)
       ORDER BY cleared_at DESC, clearance_id DESC LIMIT 1000`,
      [custodian_id, filter.party_id ?? null, filter.include_revoked === true],
    );
    return rows.map(fromRow);
  }

  /**
   * Revokes a clearance in force and records the `revoked` event, in one transaction.
   * @returns the revoked record.
   * @throws JilError `NOT_FOUND` for an unknown id (or another custodian's); `CLEARANCE_CONFLICT` when already revoked.
   */
  async revoke(custodian_id: string, clearance_id: string, by: ClearanceRevocation): Promise<ClearanceRecord> {
    new ArgumentCheck()
      .text('custodian_id', custodian_id)
      .matches('clearance_id', clearance_id, UUID, 'a UUID')
      .text('revoked_by', by.revoked_by)
      .rule('revoked_by', by.revoked_by !== 'event-mesh', 'is reserved for the revocations the event mesh derives', 'reserved')
      .text('reason', by.reason, 2000)
      .text('access_key_id', by.access_key_id, 128)
      .date('at', by.at)
      .done('ClearanceRepository.revoke');
    return this.#db.transaction(async (tx) => {
      const { rows } = await tx.query<Row>(
        `UPDATE sanctions_clearances SET revoked_at = $3, revoked_by = $4, revoke_reason = $5
         WHERE clearance_id = $1 AND custodian_id = $2 AND revoked_at IS NULL RETURNING ${COLUMNS}`,
        [clearance_id, custodian_id, by.at, by.revoked_by, by.reason],
      );
      if (rows[0] === undefined) {
        const exists = await tx.query('SELECT 1 FROM sanctions_clearances WHERE clearance_id = $1 AND custodian_id = $2', [
          clearance_id,
          custodian_id,
        ]);
        if (exists.rows.length === 0) throw new JilError('NOT_FOUND', `no clearance ${clearance_id}`, { details: { field: 'id' } });
        throw new JilError('CLEARANCE_CONFLICT', 'the clearance is already revoked', { details: { clearance_id } });
      }
      await tx.query(
        'INSERT INTO sanctions_clearance_events (clearance_id, action, actor, access_key_id, reason, at) VALUES ($1, $2, $3, $4, $5, $6)',
        [clearance_id, 'revoked', by.revoked_by, by.access_key_id, by.reason, by.at],
      );
      return fromRow(rows[0]);
    });
  }

  /** {@link ClearanceStore}: clearances in force at `now` for these parties of the custodian. */
  async activeFor(custodian_id: string, party_ids: readonly string[], now: Date): Promise<SanctionsClearance[]> {
    if (party_ids.length === 0) return [];
    const { rows } = await this.#db.query<Row>(
      `SELECT ${COLUMNS} FROM sanctions_clearances
       WHERE custodian_id = $1 AND party_id = ANY($2::text[]) AND revoked_at IS NULL AND cleared_at <= $3 AND (expires_at IS NULL \
OR expires_at > $3)`,
      [custodian_id, [...party_ids], now],
    );
    return rows.map(fromRow);
  }
}
