import { parseEther, Wallet, hexlify, randomBytes, type Contract } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReleaseMessage } from '../eip712/typedData.js';
import { deployBridge } from './deployBridge.js';
import { orderSignatures, releaseDigest } from './orderSignatures.js';
import {
  type BridgeFixture,
  latestTimestamp,
  randomId,
  revertName,
  signAll,
  startBridgeFixture,
  THRESHOLD,
} from './testing/bridgeFixture.js';

// Attacks on `release` first; each refused AND named by its custom error.
describe('JilBridge.release', () => {
  let f: BridgeFixture;
  let release: Contract['getFunction'] extends (n: string) => infer R ? R : never;
  const recipient = new Wallet(hexlify(randomBytes(32))).address;

  beforeAll(async () => {
    f = await startBridgeFixture();
    release = f.bridge.getFunction('release');
    // Lock 100 ETH so releases can pay.
    await (await f.bridge.getFunction('deposit')('jil:treasury', { value: parseEther('100') })).wait();
  });
  afterAll(async () => {
    await f?.stop();
  });

  async function message(overrides: Partial<ReleaseMessage> = {}): Promise<ReleaseMessage> {
    return {
      withdrawalId: randomId(),
      token: '0x0000000000000000000000000000000000000000',
      recipient,
      amount: parseEther('1'),
      expiry: (await latestTimestamp(f.provider)) + 3600n,
      guardianSetVersion: 1,
      ...overrides,
    };
  }
  const args = (m: ReleaseMessage, sigs: string[]) => [m.withdrawalId, m.token, m.recipient, m.amount, m.expiry, sigs] as const;

  it('pays once with 14 valid signatures; the same withdrawal again is WithdrawalAlreadyReleased', async () => {
    const m = await message();
    const sigs = await signAll(f.guardians.slice(0, THRESHOLD), f.domain, m);
    const before = await f.provider.getBalance(recipient);
    await (await release(...args(m, sigs))).wait();
    expect(await f.provider.getBalance(recipient)).toBe(before + m.amount);
    expect(await f.bridge.getFunction('released')(m.withdrawalId)).toBe(true);
    expect(await revertName(release(...args(m, sigs)))).toBe('WithdrawalAlreadyReleased');
    expect(await f.provider.getBalance(recipient)).toBe(before + m.amount);
  });
});
