/**
 * Test fixtures of the ledger's suites: an asset registry, a signature-count verifier (NOT a cryptographic check: the
 * ledger's own tests only need a verifier that refuses; the lead wires @jil/bridge's quorum verification), a
 * compliance gate that answers by depositor address, deposit factories and the conservation checks.
 */
import { randomBytes } from 'node:crypto';
import { bytesToHex, JilError, uuidv7 } from '@jil/core';
import type { Db } from '@jil/server-kit';
import { expect } from 'vitest';
import { AssetRegistry, ZERO_ADDRESS } from '../assets/AssetRegistry.js';
import type {
  AttestationVerifier,
  BridgeDeposit,
  ComplianceGate,
  DepositAttestation,
  DepositScreenRequest,
} from '../deposits/BridgeDeposit.js';
import type { Ledger } from '../Ledger.js';

export const CHAIN_ID = 31337n;
export const BRIDGE = '0x5fbdb2315678afecb367f032d93f642f64180aa3';
export const TUSDC = '0xe7f1725e7734ce288f8367e1bb143e90bb3f0512';

export const testAssets = (): AssetRegistry =>
  new AssetRegistry([
    { chainId: CHAIN_ID, token: ZERO_ADDRESS, bridged: 'ETH', protected: 'jETH', decimals: 18 },
    { chainId: CHAIN_ID, token: TUSDC, bridged: 'TUSDC', protected: 'jUSDC', decimals: 6 },
  ]);

/** Guardian-set threshold the count verifier asks for. */
export const THRESHOLD = 14;

/**
 * A verifier that only COUNTS distinct non-empty signature strings against {@link THRESHOLD} (no cryptography): enough
 * to show that the ledger writes nothing when verification refuses.
 */
export const signatureCountVerifier: AttestationVerifier = async (_deposit, attestation) => {
  const distinct = new Set(attestation.signatures.filter((s) => s !== ''));
  if (distinct.size < THRESHOLD) {
    throw new JilError('BRIDGE_QUORUM_NOT_MET', 'fewer distinct signatures than the threshold', {
      details: { valid: distinct.size, threshold: THRESHOLD },
    });
  }
};

export const quorum = (): DepositAttestation => ({
  signatures: Array.from({ length: THRESHOLD }, (_, i) => `sig-${i}`),
  guardianSetVersion: 1,
});

/** Depositor addresses whose screening fails or flags; every other depositor passes. */
export const FAILING_DEPOSITOR = '0x000000000000000000000000000000000000dead';
export const FLAGGED_DEPOSITOR = '0x000000000000000000000000000000000000f1a6';

/** A compliance gate that answers by depositor and records every request. */
export function addressGate(): ComplianceGate & { requests: DepositScreenRequest[] } {
  const requests: DepositScreenRequest[] = [];
  return {
    requests,
    async screenDeposit(request) {
      requests.push(request);
      const verdict = request.depositor === FAILING_DEPOSITOR ? 'fail' : request.depositor === FLAGGED_DEPOSITOR ? 'flag' : 'pass';
      const psaId = uuidv7(new Date());
      return {
        verdict,
        psaId,
        psa: { payloadType: 'application/vnd.jil.psa.v1+json', psa_id: psaId, verdict },
        reasons: verdict === 'pass' ? [] : [`test:${verdict}`],
      };
    },
  };
}

export const hex32 = (): string => `0x${bytesToHex(randomBytes(32))}`;

/** A fresh deposit (random tx hash and deposit id) of `amount` to `jilAccount`. */
export function makeDeposit(jilAccount: string, amount: bigint, overrides: Partial<BridgeDeposit> = {}): BridgeDeposit {
  return {
    chainId: CHAIN_ID,
    bridge: BRIDGE,
    depositId: hex32(),
    txHash: hex32(),
    logIndex: 0,
    blockHash: hex32(),
    blockNumber: 7n,
    token: ZERO_ADDRESS,
    amount,
    depositor: '0x70997970c51812dc3a010c7d01b50e0d17dc79c8',
    jilAccount,
    ...overrides,
  };
}

/**
 * The ledger's invariants, checked on the database (shells/ledger/README.md §Conservation): every entry balances per
 * asset; balances equal the sums of postings; per family credited − released = bridgedSupply + protectedSupply +
 * inFlight and issued = credited − released − inFlight; no deposit has two credit entries; the outbox has a row for each
 * non-system account of an entry (or none: `outbox: false`) and nothing else.
 */
export async function expectConservation(db: Db, ledger: Ledger): Promise<void> {
  const unbalanced = await db.query('SELECT entry_id, asset FROM ledger_postings GROUP BY entry_id, asset HAVING sum(amount) <> 0');
  expect(unbalanced.rows).toEqual([]);
  const drift = await db.query(
    `SELECT b.account, b.asset FROM ledger_balances b
       LEFT JOIN (SELECT account, asset, sum(amount) AS total FROM ledger_postings GROUP BY account, asset) p USING (account, asset)
     WHERE b.balance <> coalesce(p.total, 0)`,
  );
  expect(drift.rows).toEqual([]);
  const twice = await db.query("SELECT reference FROM ledger_entries WHERE kind = 'deposit_credit' GROUP BY reference HAVING count(*) > 1");
  expect(twice.rows).toEqual([]);
  const creditedWithoutEntry = await db.query(
    `SELECT d.tx_hash FROM ledger_deposits d LEFT JOIN ledger_entries e ON e.entry_id = d.entry_id
     WHERE (d.state = 'credited') <> (e.entry_id IS NOT NULL)`,
  );
  expect(creditedWithoutEntry.rows).toEqual([]);
  // The event mesh's outbox (migration 0003): an entry has a row for each of its non-system accounts or (written with
  // `outbox: false`) none; no row for anything else, so none for an entry that never committed.
  const outboxMismatch = await db.query(
    `WITH p AS (SELECT DISTINCT entry_id, account FROM ledger_postings WHERE account NOT LIKE 'system:%'),
          o AS (SELECT entry_id, event_key AS account FROM ledger_outbox)
     SELECT entry_id, account FROM o WHERE (entry_id, account) NOT IN (SELECT entry_id, account FROM p)
     UNION ALL
     SELECT entry_id, account FROM p
       WHERE entry_id IN (SELECT entry_id FROM o) AND (entry_id, account) NOT IN (SELECT entry_id, account FROM o)`,
  );
  expect(outboxMismatch.rows).toEqual([]);
  for (const family of testAssets().all()) {
    const r = await ledger.reconcile(family.chainId, family.token);
    expect(r.credited - r.released).toBe(r.bridgedSupply + r.protectedSupply + r.inFlight);
    expect(r.issued).toBe(r.credited - r.released - r.inFlight);
    expect(r.fees <= r.protectedSupply).toBe(true);
  }
}
