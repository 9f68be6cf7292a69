import { describe, expect, it } from 'vitest';
import { thrown } from '@jil/testkit';
import { isJilError } from '../errors/JilError.js';
import { availableCompositeBackends, type CompositeBackend } from './backends.js';
import { compositeCreateSigner } from './createSigner.js';
import { compositeGenerateKeyPair } from './generateKeyPair.js';
import { compositeGetPublicKey } from './getPublicKey.js';
import { compositeKeyId } from './keyId.js';
import { compositeSign, compositeSignWith } from './sign.js';
import { compositeVerify, compositeVerifyWith } from './verify.js';

describe('composite: wrong types and lengths throw INVALID_ARGUMENT naming the field', () => {
  const sig = new Uint8Array(3373);
  const msg = new Uint8Array(1);
  const key = new Uint8Array(1984);
  const sk = new Uint8Array(64);
  const signer = compositeCreateSigner(compositeGenerateKeyPair().secretKey);
  const bad: unknown[] = [undefined, null, 'ab', 7, [1, 2], new ArrayBuffer(64), new Uint16Array(64), new DataView(new ArrayBuffer(1)), {}];
  const badOptions: unknown[] = [null, 'ctx', 7, [1], new Uint8Array(3), new Map()];
  const badContext: unknown[] = [null, 'ctx', 7, [1], new ArrayBuffer(3), new Uint16Array(3), new Uint8Array(256)];
  type Case = [string, string, () => unknown];
  const each = (values: unknown[], field: string, label: string, call: (v: never) => unknown): Case[] =>
    values.map((v): Case => [`${label} ${field}=${Object.prototype.toString.call(v)}`, field, () => call(v as never)]);
  const cases: Case[] = [
    ...each(bad, 'signature', 'verify', (v) => compositeVerify(v, msg, key)),
    ...each(bad, 'message', 'verify', (v) => compositeVerify(sig, v, key)),
    ...each(bad, 'publicKey', 'verify', (v) => compositeVerify(sig, msg, v)),
    ...each(badOptions, 'options', 'verify', (v) => compositeVerify(sig, msg, key, v)),
    ...each(badContext, 'context', 'verify', (v) => compositeVerify(sig, msg, key, { context: v })),
    ...each(bad, 'message', 'sign', (v) => compositeSign(v, sk)),
    ...each(bad, 'secretKey', 'sign', (v) => compositeSign(msg, v)),
    ...each(badOptions, 'options', 'sign', (v) => compositeSign(msg, sk, v)),
    ...each(badContext, 'context', 'sign', (v) => compositeSign(msg, sk, { context: v })),
    ...each(bad, 'message', 'signer.sign', (v) => signer.sign(v)),
    ...each(badOptions, 'options', 'signer.sign', (v) => signer.sign(msg, v)),
    ...each(badContext, 'context', 'signer.sign', (v) => signer.sign(msg, { context: v })),
    ...each(bad, 'secretKey', 'createSigner', (v) => compositeCreateSigner(v)),
    ...each(bad, 'secretKey', 'getPublicKey', (v) => compositeGetPublicKey(v)),
    ...each(bad.slice(1), 'seed', 'generateKeyPair', (v) => compositeGenerateKeyPair(v)),
    ...each(bad, 'publicKey', 'keyId', (v) => compositeKeyId(v)),
    ['verify signature 3372 bytes', 'signature', () => compositeVerify(new Uint8Array(3372), msg, key)],
    ['verify signature 3374 bytes', 'signature', () => compositeVerify(new Uint8Array(3374), msg, key)],
    ['verify signature 3309 bytes (ML-DSA-65 alone)', 'signature', () => compositeVerify(new Uint8Array(3309), msg, key)],
    ['verify signature 64 bytes (Ed25519 alone)', 'signature', () => compositeVerify(new Uint8Array(64), msg, key)],
    ['verify publicKey 1983 bytes', 'publicKey', () => compositeVerify(sig, msg, new Uint8Array(1983))],
    ['verify publicKey 1985 bytes', 'publicKey', () => compositeVerify(sig, msg, new Uint8Array(1985))],
    ['verify publicKey 1952 bytes (ML-DSA-65 alone)', 'publicKey', () => compositeVerify(sig, msg, new Uint8Array(1952))],
    ['verify publicKey 1344 bytes (id-MLDSA44-Ed25519-SHA512)', 'publicKey', () => compositeVerify(sig, msg, new Uint8Array(1344))],
    ['sign secretKey 32 bytes (one component seed)', 'secretKey', () => compositeSign(msg, new Uint8Array(32))],
    ['sign secretKey 4064 bytes (expanded ML-DSA key + seed)', 'secretKey', () => compositeSign(msg, new Uint8Array(4064))],
    ['getPublicKey 63 bytes', 'secretKey', () => compositeGetPublicKey(new Uint8Array(63))],
    ['createSigner 65 bytes', 'secretKey', () => compositeCreateSigner(new Uint8Array(65))],
    ['generateKeyPair seed 32 bytes', 'seed', () => compositeGenerateKeyPair(new Uint8Array(32))],
    ['keyId 1952 bytes', 'publicKey', () => compositeKeyId(new Uint8Array(1952))],
    ['verifyWith unknown backend', 'backend', () => compositeVerifyWith('openssl' as CompositeBackend, sig, msg, key)],
    [
      'verifyWith unknown backend, wrong signature too (backend first)',
      'backend',
      () => compositeVerifyWith('wasm' as CompositeBackend, 'x' as never, msg, key),
    ],
    ['signWith unknown backend', 'backend', () => compositeSignWith('openssl' as CompositeBackend, msg, sk)],
  ];
  if (!availableCompositeBackends().includes('node')) {
    cases.push(['verifyWith node where node:crypto has no ML-DSA-65', 'backend', () => compositeVerifyWith('node', sig, msg, key)]);
  }

  it.each(cases)('%s', (_label, field, fn) => {
    const error = thrown(fn);
    expect(isJilError(error, 'INVALID_ARGUMENT')).toBe(true);
    expect((error as { details: { field: string } }).details.field).toBe(field);
  });

  it('error messages and details carry no key or signature bytes', () => {
    const secret = new Uint8Array(63).fill(0xab);
    const error = thrown(() => compositeSign(msg, secret)) as Error & { details: object };
    expect(`${error.message} ${JSON.stringify(error.details)}`).not.toMatch(/ab,|171|abab/);
  });

  it('accepts Node Buffers as bytes and does not write into the options object', () => {
    const { publicKey, secretKey } = compositeGenerateKeyPair();
    const options = Object.freeze({});
    const signature = compositeSign(Buffer.from('x'), Buffer.from(secretKey), options);
    for (const b of availableCompositeBackends()) {
      expect(compositeVerifyWith(b, Buffer.from(signature), Buffer.from('x'), Buffer.from(publicKey), options)).toBe(true);
    }
    expect(Object.keys(options)).toEqual([]);
    expect(compositeCreateSigner(Buffer.from(secretKey)).publicKey).toEqual(publicKey);
  });
});
