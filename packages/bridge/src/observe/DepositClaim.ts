import { type FieldIssue, JilError } from '@jil/core';
import { check } from '../attest/messageIssues.js';
import type { ReceiptProof } from '../proof/buildReceiptProof.js';

/**
 * A deposit as the relayer claims it to the validators: one `Deposit` log of the bridge contract, where it is, what it
 * says, and the receipt inclusion proof of its transaction. Every validator re-checks it against its own RPC
 * (`observeDeposit`) before signing. JSON form: {@link encodeDepositClaim}.
 */
export interface DepositClaim {
  /** EIP-155 chain id. */
  chainId: bigint;
  /** The bridge contract (the log's emitter), EIP-55. */
  bridge: string;
  /** The event's `depositId` (0x hex, 32 bytes). */
  depositId: string;
  txHash: string;
  /** The log's block-level index (JSON-RPC `logIndex`). */
  logIndex: number;
  blockHash: string;
  blockNumber: bigint;
  /** ERC-20 address, or the zero address for ETH. */
  token: string;
  /** In the token's smallest unit (wei for ETH). */
  amount: bigint;
  depositor: string;
  jilAccount: string;
  proof: ReceiptProof;
}

/** A {@link DepositClaim} before its proof is built (`findDeposits`). */
export type UnprovenDepositClaim = Omit<DepositClaim, 'proof'>;

/** The JSON form of a {@link DepositClaim}: bigints as decimal strings, everything else as is. */
export interface DepositClaimJson {
  chainId: string;
  bridge: string;
  depositId: string;
  txHash: string;
  logIndex: number;
  blockHash: string;
  blockNumber: string;
  token: string;
  amount: string;
  depositor: string;
  jilAccount: string;
  proof: Omit<ReceiptProof, 'blockNumber'> & { blockNumber: string };
}

/**
 * The JSON-serialisable form of a claim (bigints as decimal strings), for the relayer to send to validators.
 * Inverse of {@link decodeDepositClaim}.
 * @throws JilError `INVALID_ARGUMENT` (details.fields) when the claim is malformed.
 * @example
 * import { encodeDepositClaim } from '@jil/bridge';
 * const body = JSON.stringify(encodeDepositClaim(claim));
 */
export function encodeDepositClaim(claim: DepositClaim): DepositClaimJson {
  const fields = depositClaimIssues(claim);
  if (fields.length > 0) throw new JilError('INVALID_ARGUMENT', 'malformed deposit claim', { details: { fields } });
  return {
    chainId: claim.chainId.toString(),
    bridge: claim.bridge,
    depositId: claim.depositId,
    txHash: claim.txHash,
    logIndex: claim.logIndex,
    blockHash: claim.blockHash,
    blockNumber: claim.blockNumber.toString(),
    token: claim.token,
    amount: claim.amount.toString(),
    depositor: claim.depositor,
    jilAccount: claim.jilAccount,
    proof: { ...claim.proof, blockNumber: claim.proof.blockNumber.toString(), nodes: [...claim.proof.nodes] },
  };
}

const DECIMAL = /^(0|[1-9][0-9]{0,77})$/;
const BIGINT_FIELDS = ['chainId', 'blockNumber', 'amount'] as const;
const CLAIM_KEYS = [
  'chainId',
  'bridge',
  'depositId',
  'txHash',
  'logIndex',
  'blockHash',
  'blockNumber',
  'token',
  'amount',
  'depositor',
  'jilAccount',
  'proof',
];
const PROOF_KEYS = ['blockHash', 'blockNumber', 'txIndex', 'receiptsRoot', 'receipt', 'nodes'];

function decimal(value: unknown): bigint | undefined {
  return typeof value === 'string' && DECIMAL.test(value) ? BigInt(value) : undefined;
}

/**
 * Parse the JSON form of a claim (a parsed value or the JSON text) and validate every field.
 * @returns The {@link DepositClaim}.
 * @throws JilError `INVALID_ARGUMENT` with every bad or unknown field in `details.fields`.
 * @see docs/bridge.md §Observation
 * @example
 * import { decodeDepositClaim, observeDeposit } from '@jil/bridge';
 * const message = await observeDeposit(config, decodeDepositClaim(await request.json()), 1);
 */
