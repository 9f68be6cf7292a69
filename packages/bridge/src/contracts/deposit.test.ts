import { AbiCoder, type Contract, keccak256, MaxUint256, parseEther, ZeroAddress } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BridgeFixture, deployTestContract, revertOf, startBridgeFixture } from './testing/bridgeFixture.js';

interface DepositEvent {
  depositId: string;
  depositor: string;
  token: string;
  amount: bigint;
  jilAccount: string;
}

describe('JilBridge.deposit / depositToken', () => {
  let f: BridgeFixture;
  let bridge: Contract;
  let depositor: string;

  beforeAll(async () => {
    f = await startBridgeFixture();
    bridge = f.bridge;
    depositor = await f.deployer.getAddress();
  });
  afterAll(async () => {
    await f?.stop();
  });

  /** Mine `tx` and return the Deposit events of its receipt (all logs of the bridge must be Deposit events). */
  async function depositsOf(tx: Promise<{ wait(): Promise<unknown> }>): Promise<DepositEvent[]> {
    const receipt = (await (await tx).wait()) as { logs: { address: string; topics: string[]; data: string }[] };
    return receipt.logs
      .filter((l) => l.address === f.address)
      .map((l) => {
        const e = bridge.interface.parseLog(l);
        if (e?.name !== 'Deposit') throw new Error(`unexpected event ${e?.name}`);
        const [depositId, from, token, amount, jilAccount] = e.args;
        return { depositId, depositor: from, token, amount, jilAccount } as DepositEvent;
      });
  }
  const expectedId = (n: bigint) =>
    keccak256(AbiCoder.defaultAbiCoder().encode(['uint256', 'address', 'uint256'], [f.node.chainId, f.address, n]));

  it('refuses amount 0 (ZeroAmount) and an empty or > 64-byte jilAccount (InvalidJilAccount), ETH and token', async () => {
    const token = await deployTestContract(f.deployer, 'TestToken');
    await (await token.getFunction('mint')(depositor, 10n)).wait();
    await (await token.getFunction('approve')(f.address, 10n)).wait();
    const tokenAddress = await token.getAddress();
    const cases: [string, Promise<unknown>, string][] = [
      ['ETH 0', bridge.getFunction('deposit')('jil:alice', { value: 0n }), 'ZeroAmount'],
      ['token 0', bridge.getFunction('depositToken')(tokenAddress, 0n, 'jil:alice'), 'ZeroAmount'],
      ['ETH empty account', bridge.getFunction('deposit')('', { value: 1n }), 'InvalidJilAccount'],
      ['ETH 65-byte account', bridge.getFunction('deposit')('a'.repeat(65), { value: 1n }), 'InvalidJilAccount'],
      ['token empty account', bridge.getFunction('depositToken')(tokenAddress, 1n, ''), 'InvalidJilAccount'],
      ['token 65-byte account', bridge.getFunction('depositToken')(tokenAddress, 1n, 'é'.repeat(33)), 'InvalidJilAccount'],
    ];
    for (const [label, call, error] of cases) {
      expect([label, (await revertOf(call)).details['error']]).toEqual([label, error]);
    }
    expect(await bridge.getFunction('depositCount')()).toBe(0n);
    expect(await f.provider.getBalance(f.address)).toBe(0n);
  });

  it('ETH: 1 wei and 1 ETH each emit exactly one Deposit with a unique id keccak256(chainid, bridge, n)', async () => {
    const first = await depositsOf(bridge.getFunction('deposit')('jil:alice', { value: 1n }));
    const second = await depositsOf(bridge.getFunction('deposit')('a'.repeat(64), { value: parseEther('1') }));
    expect(first).toEqual([{ depositId: expectedId(1n), depositor, token: ZeroAddress, amount: 1n, jilAccount: 'jil:alice' }]);
    expect(second).toEqual([
      { depositId: expectedId(2n), depositor, token: ZeroAddress, amount: parseEther('1'), jilAccount: 'a'.repeat(64) },
    ]);
    expect(await f.provider.getBalance(f.address)).toBe(parseEther('1') + 1n);
  });

  it('TestToken (TUSDC, 6 decimals): one Deposit for what was transferred', async () => {
    const token = await deployTestContract(f.deployer, 'TestToken');
    expect([await token.getFunction('symbol')(), await token.getFunction('decimals')()]).toEqual(['TUSDC', 6n]);
    await (await token.getFunction('mint')(depositor, 1_000_000n)).wait();
    await (await token.getFunction('approve')(f.address, 1_000_000n)).wait();
    const tokenAddress = await token.getAddress();
    const count = (await bridge.getFunction('depositCount')()) as bigint;
    const events = await depositsOf(bridge.getFunction('depositToken')(tokenAddress, 1_000_000n, 'jil:bob'));
    expect(events).toEqual([
      { depositId: expectedId(count + 1n), depositor, token: tokenAddress, amount: 1_000_000n, jilAccount: 'jil:bob' },
    ]);
    expect(await token.getFunction('balanceOf')(f.address)).toBe(1_000_000n);
  });

  it('a token amount of 2^256-1 (minted) is accepted: the contract only subtracts two balances, it never adds amounts', async () => {
    const token = await deployTestContract(f.deployer, 'TestToken');
    await (await token.getFunction('mint')(depositor, MaxUint256)).wait();
    await (await token.getFunction('approve')(f.address, MaxUint256)).wait();
    const events = await depositsOf(bridge.getFunction('depositToken')(await token.getAddress(), MaxUint256, 'jil:whale'));
    expect(events.map((e) => e.amount)).toEqual([MaxUint256]);
    expect(await token.getFunction('balanceOf')(f.address)).toBe(MaxUint256);
    // One more unit cannot exist (ERC-20 totalSupply would overflow): minting it reverts in the token.
    await expect(token.getFunction('mint')(depositor, 1n)).rejects.toThrow();
  });

  it('ETH of 2^256-1 cannot be deposited: no account holds it; more than the balance is refused by the node', async () => {
    // Not sent as 2^256-1 itself: Hardhat 3.18's EDR panics in eth_estimateGas on that value (revm
    // `calculate_caller_fee`: OverflowPaymentInTransaction) and the node process dies.
    const balance = await f.provider.getBalance(depositor);
    expect(balance < MaxUint256).toBe(true);
    const count = await bridge.getFunction('depositCount')();
    await expect(bridge.getFunction('deposit')('jil:whale', { value: balance + 1n })).rejects.toThrow();
    expect(await bridge.getFunction('depositCount')()).toBe(count);
  });

  it('a fee-on-transfer token credits what arrived (99 %), not the amount asked', async () => {
    const token = await deployTestContract(f.deployer, 'FeeOnTransferToken');
    await (await token.getFunction('mint')(depositor, 10_001n)).wait();
    await (await token.getFunction('approve')(f.address, 10_000n)).wait();
    const events = await depositsOf(bridge.getFunction('depositToken')(await token.getAddress(), 10_000n, 'jil:carol'));
    expect(events.map((e) => e.amount)).toEqual([9_900n]);
    expect(await token.getFunction('balanceOf')(f.address)).toBe(9_900n);
    // 1 unit: the 1 % fee rounds to 0, so 1 arrives and 1 is credited.
    await (await token.getFunction('approve')(f.address, 1n)).wait();
    expect((await depositsOf(bridge.getFunction('depositToken')(await token.getAddress(), 1n, 'jil:carol'))).map((e) => e.amount)).toEqual([
      1n,
    ]);
  });

  it('a token transfer without allowance is refused by the token, and no Deposit is emitted', async () => {
    const token = await deployTestContract(f.deployer, 'TestToken');
    await (await token.getFunction('mint')(depositor, 5n)).wait();
    const count = await bridge.getFunction('depositCount')();
    await expect(bridge.getFunction('depositToken')(await token.getAddress(), 5n, 'jil:dave')).rejects.toThrow();
    expect(await bridge.getFunction('depositCount')()).toBe(count);
  });
});
