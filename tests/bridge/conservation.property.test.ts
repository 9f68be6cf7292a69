import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDeposits } from '@jil/bridge';
import { startEvmNode, type EvmNode } from '@jil/evm-node';
import { HAS_SHARED_DATA, dataPath } from '@jil/testkit';
import { startBridgeNode, type BridgeNode } from '@jil/cli/testing';
import { ACCOUNTS, conservationOp, type DepositDraw, EVERY_OP, ONE_ETH, type Op, SANCTIONED } from './conservationOp.testutil.js';

const ZERO = '0x0000000000000000000000000000000000000000';
const CONFIRMATIONS = 2;

/** The relayer's `DepositOutcome` (its shell is not a dependency of the root package). */
type DepositOutcome = Awaited<ReturnType<BridgeNode['relayer']['pollDeposits']>>[number];

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
    /** Index 0: the sanctioned address; 1 … 9: Hardhat accounts. */
    let signers: string[];
    /** Deposits the relayer saw credited for the first time, by `txHash:logIndex`: never twice. */
    const firstCredits = new Map<string, number>();
    /** Every outcome with its signatures (what a restarted relayer would hand the ledger again). */
    const attested: DepositOutcome[] = [];
    /** `txHash@blockHash` of deposits reorganised away. */
    const reorged = new Set<string>();
    /** The relayer in use: node.relayer, then each restarted one (closed at the end). */
    let relayer: BridgeNode['relayer'];
    const relayers: BridgeNode['relayer'][] = [];

    beforeAll(async () => {
      evm = await startEvmNode();
      node = await startBridgeNode({ rpcUrl: evm.rpcUrl, dataDir: dataPath(), stateDir: state, confirmations: CONFIRMATIONS });
      relayer = node.relayer;
      tokenAddress = (await node.token.getAddress()).toLowerCase();
      await node.provider.send('hardhat_impersonateAccount', [SANCTIONED]);
      await node.provider.send('hardhat_setBalance', [SANCTIONED, `0x${(1000n * ONE_ETH).toString(16)}`]);
      signers = [SANCTIONED];
      for (let i = 1; i <= 9; i++) signers.push(await (await node.provider.getSigner(i)).getAddress());
    }, 180_000);
    afterAll(async () => {
      for (const r of relayers) await r.close();
      await node?.close();
      await evm?.stop();
      rmSync(state, { recursive: true, force: true });
    });

    /** eth_sendTransaction from `signers[from]`; returns the hash (mined at once under automine). */
    async function send(from: number, to: string, data: string, value = 0n): Promise<string> {
      return node.provider.send('eth_sendTransaction', [
        { from: signers[from], to, data, value: `0x${value.toString(16)}`, gas: '0x7a120' },
      ]);
    }

    /** The transactions of one deposit (ERC-20: mint, approve, depositToken); the last one emits the `Deposit`. */
    async function sendDeposit(d: DepositDraw): Promise<string> {
      const jilAccount = ACCOUNTS[d.account]!;
      const bridge = node.bridge.contract.interface;
      if (!d.token) return send(d.signer, node.bridge.address, bridge.encodeFunctionData('deposit', [jilAccount]), d.amount);
      const amount = d.amount / 10n ** 6n + 1n; // 1 … 2·10^12 units of the 6-decimal token
      await send(d.signer, tokenAddress, node.token.interface.encodeFunctionData('mint', [signers[d.signer], amount]));
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
        // Screened by pre-clearance on the real lists: only the sanctioned depositor is parked. A repeat (a restarted
        // relayer's rescan) answers the deposit's state now, which a review may have turned from quarantined to credited.
        const sanctioned = o.claim.depositor.toLowerCase() === SANCTIONED.toLowerCase();
        if (o.duplicate) expect(o.state).toMatch(sanctioned ? /^(quarantined|credited)$/ : /^credited$/);
        else expect(o.state).toBe(sanctioned ? 'quarantined' : 'credited');
        attested.push(o);
        if (o.state === 'quarantined' && !o.duplicate) count('quarantined');
        if (o.state === 'credited' && !o.duplicate) {
          const key = `${o.claim.txHash.toLowerCase()}:${o.claim.logIndex}`;
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
          record(await relayer.pollDeposits());
          await expectConfirmedOnLedger();
          count('poll');
          return;
        }
        case 'crash': {
          // A crashed relayer's work handed to the ledger once more — every attested deposit, each must come back as a
          // duplicate, never a second credit — then a restarted relayer (node.newRelayer: same key, from block 0) that
          // knows nothing of what the first one relayed rescans the whole chain.
          const before = await node.ledger.balances();
          const states = new Map((await node.ledger.deposits()).map((d) => [`${d.txHash.toLowerCase()}:${d.logIndex}`, d.state]));
          for (const d of attested) {
            const signatures = d.answers.flatMap((a) => (a.kind === 'signature' ? [a.signature] : []));
            const again = await node.ledger.creditDeposit({ ...d.claim }, { signatures, guardianSetVersion: node.guardianSet.version });
            const state = states.get(`${d.claim.txHash.toLowerCase()}:${d.claim.logIndex}`);
            expect(again).toEqual(expect.objectContaining({ state, duplicate: true }));
          }
          expect(await node.ledger.balances()).toEqual(before);
          const restarted = node.newRelayer();
          relayers.push(restarted);
          relayer = restarted;
          record(await relayer.pollDeposits());
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
          const outcomes = await relayer.pollDeposits();
          expect(outcomes.filter((x) => hashes.includes(x.claim.txHash.toLowerCase()))).toEqual([]);
          record(outcomes);
          expect(await node.provider.send('evm_revert', [snapshot])).toBe(true);
          for (const [i, h] of hashes.entries()) reorged.add(`${h}@${blocks[i]!.blockHash.toLowerCase()}`);
          for (const h of hashes) expect(await node.provider.getTransactionReceipt(h)).toBeNull();
          count('reorg');
          return;
        }
        case 'review': {
          // An operator credits a quarantined deposit after review: once; parked becomes bridged supply.
          const queue = await node.ledger.deposits({ state: 'quarantined' });
          const d = queue[o.pick % Math.max(queue.length, 1)];
          if (d === undefined) return;
          const review = { operator: 'conservation-test', reason: 'reviewed in the conservation property' };
          const key = { chainId: d.chainId, txHash: d.txHash, logIndex: d.logIndex };
          const released = await node.ledger.releaseQuarantine(key, review);
          expect(released).toEqual(expect.objectContaining({ state: 'credited', duplicate: false }));
          expect(await node.ledger.releaseQuarantine(key, review)).toEqual(expect.objectContaining({ state: 'credited', duplicate: true }));
          const text = `${d.txHash.toLowerCase()}:${d.logIndex}`;
          expect(firstCredits.has(text)).toBe(false);
          firstCredits.set(text, 1);
          count('review');
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
            const released = await relayer.releaseWithdrawals();
            expect(released.map((r) => r.state)).toEqual(released.map(() => 'released'));
            expect(await node.ledger.withdrawals({ state: 'burned' })).toEqual([]);
            count('release');
          }
          return;
        }
      }
    }

    it('locked on the EVM = bridged + protected (fees included) + in flight + parked + not yet credited; ' +
      'each deposit credited at most once', async () => {
      const property = fc.assert(
        fc.asyncProperty(fc.array(conservationOp, { minLength: 8, maxLength: 12 }), async (ops) => {
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
      for (const kind of [
        'deposit ETH',
        'deposit TUSDC',
        'mine',
        'poll',
        'crash',
        'reorg',
        'wrap',
        'withdraw',
        'release',
        'quarantined',
        'review',
      ]) {
        expect({ kind, ran: (ran[kind] ?? 0) > 0 }).toEqual({ kind, ran: true });
      }
    }, 600_000);
  },
);
