/** A non-negative decimal string without sign or exponent (`"1.5"`, `"0.000000000000000001"`). */
const DECIMAL = /^(0|[1-9][0-9]*)(\.[0-9]+)?$/;

/**
 * Parse a decimal amount string (Fireblocks `amountStr`, `amountNativeStr`) into integer base units (wei for 18
 * decimals), exactly: no float on the way. Trailing fraction zeros are allowed; more significant fraction digits than
 * `decimals` are refused (the amount is not representable on chain).
 *
 * @param amount - Decimal string such as `"1.5"`.
 * @param decimals - Fraction digits of the asset (18 for ETH).
 * @returns Base units, or `undefined` when `amount` is not such a string or has too many fraction digits.
 * @example
 * parseNativeAmount('1.5', 18); // 1500000000000000000n
 */
export function parseNativeAmount(amount: unknown, decimals: number): bigint | undefined {
  if (typeof amount !== 'string' || amount.length > 100) return undefined;
  const m = DECIMAL.exec(amount);
  if (!m?.[1]) return undefined;
  const fraction = (m[2] ?? '.').slice(1).replace(/0+$/, '');
  if (fraction.length > decimals) return undefined;
  return BigInt(m[1]) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0');
}

/**
 * Format integer base units as the shortest decimal string (`1500000000000000000n`, 18 → `"1.5"`); the inverse of
 * {@link parseNativeAmount} on its canonical outputs.
 * @example
 * formatNativeAmount(1n, 18); // "0.000000000000000001"
 */
export function formatNativeAmount(units: bigint, decimals: number): string {
  if (units < 0n) throw new RangeError('units must be non-negative');
  const base = 10n ** BigInt(decimals);
  const whole = (units / base).toString();
  const fraction = (units % base).toString().padStart(decimals, '0').replace(/0+$/, '');
  return fraction.length === 0 ? whole : `${whole}.${fraction}`;
}
