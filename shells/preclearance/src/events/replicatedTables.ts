import { canonicalBytes, JilError, sha256Hex, type FieldIssue } from '@jil/core';
import { stateSyncTopic } from '@jil/core/events';
import type { Db } from '../storage/Db.js';
import { toDate } from '../storage/toDate.js';

/**
 * One table the event mesh replicates. Its outbox rows are written by the table's AFTER INSERT trigger (migration
 * 0007); {@link apply} writes a remote event's row; {@link digestRows} gives the replicated columns in a
 * node-independent order, for comparing nodes.
 */
export interface ReplicatedTable {
  table: string;
  topic: string;
  /** Conflict rule, as documented in docs/architecture.md §Event mesh. */
  rule: string;
  /** Every bad field of a payload (`payload.<field>`), empty when it can be applied. */
  issues(payload: Record<string, unknown>): FieldIssue[];
  /** Writes the payload's row (inside the apply transaction); `false` when the row was already there. */
  apply(tx: Db, payload: Record<string, unknown>): Promise<boolean>;
  /** The replicated columns of every row, ordered by the row's global identity. */
  digestRows(db: Db): Promise<unknown[]>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HEX64 = /^[0-9a-f]{64}$/;
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const DECIMAL = /^(0|[1-9][0-9]{0,18})$/;

class PayloadCheck {
  readonly issues: FieldIssue[] = [];
  constructor(private readonly payload: Record<string, unknown>, allowed: readonly string[]) {
    for (const key of Object.keys(payload)) if (!allowed.includes(key)) this.add(key, 'unknown field', 'unrecognized_key');
  }
  add(field: string, message: string, issue: string): void {
    this.issues.push({ field: `payload.${field}`, message, issue });
  }
  text(field: string, pattern?: RegExp, rule = 'a non-empty string of at most 512 characters', nullable = false): this {
    const v = this.payload[field];
    if (nullable && v === null) return this;
    const ok = typeof v === 'string' && (pattern ? pattern.test(v) : v.length > 0 && v.length <= 512);
    if (!ok) this.add(field, `must be ${rule}`, typeof v === 'string' ? 'format' : 'invalid_type');
    return this;
  }
  rule(field: string, ok: boolean, message: string, issue: string): this {
    if (!ok) this.add(field, message, issue);
    return this;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const iso = (v: unknown): string => toDate(v).toISOString();

/** `psas`: issued PSAs. Append-only: merge by `psa_id` (a row already present wins; it is the same signed PSA). */
export const PSAS_TABLE: ReplicatedTable = {
  table: 'psas',
  topic: stateSyncTopic('psas'),
  rule: 'append-only, merged by psa_id (first copy kept; copies are identical signed PSAs). Consumption (consumed_at) is local and not replicated yet.',
  issues(payload) {
    const fields = ['psa_id', 'transit_id', 'custodian_id', 'verdict', 'issued_at', 'expires_at', 'envelope', 'body_sha256', 'request_sha256'];
    const c = new PayloadCheck(payload, fields)
      .text('psa_id', UUID, 'a lower-case UUID')
      .text('transit_id')
      .text('custodian_id')
      .rule('verdict', ['pass', 'flag', 'fail'].includes(payload['verdict'] as string), 'must be pass, flag or fail', 'enum')
      .text('issued_at', ISO_MS, 'an RFC 3339 UTC timestamp with milliseconds')
      .text('expires_at', ISO_MS, 'an RFC 3339 UTC timestamp with milliseconds')
      .rule('envelope', isObject(payload['envelope']), 'must be a JSON object (the DSSE envelope)', 'invalid_type')
      .text('body_sha256', HEX64, '64 lower-case hex digits')
      .text('request_sha256', HEX64, '64 lower-case hex digits or null', true);
    for (const f of fields) if (!(f in payload) && !c.issues.some((i) => i.field === `payload.${f}`)) c.add(f, 'is required', 'missing');
    return c.issues;
  },
  async apply(tx, p) {
    const { rows } = await tx.query<{ psa_id: string }>(
      `INSERT INTO psas (psa_id, transit_id, custodian_id, verdict, issued_at, expires_at, envelope, body_sha256, request_sha256)
       VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8, $9) ON CONFLICT (psa_id) DO NOTHING RETURNING psa_id::text AS psa_id`,
      [p['psa_id'], p['transit_id'], p['custodian_id'], p['verdict'], new Date(p['issued_at'] as string), new Date(p['expires_at'] as string), JSON.stringify(p['envelope']), p['body_sha256'], p['request_sha256']],
    );
    return rows.length === 1;
  },
  async digestRows(db) {
    const { rows } = await db.query<Record<string, unknown>>(
      `SELECT psa_id::text AS psa_id, transit_id, custodian_id, verdict, issued_at, expires_at, envelope, body_sha256, request_sha256
       FROM psas ORDER BY psa_id`,
    );
    return rows.map((r) => ({ ...r, issued_at: iso(r['issued_at']), expires_at: iso(r['expires_at']), request_sha256: r['request_sha256'] ?? null }));
  },
};

/** `transfer_history`: risk history. Append-only: merge by `entry_id` (the local bigserial `id` is not replicated). */
export const TRANSFER_HISTORY_TABLE: ReplicatedTable = {
  table: 'transfer_history',
  topic: stateSyncTopic('transfer_history'),
  rule: 'append-only, merged by entry_id (a global UUID; the local bigserial id is not replicated); key sender_id keeps one sender in order.',
  issues(payload) {
    const fields = ['entry_id', 'sender_id', 'destination', 'amount_usd_cents', 'at_ms'];
    const c = new PayloadCheck(payload, fields)
      .text('entry_id', UUID, 'a lower-case UUID')
      .text('sender_id', undefined, 'a non-empty string of at most 256 characters')
      .rule('sender_id', typeof payload['sender_id'] !== 'string' || payload['sender_id'].length <= 256, 'must be at most 256 characters', 'too_big')
      .text('destination')
      .text('amount_usd_cents', DECIMAL, 'a decimal string of a non-negative int8')
      .text('at_ms', DECIMAL, 'a decimal string of epoch milliseconds');
    if (typeof payload['amount_usd_cents'] === 'string' && DECIMAL.test(payload['amount_usd_cents']) && BigInt(payload['amount_usd_cents']) >= 2n ** 63n) {
      c.add('amount_usd_cents', 'must be below 2^63', 'range');
    }
    if (typeof payload['at_ms'] === 'string' && DECIMAL.test(payload['at_ms']) && !Number.isSafeInteger(Number(payload['at_ms']))) c.add('at_ms', 'must be below 2^53', 'range');
    for (const f of fields) if (!(f in payload) && !c.issues.some((i) => i.field === `payload.${f}`)) c.add(f, 'is required', 'missing');
    return c.issues;
  },
  async apply(tx, p) {
    const { rows } = await tx.query<{ entry_id: string }>(
      `INSERT INTO transfer_history (entry_id, sender_id, destination, amount_usd_cents, at_ms) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (entry_id) DO NOTHING RETURNING entry_id::text AS entry_id`,
      [p['entry_id'], p['sender_id'], p['destination'], p['amount_usd_cents'], p['at_ms']],
    );
    return rows.length === 1;
  },
  async digestRows(db) {
    const { rows } = await db.query<Record<string, unknown>>(
      `SELECT entry_id::text AS entry_id, sender_id, destination, amount_usd_cents::text AS amount_usd_cents, at_ms::text AS at_ms
       FROM transfer_history ORDER BY entry_id`,
    );
    return rows;
  },
};

/** Every table the mesh replicates today, by topic. */
export const REPLICATED_TABLES: readonly ReplicatedTable[] = [PSAS_TABLE, TRANSFER_HISTORY_TABLE];

/**
 * Hex SHA-256 of the RFC 8785 bytes of a replicated table's rows (replicated columns only, in global-id order): equal
 * on two nodes exactly when they hold the same rows.
 * @throws JilError `INVALID_ARGUMENT` for a table the mesh does not replicate.
 */
export async function replicatedTableDigest(db: Db, table: string): Promise<{ rows: number; sha256: string }> {
  const t = REPLICATED_TABLES.find((r) => r.table === table);
  if (t === undefined) throw new JilError('INVALID_ARGUMENT', `${table} is not replicated`, { details: { field: 'table' } });
  const rows = await t.digestRows(db);
  return { rows: rows.length, sha256: sha256Hex(canonicalBytes(rows)) };
}
