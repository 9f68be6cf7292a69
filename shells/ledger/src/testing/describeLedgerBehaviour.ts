import type { Db } from '@jil/server-kit';
import type { ConformanceBackend } from '@jil/server-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../journal/LedgerEntry.js';
import { Ledger } from '../Ledger.js';
import { migrateLedger } from '../migrateLedger.js';
import { describeDepositBehaviour } from './depositBehaviour.js';
import { addressGate, expectConservation, signatureCountVerifier, testAssets } from './ledgerFixtures.js';
import { describeMovementBehaviour } from './movementBehaviour.js';

/** What the parts of the behaviour suite share. */
export interface LedgerSuite {
  db: Db;
  ledger: Ledger;
  gate: ReturnType<typeof addressGate>;
  /** Every entry the ledger handed to its write sink. */
  written: LedgerEntry[];
  /** The audit rows of a deposit key, oldest first. */
  auditOf(depositKey: string): Promise<{ action: string; actor: string; psa_id: string | null }[]>;
}

/** The ledger behaviour suite: every test runs unchanged on PGlite and on PostgreSQL (the database opened once). */
export function describeLedgerBehaviour(backend: ConformanceBackend): void {
  const s = { gate: addressGate(), written: [] } as unknown as LedgerSuite;
  s.auditOf = async (depositKey) =>
    (
      await s.db.query<{ action: string; actor: string; psa_id: string | null }>(
        'SELECT action, actor, psa_id FROM ledger_audit WHERE deposit_key = $1 ORDER BY audit_id',
        [depositKey],
      )
    ).rows;

  beforeAll(async () => {
    s.db = await backend.open();
    s.ledger = new Ledger({
      db: s.db,
      assets: testAssets(),
      verifier: signatureCountVerifier,
      compliance: s.gate,
      onEntry: (e) => void s.written.push(e),
    });
  });
  afterAll(async () => {
    if (s.db !== undefined) {
      await expectConservation(s.db, s.ledger);
      await backend.dispose(s.db);
    }
  });

  it('migrates an empty database once: a second run applies nothing', async () => {
    expect(await migrateLedger(s.db)).toEqual({ applied: ['0001_ledger', '0002_deposit_block_hash', '0003_ledger_outbox'], unknown: [] });
    expect(await migrateLedger(s.db)).toEqual({ applied: [], unknown: [] });
  });

  describe('deposits', () => describeDepositBehaviour(s));
  describe('movements', () => describeMovementBehaviour(s));
}
