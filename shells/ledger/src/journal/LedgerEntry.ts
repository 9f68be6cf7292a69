/** Why a journal entry was written. */
export type EntryKind = 'deposit_credit' | 'wrap' | 'withdrawal_burn';

/** One line of a journal entry: `amount` (signed, smallest unit) of `asset` on `account`. */
export interface Posting {
  account: string;
  asset: string;
  /** Positive credits the account, negative debits it; never 0. */
  amount: bigint;
}

/**
 * One committed journal entry (shells/ledger/README.md §Double entry): its postings sum to zero per asset. This is
 * what the write sink receives after COMMIT, and what the event mesh will carry on `jil.ledger.writes`.
 */
export interface LedgerEntry {
  /** UUIDv7. */
  entryId: string;
  kind: EntryKind;
  /** What the entry is about: `deposit:<chainId>:<txHash>:<logIndex>`, `wrap:<account>` or `withdrawal:<id>`. */
  reference: string;
  postings: Posting[];
  /**
   * The accounts that are not system contra accounts, sorted: the mesh keys (`jil.ledger.writes`, key = account).
   */
  accounts: string[];
  createdAt: Date;
}
