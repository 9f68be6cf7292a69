import { readFileSync } from 'node:fs';
import { hexToBytes } from '@jil/core';
import { vectorPath } from '@jil/testkit';
import { randomBytes } from '@noble/hashes/utils.js';
import type { CiphersuiteId } from '../suite/Ciphersuite.js';

/** Read a JSON vector file from ../shared/vectors (never copied into the repo). */
export function readVector<T = any>(...parts: string[]): T {
  return JSON.parse(readFileSync(vectorPath(...parts), 'utf8')) as T;
}

/** ZF folder name of a suite. */
export const zcashDir = (suite: CiphersuiteId): string => `frost-${suite}`;
/** CFRG poc file of a suite. */
export const cfrgFile = (suite: CiphersuiteId): string => `frost-${suite}-sha512.json`;

/**
 * An RNG that first returns the given byte strings (each padded/truncated to the requested length), then real
 * randomness. `scalarInput(c)` encodes scalar c so that noble's `randomScalar` (mapHashToField: x mod (L−1) + 1)
 * yields exactly c.
 */
export function scriptedRng(queue: Uint8Array[]): (n?: number) => Uint8Array<ArrayBuffer> {
  return (n = 32) => {
    const next = queue.shift();
    if (next === undefined) return Uint8Array.from(randomBytes(n));
    const out = new Uint8Array(n);
    out.set(next.subarray(0, n));
    return out;
  };
}

/** 48-byte little-endian of c − 1 (see {@link scriptedRng}). */
export function scalarInput(hexScalarLE: string): Uint8Array {
  const b = hexToBytes(hexScalarLE);
  let n = 0n;
  for (let i = b.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(b[i]!);
  n -= 1n;
  const out = new Uint8Array(48);
  for (let i = 0; i < 48; i++) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}
