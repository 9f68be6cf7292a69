import { concat, type Contract, hexlify, parseEther, randomBytes, Signature, toBeHex, Wallet, ZeroAddress } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReleaseMessage } from '../eip712/typedData.js';
import { deployBridge } from './deployBridge.js';
import { orderSignatures, releaseDigest } from './orderSignatures.js';
import {
  type BridgeFixture,
  deployTestContract,
  latestTimestamp,
  randomId,
  revertOf,
  signAll,
  startBridgeFixture,
  THRESHOLD,
} from './testing/bridgeFixture.js';

const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

// Attacks on `release` first: each is refused AND named by its custom error; then the paths that pay.
describe('JilBridge.release', () => {
  let f: BridgeFixture;
  let bridge: Contract;
  const recipient = new Wallet(hexlify(randomBytes(32))).address;

  beforeAll(async () => {
    f = await startBridgeFixture();
    bridge = f.bridge;
    await (await bridge.getFunction('deposit')('jil:treasury', { value: parseEther('100') })).wait();
  });
  afterAll(async () => {
    await f?.stop();
  });

  async function message(overrides: Partial<ReleaseMessage> = {}): Promise<ReleaseMessage> {
    return {
      withdrawalId: randomId(),
      token: ZeroAddress,
      recipient,
      amount: parseEther('1'),
      expiry: (await latestTimestamp(f.provider)) + 3600n,
      guardianSetVersion: 1,
      ...overrides,
    };
  }
  function release(m: ReleaseMessage, sigs: string[], on: Contract = bridge): Promise<unknown> {
    return on
      .getFunction('release')(m.withdrawalId, m.token, m.recipient, m.amount, m.expiry, sigs)
      .then((tx) => tx.wait());
  }
  async function refused(m: ReleaseMessage, sigs: string[], on: Contract = bridge): Promise<{ error: unknown; args: unknown }> {
    const err = await revertOf(release(m, sigs, on));
    expect(await on.getFunction('released')(m.withdrawalId)).toBe(false);
    return { error: err.details['error'], args: err.details['args'] };
  }
  const quorum = (m: ReleaseMessage) => signAll(f.guardians.slice(0, THRESHOLD), f.domain, m);

  it('13 signatures: InsufficientSignatures(13, 14)', async () => {
    const m = await message();
    const sigs = await signAll(f.guardians.slice(0, THRESHOLD - 1), f.domain, m);
    expect(await refused(m, sigs)).toEqual({ error: 'InsufficientSignatures', args: [13n, 14n] });
  });

  it('a duplicate signer (13 distinct + one twice): SignersNotAscending', async () => {
    const m = await message();
    const sigs = await signAll(f.guardians.slice(0, THRESHOLD - 1), f.domain, m);
    const dup = [...sigs.slice(0, 6), sigs[6] as string, ...sigs.slice(6)];
    expect(dup).toHaveLength(THRESHOLD);
    expect((await refused(m, dup)).error).toBe('SignersNotAscending');
    // Also 14 signatures all from one guardian.
    expect((await refused(m, Array(THRESHOLD).fill(sigs[0]))).error).toBe('SignersNotAscending');
  });

  it('unsorted signatures: SignersNotAscending; sorted by orderSignatures they pay', async () => {
    const m = await message();
    const sigs = await quorum(m);
    expect((await refused(m, [...sigs].reverse())).error).toBe('SignersNotAscending');
    const swapped = [sigs[1] as string, sigs[0] as string, ...sigs.slice(2)];
    expect((await refused(m, swapped)).error).toBe('SignersNotAscending');
    await release(m, orderSignatures(releaseDigest(f.domain, m), [...sigs].reverse()));
    expect(await bridge.getFunction('released')(m.withdrawalId)).toBe(true);
  });

  it('a non-guardian signer among 14: SignerNotGuardian(its address)', async () => {
    const m = await message();
    const outsider = new Wallet(hexlify(randomBytes(32)));
    const sigs = await signAll([...f.guardians.slice(0, THRESHOLD - 1), outsider], f.domain, m);
    const ordered = orderSignatures(releaseDigest(f.domain, m), sigs);
    expect(await refused(m, ordered)).toEqual({ error: 'SignerNotGuardian', args: [outsider.address] });
  });

  it('forged signatures: random bytes, high-s (malleated) and wrong length are refused and named', async () => {
    const m = await message();
    const sigs = await quorum(m);
    // Random r and low s: recovers to a random address or to nothing.
    const forged = concat([randomBytes(32), toBeHex(BigInt(hexlify(randomBytes(31))), 32), '0x1b']);
    const withForged = [...sigs.slice(0, THRESHOLD - 1), forged];
    expect(['SignerNotGuardian', 'ECDSAInvalidSignature']).toContain((await refused(m, withForged)).error);
    // The same guardian signature with s' = n - s and v flipped recovers the same signer: OZ refuses high s.
    const sig = Signature.from(sigs[0] as string);
    const malleated = concat([sig.r, toBeHex(SECP256K1_N - BigInt(sig.s), 32), sig.v === 27 ? '0x1c' : '0x1b']);
    expect((await refused(m, [malleated, ...sigs.slice(1)])).error).toBe('ECDSAInvalidSignatureS');
    const short = hexlify(Signature.from(sigs[0] as string).compactSerialized);
    expect((await refused(m, [short, ...sigs.slice(1)])).error).toBe('ECDSAInvalidSignatureLength');
  });

  it('expired: SignatureExpired', async () => {
    const m = await message({ expiry: await latestTimestamp(f.provider) });
    expect((await refused(m, await quorum(m))).error).toBe('SignatureExpired');
  });

  it('signed for another chain id: refused (SignerNotGuardian)', async () => {
    const m = await message();
    const sigs = await signAll(f.guardians.slice(0, THRESHOLD), { ...f.domain, chainId: 1n }, m);
    expect((await refused(m, sigs)).error).toBe('SignerNotGuardian');
  });

  it('signed for another bridge contract (same guardians): refused here, valid there', async () => {
    const other = await deployBridge(f.deployer, { guardians: f.guardians.map((g) => g.address), threshold: THRESHOLD, version: 1 });
    await (await other.contract.getFunction('deposit')('jil:treasury', { value: parseEther('5') })).wait();
    const m = await message();
    const sigs = await signAll(f.guardians.slice(0, THRESHOLD), { ...f.domain, verifyingContract: other.address }, m);
    expect((await refused(m, sigs)).error).toBe('SignerNotGuardian');
    await release(m, sigs, other.contract);
    expect(await other.contract.getFunction('released')(m.withdrawalId)).toBe(true);
  });

  it('amount, recipient, token, withdrawal id, expiry or guardian-set version changed after signing: refused', async () => {
    const m = await message();
    const sigs = await quorum(m);
    const tampered: Partial<ReleaseMessage>[] = [
      { amount: m.amount + 1n },
      { recipient: new Wallet(hexlify(randomBytes(32))).address },
      { token: new Wallet(hexlify(randomBytes(32))).address },
      { withdrawalId: randomId() },
      { expiry: m.expiry + 1n },
    ];
    for (const t of tampered) {
      expect((await refused({ ...m, ...t }, sigs)).error).toBe('SignerNotGuardian');
    }
    const v2 = await message({ guardianSetVersion: 2 });
    expect((await refused(v2, await quorum(v2))).error).toBe('SignerNotGuardian');
  });

  it('zero recipient: ZeroRecipient; zero amount: ZeroAmount', async () => {
    const toZero = await message({ recipient: ZeroAddress });
    expect((await refused(toZero, await quorum(toZero))).error).toBe('ZeroRecipient');
    const zero = await message({ amount: 0n });
    expect((await refused(zero, await quorum(zero))).error).toBe('ZeroAmount');
  });

  it('a recipient that refuses ETH: TransferFailed, and the withdrawal stays unreleased', async () => {
    const receiver = await deployTestContract(f.deployer, 'ReentrantReceiver');
    await (await receiver.getFunction('setRejectPayments')(true)).wait();
    const m = await message({ recipient: await receiver.getAddress() });
    expect((await refused(m, await quorum(m))).error).toBe('TransferFailed');
  });

  it('pays ETH once with 14 valid signatures; the same withdrawal again: WithdrawalAlreadyReleased', async () => {
    const m = await message();
    const sigs = await quorum(m);
    const before = await f.provider.getBalance(recipient);
    const locked = await f.provider.getBalance(f.address);
    const receipt = (await release(m, sigs)) as { logs: { topics: string[]; data: string }[] };
    const events = receipt.logs.map((l) => bridge.interface.parseLog(l)).filter((e) => e?.name === 'Released');
    expect(events.map((e) => [...(e?.args ?? [])])).toEqual([[m.withdrawalId, ZeroAddress, recipient, m.amount]]);
    expect(await f.provider.getBalance(recipient)).toBe(before + m.amount);
    expect(await f.provider.getBalance(f.address)).toBe(locked - m.amount);
    const again = await revertOf(release(m, sigs));
    expect(again.details).toMatchObject({ error: 'WithdrawalAlreadyReleased', args: [m.withdrawalId] });
    expect(await f.provider.getBalance(recipient)).toBe(before + m.amount);
  });

  it('pays an ERC-20 once with all 20 signatures', async () => {
    const token = await deployTestContract(f.deployer, 'TestToken');
    await (await token.getFunction('mint')(f.address, 5_000_000n)).wait();
    const m = await message({ token: await token.getAddress(), amount: 1_250_000n });
    await release(m, await signAll(f.guardians, f.domain, m));
    expect(await token.getFunction('balanceOf')(recipient)).toBe(1_250_000n);
    expect(await token.getFunction('balanceOf')(f.address)).toBe(3_750_000n);
    const again = await revertOf(release(m, await quorum(m)));
    expect(again.details).toMatchObject({ error: 'WithdrawalAlreadyReleased', args: [m.withdrawalId] });
  });
});
