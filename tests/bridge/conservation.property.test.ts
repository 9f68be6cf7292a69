import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDeposits } from '@jil/bridge';
import { startEvmNode, type EvmNode } from '@jil/evm-node';
import { HAS_SHARED_DATA, dataPath } from '@jil/testkit';
import { startBridgeNode, type BridgeNode } from '@jil/cli/testing';

const ZERO = '0x0000000000000000000000000000000000000000';
const CONFIRMATIONS = 2;
const ACCOUNTS = ['cons-ana', 'cons-ben', 'cons-cyd'] as const;
const ONE_ETH = 10n ** 18n;

// The ops of issue 15's conservation property, drawn as plain data and run against one bridge on one private chain.
const deposit = fc.record({
  token: fc.boolean(),
  signer: fc.integer({ min: 1, max: 9 }),
  amount: fc.bigInt({ min: 1n, max: 2n * ONE_ETH }),
  account: fc.integer({ min: 0, max: 2 }),
});
/** Share of the balance an op moves, in per mille (0 → 1 unit). */
const share = fc.integer({ min: 0, max: 1000 });
const op = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('deposit' as const), deposit }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('mine' as const), blocks: fc.integer({ min: 1, max: 2 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('poll' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('crash' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reorg' as const), deposits: fc.array(deposit, { minLength: 1, maxLength: 2 }) }) },
  // `holder`: which of the (account, asset) pairs holding a balance, modulo their number.
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('wrap' as const), holder: fc.nat(), share }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('withdraw' as const),
      holder: fc.nat(),
      share,
      recipient: fc.integer({ min: 1, max: 9 }),
      release: fc.constantFrom(true, true, true, false),
    }),
  },
);
/** One run that exercises every op (fast-check runs it before the random ones), so the property is never vacuous. */
const EVERY_OP: Op[] = [
  { kind: 'deposit', deposit: { token: false, signer: 1, amount: ONE_ETH, account: 0 } },
  { kind: 'deposit', deposit: { token: true, signer: 2, amount: 5n * 10n ** 17n, account: 1 } },
  { kind: 'mine', blocks: 1 },
  { kind: 'poll' },
  { kind: 'wrap', holder: 0, share: 500 },
  { kind: 'withdraw', holder: 1, share: 250, recipient: 3, release: true },
  {
    kind: 'reorg',
    deposits: [
      { token: false, signer: 4, amount: 7n, account: 2 },
      { token: true, signer: 5, amount: 10n ** 9n, account: 2 },
    ],
  },
  { kind: 'crash' },
];

/** The relayer's `DepositOutcome` (its shell is not a dependency of the root package). */
type DepositOutcome = Awaited<ReturnType<BridgeNode['relayer']['pollDeposits']>>[number];
type Op = typeof op extends fc.Arbitrary<infer O> ? O : never;
type DepositDraw = Op & { kind: 'deposit' } extends { deposit: infer D } ? D : never;

/** What ran, by kind (an op whose precondition fails, e.g. a wrap with nothing to wrap, does not count). */
const ran: Record<string, number> = {};
const count = (kind: string) => {
  ran[kind] = (ran[kind] ?? 0) + 1;
};
/** Every op drawn, across runs: the chain and the ledger carry over from run to run, so a failing run's own ops are not
 * enough to replay it (and fast-check's shrinking would replay them on another state, hence `endOnFailure`). */
const history: Op[] = [];

