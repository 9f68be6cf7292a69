import { JilError } from '@jil/core';
import { getAddress, isHexString, keccak256 } from 'ethers';
import { encode } from '@ethereumjs/rlp';
import type { RpcReceipt } from './encodeReceipt.js';

/**
 * The one method of an EVM JSON-RPC client the bridge's proof and observation code uses (an ethers
 * `JsonRpcProvider` has it). Build ethers providers with `{ staticNetwork: true }` (or a `Network`) so an unreachable
 * endpoint fails a call instead of waiting for the network to be detected.
 */
export interface JsonRpcSender {
  send(method: string, params: unknown[]): Promise<unknown>;
}

/** Call `method` and return its result; any failure (transport, JSON-RPC error, null result) is BRIDGE_RPC_FAILED. */
export async function rpcCall(provider: JsonRpcSender, method: string, params: unknown[]): Promise<unknown> {
  let result: unknown;
  try {
    result = await provider.send(method, params);
  } catch (cause) {
    throw new JilError('BRIDGE_RPC_FAILED', `${method} failed`, { details: { method }, cause });
  }
  if (result === null || result === undefined) {
    throw new JilError('BRIDGE_RPC_FAILED', `${method} returned no result`, { details: { method, check: 'null' } });
  }
  return result;
}

function rpcBad(method: string, check: string): JilError {
  return new JilError('BRIDGE_RPC_FAILED', `${method} answered something that is not the requested object (${check})`, {
    details: { method, check },
  });
}

const HEX32 = /^0x[0-9a-fA-F]{64}$/;
const QUANTITY = /^0x(0|[1-9a-fA-F][0-9a-fA-F]{0,63})$/;

function field<T>(method: string, value: unknown, check: (v: unknown) => v is T, name: string): T {
  if (!check(value)) throw rpcBad(method, name);
  return value;
}
const isHash = (v: unknown): v is string => typeof v === 'string' && HEX32.test(v);
const isQuantity = (v: unknown): v is string => typeof v === 'string' && QUANTITY.test(v);
const isHex = (v: unknown): v is string => typeof v === 'string' && isHexString(v);

/** The parts of a block header the bridge checks, from `eth_getBlockByNumber`/`eth_getBlockByHash` (without transactions). */
export interface BlockHeader {
  hash: string;
  number: bigint;
  receiptsRoot: string;
  /** Transaction hashes in block order. */
  transactions: string[];
}

// Header fields in consensus order (Yellow Paper §4.3; EIP-1559, -4895, -4844, -4788, -7685 append theirs).
const HEADER_FIELDS: [string, 'hash' | 'address' | 'bloom' | 'quantity' | 'bytes' | 'nonce', boolean][] = [
  ['parentHash', 'hash', true],
  ['sha3Uncles', 'hash', true],
  ['miner', 'address', true],
  ['stateRoot', 'hash', true],
  ['transactionsRoot', 'hash', true],
  ['receiptsRoot', 'hash', true],
  ['logsBloom', 'bloom', true],
  ['difficulty', 'quantity', true],
  ['number', 'quantity', true],
  ['gasLimit', 'quantity', true],
  ['gasUsed', 'quantity', true],
  ['timestamp', 'quantity', true],
  ['extraData', 'bytes', true],
  ['mixHash', 'hash', true],
  ['nonce', 'nonce', true],
  ['baseFeePerGas', 'quantity', false],
  ['withdrawalsRoot', 'hash', false],
  ['blobGasUsed', 'quantity', false],
  ['excessBlobGas', 'quantity', false],
  ['parentBeaconBlockRoot', 'hash', false],
  ['requestsHash', 'hash', false],
];

/** keccak256 of the RLP of the header fields present in `block`, or undefined when a field is malformed. */
export function headerHash(block: Record<string, unknown>): string | undefined {
  const items: (bigint | string)[] = [];
  let optionalMissing = false;
  for (const [name, kind, required] of HEADER_FIELDS) {
    const value = block[name];
    if (value === undefined || value === null) {
      if (required) return undefined;
      optionalMissing = true;
      continue;
    }
    // A later optional field after a missing one cannot be encoded (the header is positional).
    if (optionalMissing) return undefined;
    if (kind === 'quantity') {
      if (!isQuantity(value)) return undefined;
      items.push(BigInt(value));
    } else {
      const length = { hash: 32, address: 20, bloom: 256, nonce: 8, bytes: -1 }[kind];
      if (!isHex(value) || (length >= 0 && value.length !== 2 + 2 * length)) return undefined;
      items.push(value);
    }
  }
  return keccak256(encode(items));
}

/**
 * Fetch a header by number (bigint or 'latest') or hash and check it: well-formed fields, and its hash equals keccak256
 * of its RLP (so `receiptsRoot` is bound to `hash`).
 * @param expectedHash When given, a header with another hash is BRIDGE_BLOCK_MISMATCH (details.claimed, details.seen),
 *   checked before the header's own consistency.
 * @throws JilError BRIDGE_RPC_FAILED (details.method, details.check); BRIDGE_BLOCK_MISMATCH
 */
