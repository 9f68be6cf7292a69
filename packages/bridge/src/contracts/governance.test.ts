import { type Contract, parseEther, type Wallet, ZeroAddress } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReleaseMessage, RotateGuardiansMessage, SetHaltedMessage } from '../eip712/typedData.js';
import { signHalt, signRotation } from './signBridgeMessage.js';
import {
  type BridgeFixture,
  guardianWallets,
  latestTimestamp,
  randomId,
  revertOf,
  signAll,
  startBridgeFixture,
  THRESHOLD,
} from './testing/bridgeFixture.js';

// Guardian-set rotation and emergency halt: accepted only with the threshold of the CURRENT set; attacks first.
describe('JilBridge.rotateGuardians / setHalted', () => {
  let f: BridgeFixture;
  let bridge: Contract;

  beforeAll(async () => {
    f = await startBridgeFixture();
    bridge = f.bridge;
    await (await bridge.getFunction('deposit')('jil:treasury', { value: parseEther('10') })).wait();
  });
  afterAll(async () => {
    await f?.stop();
  });

  const call = (name: string, ...args: unknown[]): Promise<unknown> =>
    bridge
      .getFunction(name)(...args)
      .then((tx: { wait(): Promise<unknown> }) => tx.wait());
  const errorOf = async (p: Promise<unknown>): Promise<unknown> => (await revertOf(p)).details['error'];

  async function rotation(signers: Wallet[], m: RotateGuardiansMessage): Promise<unknown> {
    const sigs = await Promise.all(signers.map((w) => signRotation(w, f.domain, m)));
    return call('rotateGuardians', m.guardians, m.threshold, m.newVersion, m.expiry, sigs);
  }
  async function halt(signers: Wallet[], m: SetHaltedMessage): Promise<unknown> {
    const sigs = await Promise.all(signers.map((w) => signHalt(w, f.domain, m)));
    return call('setHalted', m.halted, m.expiry, sigs);
  }
  async function releaseBy(signers: Wallet[], version: number): Promise<unknown> {
    const m: ReleaseMessage = {
      withdrawalId: randomId(),
      token: ZeroAddress,
      recipient: guardianWallets(1)[0]?.address as string,
      amount: 1000n,
      expiry: (await latestTimestamp(f.provider)) + 3600n,
      guardianSetVersion: version,
    };
    const sigs = await signAll(signers, f.domain, m);
    return call('release', m.withdrawalId, m.token, m.recipient, m.amount, m.expiry, sigs);
  }
  const expiry = async () => (await latestTimestamp(f.provider)) + 3600n;

  it('rotation: 13 signers, a version skip, an expired or tampered message, an invalid new set: each refused and named', async () => {
    const next = guardianWallets(20);
    const m: RotateGuardiansMessage = {
      currentVersion: 1,
      newVersion: 2,
      guardians: next.map((w) => w.address),
      threshold: THRESHOLD,
      expiry: await expiry(),
    };
    expect(await errorOf(rotation(f.guardians.slice(0, 13), m))).toBe('InsufficientSignatures');
    const skip = await revertOf(rotation(f.guardians.slice(0, THRESHOLD), { ...m, newVersion: 3 }));
    expect(skip.details).toMatchObject({ error: 'WrongVersion', args: [2n, 3n] });
    expect(await errorOf(rotation(f.guardians.slice(0, THRESHOLD), { ...m, expiry: await latestTimestamp(f.provider) }))).toBe(
      'SignatureExpired',
    );
    // Signed by the new set itself (not yet current): its signers are not guardians.
    expect(await errorOf(rotation(next.slice(0, THRESHOLD), m))).toBe('SignerNotGuardian');
    // Signed for threshold 14, submitted with threshold 1: the digest differs.
    const sigs = await Promise.all(f.guardians.slice(0, THRESHOLD).map((w) => signRotation(w, f.domain, m)));
    expect(await errorOf(call('rotateGuardians', m.guardians, 1, 2, m.expiry, sigs))).toBe('SignerNotGuardian');
    // A quorum-signed but invalid set (descending, or threshold above its size) is refused.
    const descending = { ...m, guardians: [...m.guardians].reverse() };
    expect(await errorOf(rotation(f.guardians.slice(0, THRESHOLD), descending))).toBe('InvalidGuardianSet');
    expect(await errorOf(rotation(f.guardians.slice(0, THRESHOLD), { ...m, threshold: 21 }))).toBe('InvalidGuardianSet');
    expect(await bridge.getFunction('guardianSetVersion')()).toBe(1n);
  });

  it('rotation by 14 of the current set works; afterwards the retired set is refused and the new set releases', async () => {
    const next = guardianWallets(20);
    const m: RotateGuardiansMessage = {
      currentVersion: 1,
      newVersion: 2,
      guardians: next.map((w) => w.address),
      threshold: THRESHOLD,
      expiry: await expiry(),
    };
    // Any 14 of the 20 (here the last 14) are a quorum.
    await rotation(f.guardians.slice(20 - THRESHOLD), m);
    expect(await bridge.getFunction('guardianSetVersion')()).toBe(2n);
    expect(await bridge.getFunction('guardians')()).toEqual(m.guardians);
    expect(await bridge.getFunction('isGuardian')(f.guardians[0]?.address)).toBe(false);
    // Retired set: its release signatures (old version, or even the new version number) are refused.
    expect(await errorOf(releaseBy(f.guardians.slice(0, THRESHOLD), 1))).toBe('SignerNotGuardian');
    expect(await errorOf(releaseBy(f.guardians.slice(0, THRESHOLD), 2))).toBe('SignerNotGuardian');
    // Its rotation back to itself (version 3) is refused too, and the same rotation replayed is a wrong version.
    const back = { ...m, currentVersion: 2, newVersion: 3, guardians: f.guardians.map((w) => w.address) };
    expect(await errorOf(rotation(f.guardians.slice(0, THRESHOLD), back))).toBe('SignerNotGuardian');
    expect((await revertOf(rotation(f.guardians.slice(0, THRESHOLD), m))).details).toMatchObject({
      error: 'WrongVersion',
      args: [3n, 2n],
    });
    await releaseBy(next.slice(0, THRESHOLD), 2);
    // Hand the set back (version 3) so the halt tests below sign with f.guardians again.
    await rotation(next.slice(0, THRESHOLD), back);
    expect(await bridge.getFunction('guardianSetVersion')()).toBe(3n);
  });

  it('halt: refused below quorum; with quorum it stops deposit and release (BridgeHalted); a replay is refused; resume works', async () => {
    const version = Number(await bridge.getFunction('guardianSetVersion')());
    const nonce = (await bridge.getFunction('haltNonce')()) as bigint;
    const haltMsg: SetHaltedMessage = { halted: true, nonce, expiry: await expiry(), guardianSetVersion: version };
    expect(await errorOf(halt(f.guardians.slice(0, 13), haltMsg))).toBe('InsufficientSignatures');
    expect(await errorOf(halt(f.guardians.slice(0, THRESHOLD), { ...haltMsg, expiry: await latestTimestamp(f.provider) }))).toBe(
      'SignatureExpired',
    );
    const haltSigs = await Promise.all(f.guardians.slice(0, THRESHOLD).map((w) => signHalt(w, f.domain, haltMsg)));
    await call('setHalted', true, haltMsg.expiry, haltSigs);
    expect([await bridge.getFunction('halted')(), await bridge.getFunction('haltNonce')()]).toEqual([true, nonce + 1n]);

    expect(await errorOf(call('deposit', 'jil:alice', { value: 1n }))).toBe('BridgeHalted');
    expect(await errorOf(call('depositToken', f.address, 1n, 'jil:alice'))).toBe('BridgeHalted');
    expect(await errorOf(releaseBy(f.guardians.slice(0, THRESHOLD), version))).toBe('BridgeHalted');

    const resumeMsg: SetHaltedMessage = { halted: false, nonce: nonce + 1n, expiry: await expiry(), guardianSetVersion: version };
    const resumeSigs = await Promise.all(f.guardians.slice(0, THRESHOLD).map((w) => signHalt(w, f.domain, resumeMsg)));
    await call('setHalted', false, resumeMsg.expiry, resumeSigs);
    expect(await bridge.getFunction('halted')()).toBe(false);
    await releaseBy(f.guardians.slice(0, THRESHOLD), version);
    await call('deposit', 'jil:alice', { value: 1n });

    // Replays: the halt message (nonce n) and the resume message (nonce n+1) are both spent.
    expect(await errorOf(call('setHalted', true, haltMsg.expiry, haltSigs))).toBe('SignerNotGuardian');
    expect(await errorOf(call('setHalted', false, resumeMsg.expiry, resumeSigs))).toBe('SignerNotGuardian');
    expect([await bridge.getFunction('halted')(), await bridge.getFunction('haltNonce')()]).toEqual([false, nonce + 2n]);
  });
});
