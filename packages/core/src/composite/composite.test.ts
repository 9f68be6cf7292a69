import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { sha256Hex } from '../bytes/encoding.js';
import { getPublicKey } from '../ed25519/getPublicKey.js';
import { keyId } from '../ed25519/keyId.js';
import { mlDsa65GetPublicKey } from '../mldsa/getPublicKey.js';
import { mlDsa65KeyId } from '../mldsa/keyId.js';
import { availableCompositeBackends, compositeBackendImpls } from './backends.js';
import { compositeCreateSigner } from './createSigner.js';
import { compositeGenerateKeyPair } from './generateKeyPair.js';
import { compositeGetPublicKey } from './getPublicKey.js';
import { compositeKeyId } from './keyId.js';
import { COMPOSITE_MLDSA65_ED25519 } from './params.js';
import { compositeSign, compositeSignWith } from './sign.js';
import { compositeVerify, compositeVerifyWith } from './verify.js';

const BACKENDS = availableCompositeBackends();
const NODE_MAJOR = Number(process.versions.node.split('.')[0]);
const secretKeyArb = fc.uint8Array({ minLength: 64, maxLength: 64 });
const contextArb = fc.uint8Array({ maxLength: 255 });

describe('composite ML-DSA-65 + Ed25519 (id-MLDSA65-Ed25519-SHA512)', () => {
  it('runs both halves on node:crypto where it has ML-DSA-65 (always on Node.js 24+), on noble elsewhere', () => {
    if (NODE_MAJOR >= 24) expect(BACKENDS).toEqual(['node', 'noble']);
    else expect(BACKENDS).toEqual(['noble']);
    const node = BACKENDS.includes('node');
    // the default is the fastest of each half: on Node.js 24 the node implementations themselves
    expect(compositeBackendImpls().mlDsa).toBe(compositeBackendImpls(node ? 'node' : 'noble').mlDsa);
  });

  it('constants: sizes of the draft, frozen', () => {
    expect(COMPOSITE_MLDSA65_ED25519).toMatchObject({
      publicKeyBytes: 1952 + 32,
      secretKeyBytes: 32 + 32,
      signatureBytes: 3309 + 64,
      maxContextBytes: 255,
    });
    expect(Object.isFrozen(COMPOSITE_MLDSA65_ED25519)).toBe(true);
  });

  it('generateKeyPair: 64-byte secret key and 1984-byte public key, fresh each time, reproducible from a seed', () => {
    const a = compositeGenerateKeyPair();
    const b = compositeGenerateKeyPair();
    expect([a.secretKey.length, a.publicKey.length]).toEqual([64, 1984]);
    expect(a.secretKey).not.toEqual(b.secretKey);
    expect(a.secretKey.subarray(0, 32)).not.toEqual(a.secretKey.subarray(32)); // two independent seeds
    const again = compositeGenerateKeyPair(a.secretKey);
    expect(again).toEqual(a);
    expect(again.secretKey).not.toBe(a.secretKey); // a copy, not the caller's array
    expect(compositeGetPublicKey(a.secretKey)).toEqual(a.publicKey);
  });

  it('property: the public key is mlDsa65GetPublicKey(ξ) ‖ getPublicKey(seed), the same on every backend', () => {
    fc.assert(
      fc.property(secretKeyArb, (sk) => {
        const expected = Uint8Array.from([...mlDsa65GetPublicKey(sk.subarray(0, 32)), ...getPublicKey(sk.subarray(32))]);
        expect(compositeGetPublicKey(sk)).toEqual(expected);
        for (const b of BACKENDS) {
          const { mlDsa, ed25519 } = compositeBackendImpls(b);
          expect(Uint8Array.from([...mlDsa.getPublicKey(sk.subarray(0, 32)), ...ed25519.getPublicKey(sk.subarray(32))]), b).toEqual(
            expected,
          );
        }
      }),
      { numRuns: 8 },
    );
  });

  it('keyId: hex SHA-256 of the 1984 bytes, different from both component key ids', () => {
    const { publicKey } = compositeGenerateKeyPair();
    const id = compositeKeyId(publicKey);
    expect(id).toBe(sha256Hex(publicKey));
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(id).not.toBe(mlDsa65KeyId(publicKey.subarray(0, 1952)));
    expect(id).not.toBe(keyId(publicKey.subarray(1952)));
  });

  it('property: signed on any backend, verified on every backend (random key, message and context)', () => {
    fc.assert(
      fc.property(
        secretKeyArb,
        fc.uint8Array({ maxLength: 300 }),
        contextArb,
        fc.constantFrom(...BACKENDS),
        (sk, message, context, signer) => {
          const publicKey = compositeGetPublicKey(sk);
          const signature = compositeSignWith(signer, message, sk, { context });
          expect(signature.length).toBe(3373);
          for (const b of BACKENDS)
            expect(compositeVerifyWith(b, signature, message, publicKey, { context }), `${signer} → ${b}`).toBe(true);
          expect(compositeVerify(signature, message, publicKey, { context })).toBe(true);
        },
      ),
      { numRuns: 12 },
    );
  });

  it.skipIf(!BACKENDS.includes('node'))(
    'node and noble: signed on node verifies on noble and vice versa; the Ed25519 halves are equal',
    () => {
      const { publicKey, secretKey } = compositeGenerateKeyPair();
      const message = new Uint8Array([1, 2, 3]);
      const onNode = compositeSignWith('node', message, secretKey);
      const onNoble = compositeSignWith('noble', message, secretKey);
      expect(compositeVerifyWith('noble', onNode, message, publicKey)).toBe(true);
      expect(compositeVerifyWith('node', onNoble, message, publicKey)).toBe(true);
      expect(onNode.subarray(3309)).toEqual(onNoble.subarray(3309));
    },
  );

  it('signing is hedged in the ML-DSA half only; an absent and an empty context are the same, any other is not', () => {
    const { publicKey, secretKey } = compositeGenerateKeyPair();
    const message = new Uint8Array([5]);
    const [s1, s2] = [compositeSign(message, secretKey, {}), compositeSign(message, secretKey)];
    expect(s1.subarray(0, 3309)).not.toEqual(s2.subarray(0, 3309));
    expect(s1.subarray(3309)).toEqual(s2.subarray(3309));
    for (const b of BACKENDS) {
      expect(compositeVerifyWith(b, s1, message, publicKey, { context: new Uint8Array(0) })).toBe(true);
      expect(compositeVerifyWith(b, s2, message, publicKey, { context: undefined })).toBe(true);
      expect(compositeVerifyWith(b, s1, message, publicKey, { context: new Uint8Array(1) })).toBe(false);
    }
    const long = new Uint8Array(255).fill(9);
    expect(compositeVerify(compositeSign(message, secretKey, { context: long }), message, publicKey, { context: long })).toBe(true);
  });

  it('createSigner: derives the public key and keyid; its signatures verify on every backend; the caller may wipe the key', () => {
    const { secretKey, publicKey } = compositeGenerateKeyPair();
    const signer = compositeCreateSigner(secretKey);
    expect(signer.publicKey).toEqual(publicKey);
    expect(signer.keyid).toBe(compositeKeyId(publicKey));
    secretKey.fill(0); // the signer does not keep the caller's array
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), fc.option(contextArb, { nil: undefined }), (m, context) => {
        const s = signer.sign(m, { context });
        expect(s.length).toBe(3373);
        for (const b of BACKENDS) expect(compositeVerifyWith(b, s, m, publicKey, { context })).toBe(true);
      }),
      { numRuns: 10 },
    );
  });

  it(
    'property: any byte flip in signature, public key, message or context, or a longer message or context, fails on every ' +
      'backend, identically',
    () => {
      const { publicKey, secretKey } = compositeGenerateKeyPair();
      const message = new Uint8Array(64).map((_, i) => i);
      const context = new Uint8Array([0x4a, 0x49, 0x4c]);
      const signature = compositeSign(message, secretKey, { context });
      // biased towards the Ed25519 half and the key/signature boundaries, which a uniform index would rarely hit
      const index = fc.oneof(fc.nat(), fc.integer({ min: 3300, max: 3372 }), fc.integer({ min: 1940, max: 1983 }));
      const tamper = fc.record({
        part: fc.constantFrom('signature', 'publicKey', 'message', 'context', 'message+', 'context+'),
        index,
        mask: fc.integer({ min: 1, max: 255 }),
      });
      fc.assert(
        fc.property(tamper, ({ part, index, mask }) => {
          const inputs = { signature: signature.slice(), publicKey: publicKey.slice(), message: message.slice(), context: context.slice() };
          if (part === 'message+') inputs.message = Uint8Array.from([...message, index & 0xff]);
          else if (part === 'context+') inputs.context = Uint8Array.from([...context, index & 0xff]);
          else inputs[part][index % inputs[part].length]! ^= mask;
          const answers = BACKENDS.map((b) =>
            compositeVerifyWith(b, inputs.signature, inputs.message, inputs.publicKey, { context: inputs.context }),
          );
          expect(answers, part).toEqual(BACKENDS.map(() => false));
          expect(compositeVerify(inputs.signature, inputs.message, inputs.publicKey, { context: inputs.context })).toBe(false);
        }),
        { numRuns: 120 },
      );
    },
  );

  it('property: random signatures and public keys of the right lengths never verify and never throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 3373, maxLength: 3373 }), fc.uint8Array({ minLength: 1984, maxLength: 1984 }), (sig, key) => {
        for (const b of BACKENDS) expect(compositeVerifyWith(b, sig, new Uint8Array(1), key)).toBe(false);
      }),
      { numRuns: 20 },
    );
  });
});

