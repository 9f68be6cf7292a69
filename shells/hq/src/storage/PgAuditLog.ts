import { bytesToUtf8, canonicalBytes } from '@jil/core';
import { appendAuditEntry, type AuditEntry, type AuditInput } from '@jil/fleet';
import type { Ed25519Signer } from '@jil/core';
import type { Db } from '@jil/server-kit';
import { num } from './rows.js';

/** Serializes appends of several HQ processes (any constant works; distinct from migrate's lock). */
const LOCK_SQL = 'SELECT pg_advisory_xact_lock(7318245002)';

interface AuditRow {
  seq: unknown;
  at: string;
  actor: string;
  action: string;
  target: string;
  outcome: AuditEntry['outcome'];
  details: string;
  prev_hash: string;
  hash: string;
  keyid: string | null;
  sig: string | null;
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    seq: num(row.seq),
    at: row.at,
    actor: row.actor,
    action: row.action,
    target: row.target,
    outcome: row.outcome,
    details: JSON.parse(row.details) as Record<string, unknown>,
    prev_hash: row.prev_hash,
    hash: row.hash,
    ...(row.keyid === null ? {} : { keyid: row.keyid }),
    ...(row.sig === null ? {} : { sig: row.sig }),
  };
}

/**
 * HQ's audit log in `audit_log`: every append reads the newest row and writes the next one of the hash chain
 * (`appendAuditEntry`, signed with HQ's key) in one transaction under an advisory lock. A trigger refuses UPDATE and
 * DELETE; `verifyAuditChain` finds rows edited behind its back.
 */
export class PgAuditLog {
  readonly #db: Db;
  readonly #signer: Ed25519Signer;

  constructor(db: Db, signer: Ed25519Signer) {
    this.#db = db;
    this.#signer = signer;
  }

  /** Appends one row and returns it. */
  append(input: AuditInput): Promise<AuditEntry> {
    return this.#db.transaction(async (tx) => {
      await tx.query(LOCK_SQL);
      const { rows } = await tx.query<AuditRow>('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1');
      const entry = appendAuditEntry(rows[0] === undefined ? undefined : toEntry(rows[0]), input, this.#signer);
      await tx.query(
        'INSERT INTO audit_log (seq, at, actor, action, target, outcome, details, prev_hash, hash, keyid, sig) VALUES ($1, $2, ' +
          '$3, $4, $5, $6, $7, $8, $9, $10, $11)',
        [
          entry.seq,
          entry.at,
          entry.actor,
          entry.action,
          entry.target,
          entry.outcome,
          bytesToUtf8(canonicalBytes(entry.details)),
          entry.prev_hash,
          entry.hash,
          entry.keyid ?? null,
          entry.sig ?? null,
        ],
      );
      return entry;
    });
  }

  /** Rows in order, from `afterSeq` + 1, at most `limit` (default all). */
  async list(options: { afterSeq?: number; limit?: number; newestFirst?: boolean } = {}): Promise<AuditEntry[]> {
    const order = options.newestFirst ? 'DESC' : 'ASC';
    const { rows } = await this.#db.query<AuditRow>(`SELECT * FROM audit_log WHERE seq > $1 ORDER BY seq ${order} LIMIT $2`, [
      options.afterSeq ?? 0,
      options.limit ?? 1_000_000,
    ]);
    return rows.map(toEntry);
  }
}