export function decodeDepositClaim(json: unknown): DepositClaim {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch {
      throw new JilError('INVALID_ARGUMENT', 'deposit claim is not JSON', {
        details: { fields: [{ field: 'claim', message: 'must be JSON' }] },
      });
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new JilError('INVALID_ARGUMENT', 'deposit claim must be an object', {
      details: { fields: [{ field: 'claim', message: 'must be an object' }] },
    });
  }
  const raw = value as Record<string, unknown>;
  const issues: FieldIssue[] = [];
  const converted: Record<string, unknown> = { ...raw };
  for (const name of BIGINT_FIELDS) converted[name] = decimal(raw[name]) ?? raw[name];
  const proof = raw['proof'];
  if (typeof proof === 'object' && proof !== null && !Array.isArray(proof)) {
    const p = proof as Record<string, unknown>;
    converted['proof'] = { ...p, blockNumber: decimal(p['blockNumber']) ?? p['blockNumber'] };
    for (const key of Object.keys(p))
      if (!PROOF_KEYS.includes(key)) issues.push({ field: `proof.${key}`, message: 'unknown field', issue: 'unknown_field' });
  }
  for (const key of Object.keys(raw))
    if (!CLAIM_KEYS.includes(key)) issues.push({ field: key, message: 'unknown field', issue: 'unknown_field' });
  issues.push(...depositClaimIssues(converted));
  if (issues.length > 0) throw new JilError('INVALID_ARGUMENT', 'malformed deposit claim', { details: { fields: issues } });
  return converted as unknown as DepositClaim;
}

/** Every malformed field of a {@link DepositClaim} (empty when well-formed). */
export function depositClaimIssues(claim: unknown): FieldIssue[] {
  if (typeof claim !== 'object' || claim === null) return [{ field: 'claim', message: 'must be an object', issue: 'invalid_type' }];
  const c = claim as Record<string, unknown>;
  const checks: Record<string, (v: unknown) => string | undefined> = {
    chainId: (v) => (typeof v === 'bigint' && v > 0n && v < 1n << 256n ? undefined : 'must be a positive integer (decimal string in JSON)'),
    bridge: check.address,
    depositId: check.bytes32,
    txHash: check.bytes32,
    logIndex: check.uint32,
    blockHash: check.bytes32,
    blockNumber: check.uint64,
    token: check.address,
    amount: check.uint256,
    depositor: check.address,
    jilAccount: check.jilAccount,
  };
  const issues: FieldIssue[] = [];
  for (const [name, fn] of Object.entries(checks)) {
    const message = fn(c[name]);
    if (message !== undefined) issues.push({ field: name, message, issue: 'invalid_value' });
  }
  const p = c['proof'];
  if (typeof p !== 'object' || p === null || Array.isArray(p)) {
    issues.push({ field: 'proof', message: 'must be an object', issue: 'invalid_type' });
    return issues;
  }
  const proof = p as Record<string, unknown>;
  const proofChecks: Record<string, (v: unknown) => string | undefined> = {
    blockHash: check.bytes32,
    blockNumber: check.uint64,
    txIndex: check.uint32,
    receiptsRoot: check.bytes32,
    receipt: (v) => (typeof v === 'string' && /^0x(?:[0-9a-fA-F]{2})+$/.test(v) ? undefined : 'must be non-empty 0x hex bytes'),
    nodes: (v) =>
      Array.isArray(v) && v.length > 0 && v.length <= 64 && v.every((n) => typeof n === 'string' && /^0x(?:[0-9a-fA-F]{2})+$/.test(n))
        ? undefined
        : 'must be 1 to 64 non-empty 0x hex strings',
  };
  for (const [name, fn] of Object.entries(proofChecks)) {
    const message = fn(proof[name]);
    if (message !== undefined) issues.push({ field: `proof.${name}`, message, issue: 'invalid_value' });
  }
  return issues;
}
