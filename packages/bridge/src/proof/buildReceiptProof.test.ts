import { type EvmNode, startEvmNode } from '@jil/evm-node';
import { isJilError } from '@jil/core';
import { concat, getBytes, HDNodeWallet, hexlify, JsonRpcProvider, type TransactionReceipt, Wallet } from 'ethers';
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReceiptProof, type ReceiptProof } from './buildReceiptProof.js';
import { encodeReceipt } from './encodeReceipt.js';
import { receiptsTrie } from './buildReceiptProof.js';
import { verifyReceiptProof } from './verifyReceiptProof.js';

// Hardhat's first funded account, derived from its well-known public test mnemonic (no key in the repository).
const HARDHAT_MNEMONIC = 'test test test test test test test test test test test junk';
const TOPIC_A = `0x${'aa'.repeat(32)}`;
const TOPIC_B = `0x${'bb'.repeat(32)}`;
// Runtime: revert on empty calldata, else LOG0(calldata), LOG1(calldata, A), LOG2(calldata, A, B).
const RUNTIME = concat([
  '0x36600857600080fd5b',
  '0x3660006000' + '37',
  '0x366000a0',
  `0x7f${TOPIC_A.slice(2)}366000a1`,
  `0x7f${TOPIC_B.slice(2)}7f${TOPIC_A.slice(2)}366000a2`,
  '0x00',
]);
const INIT = concat([`0x60${getBytes(RUNTIME).length.toString(16).padStart(2, '0')}80600b6000396000f3`, RUNTIME]);

let node: EvmNode;
let provider: JsonRpcProvider;
let wallet: Wallet;
let emitter: string;
const receipts: TransactionReceipt[] = [];
const proofs: ReceiptProof[] = [];

async function mineBlock(send: (nonce: number) => Promise<string>[]): Promise<TransactionReceipt[]> {
  await provider.send('evm_setAutomine', [false]);
  const nonce = await provider.getTransactionCount(wallet.address, 'pending');
  const hashes = await Promise.all(send(nonce));
  await provider.send('evm_mine', []);
  await provider.send('evm_setAutomine', [true]);
  const out: TransactionReceipt[] = [];
  for (const hash of hashes) {
    const r = await provider.getTransactionReceipt(hash);
    if (r === null) throw new Error('not mined');
    out.push(r);
  }
  return out;
}

beforeAll(async () => {
  node = await startEvmNode();
  provider = new JsonRpcProvider(node.rpcUrl, undefined, { staticNetwork: true, cacheTimeout: -1 });
  wallet = new Wallet(HDNodeWallet.fromPhrase(HARDHAT_MNEMONIC, undefined, "m/44'/60'/0'/0/0").privateKey, provider);
  const deploy = await (await wallet.sendTransaction({ data: INIT })).wait();
  emitter = deploy?.contractAddress ?? '';
  const to = wallet.address;
  const tx = (nonce: number, fields: Record<string, unknown>) =>
    wallet.sendTransaction({ nonce, gasLimit: 200_000, ...fields }).then((t) => t.hash);
  // Block 1: a legacy transfer, an EIP-2930 call with logs, an EIP-1559 call with logs, a failed call.
  receipts.push(
    ...(await mineBlock((n) => [
      tx(n, { to, value: 1n, type: 0, gasPrice: 10_000_000_000n }),
      tx(n + 1, { to: emitter, data: '0x01', type: 1, gasPrice: 10_000_000_000n }),
      tx(n + 2, { to: emitter, data: hexlify(new Uint8Array(300).fill(7)), type: 2 }),
      tx(n + 3, { to: emitter, data: '0x', type: 2 }),
    ])),
  );
  // Block 2: one legacy call with logs (a block with a single receipt: the trie is one leaf).
  receipts.push(...(await mineBlock((n) => [tx(n, { to: emitter, data: '0x02', type: 0, gasPrice: 10_000_000_000n })])));
  // Block 3: 20 transfers (a trie with a branch below the root and an extension).
  receipts.push(...(await mineBlock((n) => Array.from({ length: 20 }, (_, i) => tx(n + i, { to, value: BigInt(i) })))));
  for (const r of receipts) proofs.push(await buildReceiptProof(provider, r.hash));
}, 120_000);

afterAll(async () => {
  provider?.destroy();
  await node?.stop();
});

