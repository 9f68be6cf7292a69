import { int8ToNumber, toDate } from '@jil/server-kit';

/** ISO string of a timestamptz column, `null` for NULL. */
export function iso(value: unknown): string | null {
  return value === null || value === undefined ? null : toDate(value).toISOString();
}

/** A JSON text column parsed, `fallback` for NULL. */
export function json<T>(value: unknown, fallback: T): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : fallback;
}

/** An int8/int4 column as a number. */
export function num(value: unknown): number {
  return int8ToNumber(value);
}
