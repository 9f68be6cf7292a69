import { id, TypedDataEncoder, ZeroAddress } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_TYPES, typedDataDomain } from '../eip712/typedData.js';
import { deployBridge, sortAddresses } from './deployBridge.js';
import { type BridgeFixture, guardianWallets, revertOf, startBridgeFixture, THRESHOLD } from './testing/bridgeFixture.js';

describe('deployBridge', () => {
  let f: BridgeFixture;
  beforeAll(async () => {
    f = await startBridgeFixture();
  });
  afterAll(async () => {
    await f?.stop();
  });

  it('deploys with the guardian set, threshold, version and the EIP-712 domain of typedData.ts', async () => {
    expect(await f.bridge.getFunction('guardians')()).toEqual(f.guardians.map((g) => g.address));
    expect(await f.bridge.getFunction('threshold')()).toBe(BigInt(THRESHOLD));
    expect(await f.bridge.getFunction('guardianSetVersion')()).toBe(1n);
    expect(await f.bridge.getFunction('halted')()).toBe(false);
    expect(await f.bridge.getFunction('domainSeparator')()).toBe(TypedDataEncoder.hashDomain(typedDataDomain(f.domain)));
    expect((await f.provider.getCode(f.address)).length).toBeGreaterThan(2);
  });

  it('its EIP-712 type hashes are those of BRIDGE_TYPES', async () => {
    const encode = (name: 'Release' | 'RotateGuardians' | 'SetHalted') =>
      id(TypedDataEncoder.from({ [name]: [...BRIDGE_TYPES[name]] }).encodeType(name));
    expect(await f.bridge.getFunction('RELEASE_TYPEHASH')()).toBe(encode('Release'));
    expect(await f.bridge.getFunction('ROTATE_GUARDIANS_TYPEHASH')()).toBe(encode('RotateGuardians'));
    expect(await f.bridge.getFunction('SET_HALTED_TYPEHASH')()).toBe(encode('SetHalted'));
  });

  it('refuses invalid guardian sets and versions, each named', async () => {
    const ascending = guardianWallets(5).map((w) => w.address);
    const cases: [string, { guardians: string[]; threshold: number; version: number }, string][] = [
      ['descending', { guardians: [...ascending].reverse(), threshold: 3, version: 1 }, 'InvalidGuardianSet'],
      ['duplicate', { guardians: sortAddresses([...ascending, ascending[2] as string]), threshold: 3, version: 1 }, 'InvalidGuardianSet'],
      ['zero address', { guardians: [ZeroAddress, ...ascending], threshold: 3, version: 1 }, 'InvalidGuardianSet'],
      ['threshold 0', { guardians: ascending, threshold: 0, version: 1 }, 'InvalidGuardianSet'],
      ['threshold > n', { guardians: ascending, threshold: 6, version: 1 }, 'InvalidGuardianSet'],
      ['empty set', { guardians: [], threshold: 1, version: 1 }, 'InvalidGuardianSet'],
      ['version 0', { guardians: ascending, threshold: 3, version: 0 }, 'WrongVersion'],
    ];
    for (const [label, options, error] of cases) {
      const err = await revertOf(deployBridge(f.deployer, options));
      expect([label, err.code, err.details['error']]).toEqual([label, 'BRIDGE_CONTRACT_REVERTED', error]);
    }
  });
});
