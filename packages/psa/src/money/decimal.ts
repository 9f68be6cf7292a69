import { JilError } from '@jil/core';

/**
 * Convert a non-negative decimal string to integer minor units (e.g. cents when `scale` is 2).
 * Money is never a float inside JIL: decimal strings at the edge, bigint minor units inside.
 * @param value decimal string such as `"1250.5"`.
 * @param scale number of fraction digits of the minor unit (2 for USD cents).
 * @throws JilError `INVALID_ARGUMENT` when `value` is not a plain decimal or has more than `scale` decimals.
 * @example toMinorUnits('12.5', 2) // 1250n
 */
export function toMinorUnits(value: string, scale: number): bigint {
  const m = /^(0|[1-9][0-9]*)(?:\.([0-9]+))?$/.exec(value);
  if (!m) throw new JilError('INVALID_ARGUMENT', 'amount must be a non-negative decimal string');
  const frac = m[2] ?? '';
  if (frac.length > scale) throw new JilError('INVALID_ARGUMENT', `amount has more than ${scale} decimals`);
  return BigInt(m[1]! + frac.padEnd(scale, '0'));
}

/**
 * Format integer minor units as a decimal string with exactly `scale` fraction digits.
 * @example fromMinorUnits(1250n, 2) // "12.50"
 */
export function fromMinorUnits(units: bigint, scale: number): string {
  if (units < 0n) throw new JilError('INVALID_ARGUMENT', 'minor units must be non-negative');
  const s = units.toString().padStart(scale + 1, '0');
  return scale === 0 ? s : `${s.slice(0, -scale)}.${s.slice(-scale)}`;
}

/**
 * The JIL pre-clearance fee: 25 basis points of the USD amount, at least 1 USD, rounded up to the cent.
 * @param amountUsdCents transfer amount in US cents.
 * @returns fee in US cents.
 */
export function preclearanceFeeCents(amountUsdCents: bigint, bps = 25n, floorCents = 100n): bigint {
  const fee = (amountUsdCents * bps + 9_999n) / 10_000n;
  return fee < floorCents ? floorCents : fee;
}
