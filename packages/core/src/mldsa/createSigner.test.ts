import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isJilError } from '../errors/JilError.js';
import { availableMlDsaBackends } from './backends.js';
import { mlDsa65CreateSigner } from './createSigner.js';
import { mlDsa65GenerateKeyPair } from './generateKeyPair.js';
import { mlDsa65KeyId } from './keyId.js';
import { mlDsa65VerifyWith } from './verify.js';

describe('mlDsa65CreateSigner', () => {
  it('derives the public key and keyid, and its signatures verify on every backend (property)', () => {
    const { secretKey, publicKey } = mlDsa65GenerateKeyPair();
    const signer = mlDsa65CreateSigner(secretKey);
    expect(signer.publicKey).toEqual(publicKey);
    expect(signer.keyid).toBe(mlDsa65KeyId(publicKey));
    secretKey.fill(0); // the signer does not keep the caller's seed
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), fc.option(fc.uint8Array({ maxLength: 255 }), { nil: undefined }), (m, context) => {
        const s = signer.sign(m, { context });
        expect(s.length).toBe(3309);
        for (const b of availableMlDsaBackends()) expect(mlDsa65VerifyWith(b, s, m, publicKey, { context })).toBe(true);
      }),
      { numRuns: 15 },
    );
  });

  it('throws INVALID_ARGUMENT on a wrong key length, message type or context', () => {
    expect(
      isJilError(
        (() => {
          try {
            mlDsa65CreateSigner(new Uint8Array(4032));
          } catch (e) {
            return e;
          }
        })(),
        'INVALID_ARGUMENT',
      ),
    ).toBe(true);
    const signer = mlDsa65CreateSigner(mlDsa65GenerateKeyPair().secretKey);
    expect(() => signer.sign('text' as unknown as Uint8Array)).toThrowError(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => signer.sign(new Uint8Array(1), { context: new Uint8Array(256) })).toThrowError(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', details: expect.objectContaining({ field: 'context' }) }),
    );
  });
});
