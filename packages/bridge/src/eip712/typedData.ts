import type { TypedDataDomain, TypedDataField } from 'ethers';

/**
 * EIP-712 domain of the bridge contract (docs/bridge.md §Signed messages). `chainId` and `verifyingContract` make a
 * guardian signature valid on one chain and for one contract only; `name` and `version` are constants of the contract
 * (OpenZeppelin `EIP712("JIL Bridge", "1")`).
 */
export interface BridgeDomain {
  /** EIP-155 chain id of the chain the contract is deployed on (31337 for the local Hardhat node). */
  chainId: bigint;
  /** The bridge contract's address, EIP-55 checksummed or lower case. */
  verifyingContract: string;
}

/** `name` of the EIP-712 domain (`EIP712Domain.name`). */
export const BRIDGE_DOMAIN_NAME = 'JIL Bridge';
/** `version` of the EIP-712 domain (`EIP712Domain.version`). */
export const BRIDGE_DOMAIN_VERSION = '1';

/** The ethers `TypedDataDomain` of a {@link BridgeDomain}. */
export function typedDataDomain(domain: BridgeDomain): TypedDataDomain {
  return {
    name: BRIDGE_DOMAIN_NAME,
    version: BRIDGE_DOMAIN_VERSION,
    chainId: domain.chainId,
    verifyingContract: domain.verifyingContract,
  };
}

/**
 * The EIP-712 struct types guardians sign (docs/bridge.md §Signed messages). The Solidity type hashes in
 * `contracts/JilBridge.sol` are `keccak256` of exactly these encodings:
 * - `Release(bytes32 withdrawalId,address token,address recipient,uint256 amount,uint64 expiry,uint32 guardianSetVersion)`
 * - `RotateGuardians(uint32 currentVersion,uint32 newVersion,address[] guardians,uint16 threshold,uint64 expiry)`
 * - `SetHalted(bool halted,uint64 nonce,uint64 expiry,uint32 guardianSetVersion)`
 * - `DepositAttestation(bytes32 depositId,bytes32 txHash,uint32 logIndex,bytes32 blockHash,uint64 blockNumber,address token,` +
 *   `uint256 amount,address depositor,string jilAccount,uint32 guardianSetVersion)` (one encoding, no space at the break)
 *   (off-chain only: the ledger checks it; the contract never sees it).
 * `token` is the zero address for ETH.
 */
export const BRIDGE_TYPES = {
  Release: [
    { name: 'withdrawalId', type: 'bytes32' },
    { name: 'token', type: 'address' },
    { name: 'recipient', type: 'address' },
    { name: 'amount', type: 'uint256' },
    { name: 'expiry', type: 'uint64' },
    { name: 'guardianSetVersion', type: 'uint32' },
  ],
  RotateGuardians: [
    { name: 'currentVersion', type: 'uint32' },
    { name: 'newVersion', type: 'uint32' },
    { name: 'guardians', type: 'address[]' },
    { name: 'threshold', type: 'uint16' },
    { name: 'expiry', type: 'uint64' },
  ],
  SetHalted: [
    { name: 'halted', type: 'bool' },
    { name: 'nonce', type: 'uint64' },
    { name: 'expiry', type: 'uint64' },
    { name: 'guardianSetVersion', type: 'uint32' },
  ],
  DepositAttestation: [
    { name: 'depositId', type: 'bytes32' },
    { name: 'txHash', type: 'bytes32' },
    { name: 'logIndex', type: 'uint32' },
    { name: 'blockHash', type: 'bytes32' },
    { name: 'blockNumber', type: 'uint64' },
    { name: 'token', type: 'address' },
    { name: 'amount', type: 'uint256' },
    { name: 'depositor', type: 'address' },
    { name: 'jilAccount', type: 'string' },
    { name: 'guardianSetVersion', type: 'uint32' },
  ],
} as const satisfies Record<string, TypedDataField[]>;

/** A withdrawal the contract pays once: `release(withdrawalId, token, recipient, amount, expiry, signatures)`. */
export interface ReleaseMessage {
  /** 32-byte id chosen by the ledger (0x-prefixed hex); each id pays at most once. */
  withdrawalId: string;
  /** ERC-20 contract address, or the zero address for ETH. */
  token: string;
  recipient: string;
  /** In the token's smallest unit (wei for ETH). */
  amount: bigint;
  /** Unix seconds; the contract refuses the signatures after this time (`block.timestamp > expiry`). */
  expiry: bigint;
  guardianSetVersion: number;
}

/** A guardian-set rotation, signed by the threshold of the current set. */
export interface RotateGuardiansMessage {
  currentVersion: number;
  newVersion: number;
  /** EVM addresses of the new guardians, strictly ascending (as numbers), no zero address. */
  guardians: string[];
  threshold: number;
  expiry: bigint;
}

/** Emergency halt (`halted: true`) or resume, signed by the threshold of the current set. */
export interface SetHaltedMessage {
  halted: boolean;
  /** The contract's `haltNonce` at signing; each halt/resume message is usable once. */
  nonce: bigint;
  expiry: bigint;
  guardianSetVersion: number;
}

/** One `Deposit` event, as a validator attests it after checking it against its own view of the chain. */
export interface DepositAttestationMessage {
  /** The event's `depositId` (0x hex, 32 bytes). */
  depositId: string;
  txHash: string;
  /** The log's index in its block (`log.index` in ethers, `logIndex` in JSON-RPC). */
  logIndex: number;
  blockHash: string;
  blockNumber: bigint;
  token: string;
  amount: bigint;
  depositor: string;
  jilAccount: string;
  guardianSetVersion: number;
}
