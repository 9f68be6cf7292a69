import { createMerkleProof, createMPTFromProof } from '@ethereumjs/mpt';
import { encode } from '@ethereumjs/rlp';
import { JilError } from '@jil/core';
import { getBytes, hexlify, keccak256 } from 'ethers';
import { type DecodedReceipt, decodeReceipt } from './decodeReceipt.js';

/** At most this many nodes: a receipts trie of 2^32 leaves has paths far shorter. */
const MAX_NODES = 64;
const HEX = /^0x(?:[0-9a-fA-F]{2})*$/;

function invalid(check: string, message: string, cause?: unknown): JilError {
  return new JilError('BRIDGE_PROOF_INVALID', `receipt proof refused: ${message}`, {
    details: { check },
    ...(cause === undefined ? {} : { cause }),
  });
}

/**
 * Verify a receipt inclusion proof against a block's `receiptsRoot` and return the proven receipt. The proof must be
 * exactly the path the trie holds from the root to the leaf at key `RLP(txIndex)` (no extra, missing or reordered node),
 * and the leaf must be a well-formed post-Byzantium receipt (EIP-2718).
 *
 * @param receiptsRoot The header's `receiptsRoot`, 0x hex, 32 bytes — take it from a header you trust, never from the proof.
 * @param txIndex The transaction's index in the block (non-negative integer < 2^32).
 * @param nodes The proof's trie nodes, 0x hex, root first ({@link ReceiptProof.nodes}).
 * @returns The decoded receipt `{ type, status, cumulativeGasUsed, logs: [{ address, topics, data }] }`.
 * @throws JilError `INVALID_ARGUMENT` (details.field) for a malformed `receiptsRoot`; `BRIDGE_PROOF_INVALID` with
 *   `details.check`: `'malformed'` (txIndex or nodes not well-formed), `'root'` (the first node is not the root),
 *   `'path'` (the nodes do not lead to a leaf at that key), `'canonical'` (nodes beyond the path), `'receipt'` (the
 *   leaf is not a receipt).
 * @see Yellow Paper §4.3.1 and appendix D; docs/errors.md BRIDGE_PROOF_INVALID
 * @example
 * import { verifyReceiptProof } from '@jil/bridge';
 * const receipt = await verifyReceiptProof(header.receiptsRoot, proof.txIndex, proof.nodes);
 */
export async function verifyReceiptProof(receiptsRoot: string, txIndex: number, nodes: readonly string[]): Promise<DecodedReceipt> {
  return (await provenReceipt(receiptsRoot, txIndex, nodes)).receipt;
}

/** {@link verifyReceiptProof}, also returning the proven leaf (the receipt's consensus encoding, 0x hex). */
export async function provenReceipt(
  receiptsRoot: string,
  txIndex: number,
  nodes: readonly string[],
): Promise<{ receipt: DecodedReceipt; leaf: string }> {
  if (typeof receiptsRoot !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(receiptsRoot)) {
    throw new JilError('INVALID_ARGUMENT', 'receiptsRoot must be 32 bytes of 0x hex', { details: { field: 'receiptsRoot' } });
  }
  if (typeof txIndex !== 'number' || !Number.isInteger(txIndex) || txIndex < 0 || txIndex > 0xffffffff) {
    throw invalid('malformed', 'txIndex must be an integer in [0, 2^32)');
  }
  if (
    !Array.isArray(nodes) ||
    nodes.length === 0 ||
    nodes.length > MAX_NODES ||
    !nodes.every((n) => typeof n === 'string' && HEX.test(n) && n.length > 2)
  ) {
    throw invalid('malformed', `nodes must be 1 to ${MAX_NODES} non-empty 0x hex strings`);
  }
  const proof = nodes.map((n) => getBytes(n));
  const first = proof[0] as Uint8Array;
  if (keccak256(first) !== receiptsRoot.toLowerCase()) throw invalid('root', 'the first node does not hash to receiptsRoot');
  const key = encode(txIndex);
  let leaf: Uint8Array | null;
  let canonical: Uint8Array[];
  try {
    const trie = await createMPTFromProof(proof, { root: getBytes(receiptsRoot) });
    leaf = await trie.get(key, true);
    canonical = leaf === null ? [] : await createMerkleProof(trie, key);
  } catch (cause) {
    throw invalid('path', 'the nodes do not lead from the root to the key', cause);
  }
  if (leaf === null) throw invalid('path', 'the trie holds no receipt at this index');
  if (canonical.length !== proof.length || canonical.some((n, i) => hexlify(n) !== hexlify(proof[i] as Uint8Array))) {
    throw invalid('canonical', 'the nodes are not exactly the path to the key');
  }
  const receipt = decodeReceipt(leaf);
  if (receipt === undefined) throw invalid('receipt', 'the proven value is not a post-Byzantium receipt');
  return { receipt, leaf: hexlify(leaf) };
}
