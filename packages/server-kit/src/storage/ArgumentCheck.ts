import { JilError, type FieldIssue } from '@jil/core';

/**
 * Collects every bad argument of one call, then throws once (`INVALID_ARGUMENT` with
 * `details.fields`). Messages name the field and the rule, never the value.
 */
export class ArgumentCheck {
  readonly #issues: FieldIssue[] = [];

  /** A non-empty string of at most `max` characters (default 256). */
  text(field: string, value: unknown, max = 256): this {
    if (typeof value !== 'string') this.#add(field, 'must be a string', 'invalid_type');
    else if (value.length === 0 || value.length > max) this.#add(field, `must have 1 to ${max} characters`, 'length');
    return this;
  }

  /** A safe integer ≥ `min` (default 0). */
  integer(field: string, value: unknown, min = 0): this {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) this.#add(field, 'must be a safe integer', 'invalid_type');
    else if (value < min) this.#add(field, `must be at least ${min}`, 'range');
    return this;
  }

  /** A valid `Date`. */
  date(field: string, value: unknown): this {
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) this.#add(field, 'must be a valid Date', 'invalid_type');
    return this;
  }

  /** A string matching `pattern`. */
  matches(field: string, value: unknown, pattern: RegExp, rule: string): this {
    if (typeof value !== 'string' || !pattern.test(value)) this.#add(field, `must be ${rule}`, 'format');
    return this;
  }

  /** A custom rule: adds an issue when `ok` is false. */
  rule(field: string, ok: boolean, message: string, issue = 'invalid'): this {
    if (!ok) this.#add(field, message, issue);
    return this;
  }

  /** @throws JilError `INVALID_ARGUMENT` listing every issue, when there is any. */
  done(operation: string): void {
    if (this.#issues.length === 0) return;
    throw new JilError('INVALID_ARGUMENT', `invalid arguments to ${operation}`, {
      details: { fields: [...this.#issues] },
    });
  }

  #add(field: string, message: string, issue: string): void {
    this.#issues.push({ field, message, issue });
  }
}
