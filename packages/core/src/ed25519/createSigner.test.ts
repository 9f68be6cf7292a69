import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createSigner } from './createSigner.js';
import { generateKeyPair } from './generateKeyPair.js';
import { keyId } from './keyId.js';
import { sign } from './sign.js';
import { verify } from './verify.js';

describe('createSigner', () => {
  it('gives the same deterministic signatures as sign() and derives its keyid (property)', () => {
    const { secretKey, publicKey } = generateKeyPair();
    const signer = createSigner(secretKey);
    expect(signer.publicKey).toEqual(publicKey);
    expect(signer.keyid).toBe(keyId(publicKey));
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (m) => {
        const s = signer.sign(m);
        expect(s).toEqual(sign(m, secretKey));
        expect(verify(s, m, publicKey)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it('throws INVALID_ARGUMENT on a wrong key length or message type', () => {
    expect(() => createSigner(new Uint8Array(31))).toThrowError(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    const signer = createSigner(generateKeyPair().secretKey);
    expect(() => signer.sign('text' as unknown as Uint8Array)).toThrowError(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
