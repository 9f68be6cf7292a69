import { checkAmount } from '../checks/checks.js';

/** The wrapping fee rate in basis points: 50 bp = 0.50 %. */
export const WRAP_FEE_BPS = 50n;

/**
 * The fee for wrapping `amount` (smallest unit): floor(amount × 50 / 10 000), i.e. 0.50 % rounded down, so
 * amounts below 200 units pay no fee (199 × 50 / 10 000 = 0.995 → 0) and 200 units pay 1.
 * @throws JilError `INVALID_ARGUMENT` unless `amount` is a bigint in 1 … 2^256 − 1.
 * @example
 * import { wrapFee } from '@jil/shell-ledger';
 * wrapFee(10_000n); // 50n
 */
export function wrapFee(amount: bigint): bigint {
  return (checkAmount(amount) * WRAP_FEE_BPS) / 10_000n;
}
