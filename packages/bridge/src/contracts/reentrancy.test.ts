import { type Contract, parseEther, ZeroAddress } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReleaseMessage } from '../eip712/typedData.js';
import { decodeBridgeRevert } from './bridgeError.js';
import {
  type BridgeFixture,
  deployTestContract,
  latestTimestamp,
  randomId,
  signAll,
  startBridgeFixture,
  THRESHOLD,
} from './testing/bridgeFixture.js';

// A malicious token or receiver re-enters `release` with a SECOND fully signed withdrawal while the first pays: only
// ReentrancyGuard stands in the way. The inner call must fail with ReentrancyGuardReentrantCall and nothing is paid
// twice; the second withdrawal stays unreleased and remains payable later by an ordinary call.
describe('JilBridge.release under reentrancy', () => {
  let f: BridgeFixture;
  let bridge: Contract;

  beforeAll(async () => {
    f = await startBridgeFixture();
    bridge = f.bridge;
  });
  afterAll(async () => {
    await f?.stop();
  });

  async function signed(token: string, recipient: string, amount: bigint): Promise<{ m: ReleaseMessage; data: string }> {
    const m: ReleaseMessage = {
      withdrawalId: randomId(),
      token,
      recipient,
      amount,
      expiry: (await latestTimestamp(f.provider)) + 3600n,
      guardianSetVersion: 1,
    };
    const sigs = await signAll(f.guardians.slice(0, THRESHOLD), f.domain, m);
    const data = bridge.interface.encodeFunctionData('release', [m.withdrawalId, m.token, m.recipient, m.amount, m.expiry, sigs]);
    return { m, data };
  }
  const send = async (data: string) => (await f.deployer.sendTransaction({ to: f.address, data })).wait();
  const released = (id: string) => bridge.getFunction('released')(id);

  it('ReentrantReceiver re-entering from receive(): inner call refused (ReentrancyGuardReentrantCall), paid once', async () => {
    await (await bridge.getFunction('deposit')('jil:treasury', { value: parseEther('3') })).wait();
    const receiver = await deployTestContract(f.deployer, 'ReentrantReceiver');
    const to = await receiver.getAddress();
    const outer = await signed(ZeroAddress, to, parseEther('1'));
    const inner = await signed(ZeroAddress, to, parseEther('1'));
    await (await receiver.getFunction('arm')(f.address, inner.data)).wait();

    await send(outer.data);
    expect(await receiver.getFunction('attacked')()).toBe(true);
    expect(await receiver.getFunction('reentrySucceeded')()).toBe(false);
    expect(decodeBridgeRevert(await receiver.getFunction('reentryRevertData')())?.name).toBe('ReentrancyGuardReentrantCall');
    expect(await f.provider.getBalance(to)).toBe(parseEther('1'));
    expect(await f.provider.getBalance(f.address)).toBe(parseEther('2'));
    expect([await released(outer.m.withdrawalId), await released(inner.m.withdrawalId)]).toEqual([true, false]);

    // Re-entering with the SAME withdrawal: also refused by the guard; still paid once.
    const again = await signed(ZeroAddress, to, parseEther('1'));
    await (await receiver.getFunction('arm')(f.address, again.data)).wait();
    await send(again.data);
    expect(decodeBridgeRevert(await receiver.getFunction('reentryRevertData')())?.name).toBe('ReentrancyGuardReentrantCall');
    expect(await f.provider.getBalance(to)).toBe(parseEther('2'));
    expect(await f.provider.getBalance(f.address)).toBe(parseEther('1'));
  });

  it('ReentrantToken re-entering from transfer(): inner call refused (ReentrancyGuardReentrantCall), paid once', async () => {
    const token = await deployTestContract(f.deployer, 'ReentrantToken');
    const tokenAddress = await token.getAddress();
    const depositor = await f.deployer.getAddress();
    await (await token.getFunction('mint')(depositor, 1000n)).wait();
    await (await token.getFunction('approve')(f.address, 1000n)).wait();
    await (await bridge.getFunction('depositToken')(tokenAddress, 1000n, 'jil:treasury')).wait();
    const recipient = f.guardians[0]?.address as string;
    const outer = await signed(tokenAddress, recipient, 300n);
    const inner = await signed(tokenAddress, recipient, 300n);
    await (await token.getFunction('arm')(f.address, inner.data)).wait();

    await send(outer.data);
    expect(await token.getFunction('attacked')()).toBe(true);
    expect(await token.getFunction('reentrySucceeded')()).toBe(false);
    expect(decodeBridgeRevert(await token.getFunction('reentryRevertData')())?.name).toBe('ReentrancyGuardReentrantCall');
    expect(await token.getFunction('balanceOf')(recipient)).toBe(300n);
    expect(await token.getFunction('balanceOf')(f.address)).toBe(700n);
    expect([await released(outer.m.withdrawalId), await released(inner.m.withdrawalId)]).toEqual([true, false]);

    // The inner withdrawal was never spent: submitted normally (token disarmed by its one-shot flag), it pays once.
    await send(inner.data);
    expect(await token.getFunction('balanceOf')(recipient)).toBe(600n);
    expect(await token.getFunction('balanceOf')(f.address)).toBe(400n);
  });
});
