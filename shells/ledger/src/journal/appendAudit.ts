import type { Db } from '@jil/server-kit';

/** What an audit row records (`ledger_audit`, append-only: a trigger refuses UPDATE and DELETE). */
export interface AuditRecord {
  /**
   * E.g. `deposit_credited`, `deposit_quarantined`, `deposit_held`, `quarantine_released`, `wrap`, `withdrawal_burned`,
   * `withdrawal_released`.
   */
  action: string;
  /** Who caused it: `bridge:guardian-set:<version>`, the user account, or the operator. */
  actor: string;
  account?: string;
  asset?: string;
  amount?: bigint;
  entryId?: string;
  depositKey?: string;
  withdrawalId?: string;
  psaId?: string;
  details?: Record<string, unknown>;
}

/** Appends one audit row inside the caller's transaction. @throws JilError `STORAGE_ERROR` from the database. */
export async function appendAudit(tx: Db, record: AuditRecord, now: Date): Promise<void> {
  await tx.query(
    `INSERT INTO ledger_audit (action, actor, account, asset, amount, entry_id, deposit_key, withdrawal_id, psa_id, details, created_at)
     VALUES ($1, $2, $3, $4, $5::numeric, $6, $7, $8, $9, $10::text::jsonb, $11)`,
    [
      record.action,
      record.actor,
      record.account ?? null,
      record.asset ?? null,
      record.amount === undefined ? null : record.amount.toString(),
      record.entryId ?? null,
      record.depositKey ?? null,
      record.withdrawalId ?? null,
      record.psaId ?? null,
      JSON.stringify(record.details ?? {}),
      now,
    ],
  );
}
