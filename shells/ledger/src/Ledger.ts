import { JilError } from '@jil/core';
import type { Db } from '@jil/server-kit';
import { AssetRegistry } from './assets/AssetRegistry.js';
import { checkHash32, checkRecord, checkText, numericToBigInt } from './checks/checks.js';
import type { AttestationVerifier, BridgeDeposit, ComplianceGate, DepositAttestation, DepositKey } from './deposits/BridgeDeposit.js';
import { type CreditOutcome, creditDeposit } from './deposits/creditDeposit.js';
import { type DepositState, listDeposits, type StoredDeposit } from './deposits/depositRows.js';
import { type ReleaseReview, releaseQuarantine } from './deposits/releaseQuarantine.js';
import type { LedgerEntry } from './journal/LedgerEntry.js';
import { LedgerWriter, type LedgerWriteSink } from './journal/LedgerWriter.js';
import type { FlagPolicy, LedgerContext } from './LedgerContext.js';
import { type Reconciliation, reconcileFamily } from './reads/reconcile.js';
import { markReleased } from './withdrawals/markReleased.js';
import { requestWithdrawal } from './withdrawals/requestWithdrawal.js';
import { findWithdrawal, listWithdrawals, type Withdrawal, type WithdrawalState } from './withdrawals/withdrawalRows.js';
import { type WrapOutcome, wrap } from './wrap/wrap.js';

/** What a {@link Ledger} is built from. */
export interface LedgerOptions {
  /** A migrated database (`migrateLedger(db)` first). The ledger does not close it. */
  db: Db;
  assets: AssetRegistry;
  /** Checks the guardian quorum's attestation of a deposit; throws JilError `BRIDGE_*` when it is not met. */
  verifier: AttestationVerifier;
  /** Screens every deposit before it is credited (`deposit_credit` PSA). */
  compliance: ComplianceGate;
  /** What a `flag` verdict does (default `hold`). */
  flagPolicy?: FlagPolicy;
  /** Receives every committed journal entry after COMMIT (the `jil.ledger.writes` seam). */
  onEntry?: LedgerWriteSink;
  /**
   * Records every journal entry in `ledger_outbox` in the entry's own transaction, for `LedgerEventRelay` to publish on
   * `jil.ledger.writes`, key = account (default `true`; README §Event mesh). `false` writes no outbox rows.
   */
  outbox?: boolean;
  /** Called when `onEntry` throws; the write stays committed. */
  onSinkError?: (error: unknown, entry: LedgerEntry) => void;
  /** The clock of created_at columns (default `() => new Date()`). */
  now?: () => Date;
}

const DEPOSIT_STATES: readonly DepositState[] = ['credited', 'quarantined', 'held'];

/** One balance row. */
export interface BalanceRow {
  account: string;
  asset: string;
  balance: bigint;
}

/**
 * The JIL ledger (shells/ledger/README.md): double-entry accounts over PGlite or PostgreSQL, bridge deposits credited
 * exactly once behind the quorum and the compliance gate, wrapping at 0.50 %, withdrawals that burn before release,
 * quarantine, an append-only audit. Every write is one transaction through one {@link LedgerWriter}.
 *
 * @example
 * import { openPglite } from '@jil/server-kit';
 * import { AssetRegistry, Ledger, migrateLedger, ZERO_ADDRESS } from '@jil/shell-ledger';
 * const db = await openPglite();
 * await migrateLedger(db);
 * const assets = new AssetRegistry([{ chainId: 31337n, token: ZERO_ADDRESS, bridged: 'ETH', protected: 'jETH', decimals: 18 }]);
 * const ledger = new Ledger({ db, assets, verifier, compliance });
 * await ledger.creditDeposit(deposit, attestation); // { state: 'credited', duplicate: false, entryId, psaId }
 */
export class Ledger {
  readonly #ctx: LedgerContext;

  /** @throws JilError `CONFIG_INVALID` for a missing verifier or gate, an unknown flag policy or a non-boolean `outbox`. */
  constructor(options: LedgerOptions) {
    if (typeof options !== 'object' || options === null) throw new JilError('CONFIG_INVALID', 'the ledger needs its options');
    const { db, assets, verifier, compliance, flagPolicy = 'hold', onEntry, onSinkError, outbox = true, now = () => new Date() } = options;
    if (!(assets instanceof AssetRegistry) || typeof db?.transaction !== 'function') {
      throw new JilError('CONFIG_INVALID', 'the ledger needs a database and an AssetRegistry');
    }
    if (typeof verifier !== 'function' || typeof compliance?.screenDeposit !== 'function') {
      throw new JilError('CONFIG_INVALID', 'the ledger needs an attestation verifier and a compliance gate');
    }
    if (flagPolicy !== 'hold' && flagPolicy !== 'credit') throw new JilError('CONFIG_INVALID', "flagPolicy must be 'hold' or 'credit'");
    if (typeof outbox !== 'boolean') throw new JilError('CONFIG_INVALID', 'outbox must be a boolean');
    const writer = new LedgerWriter(db, now, onEntry, onSinkError, outbox);
    this.#ctx = { db, writer, assets, verifier, compliance, flagPolicy };
  }

