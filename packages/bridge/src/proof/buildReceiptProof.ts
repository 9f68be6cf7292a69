import { encode } from '@ethereumjs/rlp';
import { createMerkleProof, createMPT } from '@ethereumjs/mpt';
import { JilError } from '@jil/core';
import { hexlify } from 'ethers';
import { encodeReceipt } from './encodeReceipt.js';
import { type CheckedReceipt, getHeader, getReceipt, type JsonRpcSender } from './rpc.js';

/** How many `eth_getTransactionReceipt` calls run at once while a block's receipts are fetched. */
const RECEIPT_FETCH_CONCURRENCY = 8;

/**
 * A receipt inclusion proof: the Merkle-Patricia proof that `receipt` is the value at key `RLP(txIndex)` of the
 * receipts trie whose root is `receiptsRoot`, the header field of block `blockHash` (Yellow Paper §4.3.1, appendix D).
 * JSON-serialisable except `blockNumber` (see `encodeDepositClaim`).
 */
export interface ReceiptProof {
  /** 0x hex, 32 bytes, lower case. */
  blockHash: string;
  blockNumber: bigint;
  /** The transaction's index in its block (the trie key is `RLP(txIndex)`). */
  txIndex: number;
  /** The header's `receiptsRoot` (0x hex, 32 bytes, lower case). */
  receiptsRoot: string;
  /** The receipt's consensus encoding ({@link encodeReceipt}), 0x hex. */
  receipt: string;
  /** The trie nodes on the path from the root to the receipt's leaf, 0x hex, root first. */
  nodes: string[];
}

/** The receipts trie of a list of encoded receipts (keys `RLP(i)`, no key hashing). */
export async function receiptsTrie(encodedReceipts: Uint8Array[]) {
  const trie = await createMPT();
  for (const [i, receipt] of encodedReceipts.entries()) await trie.put(encode(i), receipt);
  return trie;
}

/**
 * Build the receipt inclusion proof of transaction `txHash`: fetch its receipt, the block's header and EVERY receipt of
 * the block (one `eth_getTransactionReceipt` each; no `eth_getBlockReceipts`), rebuild the receipts trie, check its
 * root equals the header's `receiptsRoot` and that the header hashes to its hash, and prove the transaction's leaf.
 *
 * @param provider JSON-RPC client of the chain (an ethers `JsonRpcProvider`).
 * @param txHash 0x hex, 32 bytes, of a mined transaction.
 * @returns The {@link ReceiptProof}.
 * @throws JilError `INVALID_ARGUMENT` for a malformed `txHash`; `BRIDGE_RPC_FAILED` (details.method, details.check) when
 *   the RPC fails, lacks the transaction, or answers receipts whose trie root is not the header's `receiptsRoot`
 *   (`check: 'receipts_root'`).
 * @see docs/bridge.md §Observation; Yellow Paper §4.3.1
 * @example
 * import { buildReceiptProof, verifyReceiptProof } from '@jil/bridge';
 * const proof = await buildReceiptProof(provider, tx.hash);
 * const receipt = await verifyReceiptProof(proof.receiptsRoot, proof.txIndex, proof.nodes);
 */
export async function buildReceiptProof(provider: JsonRpcSender, txHash: string): Promise<ReceiptProof> {
  if (typeof txHash !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(txHash)) {
    throw new JilError('INVALID_ARGUMENT', 'txHash must be 32 bytes of 0x hex', { details: { field: 'txHash' } });
  }
  const target = await getReceipt(provider, txHash);
  const header = await getHeader(provider, target.blockHash);
  const txIndex = target.transactionIndex;
  if (header.transactions[txIndex] !== target.transactionHash) {
    throw new JilError('BRIDGE_RPC_FAILED', 'the block does not list the transaction at its index', {
      details: { method: 'eth_getBlockByHash', check: 'transaction_index' },
    });
  }
  // Every receipt of the block, RECEIPT_FETCH_CONCURRENCY calls at a time (Hardhat has no eth_getBlockReceipts).
  const receipts: CheckedReceipt[] = [];
  for (let start = 0; start < header.transactions.length; start += RECEIPT_FETCH_CONCURRENCY) {
    const batch = header.transactions.slice(start, start + RECEIPT_FETCH_CONCURRENCY);
    receipts.push(...(await Promise.all(batch.map((hash, j) => (start + j === txIndex ? target : getReceipt(provider, hash))))));
  }
  const encoded: Uint8Array[] = [];
  for (const [i, receipt] of receipts.entries()) {
    if (receipt.blockHash !== header.hash || receipt.transactionIndex !== i) {
      throw new JilError('BRIDGE_RPC_FAILED', 'a receipt of the block names another block or index', {
        details: { method: 'eth_getTransactionReceipt', check: 'receipt_position' },
      });
    }
    try {
      encoded.push(encodeReceipt(receipt));
    } catch (cause) {
      throw new JilError('BRIDGE_RPC_FAILED', 'a receipt of the block cannot be encoded', {
        details: { method: 'eth_getTransactionReceipt', check: 'receipt' },
        cause,
      });
    }
  }
  const trie = await receiptsTrie(encoded);
  if (hexlify(trie.root()) !== header.receiptsRoot) {
    throw new JilError('BRIDGE_RPC_FAILED', "the block's receipts do not hash to its receiptsRoot", {
      details: { method: 'eth_getTransactionReceipt', check: 'receipts_root' },
    });
  }
  const nodes = await createMerkleProof(trie, encode(txIndex));
  const leaf = encoded[txIndex] ?? new Uint8Array();
  return {
    blockHash: header.hash,
    blockNumber: header.number,
    txIndex,
    receiptsRoot: header.receiptsRoot,
    receipt: hexlify(leaf),
    nodes: nodes.map((n) => hexlify(n)),
  };
}
