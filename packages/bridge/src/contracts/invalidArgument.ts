import { type FieldIssue, JilError } from '@jil/core';
import { isAddress, isError } from 'ethers';

/** `INVALID_ARGUMENT` listing every bad field (internal helper of the contract API). */
export function invalidArgument(fields: FieldIssue[], cause?: unknown): JilError {
  const message = `invalid ${fields.map((f) => f.field).join(', ')}`;
  return new JilError('INVALID_ARGUMENT', message, cause === undefined ? { details: { fields } } : { details: { fields }, cause });
}

/** The issues of `value` as a list of EVM addresses (empty when it is one). */
export function addressListIssues(field: string, value: unknown): FieldIssue[] {
  if (!Array.isArray(value)) return [{ field, message: 'must be an array of EVM addresses' }];
  const issues: FieldIssue[] = [];
  value.forEach((a, i) => {
    if (typeof a !== 'string' || !isAddress(a)) issues.push({ field: `${field}[${i}]`, message: 'must be an EVM address' });
  });
  return issues;
}

/**
 * Run an ethers typed-data operation (`signTypedData`, `TypedDataEncoder.hash`) on caller input: an ethers argument
 * error becomes `INVALID_ARGUMENT` naming `field`; any other failure (a remote signer that cannot be reached)
 * `BRIDGE_RPC_FAILED`.
 */
export async function typedDataCall<T>(field: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw typedDataError(field, e);
  }
}

/** Synchronous {@link typedDataCall}. */
export function typedDataCallSync<T>(field: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    throw typedDataError(field, e);
  }
}

function typedDataError(field: string, e: unknown): JilError {
  if (e instanceof JilError) return e;
  if (isError(e, 'INVALID_ARGUMENT') || isError(e, 'NUMERIC_FAULT') || e instanceof TypeError || e instanceof RangeError) {
    return invalidArgument([{ field, message: 'is not a valid EIP-712 value of its type' }], e);
  }
  return new JilError('BRIDGE_RPC_FAILED', 'the signer failed to sign', { cause: e });
}
