import { decode } from '@ethereumjs/rlp';
import { getAddress, hexlify } from 'ethers';

/** A receipt as its consensus encoding states it (what a receipt inclusion proof proves). */
export interface DecodedReceipt {
  /** EIP-2718 transaction type (0 for legacy). */
  type: number;
  /** 1 (success) or 0 (failure). */
  status: number;
  cumulativeGasUsed: bigint;
  /** The logs in order: EIP-55 address, topics and data as lower-case 0x hex. */
  logs: { address: string; topics: string[]; data: string }[];
}

type Nested = Uint8Array | Nested[];

function isBytes(value: Nested | undefined, length?: number): value is Uint8Array {
  return value instanceof Uint8Array && (length === undefined || value.length === length);
}

function minimalInt(value: Nested | undefined): bigint | undefined {
  if (!isBytes(value) || value.length > 32 || value[0] === 0) return undefined;
  return value.length === 0 ? 0n : BigInt(hexlify(value));
}

/**
 * Decode a receipt's consensus encoding (EIP-2718: optional type byte, then `RLP([status, cumulativeGasUsed,
 * logsBloom, logs])`), strictly: canonical RLP, a post-Byzantium status of 0 or 1, a 256-byte bloom, 20-byte addresses
 * and 32-byte topics. Returns `undefined` for anything else (pre-Byzantium receipts included).
 */
export function decodeReceipt(encoded: Uint8Array): DecodedReceipt | undefined {
  const first = encoded[0];
  if (first === undefined) return undefined;
  const type = first <= 0x7f ? first : 0;
  let fields: Nested;
  try {
    fields = decode(first <= 0x7f ? encoded.subarray(1) : encoded) as Nested;
  } catch {
    return undefined;
  }
  if (!Array.isArray(fields) || fields.length !== 4) return undefined;
  const [statusField, gasField, bloom, logsField] = fields;
  const status = minimalInt(statusField);
  const cumulativeGasUsed = minimalInt(gasField);
  if (status === undefined || status > 1n || cumulativeGasUsed === undefined || !isBytes(bloom, 256) || !Array.isArray(logsField)) {
    return undefined;
  }
  const logs: DecodedReceipt['logs'] = [];
  for (const log of logsField) {
    if (!Array.isArray(log) || log.length !== 3) return undefined;
    const [address, topics, data] = log;
    if (!isBytes(address, 20) || !Array.isArray(topics) || !isBytes(data)) return undefined;
    if (!topics.every((t) => isBytes(t, 32))) return undefined;
    logs.push({ address: getAddress(hexlify(address)), topics: topics.map((t) => hexlify(t as Uint8Array)), data: hexlify(data) });
  }
  return { type, status: Number(status), cumulativeGasUsed, logs };
}