describe('fallback to noble', () => {
  it('without node:crypto (browser-like runtime): keys, sign and verify run on noble and agree with this runtime', async () => {
    const proc = process as { getBuiltinModule?: unknown };
    const original = proc.getBuiltinModule;
    vi.resetModules();
    proc.getBuiltinModule = undefined;
    try {
      const fresh = await import('./index.testutil.js');
      expect(fresh.availableCompositeBackends()).toEqual(['noble']);
      const { publicKey, secretKey } = fresh.compositeGenerateKeyPair(new Uint8Array(64).fill(3));
      expect(publicKey).toEqual(compositeGetPublicKey(new Uint8Array(64).fill(3)));
      const message = new Uint8Array([9]);
      const signature = fresh.compositeSign(message, secretKey);
      expect(fresh.compositeVerify(signature, message, publicKey)).toBe(true);
      expect(compositeVerify(signature, message, publicKey)).toBe(true);
      expect(fresh.compositeVerify(compositeSign(message, secretKey), message, publicKey)).toBe(true);
      // a fresh module graph has its own JilError class, so compare the code
      let error: { code?: string; details?: { field?: string } } = {};
      try {
        fresh.compositeVerifyWith('node', signature, message, publicKey);
      } catch (e) {
        error = e as typeof error;
      }
      expect([error.code, error.details?.field]).toEqual(['INVALID_ARGUMENT', 'backend']);
    } finally {
      proc.getBuiltinModule = original;
      vi.resetModules();
    }
  });
});
