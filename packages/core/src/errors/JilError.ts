import type { ErrorCode } from './codes.js';

/** One offending input field, as reported by validation errors (`details.fields`). */
export interface FieldIssue {
  /** Dotted path of the field, e.g. `transfer.amount` or `destination.address`. */
  field: string;
  /** What is wrong with it, without echoing secrets. */
  message: string;
  /** Machine-readable sub-code, e.g. `invalid_type`, `address_checksum`. */
  issue?: string;
}

/** Options for {@link JilError}. */
export interface JilErrorOptions {
  /** Structured, secret-free context (field lists, check names, culprits). */
  details?: Record<string, unknown>;
  /** The underlying error, kept as the cause chain. */
  cause?: unknown;
}

/**
 * The single error base of JIL. `code` is from the closed list in `ERROR_CODES`
 * (documented in `docs/errors.md`); `message` is short and never contains secrets.
 *
 * @example
 * import { JilError } from '@jil/core';
 * throw new JilError('INVALID_ARGUMENT', 'publicKey must be 32 bytes', { details: { field: 'publicKey' } });
 */
export class JilError extends Error {
  override readonly name: string = 'JilError';
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: JilErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details ?? {};
  }

  /** A JSON-safe view: `{ code, message, details }` (no stack, no cause). */
  toJSON(): { code: ErrorCode; message: string; details: Record<string, unknown> } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/** Type guard for {@link JilError}, optionally of one code. */
export function isJilError(value: unknown, code?: ErrorCode): value is JilError {
  return value instanceof JilError && (code === undefined || value.code === code);
}
