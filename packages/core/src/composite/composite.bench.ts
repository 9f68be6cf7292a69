import { test } from 'vitest';
import { availableCompositeBackends } from './backends.js';
import { compositeCreateSigner } from './createSigner.js';
import { compositeGenerateKeyPair } from './generateKeyPair.js';
import { compositeSign, compositeSignWith } from './sign.js';
import { compositeVerifyWith } from './verify.js';

// Recorded, never asserted (vitest 5 `bench` fixture). Run: pnpm node24 vitest bench --run packages/core/src/composite
// The `crypto` section of `pnpm bench` (scripts/bench-crypto.ts) records the same figures in docs/benchmarks.md.
const { publicKey, secretKey } = compositeGenerateKeyPair();
const message = new Uint8Array(512).fill(7);
const context = new Uint8Array([0x4a, 0x49, 0x4c]);
const signature = compositeSign(message, secretKey, { context });
const backends = availableCompositeBackends();
const name = (b: string) => (b === 'node' ? 'node:crypto (both halves)' : 'noble (both halves)');

test('ML-DSA-65 + Ed25519 verify (512-byte message, 3-byte context)', async ({ bench }) => {
  await bench.compare(
    ...backends.map((b) =>
      bench(name(b), () => {
        compositeVerifyWith(b, signature, message, publicKey, { context });
      }),
    ),
  );
});

test('ML-DSA-65 + Ed25519 sign from the 64-byte secret key (keys imported on every call)', async ({ bench }) => {
  await bench.compare(
    ...backends.map((b) =>
      bench(name(b), () => {
        compositeSignWith(b, message, secretKey, { context });
      }),
    ),
  );
});

test('ML-DSA-65 + Ed25519 signer.sign (keys kept loaded, default backends)', async ({ bench }) => {
  const signer = compositeCreateSigner(secretKey);
  await bench('default backends', () => {
    signer.sign(message, { context });
  }).run();
});
