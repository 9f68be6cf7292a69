import { JilError } from '@jil/core';

/**
 * Convert a non-negative decimal string to integer minor units (e.g. cents when `scale` is 2).
 * Money is never a float inside JIL: decimal strings at the edge, bigint minor units inside.
 * @param value decimal string such as `"1250.5"`.
 * @param scale number of fraction digits of the minor unit (2 for USD cents).
 * @throws JilError `INVALID_ARGUMENT` when `value` is not a plain decimal string or has more than `scale` decimals, or
 *   `scale` is not an integer 0–77 (`details.field`).
 * @example toMinorUnits('12.5', 2) // 1250n
 */
export function toMinorUnits(value: string, scale: number): bigint {
  requireScale(scale);
  const m = typeof value === 'string' ? /^(0|[1-9][0-9]*)(?:\.([0-9]+))?$/.exec(value) : null;
  if (!m) throw new JilError('INVALID_ARGUMENT', 'amount must be a non-negative decimal string');
  const frac = m[2] ?? '';
  if (frac.length > scale) throw new JilError('INVALID_ARGUMENT', `amount has more than ${scale} decimals`);
  return BigInt(m[1]! + frac.padEnd(scale, '0'));
}

/**
 * Format integer minor units as a decimal string with exactly `scale` fraction digits.
 * @throws JilError `INVALID_ARGUMENT` (`details.field`) when `units` is not a non-negative bigint or `scale` not an integer 0–77.
 * @example fromMinorUnits(1250n, 2) // "12.50"
 */
export function fromMinorUnits(units: bigint, scale: number): string {
  requireScale(scale);
  if (typeof units !== 'bigint' || units < 0n)
    throw new JilError('INVALID_ARGUMENT', 'minor units must be a non-negative bigint', { details: { field: 'units' } });
  const s = units.toString().padStart(scale + 1, '0');
  return scale === 0 ? s : `${s.slice(0, -scale)}.${s.slice(-scale)}`;
}

/**
 * The JIL pre-clearance fee: 25 basis points of the USD amount, at least 1 USD, rounded up to the cent.
 * @param amountUsdCents transfer amount in US cents.
 * @returns fee in US cents.
 * @throws JilError `INVALID_ARGUMENT` (`details.field`) when an argument is not a non-negative bigint.
 */
export function preclearanceFeeCents(amountUsdCents: bigint, bps = 25n, floorCents = 100n): bigint {
  for (const [field, v] of [
    ['amountUsdCents', amountUsdCents],
    ['bps', bps],
    ['floorCents', floorCents],
  ] as const) {
    if (typeof v !== 'bigint' || v < 0n)
      throw new JilError('INVALID_ARGUMENT', `${field} must be a non-negative bigint`, { details: { field } });
  }
  const fee = (amountUsdCents * bps + 9_999n) / 10_000n;
  return fee < floorCents ? floorCents : fee;
}

/** A scale is an integer number of fraction digits, 0–77 (a bigint's decimal string has no other limit; 77 digits exceed any use). */
function requireScale(scale: number): void {
  if (!Number.isSafeInteger(scale) || scale < 0 || scale > 77)
    throw new JilError('INVALID_ARGUMENT', 'scale must be an integer 0–77', { details: { field: 'scale' } });
}
