import { JilError } from '@jil/core';
import type { BridgedAsset } from '../assets/AssetRegistry.js';
import { checkAddress, checkAmount, checkHash32, checkJilAccount, checkRecord, checkUint, checkUint32 } from '../checks/checks.js';

/** One `Deposit` event of the bridge contract, as the relayer hands it to the ledger after a quorum attested it. */
export interface BridgeDeposit {
  /** EIP-155 chain id. */
  chainId: bigint;
  /** The bridge contract's address. */
  bridge: string;
  /** The event's deposit id (0x, 32 bytes). */
  depositId: string;
  /** The deposit transaction's hash (0x, 32 bytes). */
  txHash: string;
  /** The log's index in its block. */
  logIndex: number;
  /** The hash of the block holding the deposit (0x, 32 bytes): the guardians sign it. */
  blockHash: string;
  blockNumber: bigint;
  /** ERC-20 address, or the zero address for ETH. */
  token: string;
  /** Smallest unit (wei for ETH), 1 … 2^256 − 1. */
  amount: bigint;
  /** The EVM address that deposited. */
  depositor: string;
  /** The JIL account to credit (`user:<jilAccount>`). */
  jilAccount: string;
}

/** The quorum's signatures over a deposit (checked by the injected {@link AttestationVerifier}). */
export interface DepositAttestation {
  signatures: string[];
  guardianSetVersion: number;
}

/**
 * Checks that the guardian quorum attested the deposit (the lead wires `@jil/bridge`'s `verifyDepositQuorum`).
 * Resolves when the quorum is met; rejects with a JilError `BRIDGE_*` (e.g. `BRIDGE_QUORUM_NOT_MET`) otherwise.
 */
export type AttestationVerifier = (deposit: BridgeDeposit, attestation: DepositAttestation) => Promise<void>;

/** What the compliance gate is asked about a deposit (a `deposit_credit` PSA on the depositor and the amount). */
export interface DepositScreenRequest {
  chainId: bigint;
  txHash: string;
  logIndex: number;
  depositor: string;
  token: string;
  amount: bigint;
  jilAccount: string;
  /** The bridged asset the deposit would credit. */
  asset: BridgedAsset;
}

/** The compliance gate's answer: the verdict and the signed PSA it rests on. */
export interface DepositScreenResult {
  verdict: 'pass' | 'flag' | 'fail';
  psaId: string;
  /** The signed PSA envelope (JSON), kept with the deposit. */
  psa: unknown;
  reasons: string[];
}

/** Pre-clearance in front of every credit (the lead wires a `deposit_credit` PSA request). */
export interface ComplianceGate {
  screenDeposit(request: DepositScreenRequest): Promise<DepositScreenResult>;
}

/** A deposit's idempotency key: (chain id, tx hash, log index). */
export interface DepositKey {
  chainId: bigint;
  txHash: string;
  logIndex: number;
}

/**
 * The key as text: `<chainId>:<txHash>:<logIndex>` (tx hash in lower case); audit rows (`deposit_key`) and journal
 * references (`deposit:<key>`) use it.
 * @example
 * import { depositKeyText } from '@jil/shell-ledger';
 * depositKeyText({ chainId: 31337n, txHash: '0xAB…', logIndex: 0 }); // '31337:0xab…:0'
 */
export const depositKeyText = (key: DepositKey): string => `${key.chainId}:${key.txHash.toLowerCase()}:${key.logIndex}`;

/**
 * Validates a deposit and returns it normalized (addresses and hashes in lower case).
 * @throws JilError `INVALID_ARGUMENT` naming the first bad field (amount 0 included).
 */
export function checkDeposit(value: unknown): BridgeDeposit {
  const d = checkRecord(value, 'deposit');
  return {
    chainId: checkUint(d['chainId'], 'deposit.chainId'),
    bridge: checkAddress(d['bridge'], 'deposit.bridge'),
    depositId: checkHash32(d['depositId'], 'deposit.depositId'),
    txHash: checkHash32(d['txHash'], 'deposit.txHash'),
    logIndex: checkUint32(d['logIndex'], 'deposit.logIndex'),
    blockHash: checkHash32(d['blockHash'], 'deposit.blockHash'),
    blockNumber: checkUint(d['blockNumber'], 'deposit.blockNumber'),
    token: checkAddress(d['token'], 'deposit.token'),
    amount: checkAmount(d['amount'], 'deposit.amount'),
    depositor: checkAddress(d['depositor'], 'deposit.depositor'),
    jilAccount: checkJilAccount(d['jilAccount'], 'deposit.jilAccount'),
  };
}

/** Validates a deposit key. @throws JilError `INVALID_ARGUMENT`. */
export function checkDepositKey(value: unknown): DepositKey {
  const k = checkRecord(value, 'key');
  return {
    chainId: checkUint(k['chainId'], 'key.chainId'),
    txHash: checkHash32(k['txHash'], 'key.txHash'),
    logIndex: checkUint32(k['logIndex'], 'key.logIndex'),
  };
}

/** Validates the attestation's shape (the verifier checks the signatures). @throws JilError `INVALID_ARGUMENT`. */
export function checkAttestation(value: unknown): DepositAttestation {
  const a = checkRecord(value, 'attestation');
  const signatures = a['signatures'];
  if (!Array.isArray(signatures) || !signatures.every((s) => typeof s === 'string')) {
    throw new JilError('INVALID_ARGUMENT', 'attestation.signatures must be an array of strings', {
      details: { field: 'attestation.signatures' },
    });
  }
  return {
    signatures: [...signatures] as string[],
    guardianSetVersion: checkUint32(a['guardianSetVersion'], 'attestation.guardianSetVersion'),
  };
}

/** The first field in which two deposits with the same key differ, or undefined when their terms are identical. */
export function differingField(a: BridgeDeposit, b: BridgeDeposit): keyof BridgeDeposit | undefined {
  const fields: (keyof BridgeDeposit)[] = [
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
  ];
  return fields.find((f) => a[f] !== b[f]);
}
