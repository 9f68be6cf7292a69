import { JilError } from '@jil/core';

/** 2^256 − 1: the largest amount a uint256 holds, and so the largest the ledger accepts. */
export const MAX_AMOUNT: bigint = (1n << 256n) - 1n;

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const HASH32 = /^0x[0-9a-fA-F]{64}$/;
/** A JIL account name: 1–128 printable ASCII characters, no space. */
const JIL_ACCOUNT = /^[\x21-\x7e]{1,128}$/;

const bad = (field: string, message: string): JilError =>
  new JilError('INVALID_ARGUMENT', `${field} ${message}`, { details: { field, fields: [{ field, message }] } });

/** An amount in the smallest unit: a bigint in 1 … 2^256 − 1. @throws JilError INVALID_ARGUMENT otherwise. */
export function checkAmount(value: unknown, field = 'amount'): bigint {
  if (typeof value !== 'bigint') throw bad(field, 'must be a bigint');
  if (value <= 0n) throw bad(field, 'must be positive');
  if (value > MAX_AMOUNT) throw bad(field, 'must be at most 2^256 - 1');
  return value;
}

/** A non-negative bigint below 2^256 (chain id, block number). @throws JilError INVALID_ARGUMENT otherwise. */
export function checkUint(value: unknown, field: string): bigint {
  if (typeof value !== 'bigint' || value < 0n || value > MAX_AMOUNT) throw bad(field, 'must be a bigint in 0 … 2^256 - 1');
  return value;
}

/** A 20-byte EVM address, returned in lower case. @throws JilError INVALID_ARGUMENT otherwise. */
export function checkAddress(value: unknown, field: string): string {
  if (typeof value !== 'string' || !ADDRESS.test(value)) throw bad(field, 'must be a 0x-prefixed 20-byte hex address');
  return value.toLowerCase();
}

/** A 32-byte hex value (tx hash, deposit id), returned in lower case. @throws JilError INVALID_ARGUMENT otherwise. */
export function checkHash32(value: unknown, field: string): string {
  if (typeof value !== 'string' || !HASH32.test(value)) throw bad(field, 'must be 0x-prefixed 32-byte hex');
  return value.toLowerCase();
}

/** A log index or guardian-set version: an integer in 0 … 2^32 − 1. @throws JilError INVALID_ARGUMENT otherwise. */
export function checkUint32(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw bad(field, 'must be an integer in 0 … 2^32 - 1');
  }
  return value;
}

/** A JIL account name (1–128 printable ASCII characters, no space). @throws JilError INVALID_ARGUMENT otherwise. */
export function checkJilAccount(value: unknown, field = 'jilAccount'): string {
  if (typeof value !== 'string' || !JIL_ACCOUNT.test(value)) throw bad(field, 'must be 1-128 printable ASCII characters without space');
  return value;
}

/** A non-empty string of at most `max` characters. @throws JilError INVALID_ARGUMENT otherwise. */
export function checkText(value: unknown, field: string, max = 1000): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max)
    throw bad(field, `must be a non-empty string of at most ${max} characters`);
  return value;
}

/** A plain object (not null, not an array). @throws JilError INVALID_ARGUMENT otherwise. */
export function checkRecord(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad(field, 'must be an object');
  return value as Record<string, unknown>;
}

/** A NUMERIC column read as text (the queries cast with `::text`), as a bigint. */
export function numericToBigInt(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  throw new JilError('INTERNAL', 'a NUMERIC column did not read back as an integer');
}
