import type { Db } from '@jil/server-kit';
import { type ConformanceBackend, rejectionOf, unique } from '@jil/server-kit/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isJilError } from '@jil/core';
import { GARBAGE_INPUTS } from '@jil/testkit';
import { AssetRegistry, ZERO_ADDRESS } from '../assets/AssetRegistry.js';
import { MAX_AMOUNT } from '../checks/checks.js';
import type { LedgerEntry } from '../journal/LedgerEntry.js';
import { Ledger } from '../Ledger.js';
import { migrateLedger } from '../migrateLedger.js';
import { wrapFee } from '../wrap/wrapFee.js';
import {
  addressGate,
  CHAIN_ID,
  expectConservation,
  FAILING_DEPOSITOR,
  FLAGGED_DEPOSITOR,
  hex32,
  makeDeposit,
  quorum,
  signatureCountVerifier,
  testAssets,
  TUSDC,
} from './ledgerFixtures.js';

const RECIPIENT = '0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc';

/** The ledger behaviour suite: every test runs unchanged on PGlite and on PostgreSQL. */
export function describeLedgerBehaviour(backend: ConformanceBackend): void {
  let db: Db;
  let ledger: Ledger;
  const gate = addressGate();
  const written: LedgerEntry[] = [];
  const auditOf = async (depositKey: string) =>
    (
      await db.query<{ action: string; actor: string; psa_id: string | null }>(
        'SELECT action, actor, psa_id FROM ledger_audit WHERE deposit_key = $1 ORDER BY audit_id',
        [depositKey],
      )
    ).rows;

  beforeAll(async () => {
    db = await backend.open();
    expect(await migrateLedger(db)).toEqual({ applied: ['0001_ledger'], unknown: [] });
    ledger = new Ledger({
      db,
      assets: testAssets(),
      verifier: signatureCountVerifier,
      compliance: gate,
      onEntry: (e) => void written.push(e),
    });
  });
  afterAll(async () => {
    if (db !== undefined) {
      await expectConservation(db, ledger);
      await backend.dispose(db);
    }
  });

  it('migrates once: a second run applies nothing', async () => {
    expect(await migrateLedger(db)).toEqual({ applied: [], unknown: [] });
  });

  it('credits a passing deposit once, audits it and hands the entry to the write sink after commit', async () => {
    const who = `alice-${unique()}`;
    const deposit = makeDeposit(who, 1000n);
    const outcome = await ledger.creditDeposit(deposit, quorum());
    expect(outcome).toMatchObject({ state: 'credited', duplicate: false });
    expect(await ledger.balance(`user:${who}`, 'ETH')).toBe(1000n);
    const entry = written.find((e) => e.entryId === outcome.entryId);
    expect(entry).toMatchObject({ kind: 'deposit_credit', accounts: [`user:${who}`] });
    expect(await auditOf(`${CHAIN_ID}:${deposit.txHash}:0`)).toEqual([
      { action: 'deposit_credited', actor: 'bridge:guardian-set:1', psa_id: outcome.psaId },
    ]);
    expect(await ledger.creditDeposit(deposit, quorum())).toEqual({ ...outcome, duplicate: true });
    expect(await ledger.balance(`user:${who}`, 'ETH')).toBe(1000n);
  });

  it('credits a deposit submitted 5 times concurrently exactly once', async () => {
    const who = `bob-${unique()}`;
    const deposit = makeDeposit(who, 500n);
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => ledger.creditDeposit({ ...deposit }, quorum())));
    expect(outcomes.filter((o) => !o.duplicate)).toHaveLength(1);
    expect(new Set(outcomes.map((o) => o.entryId)).size).toBe(1);
    expect(await ledger.balance(`user:${who}`, 'ETH')).toBe(500n);
    const { rows } = await db.query('SELECT entry_id FROM ledger_entries WHERE reference = $1', [
      `deposit:${CHAIN_ID}:${deposit.txHash}:0`,
    ]);
    expect(rows).toHaveLength(1);
  });

  it('credits deposits that arrive in the wrong order, and again, once each', async () => {
    const who = `carol-${unique()}`;
    const txHash = hex32();
    const first = makeDeposit(who, 10n, { txHash, logIndex: 0 });
    const second = makeDeposit(who, 20n, { txHash, logIndex: 1, token: TUSDC });
    expect((await ledger.creditDeposit(second, quorum())).duplicate).toBe(false);
    expect((await ledger.creditDeposit(first, quorum())).duplicate).toBe(false);
    expect((await ledger.creditDeposit(second, quorum())).duplicate).toBe(true);
    expect((await ledger.creditDeposit(first, quorum())).duplicate).toBe(true);
    expect([await ledger.balance(`user:${who}`, 'ETH'), await ledger.balance(`user:${who}`, 'TUSDC')]).toEqual([10n, 20n]);
  });

  it('refuses the same key with other terms (LEDGER_CONFLICT) and writes nothing', async () => {
    const who = `dave-${unique()}`;
    const deposit = makeDeposit(who, 300n);
    await ledger.creditDeposit(deposit, quorum());
    const auditBefore = await auditOf(`${CHAIN_ID}:${deposit.txHash}:0`);
    for (const change of [{ amount: 301n }, { jilAccount: 'mallory' }, { depositor: FAILING_DEPOSITOR }, { blockNumber: 8n }]) {
      const error = await rejectionOf(ledger.creditDeposit({ ...deposit, ...change }, quorum()));
      expect(error.code).toBe('LEDGER_CONFLICT');
      expect(error.details['field']).toBe(Object.keys(change)[0]);
    }
    expect(await ledger.balance(`user:${who}`, 'ETH')).toBe(300n);
    expect(await ledger.balance('user:mallory', 'ETH')).toBe(0n);
    expect(await auditOf(`${CHAIN_ID}:${deposit.txHash}:0`)).toEqual(auditBefore);
  });

  it('writes nothing and asks no PSA when the quorum is not met (the verifier error propagates)', async () => {
    const deposit = makeDeposit(`erin-${unique()}`, 5n);
    const asked = gate.requests.length;
    const error = await rejectionOf(
      ledger.creditDeposit(deposit, { signatures: Array(THRESHOLD_MINUS_ONE).fill('same'), guardianSetVersion: 1 }),
    );
    expect(error.code).toBe('BRIDGE_QUORUM_NOT_MET');
    expect(gate.requests.length).toBe(asked);
    expect((await ledger.deposits()).some((d) => d.txHash === deposit.txHash)).toBe(false);
    expect(await auditOf(`${CHAIN_ID}:${deposit.txHash}:0`)).toEqual([]);
  });

  it('quarantines a failing deposit with its PSA, never credits it on repeat, and credits it once on an audited release', async () => {
    const who = `frank-${unique()}`;
    const deposit = makeDeposit(who, 700n, { depositor: FAILING_DEPOSITOR });
    const key = { chainId: CHAIN_ID, txHash: deposit.txHash, logIndex: 0 };
    const outcome = await ledger.creditDeposit(deposit, quorum());
    expect(outcome).toEqual({ state: 'quarantined', duplicate: false, psaId: expect.any(String) });
    expect(await ledger.creditDeposit(deposit, quorum())).toEqual({ ...outcome, duplicate: true });
    expect(await ledger.balance(`user:${who}`, 'ETH')).toBe(0n);
    const parked = (await ledger.deposits({ state: 'quarantined' })).find((d) => d.txHash === deposit.txHash);
    expect(parked).toMatchObject({
      verdict: 'fail',
      psaId: outcome.psaId,
      psa: { psa_id: outcome.psaId, verdict: 'fail' },
      reasons: ['test:fail'],
    });
    expect(parked?.entryId).toBeUndefined();
    const released = await ledger.releaseQuarantine(key, { operator: 'ops-1', reason: 'false positive after review' });
    expect(released).toMatchObject({ state: 'credited', duplicate: false, psaId: outcome.psaId });
    expect(await ledger.releaseQuarantine(key, { operator: 'ops-2', reason: 'again' })).toEqual({ ...released, duplicate: true });
    expect(await ledger.creditDeposit(deposit, quorum())).toEqual({ ...released, duplicate: true });
    expect(await ledger.balance(`user:${who}`, 'ETH')).toBe(700n);
    expect(await auditOf(`${CHAIN_ID}:${deposit.txHash}:0`)).toEqual([
      { action: 'deposit_quarantined', actor: 'bridge:guardian-set:1', psa_id: outcome.psaId },
      { action: 'quarantine_released', actor: 'ops-1', psa_id: outcome.psaId },
    ]);
    expect((await rejectionOf(ledger.releaseQuarantine({ ...key, logIndex: 9 }, { operator: 'ops-1', reason: 'x' }))).code).toBe(
      'NOT_FOUND',
    );
    expect((await rejectionOf(ledger.releaseQuarantine(key, { operator: '', reason: 'x' }))).code).toBe('INVALID_ARGUMENT');
  });

  it("holds a flagged deposit under the default policy, and credits it under flagPolicy 'credit'", async () => {
    const who = `grace-${unique()}`;
    const held = makeDeposit(who, 40n, { depositor: FLAGGED_DEPOSITOR });
    expect(await ledger.creditDeposit(held, quorum())).toMatchObject({ state: 'held', duplicate: false });
    expect(await ledger.balance(`user:${who}`, 'ETH')).toBe(0n);
    expect((await ledger.deposits({ state: 'held' })).map((d) => d.txHash)).toContain(held.txHash);
    const lenient = new Ledger({ db, assets: testAssets(), verifier: signatureCountVerifier, compliance: gate, flagPolicy: 'credit' });
    const credited = makeDeposit(who, 60n, { depositor: FLAGGED_DEPOSITOR });
    expect(await lenient.creditDeposit(credited, quorum())).toMatchObject({ state: 'credited', duplicate: false });
    expect(await ledger.balance(`user:${who}`, 'ETH')).toBe(60n);
  });

  it('keeps the audit, the journal and its postings append-only, and refuses an unbalanced entry at commit', async () => {
    for (const sql of [
      'UPDATE ledger_audit SET actor = $1',
      'DELETE FROM ledger_audit WHERE actor <> $1',
      'UPDATE ledger_postings SET account = $1',
      'DELETE FROM ledger_entries WHERE kind <> $1',
    ]) {
      expect((await rejectionOf(db.query(sql, ['x']))).code).toBe('STORAGE_ERROR');
    }
    const unbalanced = db.transaction(async (tx) => {
      const id = '0190a0a0-0000-7000-8000-000000000001';
      await tx.query("INSERT INTO ledger_entries (entry_id, kind, reference) VALUES ($1, 'wrap', 'forged')", [id]);
      await tx.query("INSERT INTO ledger_postings (entry_id, seq, account, asset, amount) VALUES ($1, 0, 'user:forger', 'ETH', 5)", [id]);
    });
    expect((await rejectionOf(unbalanced)).code).toBe('STORAGE_ERROR');
    expect(await ledger.balance('user:forger', 'ETH')).toBe(0n);
    const negative = db.query("INSERT INTO ledger_balances (account, asset, balance) VALUES ('user:neg', 'ETH', -1)");
    expect((await rejectionOf(negative)).code).toBe('STORAGE_ERROR');
  });

  it('moves 1, 199, 200 and 2^256 − 1 through credit, wrap and withdraw with the fee rounded down', async () => {
    for (const amount of [1n, 199n, 200n, MAX_AMOUNT]) {
      const who = `heidi-${unique()}`;
      await ledger.creditDeposit(makeDeposit(who, amount, { token: TUSDC }), quorum());
      const wrapped = await ledger.wrap(who, 'TUSDC', amount);
      const fee = amount < 200n ? 0n : (amount * 50n) / 10_000n;
      expect(wrapped).toMatchObject({ asset: 'jUSDC', fee, net: amount - fee });
      expect(wrapFee(amount)).toBe(fee);
      expect(await ledger.balance(`user:${who}`, 'TUSDC')).toBe(0n);
      expect(await ledger.balance(`user:${who}`, 'jUSDC')).toBe(amount - fee);
      const withdrawal = await ledger.requestWithdrawal(who, 'jUSDC', amount - fee, RECIPIENT);
      expect(withdrawal).toMatchObject({ state: 'burned', amount: amount - fee, token: TUSDC, chainId: CHAIN_ID, recipient: RECIPIENT });
      expect(await ledger.balance(`user:${who}`, 'jUSDC')).toBe(0n);
    }
    expect(wrapFee(200n)).toBe(1n);
    expect(wrapFee(10_000n)).toBe(50n);
  });

  it('refuses amount 0 (and above 2^256 − 1) with INVALID_ARGUMENT, writing nothing', async () => {
    const who = `ivan-${unique()}`;
    await ledger.creditDeposit(makeDeposit(who, 10n), quorum());
    for (const amount of [0n, MAX_AMOUNT + 1n]) {
      expect((await rejectionOf(ledger.creditDeposit(makeDeposit(who, amount), quorum()))).code).toBe('INVALID_ARGUMENT');
      expect((await rejectionOf(ledger.wrap(who, 'ETH', amount))).code).toBe('INVALID_ARGUMENT');
      expect((await rejectionOf(ledger.requestWithdrawal(who, 'ETH', amount, RECIPIENT))).code).toBe('INVALID_ARGUMENT');
    }
    expect((await rejectionOf(ledger.wrap(who, 'ETH', 1 as unknown as bigint))).code).toBe('INVALID_ARGUMENT');
    expect(await ledger.balance(`user:${who}`, 'ETH')).toBe(10n);
  });

  it('refuses what the account does not hold (LEDGER_INSUFFICIENT_FUNDS) and unknown assets (LEDGER_ASSET_UNKNOWN)', async () => {
    const who = `judy-${unique()}`;
    await ledger.creditDeposit(makeDeposit(who, 100n), quorum());
    const short = await rejectionOf(ledger.wrap(who, 'ETH', 101n));
    expect(short.code).toBe('LEDGER_INSUFFICIENT_FUNDS');
    expect(short.details).toMatchObject({ account: `user:${who}`, asset: 'ETH', balance: '100', amount: '101' });
    expect((await rejectionOf(ledger.requestWithdrawal(who, 'jETH', 1n, RECIPIENT))).code).toBe('LEDGER_INSUFFICIENT_FUNDS');
    expect((await rejectionOf(ledger.wrap(who, 'jETH', 1n))).code).toBe('LEDGER_ASSET_UNKNOWN');
    expect((await rejectionOf(ledger.wrap(who, 'DOGE', 1n))).code).toBe('LEDGER_ASSET_UNKNOWN');
    const stranger = makeDeposit(who, 1n, { token: '0x00000000000000000000000000000000000000aa' });
    expect((await rejectionOf(ledger.creditDeposit(stranger, quorum()))).code).toBe('LEDGER_ASSET_UNKNOWN');
    expect((await rejectionOf(ledger.reconcile(1n, ZERO_ADDRESS))).code).toBe('LEDGER_ASSET_UNKNOWN');
    // Five concurrent wraps of 40 against 100: exactly two go through, the balance never goes negative.
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => ledger.wrap(who, 'ETH', 40n)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    expect(await ledger.balance(`user:${who}`, 'ETH')).toBe(20n);
    expect(await ledger.balance(`user:${who}`, 'jETH')).toBe(80n);
  });

  it('burns a withdrawal at once, marks it released idempotently, and names unknown ids', async () => {
    const who = `ken-${unique()}`;
    await ledger.creditDeposit(makeDeposit(who, 1_000n), quorum());
    const before = await ledger.reconcile(CHAIN_ID, ZERO_ADDRESS);
    const w = await ledger.requestWithdrawal(who, 'ETH', 400n, RECIPIENT.toUpperCase().replace('0X', '0x'));
    expect(w.withdrawalId).toMatch(/^0x[0-9a-f]{64}$/);
    expect(await ledger.balance(`user:${who}`, 'ETH')).toBe(600n);
    expect(await ledger.getWithdrawal(w.withdrawalId)).toEqual(w);
    const during = await ledger.reconcile(CHAIN_ID, ZERO_ADDRESS);
    expect(during.inFlight - before.inFlight).toBe(400n);
    const txHash = hex32();
    const released = await ledger.markReleased(w.withdrawalId, { txHash });
    expect(released).toMatchObject({ state: 'released', releaseTxHash: txHash });
    expect(await ledger.markReleased(w.withdrawalId, { txHash })).toMatchObject({ state: 'released', releaseTxHash: txHash });
    expect((await rejectionOf(ledger.markReleased(w.withdrawalId, { txHash: hex32() }))).code).toBe('LEDGER_CONFLICT');
    const after = await ledger.reconcile(CHAIN_ID, ZERO_ADDRESS);
    expect([after.inFlight - before.inFlight, after.released - before.released]).toEqual([0n, 400n]);
    expect((await rejectionOf(ledger.markReleased(hex32(), { txHash }))).code).toBe('BRIDGE_WITHDRAWAL_UNKNOWN');
    expect((await rejectionOf(ledger.getWithdrawal(hex32()))).code).toBe('BRIDGE_WITHDRAWAL_UNKNOWN');
    const { rows } = await db.query<{ action: string }>('SELECT action FROM ledger_audit WHERE withdrawal_id = $1 ORDER BY audit_id', [
      w.withdrawalId,
    ]);
    expect(rows.map((r) => r.action)).toEqual(['withdrawal_burned', 'withdrawal_released']);
  });

  it('lets only JilError escape for wrong inputs in every argument position', async () => {
    const who = `olivia-${unique()}`;
    const deposit = makeDeposit(who, 1n);
    const key = { chainId: CHAIN_ID, txHash: deposit.txHash, logIndex: 0 };
    const calls: ((bad: never) => Promise<unknown>)[] = [
      (bad) => ledger.creditDeposit(bad, quorum()),
      (bad) => ledger.creditDeposit(deposit, bad),
      (bad) => ledger.creditDeposit({ ...deposit, amount: bad }, quorum()),
      (bad) => ledger.creditDeposit({ ...deposit, jilAccount: bad }, quorum()),
      (bad) => ledger.releaseQuarantine(bad, { operator: 'o', reason: 'r' }),
      (bad) => ledger.releaseQuarantine(key, bad),
      (bad) => ledger.wrap(bad, 'ETH', 1n),
      (bad) => ledger.wrap(who, bad, 1n),
      (bad) => ledger.wrap(who, 'ETH', bad),
      (bad) => ledger.requestWithdrawal(bad, 'ETH', 1n, RECIPIENT),
      (bad) => ledger.requestWithdrawal(who, bad, 1n, RECIPIENT),
      (bad) => ledger.requestWithdrawal(who, 'ETH', bad, RECIPIENT),
      (bad) => ledger.requestWithdrawal(who, 'ETH', 1n, bad),
      (bad) => ledger.markReleased(bad, { txHash: hex32() }),
      (bad) => ledger.markReleased(hex32(), bad),
      (bad) => ledger.getWithdrawal(bad),
      (bad) => ledger.balance(bad, 'ETH'),
      (bad) => ledger.balance('user:x', bad),
      (bad) => ledger.deposits(bad),
      (bad) => ledger.reconcile(bad, ZERO_ADDRESS),
      (bad) => ledger.reconcile(CHAIN_ID, bad),
    ];
    for (const [index, call] of calls.entries()) {
      for (const bad of GARBAGE_INPUTS) {
        const outcome = await call(bad as never).then(
          () => 'resolved',
          (error: unknown) => (isJilError(error) ? error.code : error),
        );
        // `{}`/null filters and 10n chain ids are valid inputs for a few read calls; everything else is refused.
        expect({ index, escaped: typeof outcome !== 'string' }).toEqual({ index, escaped: false });
      }
    }
    for (const bad of GARBAGE_INPUTS) {
      expect(isJilError(thrownBy(() => new Ledger(bad as never)))).toBe(true);
      expect(isJilError(thrownBy(() => new AssetRegistry(bad as never)))).toBe(true);
      expect(isJilError(thrownBy(() => new AssetRegistry([bad as never])))).toBe(true);
    }
    expect(await ledger.balance(`user:${who}`, 'ETH')).toBe(0n);
  });

  it('reconciles every family: credited − released = bridged + protected supply + in flight', async () => {
    await expectConservation(db, ledger);
    const r = await ledger.reconcile(CHAIN_ID, TUSDC);
    expect(r.fees).toBe(await ledger.balance('fees:jUSDC', 'jUSDC'));
    expect(r.credited > 0n && r.fees > 0n && r.inFlight > 0n).toBe(true);
  });
}

const THRESHOLD_MINUS_ONE = 13;

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}
