import { ArgumentCheck, int8ToNumber, toDate, type Db } from '@jil/server-kit';

/** Kinds of validator evidence (migration 0004). */
export const EVIDENCE_KINDS = ['bad_signature', 'wrong_key', 'equivocation', 'refusal'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** One piece of evidence to store. */
export interface NewEvidence {
  kind: EvidenceKind;
  validator_id: string;
  keyid?: string;
  custodian_id: string;
  transit_id: string;
  psa_id?: string;
  /** The validator's refusal code, or the `PSA_*` code of the failed signature check. */
  code?: string;
  message?: string;
  details?: Record<string, unknown>;
  /** base64 of the payload the signature was returned for (the proposal; for equivocation the later body). */
  payload_b64?: string;
  sig?: string;
  /** Equivocation: the earlier body and signature by the same validator for the same transit_id. */
  other_payload_b64?: string;
  other_sig?: string;
  observed_at: Date;
}

/** A stored piece of evidence (times as RFC 3339). */
export interface EvidenceRecord extends Omit<NewEvidence, 'observed_at' | 'details'> {
  id: number;
  details: Record<string, unknown>;
  observed_at: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OPTIONAL = ['keyid', 'psa_id', 'code', 'payload_b64', 'sig', 'other_payload_b64', 'other_sig'] as const;
type Row = Record<string, unknown>;

/**
 * Evidence against validators (`validator_evidence`), append-only: signatures that do not verify, signatures with
 * another validator's key, equivocation (two bodies for one transit_id, both signed) and coded refusals. Served by
 * `GET /v1/validators/evidence` to the custodian whose transfer it concerns.
 *
 * @example
 * import { EvidenceRepository } from './EvidenceRepository.js';
 * await new EvidenceRepository(db).insert({ kind: 'bad_signature', validator_id: 'val-07', custodian_id: 'c', transit_id: 't',
 *   observed_at: new Date() });
 */
export class EvidenceRepository {
  readonly #db: Db;

  /** @param db - A migrated database. */
  constructor(db: Db) {
    this.#db = db;
  }

  /**
   * Store one piece of evidence.
   * @returns its id.
   * @throws JilError `INVALID_ARGUMENT` listing every bad field.
   */
  async insert(e: NewEvidence): Promise<number> {
    const check = new ArgumentCheck()
      .rule('kind', (EVIDENCE_KINDS as readonly string[]).includes(e.kind), `must be one of ${EVIDENCE_KINDS.join(', ')}`)
      .text('validator_id', e.validator_id, 64)
      .text('custodian_id', e.custodian_id)
      .text('transit_id', e.transit_id)
      .rule('psa_id', e.psa_id === undefined || (typeof e.psa_id === 'string' && UUID.test(e.psa_id)), 'must be a UUID')
      .rule(
        'details',
        e.details === undefined || (typeof e.details === 'object' && e.details !== null && !Array.isArray(e.details)),
        'must be an object',
        'invalid_type',
      )
      .date('observed_at', e.observed_at);
    for (const f of OPTIONAL)
      if (f !== 'psa_id')
        check.rule(
          f,
          e[f] === undefined || (typeof e[f] === 'string' && e[f].length <= 1_000_000),
          'must be a string of at most 1 000 000 characters',
          'invalid_type',
        );
    check.rule(
      'other_payload_b64',
      e.kind !== 'equivocation' ||
        (e.payload_b64 !== undefined && e.sig !== undefined && e.other_payload_b64 !== undefined && e.other_sig !== undefined),
      'equivocation needs both payloads and both signatures',
    );
    check.done('EvidenceRepository.insert');
    const { rows } = await this.#db.query<{ id: unknown }>(
      `INSERT INTO validator_evidence (kind, validator_id, keyid, custodian_id, transit_id, psa_id, code, message, details, \
payload_b64, sig, other_payload_b64, other_sig, observed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text::jsonb, $10, $11, $12, $13, $14) RETURNING id`,
      [
        e.kind,
        e.validator_id,
        e.keyid ?? null,
        e.custodian_id,
        e.transit_id,
        e.psa_id ?? null,
        e.code ?? null,
        (e.message ?? '').slice(0, 2000),
        JSON.stringify(e.details ?? {}),
        e.payload_b64 ?? null,
        e.sig ?? null,
        e.other_payload_b64 ?? null,
        e.other_sig ?? null,
        e.observed_at,
      ],
    );
    return int8ToNumber(rows[0]?.id);
  }

  /**
   * The custodian's evidence, newest first.
   * @param filter - `kind`, `validator_id`, `limit` (1–500, default 100).
   * @throws JilError `INVALID_ARGUMENT` listing every bad argument.
   */
  async list(custodian_id: string, filter: { kind?: EvidenceKind; validator_id?: string; limit?: number } = {}): Promise<EvidenceRecord[]> {
    const limit = filter.limit ?? 100;
    new ArgumentCheck()
      .text('custodian_id', custodian_id)
      .rule(
        'kind',
        filter.kind === undefined || (EVIDENCE_KINDS as readonly string[]).includes(filter.kind),
        `must be one of ${EVIDENCE_KINDS.join(', ')}`,
      )
      .rule(
        'validator_id',
        filter.validator_id === undefined || typeof filter.validator_id === 'string',
        'must be a string',
        'invalid_type',
      )
      .rule('limit', Number.isSafeInteger(limit) && limit >= 1 && limit <= 500, 'must be an integer 1–500', 'range')
      .done('EvidenceRepository.list');
    const { rows } = await this.#db.query<Row>(
      `SELECT id, kind, validator_id, keyid, custodian_id, transit_id, psa_id::text AS psa_id, code, message, details, \
payload_b64, sig, other_payload_b64, other_sig, observed_at
       FROM validator_evidence WHERE custodian_id = $1 AND ($2::text IS NULL OR kind = $2) AND ($3::text IS NULL OR validator_id = $3)
       ORDER BY id DESC LIMIT $4`,
      [custodian_id, filter.kind ?? null, filter.validator_id ?? null, limit],
    );
    return rows.map(fromRow);
  }
}

function fromRow(r: Row): EvidenceRecord {
  const optional = Object.fromEntries(OPTIONAL.filter((f) => r[f] !== null && r[f] !== undefined).map((f) => [f, String(r[f])]));
  const details =
    typeof r['details'] === 'string'
      ? (JSON.parse(r['details']) as Record<string, unknown>)
      : ((r['details'] ?? {}) as Record<string, unknown>);
  return {
    id: int8ToNumber(r['id']),
    kind: r['kind'] as EvidenceKind,
    validator_id: String(r['validator_id']),
    custodian_id: String(r['custodian_id']),
    transit_id: String(r['transit_id']),
    message: String(r['message']),
    details,
    ...optional,
    observed_at: toDate(r['observed_at']).toISOString(),
  };
}
