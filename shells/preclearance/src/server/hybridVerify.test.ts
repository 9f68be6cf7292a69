import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalBytes } from '@jil/core';
import { VERIFY_BODY_LIMIT_BYTES } from './routes/preclearance.js';
import { ENGINES, startTestServer, testTransfer, type TestServer } from './testing/testServer.js';

// A service whose validators are hybrid (composite ML-DSA-65 + Ed25519): its PSAs (≈ 68 KB) are over the service-wide
// 64 KiB body limit, and POST /v1/preclearance/verify takes them (its own limit, 256 KiB) — with the expected hash function.
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer(ENGINES[0]!, {}, { suite: 'hybrid' });
});
afterAll(async () => {
  await s?.close();
});

describe('POST /v1/preclearance/verify with a hybrid PSA', () => {
  it('takes a ≈ 68 KB hybrid PSA (over the 64 KiB service limit), checks it and its expected hash function; 256 KiB+ is 413', async () => {
    const hash = 'ab'.repeat(32);
    const issued = await s.call(
      'POST',
      '/v1/preclearance/validate',
      JSON.stringify(testTransfer({ tx_preimage_hash: hash, tx_preimage_hash_alg: 'keccak256' })),
    );
    expect(issued.status).toBe(201);
    const envelope = (issued.json as { envelope: Record<string, unknown> }).envelope;
    expect(canonicalBytes(envelope).length).toBeGreaterThan(65_536);
    const ok = await s.call(
      'POST',
      '/v1/preclearance/verify',
      JSON.stringify({ envelope, expect: { tx_preimage_hash: hash, tx_preimage_hash_alg: 'keccak256' } }),
    );
    expect([ok.status, (ok.json as { valid: boolean }).valid]).toEqual([200, true]);
    const otherAlg = await s.call(
      'POST',
      '/v1/preclearance/verify',
      JSON.stringify({ envelope, expect: { tx_preimage_hash: hash, tx_preimage_hash_alg: 'sha256' } }),
    );
    expect([
      otherAlg.status,
      (otherAlg.json as { valid: boolean; check: string }).valid,
      (otherAlg.json as { check: string }).check,
    ]).toEqual([200, false, 'preimage']);
    const tooBig = await s.call('POST', '/v1/preclearance/verify', JSON.stringify({ envelope, pad: 'x'.repeat(VERIFY_BODY_LIMIT_BYTES) }));
    expect([tooBig.status, (tooBig.json as { error?: { code: string } }).error?.code]).toEqual([413, 'REQUEST_TOO_LARGE']);
  });
});
