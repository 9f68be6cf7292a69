import { isJilError } from '@jil/core';
import { GARBAGE_INPUTS } from '@jil/testkit';
import { describe, expect, it } from 'vitest';
import { buildReceiptProof } from './buildReceiptProof.js';
import { encodeReceipt, type RpcReceipt } from './encodeReceipt.js';
import type { JsonRpcSender } from './rpc.js';
import { verifyReceiptProof } from './verifyReceiptProof.js';

const root = `0x${'11'.repeat(32)}`;
const receipt: RpcReceipt = { type: '0x2', status: '0x1', cumulativeGasUsed: '0x5208', logsBloom: `0x${'00'.repeat(256)}`, logs: [] };
/** A JSON-RPC client that answers `answer` to everything (or throws it when it is an Error). */
const answering = (answer: unknown): JsonRpcSender => ({
  send: () => (answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer)),
});

async function errorOf(call: () => unknown): Promise<unknown> {
  try {
    await call();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('proof functions throw only JilError on wrong inputs', () => {
  it('encodeReceipt, verifyReceiptProof, buildReceiptProof', async () => {
    for (const g of GARBAGE_INPUTS) {
      // Some garbage values are valid inputs (0 as a version, null as a type): no error, or a JilError, never another.
      const calls: [string, () => unknown][] = [
        ['encodeReceipt(g)', () => encodeReceipt(g as RpcReceipt)],
        ['encodeReceipt(status g)', () => encodeReceipt({ ...receipt, status: g as string, root: g as string })],
        ['encodeReceipt(logs g)', () => encodeReceipt({ ...receipt, logs: [g as never] })],
        ['encodeReceipt(type g)', () => encodeReceipt({ ...receipt, type: g as string })],
        ['verify(root g)', () => verifyReceiptProof(g as string, 0, ['0x80'])],
        ['verify(index g)', () => verifyReceiptProof(root, g as number, ['0x80'])],
        ['verify(nodes g)', () => verifyReceiptProof(root, 0, g as string[])],
        ['verify([g])', () => verifyReceiptProof(root, 0, [g as string])],
        ['build(provider g)', () => buildReceiptProof(g as JsonRpcSender, root)],
        ['build(answers g)', () => buildReceiptProof(answering(g), root)],
        ['build(txHash g)', () => buildReceiptProof(answering(null), g as string)],
      ];
      for (const [label, call] of calls) {
        const err = await errorOf(call);
        expect([label, err === undefined || isJilError(err)]).toEqual([label, true]);
      }
    }
    const thrown = await errorOf(() => buildReceiptProof(answering(new TypeError('socket hang up')), root));
    expect(isJilError(thrown, 'BRIDGE_RPC_FAILED')).toBe(true);
  });
});
