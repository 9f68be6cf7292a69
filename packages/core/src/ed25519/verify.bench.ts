import { test } from 'vitest';
import { generateKeyPair } from './generateKeyPair.js';
import { sign } from './sign.js';
import { verifyWith } from './verify.js';

// Recorded, never asserted (vitest 5 `bench` fixture). Run: pnpm node24 vitest bench --run packages/core/src/ed25519
const { publicKey, secretKey } = generateKeyPair();
const message = new Uint8Array(512).fill(7);
const signature = sign(message, secretKey);

test('Ed25519 verify (512-byte message)', async ({ bench }) => {
  await bench.compare(
    bench('node:crypto', () => {
      verifyWith('node', signature, message, publicKey);
    }),
    bench('@noble/ed25519', () => {
      verifyWith('noble', signature, message, publicKey);
    }),
  );
});

test('Ed25519 sign (512-byte message)', async ({ bench }) => {
  await bench('default backend', () => {
    sign(message, secretKey);
  }).run();
});
