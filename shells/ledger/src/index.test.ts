import { sourceExportNames } from '@jil/testkit';
import { describe, expect, it } from 'vitest';
import * as shell from './index.js';

describe('@jil/shell-ledger surface', () => {
  it('exports exactly these values', () => {
    expect(Object.keys(shell).sort()).toEqual([
      'AssetRegistry',
      'LEDGER_MIGRATIONS_DIR',
      'LEDGER_WRITES_TOPIC',
      'Ledger',
      'LedgerEventRelay',
      'MAX_AMOUNT',
      'WRAP_FEE_BPS',
      'ZERO_ADDRESS',
      'bridgeAccount',
      'depositKeyText',
      'feeAccount',
      'migrateLedger',
      'userAccount',
      'wrapAccount',
      'wrapFee',
    ]);
  });

  it('exports exactly these types', () => {
    expect(sourceExportNames(new URL('./index.ts', import.meta.url)).types).toEqual([
      'AttestationVerifier',
      'BalanceRow',
      'BridgeDeposit',
      'BridgedAsset',
      'BridgedToken',
      'ComplianceGate',
      'CreditOutcome',
      'DepositAttestation',
      'DepositKey',
      'DepositScreenRequest',
      'DepositScreenResult',
      'DepositState',
      'EntryKind',
      'FlagPolicy',
      'LedgerAsset',
      'LedgerEntry',
      'LedgerEventRelayOptions',
      'LedgerOptions',
      'LedgerWritePayload',
      'LedgerWriteSink',
      'Posting',
      'ProtectedAsset',
      'Reconciliation',
      'ReleaseReview',
      'StoredDeposit',
      'Withdrawal',
      'WithdrawalState',
      'WrapOutcome',
    ]);
  });
});
