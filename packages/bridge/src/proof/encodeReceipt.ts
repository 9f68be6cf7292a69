import { encode } from '@ethereumjs/rlp';
import { JilError } from '@jil/core';
import { getBytes, isHexString } from 'ethers';

/** A quantity as JSON-RPC (`0x` hex) or ethers (`number`, `bigint`) gives it. */
export type RpcQuantity = string | number | bigint;

/** One log of a receipt: the emitting contract, its topics and its data (0x hex). */
export interface RpcLog {
  address: string;
  topics: readonly string[];
  data: string;
}

/**
 * The consensus fields of a transaction receipt, as `eth_getTransactionReceipt` returns them (hex quantities) or as an
 * ethers `TransactionReceipt` holds them (numbers and bigints). Extra fields are ignored.
 */
export interface RpcReceipt {
  /** EIP-2718 transaction type; absent or 0 for a legacy transaction. */
  type?: RpcQuantity | null;
  /** 1 (success) or 0 (failure), post-Byzantium (EIP-658). */
  status?: RpcQuantity | null;
  /** The post-transaction state root of a pre-Byzantium receipt (32 bytes), used when `status` is absent. */
  root?: string | null;
  cumulativeGasUsed: RpcQuantity;
  /** 256-byte bloom filter, 0x hex. */
  logsBloom: string;
  logs: readonly RpcLog[];
}

function quantity(value: unknown, field: string): bigint {
  try {
    if (typeof value === 'bigint') {
      if (value >= 0n) return value;
    } else if (typeof value === 'number') {
      if (Number.isSafeInteger(value) && value >= 0) return BigInt(value);
    } else if (typeof value === 'string' && /^0x[0-9a-fA-F]{1,64}$/.test(value)) {
      return BigInt(value);
    }
  } catch {
    // reported below
  }
  throw new JilError('INVALID_ARGUMENT', `receipt.${field} must be a non-negative quantity`, { details: { field: `receipt.${field}` } });
}

function bytes(value: unknown, field: string, length?: number): Uint8Array {
  if (typeof value !== 'string' || !isHexString(value) || (length !== undefined && value.length !== 2 + 2 * length)) {
    const what = length === undefined ? '0x hex bytes' : `${length} bytes of 0x hex`;
    throw new JilError('INVALID_ARGUMENT', `receipt.${field} must be ${what}`, { details: { field: `receipt.${field}` } });
  }
  return getBytes(value);
}

/**
 * The consensus encoding of a transaction receipt (EIP-2718, Yellow Paper §4.3.1): for a legacy transaction
 * `RLP([status, cumulativeGasUsed, logsBloom, logs])`, for a typed one the type byte followed by that RLP; each log is
 * `[address, [topics...], data]`. The leaf value of the block's receipts trie at key `RLP(transactionIndex)`.
 *
 * @param receipt The receipt as JSON-RPC or ethers returns it ({@link RpcReceipt}).
 * @returns The encoded receipt.
 * @throws JilError `INVALID_ARGUMENT` (`details.field`) when a field is missing or malformed.
 * @example
 * import { encodeReceipt } from '@jil/bridge';
 * const raw = await provider.send('eth_getTransactionReceipt', [txHash]);
 * const leaf = encodeReceipt(raw);
 */
export function encodeReceipt(receipt: RpcReceipt): Uint8Array {
  if (typeof receipt !== 'object' || receipt === null) {
    throw new JilError('INVALID_ARGUMENT', 'receipt must be an object', { details: { field: 'receipt' } });
  }
  const type = receipt.type === undefined || receipt.type === null ? 0n : quantity(receipt.type, 'type');
  if (type > 0x7fn)
    throw new JilError('INVALID_ARGUMENT', 'receipt.type must be at most 0x7f (EIP-2718)', { details: { field: 'receipt.type' } });
  let status: bigint | Uint8Array;
  if (receipt.status !== undefined && receipt.status !== null) {
    status = quantity(receipt.status, 'status');
    if (status > 1n) throw new JilError('INVALID_ARGUMENT', 'receipt.status must be 0 or 1', { details: { field: 'receipt.status' } });
  } else {
    status = bytes(receipt.root, 'root', 32);
  }
  if (!Array.isArray(receipt.logs))
    throw new JilError('INVALID_ARGUMENT', 'receipt.logs must be an array', { details: { field: 'receipt.logs' } });
  const logs = (receipt.logs as readonly RpcLog[]).map((log, i) => {
    if (typeof log !== 'object' || log === null || !Array.isArray(log.topics)) {
      throw new JilError('INVALID_ARGUMENT', `receipt.logs[${i}] must be a log`, { details: { field: `receipt.logs[${i}]` } });
    }
    return [
      bytes(log.address, `logs[${i}].address`, 20),
      log.topics.map((t, j) => bytes(t, `logs[${i}].topics[${j}]`, 32)),
      bytes(log.data, `logs[${i}].data`),
    ];
  });
  const body = encode([status, quantity(receipt.cumulativeGasUsed, 'cumulativeGasUsed'), bytes(receipt.logsBloom, 'logsBloom', 256), logs]);
  if (type === 0n) return body;
  const out = new Uint8Array(body.length + 1);
  out[0] = Number(type);
  out.set(body, 1);
  return out;
}
