import type { FieldIssue } from '@jil/core';

/** RFC 3339 UTC timestamp with optional fraction: `2025-01-02T03:04:05Z`, `…05.678Z`. */
export const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;
/** An OCI content digest over SHA-256 (OCI image spec, descriptor.md §Digests). */
export const SHA256_DIGEST = /^sha256:[0-9a-f]{64}$/;
/** Identifiers chosen by operators: node ids, approver ids, image names. */
export const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** True for a plain object (`{}` or `Object.create(null)`), not an array, class instance or null. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Milliseconds of an RFC 3339 UTC timestamp, or `undefined` when it is not one. */
export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value !== 'string' || !RFC3339_UTC.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * Collects every bad field of one object (validation errors list every field, not the first).
 * Internal to `@jil/fleet`; messages name the rule, never the value.
 */
export class FieldCheck {
  readonly issues: FieldIssue[] = [];
  readonly #prefix: string;

  constructor(prefix = '') {
    this.#prefix = prefix;
  }

  /** Reports fields of `value` that are not in `allowed` (nothing authenticates unknown fields). */
  only(value: Record<string, unknown>, allowed: readonly string[]): this {
    for (const key of Object.keys(value)) if (!allowed.includes(key)) this.add(key, 'unknown field', 'unrecognized_key');
    return this;
  }

  /** A string matching `pattern` (default: any non-empty string of at most 512 characters). */
  text(field: string, value: unknown, pattern?: RegExp, rule = 'a non-empty string'): this {
    const ok = typeof value === 'string' && (pattern ? pattern.test(value) : value.length > 0 && value.length <= 512);
    if (!ok) this.add(field, `must be ${rule}`, typeof value === 'string' ? 'format' : 'invalid_type');
    return this;
  }

  /** A safe integer in `[min, max]`. */
  integer(field: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): this {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
      this.add(field, `must be an integer from ${min} to ${max}`, typeof value === 'number' ? 'range' : 'invalid_type');
    }
    return this;
  }

  /** An RFC 3339 UTC timestamp. */
  timestamp(field: string, value: unknown): this {
    if (parseTimestamp(value) === undefined) this.add(field, 'must be an RFC 3339 UTC timestamp', 'format');
    return this;
  }

  /** One of `values`. */
  oneOf(field: string, value: unknown, values: readonly string[]): this {
    if (typeof value !== 'string' || !values.includes(value)) this.add(field, `must be one of ${values.join(', ')}`, 'enum');
    return this;
  }

  /** Adds an issue when `ok` is false. */
  rule(field: string, ok: boolean, message: string, issue = 'invalid'): this {
    if (!ok) this.add(field, message, issue);
    return this;
  }

  /** Records one issue on `field` (prefixed with the check's prefix). */
  add(field: string, message: string, issue: string): void {
    this.issues.push({ field: this.#prefix === '' ? field : `${this.#prefix}.${field}`, message, issue });
  }
}
