import { isJilError, JilError } from '@jil/core';
import { GARBAGE_INPUTS } from '@jil/testkit';
import { getAddress, hexlify, randomBytes, Signature, Wallet, ZeroAddress } from 'ethers';
import * as fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BridgeDomain, DepositAttestationMessage } from '../eip712/typedData.js';
import type { GuardianSet } from './GuardianSet.js';
import { signDepositAttestation } from './signDepositAttestation.js';
import { verifyDepositQuorum } from './verifyDepositQuorum.js';

const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
// Keys generated per run: no key material in the repository.
const wallets = Array.from({ length: 20 }, () => new Wallet(hexlify(randomBytes(32))));
const outsider = new Wallet(hexlify(randomBytes(32)));
const set: GuardianSet = { version: 1, threshold: 14, guardians: wallets.map((w) => w.address) };
const domain: BridgeDomain = { chainId: 31337n, verifyingContract: getAddress(`0x${'12'.repeat(20)}`) };
const msg: DepositAttestationMessage = {
  depositId: `0x${'01'.repeat(32)}`,
  txHash: `0x${'02'.repeat(32)}`,
  logIndex: 3,
  blockHash: `0x${'04'.repeat(32)}`,
  blockNumber: 5n,
  token: ZeroAddress,
  amount: 10n ** 18n,
  depositor: getAddress(`0x${'06'.repeat(20)}`),
  jilAccount: 'jil1alice',
  guardianSetVersion: 1,
};
let sigs: string[] = [];

function refusal(f: () => unknown): JilError {
  try {
    f();
  } catch (e) {
    if (e instanceof JilError) return e;
    throw e;
  }
  throw new Error('not refused');
}

beforeAll(async () => {
  sigs = await Promise.all(wallets.map((w) => signDepositAttestation(w, domain, msg)));
});

