import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isJilError } from '@jil/core';
import { type Db, openPglite } from '@jil/server-kit';
import { unique } from '@jil/server-kit/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZERO_ADDRESS } from './assets/AssetRegistry.js';
import { MAX_AMOUNT } from './checks/checks.js';
import type { BridgeDeposit } from './deposits/BridgeDeposit.js';
import { Ledger } from './Ledger.js';
import { migrateLedger } from './migrateLedger.js';
import { failingDb, InjectedCrash } from './testing/failingDb.js';
import {
  addressGate,
  expectConservation,
  FAILING_DEPOSITOR,
  FLAGGED_DEPOSITOR,
  makeDeposit,
  quorum,
  signatureCountVerifier,
  testAssets,
  TUSDC,
} from './testing/ledgerFixtures.js';

const FAMILIES = [
  { token: ZERO_ADDRESS, bridged: 'ETH', protected: 'jETH' },
  { token: TUSDC, bridged: 'TUSDC', protected: 'jUSDC' },
] as const;
const VERDICT_DEPOSITOR = { pass: '0x70997970c51812dc3a010c7d01b50e0d17dc79c8', flag: FLAGGED_DEPOSITOR, fail: FAILING_DEPOSITOR } as const;
const RECIPIENT = '0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc';

const amount = fc.oneof(fc.constantFrom(1n, 199n, 200n, 10_000n, MAX_AMOUNT), fc.bigInt({ min: 1n, max: 10n ** 9n }));
const user = fc.integer({ min: 0, max: 1 });
const family = fc.integer({ min: 0, max: 1 });
const credit = fc.record({
  t: fc.constant('credit' as const),
  slot: fc.integer({ min: 0, max: 5 }),
  user,
  family,
  amount,
  verdict: fc.constantFrom('pass', 'pass', 'pass', 'flag', 'fail'),
  alter: fc.boolean(),
});
/** 0: use `amount` as drawn (often more than the account holds); 1–100: that share of what the model says it holds. */
const portion = fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: fc.integer({ min: 1, max: 100 }) });
const wrap = fc.record({ t: fc.constant('wrap' as const), user, family, amount, portion });
const withdraw = fc.record({ t: fc.constant('withdraw' as const), user, family, protectedAsset: fc.boolean(), amount, portion });
const write = fc.oneof(credit, wrap, withdraw);
const command = fc.oneof(
  { weight: 4, arbitrary: credit },
  { weight: 3, arbitrary: wrap },
  { weight: 3, arbitrary: withdraw },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('markReleased' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('review' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('reopen' as const) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('crashMidWrite' as const), okStatements: fc.integer({ min: 0, max: 12 }), write }) },
);
type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;
type WriteCommand = typeof write extends fc.Arbitrary<infer C> ? C : never;

/**
 * One run that exercises every counter of `seen` (run first, before the random ones), so the closing check does not
 * depend on the random draws: a credit, its duplicate and a conflicting repeat, a quarantined credit, a wrap with a
 * fee, a withdrawal and its release, the quarantine's review, a reopen, a crash mid-write and a short withdrawal.
 */
const COVERING_EXAMPLE: Command[] = [
  { t: 'credit', slot: 0, user: 0, family: 0, amount: 10_000n, verdict: 'pass', alter: false },
  { t: 'credit', slot: 0, user: 0, family: 0, amount: 10_000n, verdict: 'pass', alter: false },
  { t: 'credit', slot: 0, user: 0, family: 0, amount: 10_000n, verdict: 'pass', alter: true },
  { t: 'credit', slot: 1, user: 1, family: 0, amount: 500n, verdict: 'fail', alter: false },
  { t: 'wrap', user: 0, family: 0, amount: 1n, portion: 50 },
  { t: 'withdraw', user: 0, family: 0, protectedAsset: false, amount: 1n, portion: 10 },
  { t: 'markReleased', pick: 0 },
  { t: 'review', pick: 1 },
  { t: 'reopen' },
  { t: 'crashMidWrite', okStatements: 0, write: { t: 'wrap', user: 0, family: 0, amount: 1n, portion: 0 } },
  { t: 'withdraw', user: 1, family: 1, protectedAsset: false, amount: MAX_AMOUNT, portion: 0 },
];

