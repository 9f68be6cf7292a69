import { JilError, isJilError } from '@jil/core';

/** A driver error without the fields (`detail`, `where`, …) that may echo row values. */
interface DriverErrorShape {
  code?: unknown;
  constraint?: unknown;
  table?: unknown;
  message?: unknown;
}

/**
 * Wraps a driver error as `JilError('STORAGE_ERROR')`. Keeps only the SQLSTATE, constraint and
 * table names; drops `detail` and `where`, which can contain row values such as secrets or nonces.
 * A `JilError` passes through unchanged.
 *
 * @param operation - What was attempted, e.g. `query`, `transaction`, `open`.
 * @param error - Whatever the driver threw.
 */
export function storageError(operation: string, error: unknown): JilError {
  if (isJilError(error)) return error;
  const shape: DriverErrorShape = typeof error === 'object' && error !== null ? error : {};
  const details: Record<string, unknown> = { operation };
  if (typeof shape.code === 'string') details['sqlstate'] = shape.code;
  if (typeof shape.constraint === 'string') details['constraint'] = shape.constraint;
  if (typeof shape.table === 'string') details['table'] = shape.table;
  const cause = new Error(typeof shape.message === 'string' ? shape.message : String(error));
  if (typeof shape.code === 'string') Object.assign(cause, { code: shape.code });
  return new JilError('STORAGE_ERROR', `database ${operation} failed`, { details, cause });
}

/** SQLSTATE of a `STORAGE_ERROR`, when the engine reported one (e.g. `23505` unique violation). */
export function sqlstateOf(error: unknown): string | undefined {
  if (!isJilError(error, 'STORAGE_ERROR')) return undefined;
  const state = error.details['sqlstate'];
  return typeof state === 'string' ? state : undefined;
}
