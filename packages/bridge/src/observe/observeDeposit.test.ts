import { isJilError, type JilError } from '@jil/core';
import { getAddress, JsonRpcProvider, keccak256, parseEther, toBeHex, ZeroAddress } from 'ethers';
import { encode } from '@ethereumjs/rlp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDepositAttestation } from '../attest/signDepositAttestation.js';
import { verifyDepositQuorum } from '../attest/verifyDepositQuorum.js';
import { type BridgeFixture, deployTestContract, startBridgeFixture, THRESHOLD } from '../contracts/testing/bridgeFixture.js';
import { deployBridge } from '../contracts/deployBridge.js';
import { buildReceiptProof } from '../proof/buildReceiptProof.js';
import { headerHash } from '../proof/rpc.js';
import type { DepositClaim } from './DepositClaim.js';
import { findDeposits, withProof } from './findDeposits.js';
import { type ObserveConfig, observeDeposit } from './observeDeposit.js';
import { type LyingRpc, startLyingRpc } from './testing/lyingRpc.js';

let f: BridgeFixture;
let honest: JsonRpcProvider;
let liar: LyingRpc;
let lying: JsonRpcProvider;
let eth: DepositClaim;
let token: DepositClaim;
let tokenAddress: string;
let depositor: string;

const provider = (url: string) => new JsonRpcProvider(url, 31337, { staticNetwork: true, cacheTimeout: -1, batchMaxCount: 1 });
const config = (over: Partial<ObserveConfig> = {}): ObserveConfig => ({
  provider: honest,
  chainId: f.node.chainId,
  bridge: f.address,
  confirmations: 1,
  ...over,
});

async function refusal(p: Promise<unknown>): Promise<JilError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isJilError(err)) throw new Error(`expected a JilError, got ${String(err)}`);
  return err;
}

beforeAll(async () => {
  f = await startBridgeFixture();
  honest = provider(f.node.rpcUrl);
  liar = await startLyingRpc(f.node.rpcUrl);
  lying = provider(liar.url);
  depositor = await f.deployer.getAddress();
  const erc20 = await deployTestContract(f.deployer, 'TestToken');
  tokenAddress = await erc20.getAddress();
  await (await erc20.getFunction('mint')(depositor, 10n ** 9n)).wait();
  await (await erc20.getFunction('approve')(f.address, 10n ** 9n)).wait();
  // One block with a plain transfer, a token deposit and an ETH deposit: non-zero txIndex and block-level logIndex.
  await f.provider.send('evm_setAutomine', [false]);
  await f.deployer.sendTransaction({ to: ZeroAddress, value: 1n, gasLimit: 30_000 });
  await f.bridge.getFunction('depositToken')(tokenAddress, 12_345n, 'jil:bob', { gasLimit: 300_000 });
  await f.bridge.getFunction('deposit')('jil:alice', { value: parseEther('1.5'), gasLimit: 300_000 });
  await f.provider.send('evm_mine', []);
  await f.provider.send('evm_setAutomine', [true]);
  const latest = BigInt(await f.provider.getBlockNumber());
  const found = await findDeposits(honest, f.address, 0n, latest);
  [token, eth] = (await Promise.all(found.map((c) => withProof(honest, c)))) as [DepositClaim, DepositClaim];
}, 120_000);

afterAll(async () => {
  honest?.destroy();
  lying?.destroy();
  await liar?.close();
  await f?.stop();
});

describe('findDeposits and withProof on the real bridge contract', () => {
  it('finds the ETH and token Deposit events with their block-level log index and proofs', () => {
    expect(token).toMatchObject({
      chainId: 31337n,
      bridge: f.address,
      token: tokenAddress,
      amount: 12_345n,
      depositor,
      jilAccount: 'jil:bob',
    });
    expect(eth).toMatchObject({ token: ZeroAddress, amount: parseEther('1.5'), depositor, jilAccount: 'jil:alice' });
    expect(eth.blockHash).toBe(token.blockHash);
    expect(eth.proof.txIndex).toBe(2);
    expect(token.proof.txIndex).toBe(1);
    expect(eth.logIndex).toBeGreaterThan(token.logIndex);
    expect(eth.depositId).not.toBe(token.depositId);
  });

  it('takes the block range as bigints or numbers, and finds nothing outside it', async () => {
    const n = Number(eth.blockNumber);
    expect((await findDeposits(honest, f.address, n, n)).map((c) => c.depositId)).toEqual([token.depositId, eth.depositId]);
    expect(await findDeposits(honest, f.address, 0n, eth.blockNumber - 1n)).toEqual([]);
  });
});

