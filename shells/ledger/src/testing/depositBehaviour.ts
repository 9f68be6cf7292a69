import { rejectionOf, unique } from '@jil/server-kit/testing';
import { expect, it } from 'vitest';
import { Ledger } from '../Ledger.js';
import type { LedgerSuite } from './describeLedgerBehaviour.js';
import {
  CHAIN_ID,
  FAILING_DEPOSITOR,
  FLAGGED_DEPOSITOR,
  hex32,
  makeDeposit,
  quorum,
  signatureCountVerifier,
  testAssets,
  TUSDC,
} from './ledgerFixtures.js';

const THRESHOLD_MINUS_ONE = 13;

/** Deposits: credit once, conflicts, quorum refusal, quarantine, hold, the write sink. */
export function describeDepositBehaviour(s: LedgerSuite): void {
  it('credits a passing deposit once, audits it and hands the entry to the write sink after commit', async () => {
    const who = `alice-${unique()}`;
    const deposit = makeDeposit(who, 1000n);
    const outcome = await s.ledger.creditDeposit(deposit, quorum());
    expect(outcome).toMatchObject({ state: 'credited', duplicate: false });
    expect(await s.ledger.balance(`user:${who}`, 'ETH')).toBe(1000n);
    const entry = s.written.find((e) => e.entryId === outcome.entryId);
    expect(entry).toMatchObject({ kind: 'deposit_credit', accounts: [`user:${who}`] });
    expect(await s.auditOf(`${CHAIN_ID}:${deposit.txHash}:0`)).toEqual([
      { action: 'deposit_credited', actor: 'bridge:guardian-set:1', psa_id: outcome.psaId },
    ]);
    expect(await s.ledger.creditDeposit(deposit, quorum())).toEqual({ ...outcome, duplicate: true });
    expect(await s.ledger.balance(`user:${who}`, 'ETH')).toBe(1000n);
  });

  it('credits a deposit submitted 5 times concurrently exactly once', async () => {
    const who = `bob-${unique()}`;
    const deposit = makeDeposit(who, 500n);
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => s.ledger.creditDeposit({ ...deposit }, quorum())));
    expect(outcomes.filter((o) => !o.duplicate)).toHaveLength(1);
    expect(new Set(outcomes.map((o) => o.entryId)).size).toBe(1);
    expect(await s.ledger.balance(`user:${who}`, 'ETH')).toBe(500n);
    const { rows } = await s.db.query('SELECT entry_id FROM ledger_entries WHERE reference = $1', [
      `deposit:${CHAIN_ID}:${deposit.txHash}:0`,
    ]);
    expect(rows).toHaveLength(1);
  });

  it('credits deposits that arrive in the wrong order, and again, once each', async () => {
    const who = `carol-${unique()}`;
    const txHash = hex32();
    const first = makeDeposit(who, 10n, { txHash, logIndex: 0 });
    const second = makeDeposit(who, 20n, { txHash, logIndex: 1, token: TUSDC });
    expect((await s.ledger.creditDeposit(second, quorum())).duplicate).toBe(false);
    expect((await s.ledger.creditDeposit(first, quorum())).duplicate).toBe(false);
    expect((await s.ledger.creditDeposit(second, quorum())).duplicate).toBe(true);
    expect((await s.ledger.creditDeposit(first, quorum())).duplicate).toBe(true);
    expect([await s.ledger.balance(`user:${who}`, 'ETH'), await s.ledger.balance(`user:${who}`, 'TUSDC')]).toEqual([10n, 20n]);
  });

  it('refuses the same key with other terms (LEDGER_CONFLICT) and writes nothing', async () => {
    const who = `dave-${unique()}`;
    const deposit = makeDeposit(who, 300n);
    await s.ledger.creditDeposit(deposit, quorum());
    const auditBefore = await s.auditOf(`${CHAIN_ID}:${deposit.txHash}:0`);
    for (const change of [
      { amount: 301n },
      { jilAccount: 'mallory' },
      { depositor: FAILING_DEPOSITOR },
      { blockNumber: 8n },
      { blockHash: hex32() },
    ]) {
      const error = await rejectionOf(s.ledger.creditDeposit({ ...deposit, ...change }, quorum()));
      expect(error.code).toBe('LEDGER_CONFLICT');
      expect(error.details['field']).toBe(Object.keys(change)[0]);
    }
    expect(await s.ledger.balance(`user:${who}`, 'ETH')).toBe(300n);
    expect(await s.ledger.balance('user:mallory', 'ETH')).toBe(0n);
    expect(await s.auditOf(`${CHAIN_ID}:${deposit.txHash}:0`)).toEqual(auditBefore);
  });

  it('writes nothing and asks no PSA when the quorum is not met (the verifier error propagates)', async () => {
    const deposit = makeDeposit(`erin-${unique()}`, 5n);
    const asked = s.gate.requests.length;
    const error = await rejectionOf(
      s.ledger.creditDeposit(deposit, { signatures: Array(THRESHOLD_MINUS_ONE).fill('same'), guardianSetVersion: 1 }),
    );
    expect(error.code).toBe('BRIDGE_QUORUM_NOT_MET');
    expect(s.gate.requests.length).toBe(asked);
    expect((await s.ledger.deposits()).some((d) => d.txHash === deposit.txHash)).toBe(false);
    expect(await s.auditOf(`${CHAIN_ID}:${deposit.txHash}:0`)).toEqual([]);
  });

  it('quarantines a failing deposit with its PSA, never credits it on repeat, and credits it once on an audited release', async () => {
    const who = `frank-${unique()}`;
    const deposit = makeDeposit(who, 700n, { depositor: FAILING_DEPOSITOR });
    const key = { chainId: CHAIN_ID, txHash: deposit.txHash, logIndex: 0 };
    const outcome = await s.ledger.creditDeposit(deposit, quorum());
    expect(outcome).toEqual({ state: 'quarantined', duplicate: false, psaId: expect.any(String) });
    expect(await s.ledger.creditDeposit(deposit, quorum())).toEqual({ ...outcome, duplicate: true });
    expect(await s.ledger.balance(`user:${who}`, 'ETH')).toBe(0n);
    const parked = (await s.ledger.deposits({ state: 'quarantined' })).find((d) => d.txHash === deposit.txHash);
    expect(parked).toMatchObject({
      verdict: 'fail',
      psaId: outcome.psaId,
      psa: { psa_id: outcome.psaId, verdict: 'fail' },
      reasons: ['test:fail'],
    });
    expect(parked?.entryId).toBeUndefined();
    const released = await s.ledger.releaseQuarantine(key, { operator: 'ops-1', reason: 'false positive after review' });
    expect(released).toMatchObject({ state: 'credited', duplicate: false, psaId: outcome.psaId });
    expect(await s.ledger.releaseQuarantine(key, { operator: 'ops-2', reason: 'again' })).toEqual({ ...released, duplicate: true });
    expect(await s.ledger.creditDeposit(deposit, quorum())).toEqual({ ...released, duplicate: true });
    expect(await s.ledger.balance(`user:${who}`, 'ETH')).toBe(700n);
    expect(await s.auditOf(`${CHAIN_ID}:${deposit.txHash}:0`)).toEqual([
      { action: 'deposit_quarantined', actor: 'bridge:guardian-set:1', psa_id: outcome.psaId },
      { action: 'quarantine_released', actor: 'ops-1', psa_id: outcome.psaId },
    ]);
    expect((await rejectionOf(s.ledger.releaseQuarantine({ ...key, logIndex: 9 }, { operator: 'ops-1', reason: 'x' }))).code).toBe(
      'NOT_FOUND',
    );
    expect((await rejectionOf(s.ledger.releaseQuarantine(key, { operator: '', reason: 'x' }))).code).toBe('INVALID_ARGUMENT');
  });

  it("holds a flagged deposit under the default policy, and credits it under flagPolicy 'credit'", async () => {
    const who = `grace-${unique()}`;
    const held = makeDeposit(who, 40n, { depositor: FLAGGED_DEPOSITOR });
    expect(await s.ledger.creditDeposit(held, quorum())).toMatchObject({ state: 'held', duplicate: false });
    expect(await s.ledger.balance(`user:${who}`, 'ETH')).toBe(0n);
    expect((await s.ledger.deposits({ state: 'held' })).map((d) => d.txHash)).toContain(held.txHash);
    const lenient = new Ledger({
      db: s.db,
      assets: testAssets(),
      verifier: signatureCountVerifier,
      compliance: s.gate,
      flagPolicy: 'credit',
    });
    const credited = makeDeposit(who, 60n, { depositor: FLAGGED_DEPOSITOR });
    expect(await lenient.creditDeposit(credited, quorum())).toMatchObject({ state: 'credited', duplicate: false });
    expect(await s.ledger.balance(`user:${who}`, 'ETH')).toBe(60n);
  });

  it('credits a parked deposit once under 5 concurrent releases', async () => {
    const who = `liam-${unique()}`;
    const deposit = makeDeposit(who, 90n, { depositor: FAILING_DEPOSITOR });
    await s.ledger.creditDeposit(deposit, quorum());
    const key = { chainId: CHAIN_ID, txHash: deposit.txHash, logIndex: 0 };
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, (_, i) => s.ledger.releaseQuarantine(key, { operator: `ops-${i}`, reason: 'reviewed' })),
    );
    expect(outcomes.filter((o) => !o.duplicate)).toHaveLength(1);
    expect(await s.ledger.balance(`user:${who}`, 'ETH')).toBe(90n);
    expect((await s.auditOf(`${CHAIN_ID}:${deposit.txHash}:0`)).map((r) => r.action)).toEqual([
      'deposit_quarantined',
      'quarantine_released',
    ]);
  });

  it('hands the sink nothing for a rolled-back write, and a failing sink never undoes a committed one', async () => {
    const who = `mia-${unique()}`;
    const before = s.written.length;
    await rejectionOf(s.ledger.wrap(who, 'ETH', 1n));
    expect(s.written.length).toBe(before);
    const sinkErrors: unknown[] = [];
    const noisy = new Ledger({
      db: s.db,
      assets: testAssets(),
      verifier: signatureCountVerifier,
      compliance: s.gate,
      onEntry: () => {
        throw new Error('mesh down');
      },
      onSinkError: (error) => void sinkErrors.push(error),
    });
    expect(await noisy.creditDeposit(makeDeposit(who, 3n), quorum())).toMatchObject({ state: 'credited', duplicate: false });
    expect(sinkErrors).toHaveLength(1);
    expect(await s.ledger.balance(`user:${who}`, 'ETH')).toBe(3n);
  });
}