/** What one run expects: user balances, the deposits per slot and the withdrawals. */
interface Model {
  run: string;
  balances: Map<string, bigint>;
  deposits: Map<number, { deposit: BridgeDeposit; state: 'credited' | 'held' | 'quarantined'; asset: string }>;
  withdrawals: { id: string; released: boolean }[];
}

const name = (m: Model, u: number): string => `p${m.run}-${u}`;
const key = (account: string, asset: string): string => `${account}|${asset}`;
const get = (m: Model, account: string, asset: string): bigint => m.balances.get(key(account, asset)) ?? 0n;
const add = (m: Model, account: string, asset: string, delta: bigint): void =>
  void m.balances.set(key(account, asset), get(m, account, asset) + delta);

describe('conservation over random credits, wraps, withdrawals, releases and crashes (PGlite on disk)', () => {
  let dir: string;
  let db: Db;
  /** What the runs exercised (asserted at the end, so the property cannot pass by doing nothing). */
  const seen = { duplicates: 0, conflicts: 0, parked: 0, fees: 0, rollbacks: 0, reopens: 0, short: 0, released: 0, reviewed: 0 };
  const gate = addressGate();
  const ledgerOver = (d: Db): Ledger => new Ledger({ db: d, assets: testAssets(), verifier: signatureCountVerifier, compliance: gate });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jil-ledger-'));
    db = await openPglite(dir);
    await migrateLedger(db);
  });
  afterAll(async () => {
    await db?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  /** Runs one write on `ledger` and checks its result against the model (which it updates). */
  async function applyWrite(ledger: Ledger, m: Model, c: WriteCommand): Promise<void> {
    const f = FAMILIES[c.family]!;
    const account = name(m, c.user);
    if (c.t === 'credit') {
      const known = m.deposits.get(c.slot);
      const deposit = known?.deposit ?? makeDeposit(account, c.amount, { token: f.token, depositor: VERDICT_DEPOSITOR[c.verdict] });
      if (known !== undefined && c.alter) {
        const error = await ledger
          .creditDeposit({ ...deposit, amount: deposit.amount === MAX_AMOUNT ? 1n : deposit.amount + 1n }, quorum())
          .catch((e) => e);
        if (error instanceof InjectedCrash) throw error;
        expect(isJilError(error, 'LEDGER_CONFLICT')).toBe(true);
        seen.conflicts++;
        return;
      }
      const outcome = await ledger.creditDeposit(deposit, quorum());
      expect(outcome.duplicate).toBe(known !== undefined);
      if (known !== undefined) {
        seen.duplicates++;
        expect(outcome.state).toBe(known.state);
        return;
      }
      const asset = f.bridged;
      const state = c.verdict === 'pass' ? 'credited' : c.verdict === 'flag' ? 'held' : 'quarantined';
      expect(outcome.state).toBe(state);
      m.deposits.set(c.slot, { deposit, state, asset });
      if (state !== 'credited') seen.parked++;
      if (state === 'credited') add(m, `user:${account}`, asset, deposit.amount);
      return;
    }
    const asset = c.t === 'wrap' || !c.protectedAsset ? f.bridged : f.protected;
    const holds = get(m, `user:${account}`, asset);
    const share = (holds * BigInt(c.portion)) / 100n;
    const value = c.portion === 0 || holds === 0n ? c.amount : share > MAX_AMOUNT ? MAX_AMOUNT : share > 0n ? share : 1n;
    const attempt = c.t === 'wrap' ? ledger.wrap(account, asset, value) : ledger.requestWithdrawal(account, asset, value, RECIPIENT);
    if (holds < value) {
      const error = await attempt.catch((e) => e);
      if (error instanceof InjectedCrash) throw error;
      expect(isJilError(error, 'LEDGER_INSUFFICIENT_FUNDS')).toBe(true);
      seen.short++;
      return;
    }
    const result = await attempt;
    add(m, `user:${account}`, asset, -value);
    if (c.t === 'wrap') {
      const fee = (value * 50n) / 10_000n;
      if (fee > 0n) seen.fees++;
      add(m, `user:${account}`, f.protected, value - fee);
      add(m, `fees:${f.protected}`, f.protected, fee);
    } else if ('withdrawalId' in result) {
      m.withdrawals.push({ id: result.withdrawalId, released: false });
    }
  }

  async function step(ledger: Ledger, m: Model, c: Command): Promise<Ledger> {
    switch (c.t) {
      case 'credit':
      case 'wrap':
      case 'withdraw':
        await applyWrite(ledger, m, c);
        return ledger;
      case 'markReleased': {
        const w = m.withdrawals[c.pick % Math.max(1, m.withdrawals.length)];
        if (w === undefined) return ledger;
        const txHash = `0x${w.id.slice(2, 66).split('').reverse().join('')}`;
        expect(await ledger.markReleased(w.id, { txHash })).toMatchObject({ state: 'released', releaseTxHash: txHash });
        w.released = true;
        seen.released++;
        return ledger;
      }
      case 'review': {
        const parked = [...m.deposits.values()];
        const d = parked[c.pick % Math.max(1, parked.length)];
        if (d === undefined) return ledger;
        const outcome = await ledger.releaseQuarantine(d.deposit, { operator: 'property', reason: 'reviewed' });
        expect(outcome.duplicate).toBe(d.state === 'credited');
        if (d.state !== 'credited') {
          add(m, `user:${d.deposit.jilAccount}`, d.asset, d.deposit.amount);
          seen.reviewed++;
        }
        d.state = 'credited';
        return ledger;
      }
      case 'reopen':
        seen.reopens++;
        await db.close();
        db = await openPglite(dir);
        expect(await migrateLedger(db)).toEqual({ applied: [], unknown: [] });
        return ledgerOver(db);
      case 'crashMidWrite': {
        const before = await ledger.balances();
        const fresh = {
          ...m,
          balances: new Map(m.balances),
          deposits: new Map([...m.deposits].map(([k, v]) => [k, { ...v }])),
          withdrawals: [...m.withdrawals],
        };
        const outcome = await applyWrite(ledgerOver(failingDb(db, c.okStatements)), fresh, c.write).then(
          () => 'done',
          (error: unknown) => error,
        );
        if (outcome === 'done') {
          Object.assign(m, fresh); // the write finished before the crash point: it counts
        } else if (outcome instanceof InjectedCrash) {
          expect(await ledger.balances()).toEqual(before); // rolled back: nothing half-written
          seen.rollbacks++;
        } else {
          throw outcome;
        }
        return ledger;
      }
    }
  }

  it('after every step: each entry balances per asset, credited − released = bridged + protected + in flight, ' +
    'no double credit, balances match the model', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 25, size: 'max' }), async (commands) => {
        const m: Model = { run: unique(), balances: new Map(), deposits: new Map(), withdrawals: [] };
        let ledger = ledgerOver(db);
        for (const c of commands) {
          ledger = await step(ledger, m, c);
          await expectConservation(db, ledger);
          for (const [k, expected] of m.balances) {
            const [account, asset] = k.split('|') as [string, string];
            if (account.startsWith('user:')) expect(await ledger.balance(account, asset)).toBe(expected);
          }
        }
      }),
      { numRuns: 30, examples: [[COVERING_EXAMPLE]] },
    );
    for (const [what, count] of Object.entries(seen)) expect({ what, exercised: count > 0 }).toEqual({ what, exercised: true });
  }, 600_000);
});
