import { JilError } from '@jil/core';
import { sqlstateOf, toDate, type Db } from '@jil/server-kit';
import type { Decision } from '../decide/Decision.js';

/** A request as claimed on arrival. */
export interface NewRequestRecord {
  request_id: string;
  jti: string | null;
  tx_id: string | null;
  request_jwt_sha256: string;
  /** The screened claims (no names, no players). */
  request: Record<string, unknown>;
  received_at: Date;
}

/** A stored decision row. */
export interface DecisionRecord extends NewRequestRecord {
  decided_at: Date | null;
  action: 'APPROVE' | 'REJECT' | null;
  outcome: string | null;
  rejection_reason: string | null;
  note: string | null;
  tx_preimage_hash: string | null;
  psa_id: string | null;
  verdict: string | null;
  psa_envelope: Record<string, unknown> | null;
  response_jwt: string | null;
}

const json = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

/**
 * `fireblocks_decisions`: every `tx_sign_request` the callback answered, with the PSA it rests on.
 * `claim` inserts the request on arrival and returns `false` when its `requestId` or `jti` was seen before (a replay),
 * atomically (unique constraints), so of two concurrent deliveries exactly one is decided.
 * @example
 * const repo = new DecisionRepository(db);
 * if (!(await repo.claim(record))) refuse();
 * await repo.decide(record.request_id, decision, responseJwt, new Date());
 */
export class DecisionRepository {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  /** Insert the request; `false` when `request_id` or `jti` already exists. @throws JilError `STORAGE_ERROR` otherwise. */
  async claim(r: NewRequestRecord): Promise<boolean> {
    try {
      await this.#db.query(
        `INSERT INTO fireblocks_decisions (request_id, jti, tx_id, request_jwt_sha256, request, received_at)
         VALUES ($1, $2, $3, $4, $5::text::jsonb, $6)`,
        [r.request_id, r.jti, r.tx_id, r.request_jwt_sha256, JSON.stringify(r.request), r.received_at.toISOString()],
      );
      return true;
    } catch (error) {
      if (sqlstateOf(error) === '23505') return false;
      throw error;
    }
  }

  /** Record the decision of a claimed request (once). @throws JilError `STORAGE_ERROR`, `INTERNAL` when not claimed or already decided. */
  async decide(requestId: string, d: Decision, responseJwt: string, decidedAt: Date): Promise<void> {
    const { rows } = await this.#db.query<{ request_id: string }>(
      `UPDATE fireblocks_decisions SET decided_at = $2, action = $3, outcome = $4, rejection_reason = $5, note = $6,
         tx_preimage_hash = $7, psa_id = $8, verdict = $9, psa_envelope = $10::text::jsonb, response_jwt = $11
       WHERE request_id = $1 AND decided_at IS NULL RETURNING request_id`,
      [
        requestId,
        decidedAt.toISOString(),
        d.action,
        d.outcome,
        d.rejectionReason ?? null,
        d.note,
        d.txPreimageHash ?? null,
        d.psa?.psa_id ?? null,
        d.psa?.verdict ?? null,
        d.psa ? JSON.stringify(d.psa.envelope) : null,
        responseJwt,
      ],
    );
    if (rows.length !== 1)
      throw new JilError('INTERNAL', 'decision for a request that is not claimed or already decided', {
        details: { request_id: requestId },
      });
  }

  /** The row of one request, or `undefined`. */
  async get(requestId: string): Promise<DecisionRecord | undefined> {
    const { rows } = await this.#db.query<Record<string, unknown>>('SELECT * FROM fireblocks_decisions WHERE request_id = $1', [requestId]);
    const row = rows[0];
    if (row === undefined) return undefined;
    return {
      ...(row as unknown as DecisionRecord),
      request: json(row['request']) as Record<string, unknown>,
      psa_envelope: row['psa_envelope'] === null ? null : (json(row['psa_envelope']) as Record<string, unknown>),
      received_at: toDate(row['received_at']),
      decided_at: row['decided_at'] === null ? null : toDate(row['decided_at']),
    };
  }
}
