import { test } from 'vitest';
import { availableMlDsaBackends, mlDsaBackendImpl } from './backends.js';
import { mlDsa65CreateSigner } from './createSigner.js';
import { mlDsa65GenerateKeyPair } from './generateKeyPair.js';
import { mlDsa65Sign } from './sign.js';
import { mlDsa65VerifyWith } from './verify.js';

// Recorded, never asserted (vitest 5 `bench` fixture). Run: pnpm node24 vitest bench --run packages/core/src/mldsa
// The `crypto` section of `pnpm bench` (scripts/bench-crypto.ts) records the same figures in docs/benchmarks.md.
const { publicKey, secretKey } = mlDsa65GenerateKeyPair();
const message = new Uint8Array(512).fill(7);
const context = new Uint8Array([0x4a, 0x49, 0x4c]);
const signature = mlDsa65Sign(message, secretKey, { context });
const backends = availableMlDsaBackends();

test('ML-DSA-65 verify (512-byte message, 3-byte context)', async ({ bench }) => {
  await bench.compare(
    ...backends.map((b) =>
      bench(b === 'node' ? 'node:crypto' : '@noble/post-quantum', () => {
        mlDsa65VerifyWith(b, signature, message, publicKey, { context });
      }),
    ),
  );
});

test('ML-DSA-65 sign from the seed (key expanded on every call)', async ({ bench }) => {
  await bench.compare(
    ...backends.map((b) =>
      bench(b === 'node' ? 'node:crypto' : '@noble/post-quantum', () => {
        mlDsaBackendImpl(b).sign(message, secretKey, context);
      }),
    ),
  );
});

test('ML-DSA-65 signer.sign (key kept loaded, default backend)', async ({ bench }) => {
  const signer = mlDsa65CreateSigner(secretKey);
  await bench('default backend', () => {
    signer.sign(message, { context });
  }).run();
});
