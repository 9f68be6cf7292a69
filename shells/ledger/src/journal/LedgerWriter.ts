import type { Db } from '@jil/server-kit';
import { appendLedgerOutbox } from '../events/ledgerWriteEvent.js';
import type { EntryKind, LedgerEntry, Posting } from './LedgerEntry.js';
import { postEntry } from './postEntry.js';

/**
 * Receives every committed journal entry, after COMMIT, in commit order per call. The event mesh does not depend on
 * it: with the outbox on, the entry's `jil.ledger.writes` records are already in `ledger_outbox` (use the sink to wake
 * the `LedgerEventRelay`).
 */
export type LedgerWriteSink = (entry: LedgerEntry) => void | Promise<void>;

/** What a write transaction may do besides plain SQL on `tx`: post journal entries. */
export interface WriteScope {
  /** The transaction handle. */
  tx: Db;
  /** The time of this write (one clock read per transaction). */
  now: Date;
  /** Posts a journal entry in this transaction (see `postEntry`). */
  post(kind: EntryKind, reference: string, postings: readonly Posting[]): Promise<LedgerEntry>;
}

/**
 * The one write path of the ledger (shells/ledger/README.md §Write path): every write runs in one transaction through
 * {@link LedgerWriter.write}; the journal entries it posts are handed to the sink only after COMMIT, so a rolled-back
 * write is never published. With `outbox` on, each posted entry also gets its `ledger_outbox` rows (one per
 * non-system account, topic `jil.ledger.writes`) in the same transaction (README §Event mesh).
 */
export class LedgerWriter {
  readonly #db: Db;
  readonly #sink: LedgerWriteSink | undefined;
  readonly #onSinkError: ((error: unknown, entry: LedgerEntry) => void) | undefined;
  readonly #clock: () => Date;
  readonly #outbox: boolean;

  constructor(
    db: Db,
    clock: () => Date,
    sink?: LedgerWriteSink,
    onSinkError?: (error: unknown, entry: LedgerEntry) => void,
    outbox = false,
  ) {
    this.#db = db;
    this.#clock = clock;
    this.#sink = sink;
    this.#onSinkError = onSinkError;
    this.#outbox = outbox;
  }

  /**
   * Runs `fn` in one transaction (all or nothing), then hands each posted entry to the sink. A sink failure never
   * undoes the committed write: it goes to `onSinkError`.
   * @throws whatever `fn` throws (after ROLLBACK); JilError `STORAGE_ERROR` from the database.
   */
  async write<T>(fn: (scope: WriteScope) => Promise<T>): Promise<T> {
    const entries: LedgerEntry[] = [];
    const result = await this.#db.transaction(async (tx) => {
      entries.length = 0;
      const now = this.#clock();
      const scope: WriteScope = {
        tx,
        now,
        post: async (kind, reference, postings) => {
          const entry = await postEntry(tx, kind, reference, postings, now);
          if (this.#outbox) await appendLedgerOutbox(tx, entry);
          entries.push(entry);
          return entry;
        },
      };
      return fn(scope);
    });
    if (this.#sink !== undefined) {
      for (const entry of entries) {
        try {
          await this.#sink(entry);
        } catch (error) {
          this.#onSinkError?.(error, entry);
        }
      }
    }
    return result;
  }
}
