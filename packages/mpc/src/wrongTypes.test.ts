import { isJilError } from '@jil/core';
import { describe, expect, it } from 'vitest';
import * as mpc from './index.js';

const thrownCode = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return isJilError(e) ? e.code : `non-JilError: ${String(e)}`;
  }
  return undefined;
};

describe('wrong-type matrix: public functions throw a JilError with a code, never a TypeError', () => {
  const { publicKeyPackage, keyPackages } = mpc.trustedDealer({ minSigners: 2, maxSigners: 3 });
  const kp = Object.values(keyPackages)[0]!;
  const junk: unknown[] = [undefined, null, 0, 'ab', {}, [1, 2], new Uint8Array(0), new Uint8Array(3)];
  const decoders = [
    (b: unknown) => mpc.decodeSigningCommitments(b as Uint8Array, 'ed25519'),
    (b: unknown) => mpc.decodeSigningPackage(b as Uint8Array, 'ed25519'),
    (b: unknown) => mpc.decodeSignatureShare(b as Uint8Array, 'ed25519'),
    (b: unknown) => mpc.decodePublicKeyPackage(b as Uint8Array),
    (b: unknown) => mpc.decodeKeyPackage(b as Uint8Array),
    (b: unknown) => mpc.decodeDkgRound1Package(b as Uint8Array, 'ed25519'),
    (b: unknown) => mpc.decodeDkgRound2Package(b as Uint8Array, 'ed25519'),
  ];
  it('decoders: FROST_INVALID_ENCODING for anything that is not a valid package', () => {
    for (const d of decoders) for (const j of junk) expect(thrownCode(() => d(j))).toBe('FROST_INVALID_ENCODING');
  });
  it('decryptKeyPackage: FROST_INVALID_ENCODING for junk, INVALID_ARGUMENT for a non-string passphrase', () => {
    for (const j of junk) expect(thrownCode(() => mpc.decryptKeyPackage(j as Uint8Array, 'passphrase'))).toBe('FROST_INVALID_ENCODING');
    const file = mpc.encryptKeyPackage(kp, 'passphrase', { logN: 10, r: 8, p: 1 });
    for (const p of [undefined, 1, null, 'short'])
      expect(thrownCode(() => mpc.decryptKeyPackage(file, p as string))).toBe('INVALID_ARGUMENT');
  });
  it('identifiers, suites and messages: INVALID_ARGUMENT', () => {
    for (const n of [0, -1, 1.5, Number.NaN, '1', 2 ** 60])
      expect(thrownCode(() => mpc.identifierFromNumber(n as number))).toBe('INVALID_ARGUMENT');
    for (const s of ['', 1, null]) expect(thrownCode(() => mpc.deriveIdentifier(s as string))).toBe('INVALID_ARGUMENT');
    expect(thrownCode(() => mpc.getCiphersuite('secp256k1' as mpc.CiphersuiteId))).toBe('INVALID_ARGUMENT');
    for (const m of ['msg', null, [1]] as unknown[])
      expect(thrownCode(() => mpc.createSigningPackage([], m as Uint8Array))).toBe('INVALID_ARGUMENT');
    expect(
      thrownCode(() =>
        mpc.aggregateSignature({ publicKeyPackage, signingPackage: { commitments: [], message: 'x' as never }, signatureShares: [] }),
      ),
    ).toBe('INVALID_ARGUMENT');
    expect(thrownCode(() => mpc.repairShareStep1(['x'], kp, kp.identifier))).toBe('INVALID_ARGUMENT');
    expect(thrownCode(() => mpc.createRefreshContribution(publicKeyPackage, mpc.identifierFromNumber(9)))).toBe('INVALID_ARGUMENT');
  });
  it('isIdentifier', () => {
    expect(mpc.isIdentifier(kp.identifier)).toBe(true);
    for (const v of [undefined, '', '00'.repeat(32), 'ff'.repeat(32), mpc.identifierFromNumber(10).toUpperCase(), 1])
      expect(mpc.isIdentifier(v)).toBe(false);
  });
});
