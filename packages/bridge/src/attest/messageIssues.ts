import type { FieldIssue } from '@jil/core';
import { isAddress } from 'ethers';

const BYTES32 = /^0x[0-9a-fA-F]{64}$/;
const UINT32_MAX = 0xffffffff;
const UINT64_MAX = (1n << 64n) - 1n;
const UINT256_MAX = (1n << 256n) - 1n;
/** Longest `jilAccount` accepted, in UTF-16 code units (an account id, not a document). */
export const MAX_JIL_ACCOUNT_LENGTH = 256;

/** Field-by-field checkers for the EIP-712 types the bridge signs; each returns an issue message or undefined. */
export const check = {
  bytes32: (v: unknown) => (typeof v === 'string' && BYTES32.test(v) ? undefined : 'must be 32 bytes of 0x hex'),
  address: (v: unknown) => (typeof v === 'string' && isAddress(v) ? undefined : 'must be an EVM address (EIP-55 or lower case)'),
  uint32: (v: unknown) =>
    typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= UINT32_MAX ? undefined : 'must be an integer in [0, 2^32)',
  uint64: (v: unknown) => (typeof v === 'bigint' && v >= 0n && v <= UINT64_MAX ? undefined : 'must be a bigint in [0, 2^64)'),
  uint256: (v: unknown) => (typeof v === 'bigint' && v >= 0n && v <= UINT256_MAX ? undefined : 'must be a bigint in [0, 2^256)'),
  jilAccount: (v: unknown) =>
    typeof v === 'string' && v.length > 0 && v.length <= MAX_JIL_ACCOUNT_LENGTH && !/\p{Cs}/u.test(v)
      ? undefined
      : `must be a non-empty well-formed string of at most ${MAX_JIL_ACCOUNT_LENGTH} characters`,
} as const;

function collect(prefix: string, value: unknown, checks: Record<string, (v: unknown) => string | undefined>): FieldIssue[] {
  if (typeof value !== 'object' || value === null) return [{ field: prefix, message: 'must be an object', issue: 'invalid_type' }];
  const issues: FieldIssue[] = [];
  for (const [name, fn] of Object.entries(checks)) {
    const message = fn((value as Record<string, unknown>)[name]);
    if (message !== undefined) issues.push({ field: `${prefix}.${name}`, message, issue: 'invalid_value' });
  }
  return issues;
}

/** Every malformed field of a `DepositAttestationMessage` (empty when it can be signed). */
export function depositAttestationIssues(msg: unknown, prefix = 'msg'): FieldIssue[] {
  return collect(prefix, msg, {
    depositId: check.bytes32,
    txHash: check.bytes32,
    logIndex: check.uint32,
    blockHash: check.bytes32,
    blockNumber: check.uint64,
    token: check.address,
    amount: check.uint256,
    depositor: check.address,
    jilAccount: check.jilAccount,
    guardianSetVersion: check.uint32,
  });
}

/** Every malformed field of a `BridgeDomain`. */
export function domainIssues(domain: unknown, prefix = 'domain'): FieldIssue[] {
  return collect(prefix, domain, {
    chainId: (v) => (typeof v === 'bigint' && v > 0n && v < 1n << 256n ? undefined : 'must be a positive bigint'),
    verifyingContract: check.address,
  });
}
