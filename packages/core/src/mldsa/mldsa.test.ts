import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { thrown } from '@jil/testkit';
import { sha256Hex } from '../bytes/encoding.js';
import { isJilError } from '../errors/JilError.js';
import { availableMlDsaBackends, mlDsaBackendImpl, type MlDsaBackend } from './backends.js';
import { mlDsa65GenerateKeyPair } from './generateKeyPair.js';
import { mlDsa65GetPublicKey } from './getPublicKey.js';
import { mlDsa65KeyId } from './keyId.js';
import { mlDsa65Sign } from './sign.js';
import { mlDsa65Verify, mlDsa65VerifyWith } from './verify.js';

const BACKENDS = availableMlDsaBackends();
const NODE_MAJOR = Number(process.versions.node.split('.')[0]);
const seedArb = fc.uint8Array({ minLength: 32, maxLength: 32 });
const contextArb = fc.uint8Array({ maxLength: 255 });

describe('ML-DSA-65', () => {
  it('runs on node:crypto first where it has ML-DSA-65 (always on Node.js 24+), on noble elsewhere', () => {
    if (NODE_MAJOR >= 24) expect(BACKENDS).toEqual(['node', 'noble']);
    else expect(BACKENDS.at(-1)).toBe('noble');
    // the default backend is the first one: on Node.js 24 the node implementation object itself
    expect(mlDsaBackendImpl()).toBe(mlDsaBackendImpl(BACKENDS[0]));
  });

  it('generateKeyPair: 32-byte seed and 1952-byte key, fresh each time, reproducible from a seed', () => {
    const a = mlDsa65GenerateKeyPair();
    const b = mlDsa65GenerateKeyPair();
    expect(a.secretKey.length).toBe(32);
    expect(a.publicKey.length).toBe(1952);
    expect(a.secretKey).not.toEqual(b.secretKey);
    const again = mlDsa65GenerateKeyPair(a.secretKey);
    expect(again).toEqual(a);
    expect(again.secretKey).not.toBe(a.secretKey); // a copy, not the caller's array
    const message = new Uint8Array([1, 2, 3]);
    const signature = mlDsa65Sign(message, a.secretKey);
    expect(signature.length).toBe(3309);
    expect(mlDsa65Verify(signature, message, a.publicKey)).toBe(true);
    expect(mlDsa65Verify(signature, message, b.publicKey)).toBe(false);
  });

  it('signing is hedged: two signatures of one message differ and both verify', () => {
    const { publicKey, secretKey } = mlDsa65GenerateKeyPair();
    const message = new Uint8Array(10);
    for (const backend of BACKENDS) {
      const impl = mlDsaBackendImpl(backend);
      const [s1, s2] = [impl.sign(message, secretKey, new Uint8Array(0)), impl.sign(message, secretKey, new Uint8Array(0))];
      expect(s1).not.toEqual(s2);
      for (const s of [s1, s2]) expect(mlDsa65Verify(s, message, publicKey)).toBe(true);
    }
  });

  it('an absent and an empty context are the same; any other context is not', () => {
    const { publicKey, secretKey } = mlDsa65GenerateKeyPair();
    const message = new Uint8Array([5]);
    const signature = mlDsa65Sign(message, secretKey, {});
    for (const b of BACKENDS) {
      expect(mlDsa65VerifyWith(b, signature, message, publicKey, { context: new Uint8Array(0) })).toBe(true);
      expect(mlDsa65VerifyWith(b, signature, message, publicKey, { context: undefined })).toBe(true);
      expect(mlDsa65VerifyWith(b, signature, message, publicKey, { context: new Uint8Array(1) })).toBe(false);
    }
    const long = new Uint8Array(255).fill(9);
    expect(mlDsa65Verify(mlDsa65Sign(message, secretKey, { context: long }), message, publicKey, { context: long })).toBe(true);
  });

  it('keyId is the lower-case hex SHA-256 of the 1952-byte public key', () => {
    const { publicKey } = mlDsa65GenerateKeyPair();
    expect(mlDsa65KeyId(publicKey)).toBe(sha256Hex(publicKey));
    expect(mlDsa65KeyId(publicKey)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('property: every backend derives the same public key from a seed', () => {
    fc.assert(
      fc.property(seedArb, (seed) => {
        const keys = BACKENDS.map((b) => mlDsaBackendImpl(b).getPublicKey(seed));
        for (const k of keys) expect(k).toEqual(keys[0]);
        expect(mlDsa65GetPublicKey(seed)).toEqual(keys[0]);
      }),
      { numRuns: 10 },
    );
  });

  it('property: signed on any backend, verified on every backend (random message and context)', () => {
    fc.assert(
      fc.property(
        seedArb,
        fc.uint8Array({ maxLength: 300 }),
        contextArb,
        fc.constantFrom(...BACKENDS),
        (seed, message, context, signer) => {
          const publicKey = mlDsa65GetPublicKey(seed);
          const signature = mlDsaBackendImpl(signer).sign(message, seed, context);
          for (const b of BACKENDS) expect(mlDsa65VerifyWith(b, signature, message, publicKey, { context }), `${signer} → ${b}`).toBe(true);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('property: any tampering of signature, public key, message or context fails on every backend', () => {
    const { publicKey, secretKey } = mlDsa65GenerateKeyPair();
    const message = new Uint8Array(64).map((_, i) => i);
    const context = new Uint8Array([0x4a, 0x49, 0x4c]);
    const signature = mlDsa65Sign(message, secretKey, { context });
    const tamper = fc.oneof(
      fc.record({ part: fc.constantFrom('signature', 'publicKey', 'message', 'context'), index: fc.nat(), bit: fc.nat({ max: 7 }) }),
      fc.record({ part: fc.constantFrom('message+', 'context+'), index: fc.nat(), bit: fc.nat({ max: 7 }) }),
    );
    fc.assert(
      fc.property(tamper, ({ part, index, bit }) => {
        const inputs = { signature: signature.slice(), publicKey: publicKey.slice(), message: message.slice(), context: context.slice() };
        if (part === 'message+') inputs.message = Uint8Array.from([...message, index & 0xff]);
        else if (part === 'context+') inputs.context = Uint8Array.from([...context, index & 0xff]);
        else inputs[part][index % inputs[part].length]! ^= 1 << bit;
        for (const b of BACKENDS) {
          expect(
            mlDsa65VerifyWith(b, inputs.signature, inputs.message, inputs.publicKey, { context: inputs.context }),
            `${b} ${part}`,
          ).toBe(false);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('property: random signatures and public keys of the right lengths never verify and never throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 3309, maxLength: 3309 }), fc.uint8Array({ minLength: 1952, maxLength: 1952 }), (sig, key) => {
        for (const b of BACKENDS) expect(mlDsa65VerifyWith(b, sig, new Uint8Array(1), key)).toBe(false);
      }),
      { numRuns: 25 },
    );
  });

  describe('wrong types and lengths throw INVALID_ARGUMENT naming the field', () => {
    const sig = new Uint8Array(3309);
    const msg = new Uint8Array(1);
    const key = new Uint8Array(1952);
    const seed = new Uint8Array(32);
    const bad: unknown[] = [
      undefined,
      null,
      'ab',
      7,
      [1, 2],
      new ArrayBuffer(32),
      new Uint16Array(32),
      new DataView(new ArrayBuffer(1)),
      {},
    ];
    const badOptions: unknown[] = [null, 'ctx', 7, [1], new Uint8Array(3)];
    const badContext: unknown[] = [null, 'ctx', 7, [1], new ArrayBuffer(3), new Uint16Array(3), new Uint8Array(256)];
    type Case = [string, string, () => unknown];
    const each = (values: unknown[], field: string, label: string, call: (v: never) => unknown): Case[] =>
      values.map((v): Case => [`${label} ${field}=${Object.prototype.toString.call(v)}`, field, () => call(v as never)]);
    const cases: Case[] = [
      ...each(bad, 'signature', 'verify', (v) => mlDsa65Verify(v, msg, key)),
      ...each(bad, 'message', 'verify', (v) => mlDsa65Verify(sig, v, key)),
      ...each(bad, 'publicKey', 'verify', (v) => mlDsa65Verify(sig, msg, v)),
      ...each(badOptions, 'options', 'verify', (v) => mlDsa65Verify(sig, msg, key, v)),
      ...each(badContext, 'context', 'verify', (v) => mlDsa65Verify(sig, msg, key, { context: v })),
      ...each(bad, 'message', 'sign', (v) => mlDsa65Sign(v, seed)),
      ...each(bad, 'secretKey', 'sign', (v) => mlDsa65Sign(msg, v)),
      ...each(badOptions, 'options', 'sign', (v) => mlDsa65Sign(msg, seed, v)),
      ...each(badContext, 'context', 'sign', (v) => mlDsa65Sign(msg, seed, { context: v })),
      ...each(bad, 'secretKey', 'getPublicKey', (v) => mlDsa65GetPublicKey(v)),
      ...each(bad.slice(1), 'seed', 'generateKeyPair', (v) => mlDsa65GenerateKeyPair(v)),
      ...each(bad, 'publicKey', 'keyId', (v) => mlDsa65KeyId(v)),
      ['verify signature 3308 bytes', 'signature', () => mlDsa65Verify(new Uint8Array(3308), msg, key)],
      ['verify signature 3310 bytes', 'signature', () => mlDsa65Verify(new Uint8Array(3310), msg, key)],
      ['verify publicKey 1951 bytes', 'publicKey', () => mlDsa65Verify(sig, msg, new Uint8Array(1951))],
      ['verify publicKey 1953 bytes', 'publicKey', () => mlDsa65Verify(sig, msg, new Uint8Array(1953))],
      ['verify publicKey 32 bytes (an Ed25519 key)', 'publicKey', () => mlDsa65Verify(sig, msg, new Uint8Array(32))],
      ['sign secretKey 4032 bytes (an expanded key)', 'secretKey', () => mlDsa65Sign(msg, new Uint8Array(4032))],
      ['getPublicKey 31 bytes', 'secretKey', () => mlDsa65GetPublicKey(new Uint8Array(31))],
      ['generateKeyPair seed 33 bytes', 'seed', () => mlDsa65GenerateKeyPair(new Uint8Array(33))],
      ['keyId 32 bytes', 'publicKey', () => mlDsa65KeyId(new Uint8Array(32))],
      ['verifyWith unknown backend', 'backend', () => mlDsa65VerifyWith('openssl' as MlDsaBackend, sig, msg, key)],
    ];
    it.each(cases)('%s', (_label, field, fn) => {
      const error = thrown(fn);
      expect(isJilError(error, 'INVALID_ARGUMENT')).toBe(true);
      expect((error as { details: { field: string } }).details.field).toBe(field);
    });

    it('accepts Node Buffers as bytes and does not write into the options object', () => {
      const { publicKey, secretKey } = mlDsa65GenerateKeyPair();
      const options = Object.freeze({});
      const signature = mlDsa65Sign(Buffer.from('x'), Buffer.from(secretKey), options);
      expect(mlDsa65Verify(Buffer.from(signature), Buffer.from('x'), Buffer.from(publicKey), options)).toBe(true);
      expect(Object.keys(options)).toEqual([]);
    });
  });
});

/** Re-import the module graph with `process.getBuiltinModule` replaced, and restore it afterwards. */
async function withBuiltin<T>(
  getBuiltinModule: ((id: string) => unknown) | undefined,
  run: (fresh: typeof import('./index.testutil.js')) => T,
): Promise<T> {
  const proc = process as { getBuiltinModule?: unknown };
  const original = proc.getBuiltinModule;
  vi.resetModules();
  proc.getBuiltinModule = getBuiltinModule;
  try {
    return run(await import('./index.testutil.js'));
  } finally {
    proc.getBuiltinModule = original;
    vi.resetModules();
  }
}

describe('fallbacks to noble', () => {
  const realGetBuiltinModule = process.getBuiltinModule.bind(process);
  const realCrypto = realGetBuiltinModule('node:crypto');
  const swapCrypto = (fake: object) => (id: string) => (id === 'node:crypto' || id === 'crypto' ? fake : realGetBuiltinModule(id));

  it('without node:crypto (browser-like runtime): sign, verify and keys work on noble; verifyWith node throws', async () => {
    await withBuiltin(undefined, (fresh) => {
      expect(fresh.availableMlDsaBackends()).toEqual(['noble']);
      const { publicKey, secretKey } = fresh.mlDsa65GenerateKeyPair(new Uint8Array(32).fill(1));
      expect(publicKey).toEqual(mlDsa65GetPublicKey(new Uint8Array(32).fill(1)));
      const message = new Uint8Array([9]);
      const signature = fresh.mlDsa65Sign(message, secretKey);
      expect(fresh.mlDsa65Verify(signature, message, publicKey)).toBe(true);
      expect(mlDsa65Verify(signature, message, publicKey)).toBe(true);
      // a fresh module graph has its own JilError class, so compare the code
      const error = thrown(() => fresh.mlDsa65VerifyWith('node', signature, message, publicKey)) as {
        code: string;
        details: { field: string };
      };
      expect([error.code, error.details.field]).toEqual(['INVALID_ARGUMENT', 'backend']);
    });
  });

  it('with a node:crypto that has no ML-DSA (Node.js 20, 22): noble only, Ed25519 still on node', async () => {
    const fake = {
      ...realCrypto,
      createPrivateKey: (input: Parameters<typeof realCrypto.createPrivateKey>[0]) => {
        const der = (input as { key?: unknown }).key;
        if (der instanceof Uint8Array && der.length === 54) throw new Error('error:1E08010C:DECODER routines::unsupported');
        return realCrypto.createPrivateKey(input);
      },
    };
    await withBuiltin(swapCrypto(fake), (fresh) => {
      expect(fresh.availableMlDsaBackends()).toEqual(['noble']);
      const { publicKey, secretKey } = fresh.mlDsa65GenerateKeyPair();
      expect(fresh.mlDsa65Verify(fresh.mlDsa65Sign(new Uint8Array(1), secretKey), new Uint8Array(1), publicKey)).toBe(true);
    });
  });

  it.skipIf(!BACKENDS.includes('node'))('with a node:crypto that ignores the context option: refused by the probe', async () => {
    const strip = (key: unknown): unknown => (typeof key === 'object' && key !== null && 'context' in key && 'key' in key ? key.key : key);
    const fake = {
      ...realCrypto,
      sign: (alg: null, data: Uint8Array, key: unknown) => realCrypto.sign(alg, data, strip(key) as never),
      verify: (alg: null, data: Uint8Array, key: unknown, sig: Uint8Array) => realCrypto.verify(alg, data, strip(key) as never, sig),
    };
    await withBuiltin(swapCrypto(fake), (fresh) => expect(fresh.availableMlDsaBackends()).toEqual(['noble']));
  });
});
