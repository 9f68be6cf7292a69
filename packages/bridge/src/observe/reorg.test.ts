import { isJilError, type JilError } from '@jil/core';
import { JsonRpcProvider } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BridgeFixture, startBridgeFixture } from '../contracts/testing/bridgeFixture.js';
import type { DepositClaim } from './DepositClaim.js';
import { findDeposits, withProof } from './findDeposits.js';
import { observeDeposit } from './observeDeposit.js';

// evm_snapshot/evm_revert rewind the chain: this file has its own private node (startBridgeFixture).
let f: BridgeFixture;
let rpc: JsonRpcProvider;

async function refusal(p: Promise<unknown>): Promise<JilError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isJilError(err)) throw new Error(`expected a JilError, got ${String(err)}`);
  return err;
}

async function depositClaim(jilAccount: string, value: bigint): Promise<DepositClaim> {
  await (await f.bridge.getFunction('deposit')(jilAccount, { value })).wait();
  const latest = BigInt(await f.provider.getBlockNumber());
  const [claim] = await findDeposits(rpc, f.address, latest, latest);
  if (claim === undefined) throw new Error('no deposit found');
  return withProof(rpc, claim);
}

beforeAll(async () => {
  f = await startBridgeFixture();
  rpc = new JsonRpcProvider(f.node.rpcUrl, f.node.chainId, { staticNetwork: true, cacheTimeout: -1 });
}, 120_000);

afterAll(async () => {
  rpc?.destroy();
  await f?.stop();
});

describe('a deposit reorganised away before its confirmations', () => {
  it('is refused NOT_CONFIRMED, then BLOCK_MISMATCH after the reorganisation: never attested', async () => {
    const config = { provider: rpc, chainId: f.node.chainId, bridge: f.address, confirmations: 3 };
    const snapshot = await f.provider.send('evm_snapshot', []);
    const claim = await depositClaim('jil:alice', 1000n);
    const early = await refusal(observeDeposit(config, claim, 1));
    expect([early.code, early.details]).toEqual(['BRIDGE_NOT_CONFIRMED', { confirmations: 1, required: 3 }]);

    expect(await f.provider.send('evm_revert', [snapshot])).toBe(true);
    await f.provider.send('hardhat_mine', ['0x5']);
    expect(BigInt(await f.provider.getBlockNumber()) - claim.blockNumber + 1n).toBeGreaterThanOrEqual(3n);

    const late = await refusal(observeDeposit(config, claim, 1));
    expect([late.code, late.details['claimed']]).toEqual(['BRIDGE_BLOCK_MISMATCH', claim.blockHash]);
    // Every validator of the quorum sees the same chain: none attests, whatever confirmations it requires.
    for (const confirmations of [1, 2, 3, 6]) {
      expect((await refusal(observeDeposit({ ...config, confirmations }, claim, 1))).code).toBe('BRIDGE_BLOCK_MISMATCH');
    }
    // The transaction is gone: the relayer cannot rebuild a proof for it either.
    expect((await refusal(withProof(rpc, claim))).code).toBe('BRIDGE_RPC_FAILED');
    expect(await f.provider.getBalance(f.address)).toBe(0n);
  });

  it('a deposit made again after the reorganisation is attested on its new block; the old claim stays refused', async () => {
    const config = { provider: rpc, chainId: f.node.chainId, bridge: f.address, confirmations: 2 };
    const snapshot = await f.provider.send('evm_snapshot', []);
    const old = await depositClaim('jil:bob', 5n);
    await f.provider.send('evm_revert', [snapshot]);
    await f.provider.send('hardhat_mine', ['0x3']);
    const again = await depositClaim('jil:bob', 5n);
    await f.provider.send('hardhat_mine', ['0x1']);
    expect(again.blockHash).not.toBe(old.blockHash);
    expect((await observeDeposit(config, again, 1)).blockHash).toBe(again.blockHash);
    expect((await refusal(observeDeposit(config, old, 1))).code).toBe('BRIDGE_BLOCK_MISMATCH');
  });
});