export async function getHeader(provider: JsonRpcSender, block: bigint | 'latest' | string, expectedHash?: string): Promise<BlockHeader> {
  const byHash = typeof block === 'string' && block !== 'latest';
  const method = byHash ? 'eth_getBlockByHash' : 'eth_getBlockByNumber';
  const tag = typeof block === 'bigint' ? `0x${block.toString(16)}` : block;
  const raw = await rpcCall(provider, method, [tag, false]);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw rpcBad(method, 'block');
  const b = raw as Record<string, unknown>;
  const hash = field(method, b['hash'], isHash, 'hash').toLowerCase();
  const number = BigInt(field(method, b['number'], isQuantity, 'number'));
  const receiptsRoot = field(method, b['receiptsRoot'], isHash, 'receiptsRoot').toLowerCase();
  const txs = b['transactions'];
  if (!Array.isArray(txs) || !txs.every(isHash)) throw rpcBad(method, 'transactions');
  if (typeof block === 'bigint' && number !== block) throw rpcBad(method, 'number');
  if (byHash && hash !== block.toLowerCase()) throw rpcBad(method, 'hash');
  if (expectedHash !== undefined && hash !== expectedHash.toLowerCase()) {
    throw new JilError('BRIDGE_BLOCK_MISMATCH', 'the block at the claimed height has another hash', {
      details: { claimed: expectedHash.toLowerCase(), seen: hash, number: number.toString() },
    });
  }
  if (headerHash(b) !== hash) throw rpcBad(method, 'header_hash');
  return { hash, number, receiptsRoot, transactions: txs.map((t) => t.toLowerCase()) };
}

/** A receipt from `eth_getTransactionReceipt`, with its position and logs checked for shape. */
export interface CheckedReceipt extends RpcReceipt {
  transactionHash: string;
  blockHash: string;
  blockNumber: bigint;
  transactionIndex: number;
  logs: { address: string; topics: string[]; data: string; logIndex: number }[];
}

/**
 * Fetch and shape-check the receipt of `txHash`.
 * @throws JilError BRIDGE_RPC_FAILED (details.method, details.check)
 */
export async function getReceipt(provider: JsonRpcSender, txHash: string): Promise<CheckedReceipt> {
  const method = 'eth_getTransactionReceipt';
  const raw = await rpcCall(provider, method, [txHash]);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw rpcBad(method, 'receipt');
  const r = raw as Record<string, unknown>;
  const transactionHash = field(method, r['transactionHash'], isHash, 'transactionHash').toLowerCase();
  if (transactionHash !== txHash.toLowerCase()) throw rpcBad(method, 'transactionHash');
  const blockHash = field(method, r['blockHash'], isHash, 'blockHash').toLowerCase();
  const blockNumber = BigInt(field(method, r['blockNumber'], isQuantity, 'blockNumber'));
  const transactionIndex = BigInt(field(method, r['transactionIndex'], isQuantity, 'transactionIndex'));
  if (transactionIndex > BigInt(Number.MAX_SAFE_INTEGER)) throw rpcBad(method, 'transactionIndex');
  const rawLogs = r['logs'];
  if (!Array.isArray(rawLogs)) throw rpcBad(method, 'logs');
  const logs = rawLogs.map((log: unknown) => {
    if (typeof log !== 'object' || log === null) throw rpcBad(method, 'logs');
    const l = log as Record<string, unknown>;
    const address = field(method, l['address'], (v): v is string => typeof v === 'string' && /^0x[0-9a-fA-F]{40}$/.test(v), 'log.address');
    const topics = l['topics'];
    if (!Array.isArray(topics) || !topics.every(isHash)) throw rpcBad(method, 'log.topics');
    const data = field(method, l['data'], isHex, 'log.data');
    const logIndex = BigInt(field(method, l['logIndex'], isQuantity, 'log.logIndex'));
    if (logIndex > 0xffffffffn) throw rpcBad(method, 'log.logIndex');
    return {
      address: getAddress(address),
      topics: topics.map((t) => t.toLowerCase()),
      data: data.toLowerCase(),
      logIndex: Number(logIndex),
    };
  });
  return {
    type: r['type'] === undefined || r['type'] === null ? 0 : field(method, r['type'], isQuantity, 'type'),
    status: r['status'] === undefined || r['status'] === null ? null : field(method, r['status'], isQuantity, 'status'),
    root: r['root'] === undefined || r['root'] === null ? null : field(method, r['root'], isHash, 'root'),
    cumulativeGasUsed: field(method, r['cumulativeGasUsed'], isQuantity, 'cumulativeGasUsed'),
    logsBloom: field(method, r['logsBloom'], isHex, 'logsBloom'),
    logs,
    transactionHash,
    blockHash,
    blockNumber,
    transactionIndex: Number(transactionIndex),
  };
}
