import { createECDH, hkdfSync } from 'node:crypto';
import { keccak_256 } from '@noble/hashes/sha3.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GUARDIAN_KEY_INFO, guardianKeyFromSeed } from './guardianKeyFromSeed.js';

const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/** The derivation of docs/bridge.md §Guardian keys, with node:crypto's HKDF and ECDH (OpenSSL) and noble's Keccak. */
function independently(secretKey: Uint8Array): { privateKey: string; address: string } {
  const okm = Buffer.from(hkdfSync('sha256', secretKey, new Uint8Array(), GUARDIAN_KEY_INFO, 48));
  const d = (BigInt(`0x${okm.toString('hex')}`) % (N - 1n)) + 1n;
  const privateKey = d.toString(16).padStart(64, '0');
  const ecdh = createECDH('secp256k1');
  ecdh.setPrivateKey(Buffer.from(privateKey, 'hex'));
  const uncompressed = ecdh.getPublicKey(); // 0x04 ‖ X ‖ Y
  const address = Buffer.from(keccak_256(uncompressed.subarray(1)).subarray(12)).toString('hex');
  return { privateKey: `0x${privateKey}`, address: `0x${address}` };
}

describe('guardianKeyFromSeed', () => {
  it('matches an independent derivation (node:crypto HKDF and secp256k1, Keccak-256) for any 32- or 64-byte key', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ minLength: 64, maxLength: 64 })), (key) => {
        expect(guardianKeyFromSeed(key)).toEqual(independently(key));
      }),
      { numRuns: 50 },
    );
  });

  it('gives different keys for different validators and the same key for the same seed', () => {
    const a = new Uint8Array(32).fill(1);
    const b = new Uint8Array(32).fill(2);
    expect(guardianKeyFromSeed(a).address).toBe(guardianKeyFromSeed(a).address);
    expect(guardianKeyFromSeed(a).address).not.toBe(guardianKeyFromSeed(b).address);
    expect(guardianKeyFromSeed(a).address).toMatch(/^0x[0-9a-f]{40}$/);
  });

  it('refuses anything but a 32- or 64-byte key with INVALID_ARGUMENT', () => {
    for (const bad of [new Uint8Array(31), new Uint8Array(33), 'seed', null, [1, 2]]) {
      expect(() => guardianKeyFromSeed(bad as Uint8Array)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    }
  });
});