  /** See `creditDeposit`. @throws JilError `INVALID_ARGUMENT`, `LEDGER_ASSET_UNKNOWN`, `LEDGER_CONFLICT`, `BRIDGE_*`, `STORAGE_ERROR`. */
  creditDeposit(deposit: BridgeDeposit, attestation: DepositAttestation): Promise<CreditOutcome> {
    return creditDeposit(this.#ctx, deposit, attestation);
  }

  /** See `releaseQuarantine`. @throws JilError `INVALID_ARGUMENT`, `NOT_FOUND`, `STORAGE_ERROR`. */
  releaseQuarantine(key: DepositKey, review: ReleaseReview): Promise<CreditOutcome> {
    return releaseQuarantine(this.#ctx, key, review);
  }

  /** See `wrap`. @throws JilError `INVALID_ARGUMENT`, `LEDGER_ASSET_UNKNOWN`, `LEDGER_INSUFFICIENT_FUNDS`, `STORAGE_ERROR`. */
  wrap(jilAccount: string, bridgedAsset: string, amount: bigint): Promise<WrapOutcome> {
    return wrap(this.#ctx, jilAccount, bridgedAsset, amount);
  }

  /** See `requestWithdrawal`. @throws JilError `INVALID_ARGUMENT`, `LEDGER_ASSET_UNKNOWN`, `LEDGER_INSUFFICIENT_FUNDS`, `STORAGE_ERROR`. */
  requestWithdrawal(jilAccount: string, asset: string, amount: bigint, recipient: string): Promise<Withdrawal> {
    return requestWithdrawal(this.#ctx, jilAccount, asset, amount, recipient);
  }

  /** See `markReleased`. @throws JilError `BRIDGE_WITHDRAWAL_UNKNOWN`, `LEDGER_CONFLICT`, `INVALID_ARGUMENT`, `STORAGE_ERROR`. */
  markReleased(withdrawalId: string, release: { txHash: string }): Promise<Withdrawal> {
    return markReleased(this.#ctx, withdrawalId, release);
  }

  /**
   * The withdrawal validators are asked to sign a release for (they check its terms against the request).
   * @throws JilError `BRIDGE_WITHDRAWAL_UNKNOWN` when the ledger never burned it; `INVALID_ARGUMENT` for a malformed id.
   */
  async getWithdrawal(withdrawalId: string): Promise<Withdrawal> {
    const id = checkHash32(withdrawalId, 'withdrawalId');
    const found = await findWithdrawal(this.#ctx.db, id);
    if (found === undefined)
      throw new JilError('BRIDGE_WITHDRAWAL_UNKNOWN', 'the ledger holds no such withdrawal', { details: { withdrawal_id: id } });
    return found;
  }

  /**
   * The balance of a ledger account (`user:<jilAccount>`, `fees:jETH`, `system:…`) in an asset; 0 when never touched.
   * @throws JilError `STORAGE_ERROR`.
   */
  async balance(account: string, asset: string): Promise<bigint> {
    checkText(account, 'account', 300);
    checkText(asset, 'asset', 50);
    const { rows } = await this.#ctx.db.query<{ balance: string }>(
      'SELECT balance::text AS balance FROM ledger_balances WHERE account = $1 AND asset = $2',
      [account, asset],
    );
    return rows[0] === undefined ? 0n : numericToBigInt(rows[0].balance);
  }

  /** Every balance row, sorted by account then asset (system contra accounts included). @throws JilError `STORAGE_ERROR`. */
  async balances(): Promise<BalanceRow[]> {
    const { rows } = await this.#ctx.db.query<{ account: string; asset: string; balance: string }>(
      'SELECT account, asset, balance::text AS balance FROM ledger_balances ORDER BY account, asset',
    );
    return rows.map((r) => ({ account: r.account, asset: r.asset, balance: numericToBigInt(r.balance) }));
  }

  /** The deposits, oldest first, optionally of one state (`quarantined` is the review queue). @throws JilError `STORAGE_ERROR`. */
  async deposits(filter: { state?: DepositState } = {}): Promise<StoredDeposit[]> {
    const state = (checkRecord(filter, 'filter') as { state?: unknown }).state;
    if (state !== undefined && !DEPOSIT_STATES.includes(state as DepositState)) {
      throw new JilError('INVALID_ARGUMENT', "filter.state must be 'credited', 'quarantined' or 'held'", {
        details: { field: 'filter.state' },
      });
    }
    return listDeposits(this.#ctx.db, state as DepositState | undefined);
  }

  /**
   * The withdrawals, oldest first, optionally of one state (`burned`: burned on the ledger, not yet released on the EVM).
   * @throws JilError `INVALID_ARGUMENT` for an unknown state; `STORAGE_ERROR`.
   */
  async withdrawals(filter: { state?: WithdrawalState } = {}): Promise<Withdrawal[]> {
    const state = (checkRecord(filter, 'filter') as { state?: unknown }).state;
    if (state !== undefined && state !== 'burned' && state !== 'released') {
      throw new JilError('INVALID_ARGUMENT', "filter.state must be 'burned' or 'released'", { details: { field: 'filter.state' } });
    }
    return listWithdrawals(this.#ctx.db, state);
  }

  /**
   * One family's supply figures, read in one transaction (see {@link Reconciliation} for the identity).
   * @throws JilError `LEDGER_ASSET_UNKNOWN` for a token the ledger does not carry; `STORAGE_ERROR`.
   */
  async reconcile(chainId: bigint, token: string): Promise<Reconciliation> {
    const family = this.#ctx.assets.byToken(chainId, token);
    return this.#ctx.db.transaction((tx) => reconcileFamily(tx, family));
  }
}
