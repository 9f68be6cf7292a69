import type { Db } from '@jil/server-kit';
import type { AssetRegistry } from './assets/AssetRegistry.js';
import type { AttestationVerifier, ComplianceGate } from './deposits/BridgeDeposit.js';
import type { LedgerWriter } from './journal/LedgerWriter.js';

/** What a `flag` verdict does: `hold` parks the deposit until an operator releases it (default); `credit` credits it. */
export type FlagPolicy = 'hold' | 'credit';

/** What the ledger's operations share (built by `Ledger`). */
export interface LedgerContext {
  db: Db;
  writer: LedgerWriter;
  assets: AssetRegistry;
  verifier: AttestationVerifier;
  compliance: ComplianceGate;
  flagPolicy: FlagPolicy;
}
