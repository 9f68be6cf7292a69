import { bytesToHex, hexToBytes } from '@jil/core';
import { describe, expect, it } from 'vitest';
import { readVector, zcashDir } from '../__fixtures__/vectors.js';
import { repairShareStep2 } from './repairShare.js';

/**
 * ZF `repair-share.json`: RTS step 2 (σ_j = Σ deltas, `scalar_generation`) and the sum step 3 performs
 * (share = Σ σ_j, `sigma_generation`). The full repair is exercised end to end in `repairShare.test.ts`.
 */
describe.each(['ed25519', 'ristretto255'] as const)('ZF repair-share vectors: %s', (suite) => {
  const v = readVector('frost-zcash', zcashDir(suite), 'repair-share.json');
  it('step 2: the sum of the random scalars', () => {
    const g = v.scalar_generation;
    expect(bytesToHex(repairShareStep2([g.random_scalar_1, g.random_scalar_2, g.random_scalar_3].map(hexToBytes), suite))).toBe(
      g.random_scalar_sum,
    );
  });
  it('step 3: the sum of the sigmas', () => {
    const g = v.sigma_generation;
    expect(bytesToHex(repairShareStep2([g.sigma_1, g.sigma_2, g.sigma_3, g.sigma_4].map(hexToBytes), suite))).toBe(g.sigma_sum);
  });
});
