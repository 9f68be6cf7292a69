/**
 * @jil/shell-ledger — the JIL ledger (shells/ledger/README.md): double-entry accounts over PGlite or PostgreSQL,
 * bridge deposits credited exactly once behind the guardian quorum and the compliance gate, wrapping at 0.50 %,
 * withdrawals that burn before release, quarantine, an append-only audit.
 */
export {
  AssetRegistry,
  ZERO_ADDRESS,
  type BridgedAsset,
  type BridgedToken,
  type LedgerAsset,
  type ProtectedAsset,
} from './assets/AssetRegistry.js';
export { MAX_AMOUNT } from './checks/checks.js';
export { LedgerEventRelay, type LedgerEventRelayOptions } from './events/LedgerEventRelay.js';
export { LEDGER_WRITES_TOPIC, type LedgerWritePayload } from './events/ledgerWriteEvent.js';
export {
  depositKeyText,
  type AttestationVerifier,
  type BridgeDeposit,
  type ComplianceGate,
  type DepositAttestation,
  type DepositKey,
  type DepositScreenRequest,
  type DepositScreenResult,
} from './deposits/BridgeDeposit.js';
export type { CreditOutcome } from './deposits/creditDeposit.js';
export type { DepositState, StoredDeposit } from './deposits/depositRows.js';
export type { ReleaseReview } from './deposits/releaseQuarantine.js';
export { bridgeAccount, feeAccount, userAccount, wrapAccount } from './journal/accounts.js';
export type { EntryKind, LedgerEntry, Posting } from './journal/LedgerEntry.js';
export type { LedgerWriteSink } from './journal/LedgerWriter.js';
export { Ledger, type BalanceRow, type LedgerOptions } from './Ledger.js';
export type { FlagPolicy } from './LedgerContext.js';
export { LEDGER_MIGRATIONS_DIR, migrateLedger } from './migrateLedger.js';
export type { Reconciliation } from './reads/reconcile.js';
export type { Withdrawal, WithdrawalState } from './withdrawals/withdrawalRows.js';
export { WRAP_FEE_BPS, wrapFee } from './wrap/wrapFee.js';
export type { WrapOutcome } from './wrap/wrap.js';
