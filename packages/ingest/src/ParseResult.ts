/** What one parser produced from one file: rows, how many input rows it read, and what it skipped and why. */
export interface ParseResult<T> {
  rows: T[];
  /** Input rows read (lines, array items, object keys, XML entries). */
  input_rows: number;
  /** Skipped input rows by reason, e.g. `invalid_address`, `unmapped_labels`. */
  ignored: Record<string, number>;
}

/**
 * A new, empty {@link ParseResult}.
 *
 * @returns `{ rows: [], input_rows: 0, ignored: {} }`.
 * @example
 * import { emptyResult, countIgnored } from './ParseResult.js';
 * const result = emptyResult<string>();
 * countIgnored(result, 'invalid_address');
 */
export function emptyResult<T>(): ParseResult<T> {
  return { rows: [], input_rows: 0, ignored: {} };
}

/**
 * Count `n` skipped input rows under `reason`.
 *
 * @param result - the result to update (mutated; it is the parser's own accumulator).
 * @param reason - machine-readable reason.
 * @param n - how many, default 1.
 * @example
 * import { emptyResult, countIgnored } from './ParseResult.js';
 * countIgnored(emptyResult(), 'duplicate', 2);
 */
export function countIgnored(result: { ignored: Record<string, number> }, reason: string, n = 1): void {
  result.ignored[reason] = (result.ignored[reason] ?? 0) + n;
}