describe.skipIf(!HAS_SHARED_DATA)(
  'bridge conservation on a real chain (Hardhat, 20 validators, relayer, ledger; needs ../shared/data)',
  () => {
    const state = mkdtempSync(join(tmpdir(), 'jil-bridge-conservation-'));
    let evm: EvmNode;
    let node: BridgeNode;
    let tokenAddress: string;
    /** Deposits the relayer saw credited for the first time, by `txHash:logIndex`: never twice. */
    const firstCredits = new Map<string, number>();
    /** Every outcome with its signatures (what a restarted relayer would hand the ledger again). */
    const attested: DepositOutcome[] = [];
    /** `txHash@blockHash` of deposits reorganised away. */
    const reorged = new Set<string>();

    beforeAll(async () => {
      evm = await startEvmNode();
      node = await startBridgeNode({ rpcUrl: evm.rpcUrl, dataDir: dataPath(), stateDir: state, confirmations: CONFIRMATIONS });
      tokenAddress = (await node.token.getAddress()).toLowerCase();
    }, 180_000);
    afterAll(async () => {
      await node?.close();
      await evm?.stop();
      rmSync(state, { recursive: true, force: true });
    });

    /** eth_sendTransaction from Hardhat account `from`; returns the hash (mined at once under automine). */
    async function send(from: number, to: string, data: string, value = 0n): Promise<string> {
      const address = await (await node.provider.getSigner(from)).getAddress();
      return node.provider.send('eth_sendTransaction', [{ from: address, to, data, value: `0x${value.toString(16)}`, gas: '0x7a120' }]);
    }

    /** The transactions of one deposit (ERC-20: mint, approve, depositToken); the last one emits the `Deposit`. */
    async function sendDeposit(d: DepositDraw): Promise<string> {
      const jilAccount = ACCOUNTS[d.account]!;
      const bridge = node.bridge.contract.interface;
      if (!d.token) return send(d.signer, node.bridge.address, bridge.encodeFunctionData('deposit', [jilAccount]), d.amount);
      const amount = d.amount / 10n ** 6n + 1n; // 1 … 2·10^12 units of the 6-decimal token
      const holder = await (await node.provider.getSigner(d.signer)).getAddress();
      await send(d.signer, tokenAddress, node.token.interface.encodeFunctionData('mint', [holder, amount]));
      await send(d.signer, tokenAddress, node.token.interface.encodeFunctionData('approve', [node.bridge.address, amount]));
      return send(d.signer, node.bridge.address, bridge.encodeFunctionData('depositToken', [tokenAddress, amount, jilAccount]));
    }

    async function minedOk(hash: string): Promise<{ blockHash: string }> {
      const receipt = await node.provider.getTransactionReceipt(hash);
      expect(receipt?.status).toBe(1);
      return { blockHash: receipt!.blockHash };
    }

    function record(outcomes: DepositOutcome[]): void {
      for (const o of outcomes) {
        expect(o.error).toBeUndefined();
        expect(o.state).toBe('credited');
        attested.push(o);
        if (!o.duplicate) {
          const key = `${o.claim.txHash}:${o.claim.logIndex}`;
          firstCredits.set(key, (firstCredits.get(key) ?? 0) + 1);
          expect(firstCredits.get(key)).toBe(1);
        }
      }
    }

    /** Every check of the brief, after every op. */
    async function checkInvariants(): Promise<void> {
      const latest = await node.provider.getBlockNumber();
      const onChain = await findDeposits(node.provider, node.bridge.address, 0, latest);
      const stored = await node.ledger.deposits();
      const keys = new Set<string>();
      for (const d of stored) {
        const key = `${d.txHash.toLowerCase()}:${d.logIndex}`;
        expect(keys.has(key)).toBe(false);
        keys.add(key);
        // Still on the current chain, in the block the guardians attested.
        const receipt = await node.provider.getTransactionReceipt(d.txHash);
        expect(receipt?.blockHash.toLowerCase()).toBe(d.blockHash.toLowerCase());
        expect(reorged.has(`${d.txHash.toLowerCase()}@${d.blockHash.toLowerCase()}`)).toBe(false);
      }
      for (const [token, locked] of [
        [ZERO, await node.provider.getBalance(node.bridge.address)],
        [tokenAddress, (await node.token.getFunction('balanceOf')(node.bridge.address)) as bigint],
      ] as const) {
        const r = await node.ledger.reconcile(node.domain.chainId, token);
        const parked = stored.filter((d) => d.token.toLowerCase() === token && d.state !== 'credited').reduce((s, d) => s + d.amount, 0n);
        // Locked on chain but not yet handed to the ledger (fewer than 2 confirmations, or not polled yet).
        const pending = onChain
          .filter((c) => c.token.toLowerCase() === token && !keys.has(`${c.txHash.toLowerCase()}:${c.logIndex}`))
          .reduce((s, c) => s + c.amount, 0n);
        expect({ token, locked }).toEqual({ token, locked: r.bridgedSupply + r.protectedSupply + r.inFlight + parked + pending });
        expect(r.issued).toBe(r.credited - r.released - r.inFlight);
      }
    }

    /** After a poll: every deposit with its confirmations is on the ledger. */
    async function expectConfirmedOnLedger(): Promise<void> {
      const latest = await node.provider.getBlockNumber();
      const to = latest - CONFIRMATIONS + 1;
      if (to < 0) return;
      const keys = new Set((await node.ledger.deposits()).map((d) => `${d.txHash.toLowerCase()}:${d.logIndex}`));
      for (const c of await findDeposits(node.provider, node.bridge.address, 0, to)) {
        expect(keys.has(`${c.txHash.toLowerCase()}:${c.logIndex}`)).toBe(true);
      }
    }

    /** The `pick`-th (modulo) of the (account, asset) pairs holding a balance, or undefined when none holds any. */
    async function holder(
      assets: readonly string[],
      pick: number,
    ): Promise<{ account: string; asset: string; balance: bigint } | undefined> {
      const held: { account: string; asset: string; balance: bigint }[] = [];
      for (const account of ACCOUNTS) {
        for (const asset of assets) {
          const balance = await node.ledger.balance(`user:${account}`, asset);
          if (balance > 0n) held.push({ account, asset, balance });
        }
      }
      return held[pick % Math.max(held.length, 1)];
    }

    async function run(o: Op): Promise<void> {
      switch (o.kind) {
        case 'deposit': {
          await minedOk(await sendDeposit(o.deposit));
          count(o.deposit.token ? 'deposit TUSDC' : 'deposit ETH');
          return;
        }
        case 'mine': {
          await node.provider.send('hardhat_mine', [`0x${o.blocks.toString(16)}`]);
          count('mine');
          return;
        }
        case 'poll': {
          record(await node.relayer.pollDeposits());
          await expectConfirmedOnLedger();
          count('poll');
          return;
        }
        case 'crash': {
          // The relayer's peer key is not reachable from BridgeNode (validators pin it), so a new relayer cannot be built:
          // the restarted relayer is the same one, and what a crashed relayer would do again — hand every attested deposit
          // to the ledger once more — is replayed here. Each must come back as a duplicate, never a second credit.
          const before = await node.ledger.balances();
          for (const d of attested) {
            const signatures = d.answers.flatMap((a) => (a.kind === 'signature' ? [a.signature] : []));
            const again = await node.ledger.creditDeposit({ ...d.claim }, { signatures, guardianSetVersion: node.guardianSet.version });
            expect(again).toEqual(expect.objectContaining({ state: 'credited', duplicate: true }));
          }
          expect(await node.ledger.balances()).toEqual(before);
          record(await node.relayer.pollDeposits());
          count('crash');
          return;
        }
        case 'reorg': {
          const snapshot = (await node.provider.send('evm_snapshot', [])) as string;
          // All the window's transactions in one block, so each deposit has exactly 1 confirmation.
          await node.provider.send('evm_setAutomine', [false]);
          const hashes: string[] = [];
          try {
            for (const d of o.deposits) hashes.push((await sendDeposit(d)).toLowerCase());
            await node.provider.send('evm_mine', []);
          } finally {
            await node.provider.send('evm_setAutomine', [true]);
          }
          const blocks = await Promise.all(hashes.map(minedOk));
          const outcomes = await node.relayer.pollDeposits();
          expect(outcomes.filter((x) => hashes.includes(x.claim.txHash.toLowerCase()))).toEqual([]);
          record(outcomes);
          expect(await node.provider.send('evm_revert', [snapshot])).toBe(true);
          for (const [i, h] of hashes.entries()) reorged.add(`${h}@${blocks[i]!.blockHash.toLowerCase()}`);
          for (const h of hashes) expect(await node.provider.getTransactionReceipt(h)).toBeNull();
          count('reorg');
          return;
        }
        case 'wrap': {
          const h = await holder(['ETH', 'TUSDC'], o.holder);
          if (h === undefined) return;
          const amount = (h.balance * BigInt(o.share)) / 1000n || 1n;
          const protectedAsset = h.asset === 'ETH' ? 'jETH' : 'jUSDC';
          const fees = await node.ledger.balance(`fees:${protectedAsset}`, protectedAsset);
          const w = await node.ledger.wrap(h.account, h.asset, amount);
          expect(w).toEqual(expect.objectContaining({ asset: protectedAsset, fee: (amount * 50n) / 10_000n }));
          expect(await node.ledger.balance(`fees:${protectedAsset}`, protectedAsset)).toBe(fees + w.fee);
          count('wrap');
          return;
        }
        case 'withdraw': {
          const h = await holder(['ETH', 'jETH', 'TUSDC', 'jUSDC'], o.holder);
          if (h === undefined) return;
          const amount = (h.balance * BigInt(o.share)) / 1000n || 1n;
          const recipient = await (await node.provider.getSigner(o.recipient)).getAddress();
          await node.ledger.requestWithdrawal(h.account, h.asset, amount, recipient);
          expect(await node.ledger.balance(`user:${h.account}`, h.asset)).toBe(h.balance - amount);
          count('withdraw');
          if (o.release) {
            const released = await node.relayer.releaseWithdrawals();
            expect(released.map((r) => r.state)).toEqual(released.map(() => 'released'));
            expect(await node.ledger.withdrawals({ state: 'burned' })).toEqual([]);
            count('release');
          }
          return;
        }
      }
    }

    it('locked on the EVM = bridged + protected (fees included) + in flight + parked + not yet credited; each deposit credited at most once', async () => {
      const property = fc.assert(
        fc.asyncProperty(fc.array(op, { minLength: 8, maxLength: 12 }), async (ops) => {
          for (const o of ops) {
            history.push(o);
            await run(o);
            await checkInvariants();
          }
        }),
        { numRuns: 8, endOnFailure: true, examples: [[EVERY_OP]] },
      );
      await property.catch((error: unknown) => {
        console.error(`ops since the chain started: ${JSON.stringify(history, (_, v) => (typeof v === 'bigint' ? `${v}n` : v))}`);
        throw error;
      });
      console.log(`conservation ops that ran: ${JSON.stringify(ran)}; ${firstCredits.size} deposits credited`);
      for (const kind of ['deposit ETH', 'deposit TUSDC', 'mine', 'poll', 'crash', 'reorg', 'wrap', 'withdraw', 'release']) {
        expect({ kind, ran: (ran[kind] ?? 0) > 0 }).toEqual({ kind, ran: true });
      }
    }, 600_000);
  },
);
