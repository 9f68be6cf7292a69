import { uuidv7 } from '@jil/core';
import { EVENT_TOPICS } from '@jil/core/events';
import type { Db } from '@jil/server-kit';
import type { EntryKind, LedgerEntry } from '../journal/LedgerEntry.js';

/**
 * The topic of ledger writes on the event mesh (DESIGN.md §Formats, event envelope): `jil.ledger.writes`, key = account.
 * @example
 * import { LEDGER_WRITES_TOPIC } from '@jil/shell-ledger';
 * await bus.subscribe({ groupId: 'ledger-feed', topics: [LEDGER_WRITES_TOPIC], handler: async (r) => decodeEvent(r.value) });
 */
export const LEDGER_WRITES_TOPIC: string = EVENT_TOPICS.ledgerWrites;

/**
 * The `payload` of a `jil.ledger.writes` event (shells/ledger/README.md §Event mesh): one committed journal entry as
 * seen by one of the accounts it touches (`account`, also the record's key). Ledger facts only: amounts are signed
 * decimal strings in the asset's smallest unit (DESIGN.md §Formats: amounts never travel as JSON numbers).
 * @example
 * // a wrap of 10 000 wei as the fee account sees it
 * { account: 'fees:jETH', entry_id: '0190…', kind: 'wrap', reference: 'wrap:user:alice', created_at: '2026-12-03T18:00:00.000Z',
 *   postings: [{ account: 'fees:jETH', asset: 'jETH', amount: '50' },
 *     { account: 'system:wrap:jETH', asset: 'ETH', amount: '10000' }, …] }
 */
export interface LedgerWritePayload {
  /** The key of the record: a non-system account of the entry (`user:<jilAccount>` or `fees:<protected>`). */
  account: string;
  /** UUIDv7 of the journal entry (the same in every record of the entry). */
  entry_id: string;
  kind: EntryKind;
  /** `deposit:<chainId>:<txHash>:<logIndex>`, `wrap:<account>` or `withdrawal:<id>`. */
  reference: string;
  /** RFC 3339 UTC time of the write (ms). */
  created_at: string;
  /** Every posting of the entry (all accounts, system ones included), netted, sorted by account then asset; sums to zero per asset. */
  postings: { account: string; asset: string; amount: string }[];
}

/** The payload of the record of `entry` keyed by `account` (one of `entry.accounts`). */
function ledgerWritePayload(entry: LedgerEntry, account: string): LedgerWritePayload {
  return {
    account,
    entry_id: entry.entryId,
    kind: entry.kind,
    reference: entry.reference,
    created_at: entry.createdAt.toISOString(),
    postings: entry.postings.map((p) => ({ account: p.account, asset: p.asset, amount: p.amount.toString() })),
  };
}

/**
 * Records `entry` in `ledger_outbox` (migration 0003) inside the write's transaction: one row per account of
 * `entry.accounts` (its non-system accounts), each with its own UUIDv7 `event_id`, topic `jil.ledger.writes`, key =
 * the account, `recorded_at` = the entry's time. Called by `LedgerWriter` right after `postEntry`, while the entry's
 * balance rows are locked, so the rows of one account are numbered in commit order.
 * @throws JilError `STORAGE_ERROR` from the database (the caller's transaction rolls back).
 */
export async function appendLedgerOutbox(tx: Db, entry: LedgerEntry): Promise<void> {
  for (const account of entry.accounts) {
    await tx.query(
      `INSERT INTO ledger_outbox (event_id, topic, event_key, entry_id, payload, recorded_at)
       VALUES ($1, $2, $3, $4, $5::text::jsonb, $6)`,
      [
        uuidv7(entry.createdAt),
        LEDGER_WRITES_TOPIC,
        account,
        entry.entryId,
        JSON.stringify(ledgerWritePayload(entry, account)),
        entry.createdAt,
      ],
    );
  }
}