describe('receipt inclusion proofs on a real EVM (golden)', () => {
  const rebuildsRoots =
    'rebuilds each block receiptsRoot from its receipts, for legacy, 2930 and 1559 txs with 0, 1 and many logs and a failed tx';
  it(rebuildsRoots, async () => {
    expect(receipts.map((r) => r.type).slice(0, 4)).toEqual([0, 1, 2, 2]);
    expect(receipts.map((r) => r.logs.length).slice(0, 5)).toEqual([0, 3, 3, 0, 3]);
    expect(receipts[3]?.status).toBe(0);
    for (const blockNumber of new Set(receipts.map((r) => r.blockNumber))) {
      const block = await provider.send('eth_getBlockByNumber', [`0x${blockNumber.toString(16)}`, false]);
      const encoded = [];
      for (const hash of block.transactions as string[])
        encoded.push(encodeReceipt(await provider.send('eth_getTransactionReceipt', [hash])));
      expect(hexlify((await receiptsTrie(encoded)).root())).toBe(block.receiptsRoot);
    }
  });

  it('encodes an ethers TransactionReceipt like the JSON-RPC receipt', async () => {
    for (const r of receipts) {
      expect(hexlify(encodeReceipt(r))).toBe(hexlify(encodeReceipt(await provider.send('eth_getTransactionReceipt', [r.hash]))));
    }
  });

  it('proves every receipt: the proof verifies against the header root and returns what the RPC reported', async () => {
    for (const [i, r] of receipts.entries()) {
      const proof = proofs[i] as ReceiptProof;
      expect(proof.blockHash).toBe(r.blockHash);
      expect(proof.blockNumber).toBe(BigInt(r.blockNumber));
      expect(proof.txIndex).toBe(r.index);
      expect(proof.receipt).toBe(hexlify(encodeReceipt(r)));
      const decoded = await verifyReceiptProof(proof.receiptsRoot, proof.txIndex, proof.nodes);
      expect(decoded).toEqual({
        type: r.type,
        status: r.status,
        cumulativeGasUsed: r.cumulativeGasUsed,
        logs: r.logs.map((l) => ({ address: l.address, topics: [...l.topics], data: l.data })),
      });
    }
    expect(proofs[5]?.nodes.length).toBeGreaterThan(1);
  });

  it('refuses a proof for another block', async () => {
    const [a, b] = [proofs[1] as ReceiptProof, proofs[4] as ReceiptProof];
    const err = await verifyReceiptProof(a.receiptsRoot, b.txIndex, b.nodes).catch((e: unknown) => e);
    expect(isJilError(err, 'BRIDGE_PROOF_INVALID')).toBe(true);
  });
});

type Tamper =
  | { kind: 'flip'; node: number; byte: number; mask: number }
  | { kind: 'drop'; node: number }
  | { kind: 'add'; at: number; bytes: Uint8Array }
  | { kind: 'dup'; node: number; at: number }
  | { kind: 'root'; other: number }
  | { kind: 'index'; index: number };

const tamper: fc.Arbitrary<Tamper> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), node: fc.nat(), byte: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('drop' as const), node: fc.nat() }),
  fc.record({ kind: fc.constant('add' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 600 }) }),
  fc.record({ kind: fc.constant('dup' as const), node: fc.nat(), at: fc.nat() }),
  fc.record({ kind: fc.constant('root' as const), other: fc.nat() }),
  fc.record({ kind: fc.constant('index' as const), index: fc.integer({ min: 0, max: 0xffffffff }) }),
);

describe('receipt inclusion proofs (property: any tampering is refused)', () => {
  it('flipping a byte, dropping, adding or duplicating a node, another root or another txIndex: BRIDGE_PROOF_INVALID only', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), tamper, async (which, t) => {
        const proof = proofs[which % proofs.length] as ReceiptProof;
        let root = proof.receiptsRoot;
        let index = proof.txIndex;
        const nodes = [...proof.nodes];
        if (t.kind === 'flip') {
          const n = t.node % nodes.length;
          const bytes = getBytes(nodes[n] as string).slice();
          const b = t.byte % bytes.length;
          bytes[b] = (bytes[b] as number) ^ t.mask;
          nodes[n] = hexlify(bytes);
        } else if (t.kind === 'drop') {
          nodes.splice(t.node % nodes.length, 1);
        } else if (t.kind === 'add') {
          nodes.splice(t.at % (nodes.length + 1), 0, hexlify(t.bytes));
        } else if (t.kind === 'dup') {
          nodes.splice(t.at % (nodes.length + 1), 0, nodes[t.node % nodes.length] as string);
        } else if (t.kind === 'root') {
          const other = proofs.filter((p) => p.receiptsRoot !== proof.receiptsRoot);
          root = (other[t.other % other.length] as ReceiptProof).receiptsRoot;
        } else {
          index = t.index === proof.txIndex ? t.index + 1 : t.index;
        }
        const err = await verifyReceiptProof(root, index, nodes).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(isJilError(err, 'BRIDGE_PROOF_INVALID')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
