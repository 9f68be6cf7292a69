import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { thrown } from '@jil/testkit';
import { sha256Hex } from '../bytes/encoding.js';
import { isJilError } from '../errors/JilError.js';
import { availableEd25519Backends, backendImpl, type Ed25519Backend } from './backends.js';
import { generateKeyPair } from './generateKeyPair.js';
import { getPublicKey } from './getPublicKey.js';
import { keyId } from './keyId.js';
import { sign } from './sign.js';
import { verify, verifyWith } from './verify.js';

const BACKENDS: readonly Ed25519Backend[] = ['node', 'noble'];
const seed = fc.uint8Array({ minLength: 32, maxLength: 32 });

describe('Ed25519', () => {
  it('runs on node:crypto first in Node.js', () => {
    expect(availableEd25519Backends()).toEqual(['node', 'noble']);
  });

  it('generateKeyPair gives 32-byte halves that sign and verify, and fresh keys each time', () => {
    const a = generateKeyPair();
    const b = generateKeyPair();
    expect(a.secretKey.length).toBe(32);
    expect(a.publicKey).toEqual(getPublicKey(a.secretKey));
    expect(a.secretKey).not.toEqual(b.secretKey);
    const message = new Uint8Array([1, 2, 3]);
    expect(verify(sign(message, a.secretKey), message, a.publicKey)).toBe(true);
    expect(verify(sign(message, a.secretKey), message, b.publicKey)).toBe(false);
  });

  it('keyId is the lower-case hex SHA-256 of the public key', () => {
    const { publicKey } = generateKeyPair();
    expect(keyId(publicKey)).toBe(sha256Hex(publicKey));
    expect(keyId(publicKey)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('property: backends derive the same keys and signatures, and both verify them', () => {
    fc.assert(
      fc.property(seed, fc.uint8Array({ maxLength: 200 }), (secretKey, message) => {
        const [node, noble] = BACKENDS.map(backendImpl) as [ReturnType<typeof backendImpl>, ReturnType<typeof backendImpl>];
        const publicKey = node.getPublicKey(secretKey);
        expect(noble.getPublicKey(secretKey)).toEqual(publicKey);
        const signature = node.sign(message, secretKey);
        expect(noble.sign(message, secretKey)).toEqual(signature);
        for (const b of BACKENDS) expect(verifyWith(b, signature, message, publicKey)).toBe(true);
      }),
      { numRuns: 25 },
    );
  });

  it('property: any single-bit change of signature, message or key is rejected by both backends', () => {
    const { publicKey, secretKey } = generateKeyPair();
    const message = new Uint8Array(64).map((_, i) => i);
    const signature = sign(message, secretKey);
    fc.assert(
      fc.property(fc.constantFrom('signature', 'message', 'publicKey'), fc.nat(), fc.nat({ max: 7 }), (part, index, bit) => {
        const inputs = { signature: signature.slice(), message: message.slice(), publicKey: publicKey.slice() };
        const target = inputs[part];
        target[index % target.length]! ^= 1 << bit;
        for (const b of BACKENDS) expect(verifyWith(b, inputs.signature, inputs.message, inputs.publicKey)).toBe(false);
      }),
      { numRuns: 60 },
    );
  });

  it('property: random 64-byte signatures and 32-byte keys never verify and never throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), fc.uint8Array({ minLength: 32, maxLength: 32 }), (sig, key) => {
        for (const b of BACKENDS) expect(verifyWith(b, sig, new Uint8Array(1), key)).toBe(false);
      }),
      { numRuns: 40 },
    );
  });

  describe('wrong types and lengths throw INVALID_ARGUMENT', () => {
    const sig = new Uint8Array(64);
    const msg = new Uint8Array(1);
    const key = new Uint8Array(32);
    const bad: unknown[] = [undefined, null, 'ab', 7, [1, 2], new ArrayBuffer(32), new Uint16Array(32), {}];
    const cases: [string, () => unknown][] = [
      ...bad.map((v): [string, () => unknown] => [`verify signature=${String(v)}`, () => verify(v as Uint8Array, msg, key)]),
      ...bad.map((v): [string, () => unknown] => [`verify message=${String(v)}`, () => verify(sig, v as Uint8Array, key)]),
      ...bad.map((v): [string, () => unknown] => [`verify publicKey=${String(v)}`, () => verify(sig, msg, v as Uint8Array)]),
      ...bad.map((v): [string, () => unknown] => [`sign message=${String(v)}`, () => sign(v as Uint8Array, key)]),
      ...bad.map((v): [string, () => unknown] => [`sign secretKey=${String(v)}`, () => sign(msg, v as Uint8Array)]),
      ...bad.map((v): [string, () => unknown] => [`getPublicKey=${String(v)}`, () => getPublicKey(v as Uint8Array)]),
      ...bad.map((v): [string, () => unknown] => [`keyId=${String(v)}`, () => keyId(v as Uint8Array)]),
      ['verify signature 63 bytes', () => verify(new Uint8Array(63), msg, key)],
      ['verify signature 65 bytes', () => verify(new Uint8Array(65), msg, key)],
      ['verify publicKey 31 bytes', () => verify(sig, msg, new Uint8Array(31))],
      ['verify publicKey 33 bytes', () => verify(sig, msg, new Uint8Array(33))],
      ['sign secretKey 64 bytes', () => sign(msg, new Uint8Array(64))],
      ['getPublicKey 31 bytes', () => getPublicKey(new Uint8Array(31))],
      ['keyId 33 bytes', () => keyId(new Uint8Array(33))],
      ['verifyWith unknown backend', () => verifyWith('openssl' as Ed25519Backend, sig, msg, key)],
    ];
    it.each(cases)('%s', (_label, fn) => {
      expect(isJilError(thrown(fn), 'INVALID_ARGUMENT')).toBe(true);
    });

    it('accepts a Node Buffer as bytes', () => {
      const { publicKey, secretKey } = generateKeyPair();
      const signature = sign(Buffer.from('x'), Buffer.from(secretKey));
      expect(verify(Buffer.from(signature), Buffer.from('x'), Buffer.from(publicKey))).toBe(true);
    });
  });
});

describe('without node:crypto (browser-like runtime)', () => {
  it('falls back to noble for sign, verify and getPublicKey', async () => {
    const proc = process as { getBuiltinModule?: unknown };
    const original = proc.getBuiltinModule;
    vi.resetModules();
    proc.getBuiltinModule = undefined;
    try {
      const fresh = await import('./index.testutil.js');
      expect(fresh.availableEd25519Backends()).toEqual(['noble']);
      const { publicKey, secretKey } = fresh.generateKeyPair();
      const message = new Uint8Array([9]);
      const signature = fresh.sign(message, secretKey);
      expect(fresh.verify(signature, message, publicKey)).toBe(true);
      // a fresh module graph has its own JilError class, so compare the code
      expect((thrown(() => fresh.verifyWith('node', signature, message, publicKey)) as { code: string }).code).toBe('INVALID_ARGUMENT');
      expect(signature).toEqual(sign(message, secretKey));
    } finally {
      proc.getBuiltinModule = original;
      vi.resetModules();
    }
  });
});