describe('observeDeposit (a validator, its own RPC)', () => {
  it('attests an honest claim; 14 guardians signing what they observed make a quorum', async () => {
    for (const claim of [eth, token]) {
      const msg = await observeDeposit(config(), claim, 1);
      expect(msg).toEqual({
        depositId: claim.depositId,
        txHash: claim.txHash,
        logIndex: claim.logIndex,
        blockHash: claim.blockHash,
        blockNumber: claim.blockNumber,
        token: claim.token,
        amount: claim.amount,
        depositor: claim.depositor,
        jilAccount: claim.jilAccount,
        guardianSetVersion: 1,
      });
      const sigs = await Promise.all(f.guardians.slice(0, THRESHOLD).map((g) => signDepositAttestation(g, f.domain, msg)));
      const set = { version: 1, threshold: THRESHOLD, guardians: f.guardians.map((g) => g.address) };
      expect(verifyDepositQuorum(f.domain, msg, sigs, set).signers).toHaveLength(THRESHOLD);
    }
  });

  it('refuses a receipt proof for another block: BRIDGE_PROOF_INVALID', async () => {
    // A later deposit in its own block; its proof attached to the first claim.
    await (await f.bridge.getFunction('deposit')('jil:carol', { value: 7n })).wait();
    const latest = BigInt(await f.provider.getBlockNumber());
    const [other] = await Promise.all((await findDeposits(honest, f.address, latest, latest)).map((c) => withProof(honest, c)));
    if (other === undefined) throw new Error('no deposit');
    const asIs = await refusal(observeDeposit(config(), { ...eth, proof: other.proof }, 1));
    expect([asIs.code, asIs.details['check']]).toEqual(['BRIDGE_PROOF_INVALID', 'block']);
    const relabelled = { ...other.proof, blockHash: eth.blockHash, blockNumber: eth.blockNumber, txIndex: eth.proof.txIndex };
    const err = await refusal(observeDeposit(config(), { ...eth, proof: relabelled }, 1));
    expect([err.code, err.details['check']]).toEqual(['BRIDGE_PROOF_INVALID', 'root']);
    const wrongIndex = await refusal(observeDeposit(config(), { ...eth, proof: { ...eth.proof, txIndex: 1 } }, 1));
    expect(wrongIndex.code).toBe('BRIDGE_PROOF_INVALID');
  });

  it('refuses a claim that says something else than the Deposit log: BRIDGE_DEPOSIT_MISMATCH naming the field', async () => {
    const cases: [Partial<DepositClaim>, string][] = [
      [{ amount: eth.amount + 1n }, 'amount'],
      [{ jilAccount: 'jil:mallory' }, 'jilAccount'],
      [{ depositor: getAddress(`0x${'66'.repeat(20)}`) }, 'depositor'],
      [{ token: tokenAddress }, 'token'],
      [{ depositId: token.depositId }, 'depositId'],
      [{ logIndex: eth.logIndex + 5 }, 'logIndex'],
      [{ chainId: 1n }, 'chainId'],
      [{ txHash: token.txHash }, 'txHash'],
    ];
    for (const [change, field] of cases) {
      const err = await refusal(observeDeposit(config(), { ...eth, ...change }, 1));
      expect([field, err.code, err.details['field']]).toEqual([field, 'BRIDGE_DEPOSIT_MISMATCH', field]);
    }
  });

  it('refuses a claim on a failed transaction (status 0): BRIDGE_DEPOSIT_MISMATCH (status)', async () => {
    // Mined without automine: Hardhat answers a reverting eth_sendTransaction with an error under automine.
    await f.provider.send('evm_setAutomine', [false]);
    const failed = await f.bridge.getFunction('deposit')('jil:alice', { value: 0n, gasLimit: 300_000 });
    await f.provider.send('evm_mine', []);
    await f.provider.send('evm_setAutomine', [true]);
    const receipt = await f.provider.waitForTransaction(failed.hash);
    expect(receipt?.status).toBe(0);
    const proof = await buildReceiptProof(honest, failed.hash);
    const claim = { ...eth, txHash: failed.hash, blockHash: proof.blockHash, blockNumber: proof.blockNumber, proof };
    const err = await refusal(observeDeposit(config(), claim, 1));
    expect([err.code, err.details['field']]).toEqual(['BRIDGE_DEPOSIT_MISMATCH', 'status']);
  });

  it('refuses a Deposit emitted by another contract than the configured bridge', async () => {
    const twin = await deployBridge(f.deployer, { guardians: f.guardians.map((g) => g.address), threshold: THRESHOLD, version: 1 });
    await (await twin.contract.getFunction('deposit')('jil:alice', { value: 5n })).wait();
    const latest = BigInt(await f.provider.getBlockNumber());
    const [twinClaim] = await Promise.all((await findDeposits(honest, twin.address, latest, latest)).map((c) => withProof(honest, c)));
    if (twinClaim === undefined) throw new Error('no deposit');
    const err = await refusal(observeDeposit(config(), { ...twinClaim, bridge: f.address }, 1));
    expect([err.code, err.details['field']]).toEqual(['BRIDGE_DEPOSIT_MISMATCH', 'bridge']);
    const other = await refusal(observeDeposit(config(), twinClaim, 1));
    expect([other.code, other.details['field']]).toEqual(['BRIDGE_DEPOSIT_MISMATCH', 'bridge']);
  });

  it('waits for its confirmations: BRIDGE_NOT_CONFIRMED until enough blocks are mined', async () => {
    await (await f.bridge.getFunction('deposit')('jil:dave', { value: 9n })).wait();
    const latest = BigInt(await f.provider.getBlockNumber());
    const [fresh] = await Promise.all((await findDeposits(honest, f.address, latest, latest)).map((c) => withProof(honest, c)));
    if (fresh === undefined) throw new Error('no deposit');
    const err = await refusal(observeDeposit(config({ confirmations: 3 }), fresh, 1));
    expect(err.code).toBe('BRIDGE_NOT_CONFIRMED');
    expect(err.details).toEqual({ confirmations: 1, required: 3 });
    await f.provider.send('hardhat_mine', ['0x2']);
    expect((await observeDeposit(config({ confirmations: 3 }), fresh, 1)).jilAccount).toBe('jil:dave');
  });

  it('refuses an RPC on another chain, an unreachable RPC and a malformed config', async () => {
    const chain = await refusal(observeDeposit(config({ chainId: 1n }), { ...eth, chainId: 1n }, 1));
    expect([chain.code, chain.details['check']]).toEqual(['BRIDGE_RPC_FAILED', 'chain_id']);
    const dead = provider('http://127.0.0.1:9');
    const down = await refusal(observeDeposit(config({ provider: dead }), eth, 1));
    dead.destroy();
    expect(down.code).toBe('BRIDGE_RPC_FAILED');
    expect((await refusal(observeDeposit(config({ confirmations: 0 }), eth, 1))).code).toBe('CONFIG_INVALID');
    expect((await refusal(observeDeposit(config(), eth, -1))).code).toBe('INVALID_ARGUMENT');
  });
});

