import { bytesToHex, isJilError } from '@jil/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeKeyPackage } from '../keys/KeyPackage.js';
import { trustedDealer } from '../keys/trustedDealer.js';
import { decryptKeyPackage, encryptKeyPackage } from './encryptKeyPackage.js';

const cost = { logN: 10, r: 8, p: 1 }; // fast for tests; the default is 2^17
describe('encrypted key packages', () => {
  const kp = Object.values(trustedDealer({ minSigners: 2, maxSigners: 3 }).keyPackages)[0]!;
  const file = encryptKeyPackage(kp, 'correct horse battery', cost);

  it('round-trips with the passphrase; the file holds neither the share nor the plaintext', () => {
    expect(decryptKeyPackage(file, 'correct horse battery')).toEqual(kp);
    expect(bytesToHex(file)).not.toContain(bytesToHex(kp.signingShare));
    expect(bytesToHex(file)).not.toContain(bytesToHex(encodeKeyPackage(kp)).slice(60, 200));
    expect(bytesToHex(encryptKeyPackage(kp, 'correct horse battery', cost))).not.toBe(bytesToHex(file)); // fresh salt and nonce
  });

  it('a wrong passphrase or any altered byte is KEYSTORE_DECRYPT_FAILED (or FROST_INVALID_ENCODING in the header)', () => {
    expect(() => decryptKeyPackage(file, 'wrong horse battery')).toThrow(/wrong passphrase/);
    fc.assert(
      // the scrypt cost bytes (31–33) are covered below: flipping them at random could ask for gigabytes of memory
      fc.property(
        fc.nat({ max: file.length - 1 }).filter((i) => i < 31 || i > 33),
        fc.integer({ min: 1, max: 255 }),
        (i, x) => {
          const t = Uint8Array.from(file);
          t[i]! ^= x;
          try {
            decryptKeyPackage(t, 'correct horse battery');
            return false;
          } catch (e) {
            return isJilError(e, 'KEYSTORE_DECRYPT_FAILED') || isJilError(e, 'FROST_INVALID_ENCODING') || isJilError(e, 'INVALID_ARGUMENT');
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('an altered scrypt cost fails authentication (the header is associated data)', () => {
    const t = Uint8Array.from(file);
    t[32] = 9; // r
    expect(() => decryptKeyPackage(t, 'correct horse battery')).toThrow(/wrong passphrase or altered/);
  });

  it('refuses short passphrases and absurd costs', () => {
    expect(() => encryptKeyPackage(kp, 'short', cost)).toThrow(/passphrase/);
    expect(() => encryptKeyPackage(kp, 'long enough', { logN: 40, r: 8, p: 1 })).toThrow(/cost/);
  });
});
