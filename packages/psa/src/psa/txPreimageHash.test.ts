import { readFileSync } from 'node:fs';
import { hexToBytes } from '@jil/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPsaBody } from './buildPsaBody.js';
import { PsaBodySchema } from './PsaBody.js';
import { txPreimageHash } from './txPreimageHash.js';
import { EMPTY_SNAPSHOT, issuePsa, passFindings, quorumFixture, sampleRequest, T0 } from '@jil/psa-testkit';
import { SANCTIONS_MATCHER } from '../screening/sanctions/thresholds.js';
import { verifyPsa } from './verifyPsa.js';
import { parseTransferRequest, TransferRequestSchema } from '../schema/transferRequest.js';
import { z } from 'zod';

const DOC = readFileSync(new URL('../../../../docs/psa-format.md', import.meta.url), 'utf8');
const row = (item: string): string => {
  const m = new RegExp(`^\\| ${item.replace(/[()|]/g, '\\$&')} \\| \`([0-9a-f]+)\` \\|$`, 'm').exec(DOC);
  if (!m?.[1]) throw new Error(`docs/psa-format.md has no row ${item}`);
  return m[1];
};

describe('txPreimageHash (docs/psa-format.md §Transaction binding)', () => {
  it('matches the test vector of docs/psa-format.md for both functions', () => {
    const bytes = hexToBytes(row('unsigned bytes (hex)'));
    expect(txPreimageHash(bytes, 'keccak256')).toBe(row('`keccak256` → `tx_preimage_hash`'));
    expect(txPreimageHash(bytes, 'sha256')).toBe(row('`sha256` → `tx_preimage_hash`'));
  });

  it('is 64 lower-case hex characters, and the two functions never agree (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), (bytes) => {
        const k = txPreimageHash(bytes, 'keccak256');
        const s = txPreimageHash(bytes, 'sha256');
        expect(k).toMatch(/^[0-9a-f]{64}$/);
        expect(s).toMatch(/^[0-9a-f]{64}$/);
        expect(k).not.toBe(s);
      }),
    );
  });

  it('refuses a wrong type or an unknown function with INVALID_ARGUMENT', () => {
    for (const [bytes, alg] of [
      ['00', 'sha256'],
      [new Uint8Array(1), 'sha3-256'],
      [new Uint8Array(1), undefined],
    ] as const) {
      expect(() => txPreimageHash(bytes as never, alg as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    }
  });
});

describe('tx_preimage_hash_alg in the transfer request and the PSA body', () => {
  const q = quorumFixture();
  const body = (overrides: Record<string, unknown>) =>
    buildPsaBody({
      request: sampleRequest(overrides),
      findings: passFindings(),
      snapshot: EMPTY_SNAPSHOT,
      validatorSet: q.verifiedSet,
      matcher: SANCTIONS_MATCHER,
      now: T0,
    });

  it('the body always names the function: sha256 by default, keccak256 when asked; nothing without a hash', () => {
    expect(body({}).transfer).toMatchObject({ tx_preimage_hash: 'c'.repeat(64), tx_preimage_hash_alg: 'sha256' });
    expect(body({ tx_preimage_hash_alg: 'keccak256' }).transfer).toMatchObject({ tx_preimage_hash_alg: 'keccak256' });
    const unbound = body({ tx_preimage_hash: undefined }).transfer;
    expect('tx_preimage_hash' in unbound || 'tx_preimage_hash_alg' in unbound).toBe(false);
  });

  it('the request refuses an unknown function and a function without a hash, naming the field', () => {
    for (const [overrides, field] of [
      [{ tx_preimage_hash_alg: 'sha3-256' }, 'tx_preimage_hash_alg'],
      [{ tx_preimage_hash: undefined, tx_preimage_hash_alg: 'keccak256' }, 'tx_preimage_hash_alg'],
    ] as const) {
      expect(() => sampleRequest(overrides)).toThrow(
        expect.objectContaining({ code: 'REQUEST_VALIDATION_FAILED', details: { fields: [expect.objectContaining({ field })] } }),
      );
    }
    expect(parseTransferRequest({ ...sampleRequest(), tx_preimage_hash_alg: 'keccak256' }).tx_preimage_hash_alg).toBe('keccak256');
    // the JSON Schema (OpenAPI) says it too
    expect(z.toJSONSchema(TransferRequestSchema, { io: 'input', unrepresentable: 'any' })).toMatchObject({
      properties: { tx_preimage_hash_alg: { enum: ['sha256', 'keccak256'] } },
      dependentRequired: { tx_preimage_hash_alg: ['tx_preimage_hash'] },
    });
  });

  it('the body schema refuses a function without a hash and accepts a hash without one (older PSAs)', () => {
    const b = body({});
    expect(PsaBodySchema.safeParse({ ...b, transfer: { ...b.transfer, tx_preimage_hash: undefined } }).success).toBe(false);
    const { tx_preimage_hash_alg: _omit, ...older } = b.transfer;
    expect(PsaBodySchema.safeParse({ ...b, transfer: older }).success).toBe(true);
  });

  it('verifyPsa checks expect.tx_preimage_hash_alg: the named function, sha256 when the body has none', () => {
    const at = new Date(T0.getTime() + 1000);
    const verify = (envelope: unknown, alg: 'sha256' | 'keccak256') =>
      verifyPsa(envelope, { validatorSet: q.signedSet, now: at, expect: { tx_preimage_hash: 'c'.repeat(64), tx_preimage_hash_alg: alg } });
    const keccak = issuePsa(q, sampleRequest({ tx_preimage_hash_alg: 'keccak256' }), T0).envelope;
    expect(verify(keccak, 'keccak256').valid).toBe(true);
    expect(verify(keccak, 'sha256')).toMatchObject({
      valid: false,
      check: 'preimage',
      code: 'PSA_PREIMAGE_MISMATCH',
      details: { field: 'tx_preimage_hash_alg' },
    });
    const sha = issuePsa(q, sampleRequest(), T0).envelope;
    expect(verify(sha, 'sha256').valid).toBe(true);
    expect(verify(sha, 'keccak256')).toMatchObject({ valid: false, code: 'PSA_PREIMAGE_MISMATCH' });
    const unbound = issuePsa(q, sampleRequest({ tx_preimage_hash: undefined }), T0).envelope;
    expect(verifyPsa(unbound, { validatorSet: q.signedSet, now: at, expect: { tx_preimage_hash_alg: 'sha256' } })).toMatchObject({
      valid: false,
      code: 'PSA_PREIMAGE_MISMATCH',
    });
  });
});