describe('observeDeposit through a lying RPC', () => {
  const blockOf = (result: unknown) => result as Record<string, string> | null;
  const lie = (rewrite: LyingRpc['rewrite']) => {
    liar.rewrite = rewrite;
    return observeDeposit(config({ provider: lying }), eth, 1);
  };

  it('passes through the proxy when it tells the truth', async () => {
    liar.rewrite = (_m, _p, r) => r;
    expect((await observeDeposit(config({ provider: lying }), eth, 1)).amount).toBe(eth.amount);
  });

  it('another block hash: BRIDGE_BLOCK_MISMATCH', async () => {
    const err = await refusal(
      lie((m, _p, r) => {
        const b = blockOf(r);
        if (m.startsWith('eth_getBlockBy') && b !== null) b['hash'] = keccak256(b['hash'] as string);
        return r;
      }),
    );
    expect([err.code, err.details['claimed'], err.details['seen']]).toEqual([
      'BRIDGE_BLOCK_MISMATCH',
      eth.blockHash,
      keccak256(eth.blockHash),
    ]);
  });

  it('another receiptsRoot under the same hash: BRIDGE_RPC_FAILED (the header does not hash to its hash)', async () => {
    const err = await refusal(
      lie((m, _p, r) => {
        const b = blockOf(r);
        if (m.startsWith('eth_getBlockBy') && b !== null) b['receiptsRoot'] = keccak256(b['receiptsRoot'] as string);
        return r;
      }),
    );
    expect([err.code, err.details['check']]).toEqual(['BRIDGE_RPC_FAILED', 'header_hash']);
  });

  it('another receiptsRoot in a self-consistent forged header: BRIDGE_BLOCK_MISMATCH', async () => {
    const err = await refusal(
      lie((m, _p, r) => {
        const b = blockOf(r);
        if (m.startsWith('eth_getBlockBy') && b !== null) {
          b['receiptsRoot'] = keccak256(encode([]));
          b['hash'] = headerHash(b) ?? '';
        }
        return r;
      }),
    );
    expect(err.code).toBe('BRIDGE_BLOCK_MISMATCH');
  });

  it('a receipt with a changed amount: BRIDGE_RPC_FAILED (contradicts the proven receipt)', async () => {
    const err = await refusal(
      lie((m, _p, r) => {
        if (m === 'eth_getTransactionReceipt') {
          for (const log of (r as { logs: { data: string }[] }).logs)
            log.data = `${log.data.slice(0, 2)}${toBeHex(10n ** 30n, 32).slice(2)}${log.data.slice(66)}`;
        }
        return r;
      }),
    );
    expect([err.code, err.details['check']]).toEqual(['BRIDGE_RPC_FAILED', 'receipt_log']);
  });

  it('a log removed from the receipt: BRIDGE_DEPOSIT_MISMATCH (logIndex)', async () => {
    const err = await refusal(
      lie((m, _p, r) => {
        if (m === 'eth_getTransactionReceipt') (r as { logs: unknown[] }).logs = [];
        return r;
      }),
    );
    expect([err.code, err.details['field']]).toEqual(['BRIDGE_DEPOSIT_MISMATCH', 'logIndex']);
  });

  it('garbage answers: BRIDGE_RPC_FAILED, never an ethers error', async () => {
    for (const garbage of [null, 42, 'x', [], {}, { hash: 1 }]) {
      for (const method of ['eth_chainId', 'eth_blockNumber', 'eth_getBlockByNumber', 'eth_getTransactionReceipt']) {
        const err = await refusal(lie((m, _p, r) => (m === method ? garbage : r)));
        expect([method, err.code]).toEqual([method, 'BRIDGE_RPC_FAILED']);
      }
    }
  });

  it('a relayer building its proof through a lying RPC fails: the receipts do not hash to the receiptsRoot', async () => {
    liar.rewrite = (m, _p, r) => {
      if (m === 'eth_getTransactionReceipt') (r as { cumulativeGasUsed: string }).cumulativeGasUsed = '0x1';
      return r;
    };
    const err = await refusal(withProof(lying, eth));
    expect([err.code, err.details['check']]).toEqual(['BRIDGE_RPC_FAILED', 'receipts_root']);
  });

  it('a quorum of 20 validators, some behind the lying RPC: the liars refuse, the quorum holds with 19 and fails with 13', async () => {
    liar.rewrite = (m, _p, r) => {
      if (m === 'eth_getTransactionReceipt') for (const log of (r as { logs: { data: string }[] }).logs) log.data = `0x${'ff'.repeat(96)}`;
      return r;
    };
    const set = { version: 1, threshold: THRESHOLD, guardians: f.guardians.map((g) => g.address) };
    const round = async (liars: number) => {
      const signatures: string[] = [];
      const refusals: string[] = [];
      for (const [i, guardian] of f.guardians.entries()) {
        try {
          const msg = await observeDeposit(config({ provider: i < liars ? lying : honest }), eth, 1);
          signatures.push(await signDepositAttestation(guardian, f.domain, msg));
        } catch (e) {
          refusals.push((e as JilError).code);
        }
      }
      return { signatures, refusals };
    };
    const msg = await observeDeposit(config(), eth, 1);
    const one = await round(1);
    expect(one.refusals).toEqual(['BRIDGE_RPC_FAILED']);
    expect(verifyDepositQuorum(f.domain, msg, one.signatures, set).signers).toHaveLength(19);
    const seven = await round(7);
    expect(seven.refusals).toHaveLength(7);
    const err = await refusal(Promise.resolve().then(() => verifyDepositQuorum(f.domain, msg, seven.signatures, set)));
    expect([err.code, err.details['valid']]).toEqual(['BRIDGE_QUORUM_NOT_MET', 13]);
  });
});
