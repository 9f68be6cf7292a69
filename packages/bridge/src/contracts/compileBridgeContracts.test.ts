import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isJilError, JilError } from '@jil/core';
import { hexlify, Interface, randomBytes, Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { bridgeError, bridgeInterfaceOf, decodeBridgeRevert } from './bridgeError.js';
import {
  BRIDGE_CONTRACT_NAMES,
  bridgePackageRoot,
  bridgeSources,
  compileBridgeContracts,
  solcVersion,
  sourcesFingerprint,
} from './compileBridgeContracts.js';
import { loadBridgeArtifacts } from './loadBridgeArtifacts.js';
import { dedupeSignatures, orderSignatures, releaseDigest } from './orderSignatures.js';
import { signRelease } from './signBridgeMessage.js';

describe('compileBridgeContracts / loadBridgeArtifacts', () => {
  it('loads every contract and caches them in artifacts/contracts.json under the sources fingerprint', () => {
    const artifacts = loadBridgeArtifacts();
    expect(Object.keys(artifacts).sort()).toEqual([...BRIDGE_CONTRACT_NAMES].sort());
    for (const name of BRIDGE_CONTRACT_NAMES) expect(artifacts[name].bytecode).toMatch(/^0x[0-9a-f]{200,}$/);
    const file = JSON.parse(readFileSync(join(bridgePackageRoot(), 'artifacts', 'contracts.json'), 'utf8'));
    expect(file.solcVersion).toBe(solcVersion());
    expect(file.sourcesSha256).toBe(sourcesFingerprint(bridgeSources(), solcVersion()));
    expect(Object.keys(bridgeSources())).toContain('contracts/JilBridge.sol');
  });

  it('the fingerprint changes with any source byte or the compiler version', () => {
    const sources = bridgeSources();
    const base = sourcesFingerprint(sources, '0.8.30');
    const text = sources['contracts/JilBridge.sol'] as string;
    expect(sourcesFingerprint({ ...sources, 'contracts/JilBridge.sol': `${text} ` }, '0.8.30')).not.toBe(base);
    expect(sourcesFingerprint(sources, '0.8.29')).not.toBe(base);
  });

  it('a source that does not compile throws CONFIG_INVALID with the compiler messages', () => {
    let caught: unknown;
    try {
      compileBridgeContracts({ 'contracts/Bad.sol': 'pragma solidity ^0.8.24;\ncontract Bad { function f( }\n' });
    } catch (e) {
      caught = e;
    }
    expect(isJilError(caught, 'CONFIG_INVALID')).toBe(true);
    expect(String((caught as JilError).details['messages'])).toMatch(/ParserError/);
  });
});

describe('bridgeError / decodeBridgeRevert', () => {
  it('names a custom error from its revert data, including OpenZeppelin errors', () => {
    const iface = bridgeInterfaceOf();
    const data = iface.encodeErrorResult('InsufficientSignatures', [13n, 14n]);
    expect(decodeBridgeRevert(data)).toEqual({ name: 'InsufficientSignatures', args: [13n, 14n] });
    expect(decodeBridgeRevert(iface.encodeErrorResult('ReentrancyGuardReentrantCall', []))?.name).toBe('ReentrancyGuardReentrantCall');
    expect(decodeBridgeRevert('0xdeadbeef')).toBeUndefined();
    const err = bridgeError({ code: 'CALL_EXCEPTION', info: { error: { data } } });
    expect([err.code, err.details['error'], err.details['args']]).toEqual([
      'BRIDGE_CONTRACT_REVERTED',
      'InsufficientSignatures',
      [13n, 14n],
    ]);
  });

  it('passes a JilError through, and turns anything else into BRIDGE_RPC_FAILED without throwing', () => {
    const own = new JilError('INVALID_ARGUMENT', 'x');
    expect(bridgeError(own)).toBe(own);
    for (const e of [new Error('connect ECONNREFUSED'), 'text', undefined, null, 42, { data: 'not hex' }]) {
      expect(bridgeError(e).code).toBe('BRIDGE_RPC_FAILED');
    }
    // Our error data does not belong to another contract's interface.
    expect(new Interface(['error Other(uint256)']).parseError(bridgeInterfaceOf().encodeErrorResult('ZeroAmount', []))).toBeNull();
  });
});

describe('orderSignatures / dedupeSignatures', () => {
  const domain = { chainId: 31337n, verifyingContract: '0x5FbDB2315678afecb367f032d93F642f64180aa3' };
  const m = {
    withdrawalId: hexlify(randomBytes(32)),
    token: domain.verifyingContract,
    recipient: domain.verifyingContract,
    amount: 1n,
    expiry: 2n,
    guardianSetVersion: 1,
  };

  it('orders by recovered signer ascending and dedupes by signer', async () => {
    const wallets = Array.from({ length: 6 }, () => new Wallet(hexlify(randomBytes(32))));
    const sigs = await Promise.all(wallets.map((w) => signRelease(w, domain, m)));
    const digest = releaseDigest(domain, m);
    const ascending = [...wallets].map((w) => w.address).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    const ordered = orderSignatures(digest, [...sigs, sigs[0] as string]);
    expect(ordered).toHaveLength(7);
    const deduped = dedupeSignatures(digest, [...sigs, sigs[0] as string]);
    expect(deduped.map((s) => s.signer)).toEqual(ascending);
    expect(new Set(deduped.map((s) => s.signature))).toEqual(new Set(sigs));
  });

  it('a malformed signature is BRIDGE_ATTESTATION_INVALID naming its index', () => {
    let caught: unknown;
    try {
      orderSignatures(releaseDigest(domain, m), ['0x1234']);
    } catch (e) {
      caught = e;
    }
    expect(isJilError(caught, 'BRIDGE_ATTESTATION_INVALID') && caught.details['index']).toBe(0);
  });
});
