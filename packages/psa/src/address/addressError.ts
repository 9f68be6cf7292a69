import { JilError } from '@jil/core';

/** Machine-readable reason an address was refused (`details.issue` of the `INVALID_ARGUMENT` error). */
export type AddressIssue = 'address_checksum' | 'address_format' | 'chain_unsupported';

/**
 * Build the `INVALID_ARGUMENT` error for a refused address. The message names the rule that failed and never
 * the request field (the schema adds the field path) nor the address itself.
 *
 * @param issue - `address_checksum`, `address_format` or `chain_unsupported`.
 * @param message - e.g. `address fails EIP-55 checksum`.
 * @returns a {@link JilError} with `details: { issue }`.
 * @example
 * import { addressError } from './addressError.js';
 * throw addressError('address_checksum', 'address fails EIP-55 checksum');
 */
export function addressError(issue: AddressIssue, message: string): JilError {
  return new JilError('INVALID_ARGUMENT', message, { details: { issue } });
}