describe('verifyDepositQuorum', () => {
  it('accepts 14 and 20 distinct guardians, in any order', () => {
    expect(verifyDepositQuorum(domain, msg, sigs.slice(0, 14), set).signers).toEqual(set.guardians.slice(0, 14));
    expect(verifyDepositQuorum(domain, msg, [...sigs].reverse(), set).signers).toHaveLength(20);
  });

  it('refuses 13 signatures: BRIDGE_QUORUM_NOT_MET', () => {
    const err = refusal(() => verifyDepositQuorum(domain, msg, sigs.slice(0, 13), set));
    expect(err.code).toBe('BRIDGE_QUORUM_NOT_MET');
    expect(err.details).toEqual({ valid: 13, threshold: 14, refusals: [] });
  });

  it('refuses a duplicate signer (13 distinct + a repeat)', () => {
    const err = refusal(() => verifyDepositQuorum(domain, msg, [...sigs.slice(0, 13), sigs[0] as string], set));
    expect(err.code).toBe('BRIDGE_QUORUM_NOT_MET');
    expect(err.details['refusals']).toEqual([{ index: 13, check: 'duplicate' }]);
  });

  it('refuses a forged attestation: signed by a non-guardian, or over another message', async () => {
    const forged = await signDepositAttestation(outsider, domain, msg);
    const other = await signDepositAttestation(wallets[13] as Wallet, domain, { ...msg, amount: msg.amount + 1n });
    const err = refusal(() => verifyDepositQuorum(domain, msg, [...sigs.slice(0, 13), forged, other], set));
    expect(err.code).toBe('BRIDGE_QUORUM_NOT_MET');
    expect(err.details['refusals']).toEqual([
      { index: 13, check: 'not_guardian' },
      { index: 14, check: 'not_guardian' },
    ]);
  });

  it('refuses signatures from another guardian-set version (a retired set)', async () => {
    const rotated: GuardianSet = { ...set, version: 2 };
    const err = refusal(() => verifyDepositQuorum(domain, msg, sigs, rotated));
    expect(err.code).toBe('BRIDGE_QUORUM_NOT_MET');
    expect(err.details['valid']).toBe(0);
    expect((err.details['refusals'] as { check: string }[]).every((r) => r.check === 'version')).toBe(true);
    // The retired set's guardians signing a message that names the new version are not guardians of the new set.
    const newSet: GuardianSet = { version: 2, threshold: 1, guardians: [outsider.address] };
    const v2 = { ...msg, guardianSetVersion: 2 };
    const old = await Promise.all(wallets.slice(0, 14).map((w) => signDepositAttestation(w, domain, v2)));
    expect(refusal(() => verifyDepositQuorum(domain, v2, old, newSet)).details['refusals']).toHaveLength(14);
  });

  it('refuses malformed and malleable signatures without throwing anything but the quorum error', () => {
    const sig = Signature.from(sigs[0] as string);
    const highS = `0x${sig.r.slice(2)}${(N - BigInt(sig.s)).toString(16).padStart(64, '0')}${sig.v === 27 ? '1c' : '1b'}`;
    const vZero = `${(sigs[1] as string).slice(0, 130)}00`;
    const bad = [highS, vZero, '0x', 'zz', `0x${'00'.repeat(65)}`, ...GARBAGE_INPUTS] as string[];
    const err = refusal(() => verifyDepositQuorum(domain, msg, [...bad, ...sigs.slice(2, 15)], set));
    expect(err.code).toBe('BRIDGE_QUORUM_NOT_MET');
    expect(err.details['refusals']).toEqual(bad.map((_, index) => ({ index, check: 'malformed' })));
  });

  it('property: any tampered field of the message or the domain is refused', () => {
    const tampered = fc.oneof(
      fc.record({ depositId: fc.uint8Array({ minLength: 32, maxLength: 32 }).map(hexlify) }),
      fc.record({ txHash: fc.uint8Array({ minLength: 32, maxLength: 32 }).map(hexlify) }),
      fc.record({ logIndex: fc.nat({ max: 0xffffffff }) }),
      fc.record({ blockHash: fc.uint8Array({ minLength: 32, maxLength: 32 }).map(hexlify) }),
      fc.record({ blockNumber: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }) }),
      fc.record({ token: fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => getAddress(hexlify(b))) }),
      fc.record({ amount: fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }) }),
      fc.record({ depositor: fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => getAddress(hexlify(b))) }),
      fc.record({ jilAccount: fc.string({ minLength: 1, maxLength: 40 }) }),
      fc.record({ guardianSetVersion: fc.nat({ max: 0xffffffff }) }),
      fc.record({ chainId: fc.bigInt({ min: 1n, max: (1n << 64n) - 1n }) }),
      fc.record({ verifyingContract: fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => getAddress(hexlify(b))) }),
    );
    fc.assert(
      fc.property(tampered, (change) => {
        const { chainId, verifyingContract, ...msgChange } = change as Partial<BridgeDomain & DepositAttestationMessage>;
        const d = {
          ...domain,
          ...(chainId === undefined ? {} : { chainId }),
          ...(verifyingContract === undefined ? {} : { verifyingContract }),
        };
        const m = { ...msg, ...msgChange };
        const same =
          d.chainId === domain.chainId &&
          d.verifyingContract === domain.verifyingContract &&
          JSON.stringify(m, (_, v) => (typeof v === 'bigint' ? `${v}` : v)) ===
            JSON.stringify(msg, (_, v) => (typeof v === 'bigint' ? `${v}` : v));
        fc.pre(!same);
        const err = refusal(() => verifyDepositQuorum(d, m, sigs, set));
        expect(err.code).toBe('BRIDGE_QUORUM_NOT_MET');
        expect(err.details['valid']).toBe(0);
      }),
      { numRuns: 120 },
    );
  });

  it('throws only JilError for wrong inputs in any position', async () => {
    for (const garbage of GARBAGE_INPUTS) {
      const calls: (() => unknown)[] = [
        () => verifyDepositQuorum(garbage as BridgeDomain, msg, sigs, set),
        () => verifyDepositQuorum(domain, garbage as DepositAttestationMessage, sigs, set),
        () => verifyDepositQuorum(domain, msg, garbage as string[], set),
        () => verifyDepositQuorum(domain, msg, sigs, garbage as GuardianSet),
        () => verifyDepositQuorum(domain, msg, sigs, { ...set, threshold: garbage as number }),
        () => verifyDepositQuorum(domain, msg, sigs, { ...set, guardians: [garbage as string] }),
      ];
      for (const call of calls) expect(isJilError(refusal(call))).toBe(true);
      for (const args of [
        [garbage, domain, msg],
        [wallets[0], garbage, msg],
        [wallets[0], domain, garbage],
      ] as const) {
        const err = await signDepositAttestation(...(args as Parameters<typeof signDepositAttestation>)).catch((e: unknown) => e);
        expect(isJilError(err)).toBe(true);
      }
    }
  });
});
