import { createPublicKey, verify as rawNodeVerify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ml_dsa65 } from '@noble/post-quantum/ml-dsa.js';
import { describe, expect, it } from 'vitest';
import { isJilError } from '../errors/JilError.js';
import { availableMlDsaBackends } from './backends.js';
import { nobleSignExpanded } from './nobleBackend.js';
import { SPKI_PREFIX } from './nodeBackend.js';
import { BETA, GAMMA1, HINT_OFFSET, K, OMEGA, withHint, withZ } from './reference.testutil.js';
import { mlDsa65VerifyWith } from './verify.js';

// The README table "How the malformed inputs come out": each library called directly, and JIL (every available
// backend must give the JIL answer). V = true, X = false, T = throws. The node:crypto column is observed where
// node:crypto has ML-DSA-65 (Node.js 24, OpenSSL 3.5); elsewhere only the noble and JIL columns are checked.
const HAS_NODE = availableMlDsaBackends().includes('node');
const { publicKey, secretKey } = ml_dsa65.keygen(new Uint8Array(32).fill(7));
const message = new Uint8Array([0x6d]); // "m"
const signature = nobleSignExpanded(message, secretKey, new Uint8Array(0), new Uint8Array(32)); // deterministic
const y = signature.subarray(HINT_OFFSET);
const firstPoly = [...Array(K).keys()].find((i) => y[OMEGA + i]! - (i === 0 ? 0 : y[OMEGA + i - 1]!) >= 2)!;
const firstStart = firstPoly === 0 ? 0 : y[OMEGA + firstPoly - 1]!;

interface Case {
  signature: unknown;
  message: unknown;
  publicKey: unknown;
  context?: unknown;
}
const base: Case = { signature, message, publicKey };
const cases: Case[] = [
  base,
  { ...base, signature: withHint(signature, (h) => (h[OMEGA - 1] = 1)) },
  { ...base, signature: withHint(signature, (h) => h.set([h[firstStart + 1]!, h[firstStart]!], firstStart)) },
  {
    ...base,
    signature: withHint(signature, (h) => {
      const end = h[OMEGA + firstPoly]!;
      h.copyWithin(end + 1, end, h[OMEGA + K - 1]!);
      h[end] = h[end - 1]!;
      for (let i = firstPoly; i < K; i++) h[OMEGA + i]!++;
    }),
  },
  { ...base, signature: withHint(signature, (h) => (h[OMEGA + K - 1] = OMEGA + 1)) },
  { ...base, signature: withHint(signature, (h) => (h[OMEGA] = h[OMEGA + 1]! + 1)) },
  { ...base, signature: withZ(signature, 0, GAMMA1 - BETA) },
  { ...base, signature: withZ(signature, 0, -(GAMMA1 - BETA)) },
  { ...base, signature: Uint8Array.from(signature, (b, i) => (i === 0 ? b ^ 1 : b)) },
  { ...base, signature: signature.subarray(0, 3308) },
  { ...base, signature: Uint8Array.from([...signature, 0]) },
  { ...base, publicKey: publicKey.subarray(0, 1951) },
  { ...base, context: new Uint8Array(256) },
  { ...base, message: 'm' },
  { ...base, message: new DataView(message.buffer) },
  { ...base, signature: Buffer.from(signature), message: Buffer.from(message), publicKey: Buffer.from(publicKey) },
];

function outcome(fn: () => boolean): string {
  try {
    return fn() ? 'V' : 'X';
  } catch {
    return 'T';
  }
}

function rawNode(c: Case): string {
  return outcome(() => {
    const key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, c.publicKey as Uint8Array]), format: 'der', type: 'spki' });
    return rawNodeVerify(
      null,
      c.message as Uint8Array,
      c.context === undefined ? key : { key, context: c.context as Uint8Array },
      c.signature as Uint8Array,
    );
  });
}

function rawNoble(c: Case): string {
  const options = c.context === undefined ? {} : { context: c.context as Uint8Array };
  return outcome(() => ml_dsa65.verify(c.signature as Uint8Array, c.message as Uint8Array, c.publicKey as Uint8Array, options));
}

function jil(c: Case): string {
  const answers = availableMlDsaBackends().map((b) => {
    try {
      const options = c.context === undefined ? undefined : { context: c.context as Uint8Array };
      return mlDsa65VerifyWith(b, c.signature as Uint8Array, c.message as Uint8Array, c.publicKey as Uint8Array, options) ? 'V' : 'X';
    } catch (error) {
      return isJilError(error, 'INVALID_ARGUMENT') ? 'T' : `unexpected ${String(error)}`;
    }
  });
  expect(new Set(answers).size).toBe(1);
  return answers[0]!;
}

describe('README table: how the malformed ML-DSA-65 inputs come out', () => {
  it('the edited signature keeps its structure (a polynomial with ≥ 2 hints, a free hint slot)', () => {
    expect(firstPoly).toBeDefined();
    expect(y[OMEGA + K - 1]).toBeLessThan(OMEGA);
  });

  it('lists, for every case, node:crypto alone, noble alone and JIL (node = noble) as observed', () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
    const block = /<!-- mldsa-policy-table -->([\s\S]*?)<!-- \/mldsa-policy-table -->/.exec(readme)?.[1] ?? '';
    const rows = block
      .split('\n')
      .map((l) => l.split('|').map((cell) => cell.trim()))
      .filter((cells) => /^\d+$/.test(cells[1] ?? ''))
      .map((cells) => cells.slice(-4, -1) as [string, string, string]);
    expect(rows.length).toBe(cases.length);
    const observed = cases.map((c) => [HAS_NODE ? rawNode(c) : 'not run', rawNoble(c), jil(c)]);
    expect(rows.map(([node, noble, j]) => [HAS_NODE ? node : 'not run', noble, j])).toEqual(observed);
  });
});
