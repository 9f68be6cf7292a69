import { type FieldIssue, JilError } from '@jil/core';
import { getAddress, isAddress } from 'ethers';

/**
 * A guardian set: the validators' secp256k1 EVM addresses whose EIP-712 signatures count, the number needed, and the
 * version it carries (the same versioning as the validator set; the contract's `guardianSetVersion`).
 */
export interface GuardianSet {
  /** uint32; signed messages name it (`guardianSetVersion`). */
  version: number;
  /** Distinct guardian signatures needed, 1 ≤ threshold ≤ guardians.length (14 of 20 in production). */
  threshold: number;
  /** EIP-55 addresses, distinct. */
  guardians: string[];
}

/**
 * Check a {@link GuardianSet} and return its guardians as EIP-55 addresses.
 * @throws JilError `INVALID_ARGUMENT` with every bad field in `details.fields`.
 * @see docs/bridge.md §Guardian set
 * @example
 * const guardians = checkedGuardians({ version: 1, threshold: 14, guardians: addresses });
 */
export function checkedGuardians(set: GuardianSet, prefix = 'set'): string[] {
  const issues: FieldIssue[] = [];
  if (typeof set !== 'object' || set === null) {
    throw new JilError('INVALID_ARGUMENT', 'guardian set must be an object', {
      details: { fields: [{ field: prefix, message: 'must be an object' }] },
    });
  }
  const { version, threshold, guardians } = set;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0 || version > 0xffffffff) {
    issues.push({ field: `${prefix}.version`, message: 'must be an integer in [0, 2^32)' });
  }
  const list = Array.isArray(guardians) ? guardians : [];
  if (!Array.isArray(guardians) || guardians.length === 0)
    issues.push({ field: `${prefix}.guardians`, message: 'must be a non-empty array' });
  const out: string[] = [];
  for (const [i, g] of list.entries()) {
    if (typeof g !== 'string' || !isAddress(g)) issues.push({ field: `${prefix}.guardians[${i}]`, message: 'must be an EVM address' });
    else if (out.includes(getAddress(g))) issues.push({ field: `${prefix}.guardians[${i}]`, message: 'repeats a guardian' });
    else out.push(getAddress(g));
  }
  if (typeof threshold !== 'number' || !Number.isInteger(threshold) || threshold < 1 || threshold > list.length) {
    issues.push({ field: `${prefix}.threshold`, message: 'must be an integer in [1, guardians.length]' });
  }
  if (issues.length > 0) throw new JilError('INVALID_ARGUMENT', 'invalid guardian set', { details: { fields: issues } });
  return out;
}
