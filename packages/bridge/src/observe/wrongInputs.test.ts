import { isJilError } from '@jil/core';
import { GARBAGE_INPUTS } from '@jil/testkit';
import { describe, expect, it } from 'vitest';
import type { JsonRpcSender } from '../proof/rpc.js';
import type { DepositClaim, UnprovenDepositClaim } from './DepositClaim.js';
import { findDeposits, withProof } from './findDeposits.js';
import { type ObserveConfig, observeDeposit } from './observeDeposit.js';

const bridge = `0x${'5f'.repeat(20)}`;
const hash = `0x${'01'.repeat(32)}`;
const claim: DepositClaim = {
  chainId: 31337n,
  bridge,
  depositId: hash,
  txHash: hash,
  logIndex: 0,
  blockHash: hash,
  blockNumber: 1n,
  token: `0x${'00'.repeat(20)}`,
  amount: 1n,
  depositor: bridge,
  jilAccount: 'jil:alice',
  proof: { blockHash: hash, blockNumber: 1n, txIndex: 0, receiptsRoot: hash, receipt: '0x01', nodes: ['0x01'] },
};
const answering = (answer: unknown): JsonRpcSender => ({ send: () => Promise.resolve(answer) });
const config = (provider: JsonRpcSender): ObserveConfig => ({ provider, chainId: 31337n, bridge, confirmations: 1 });

async function errorOf(call: () => unknown): Promise<unknown> {
  try {
    await call();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('observation functions throw only JilError on wrong inputs and wrong answers', () => {
  it('findDeposits, withProof, observeDeposit', async () => {
    for (const g of GARBAGE_INPUTS) {
      // Some garbage values are valid inputs (0 as a version, null as a type): no error, or a JilError, never another.
      const calls: [string, () => unknown][] = [
        ['find(provider g)', () => findDeposits(g as JsonRpcSender, bridge, 0n, 1n)],
        ['find(answers g)', () => findDeposits(answering(g), bridge, 0n, 1n)],
        ['find(logs [g])', () => findDeposits({ send: (m) => Promise.resolve(m === 'eth_chainId' ? '0x7a69' : [g]) }, bridge, 0n, 1n)],
        ['find(bridge g)', () => findDeposits(answering('0x1'), g as string, 0n, 1n)],
        ['find(from g)', () => findDeposits(answering('0x1'), bridge, g as bigint, 1n)],
        ['withProof(claim g)', () => withProof(answering(g), g as UnprovenDepositClaim)],
        ['withProof(answers g)', () => withProof(answering(g), claim)],
        ['observe(config g)', () => observeDeposit(g as ObserveConfig, claim, 1)],
        ['observe(provider g)', () => observeDeposit(config(g as JsonRpcSender), claim, 1)],
        ['observe(answers g)', () => observeDeposit(config(answering(g)), claim, 1)],
        ['observe(claim g)', () => observeDeposit(config(answering('0x7a69')), g as DepositClaim, 1)],
        ['observe(proof g)', () => observeDeposit(config(answering('0x7a69')), { ...claim, proof: g as never }, 1)],
        ['observe(version g)', () => observeDeposit(config(answering('0x7a69')), claim, g as number)],
      ];
      for (const [label, call] of calls) {
        const err = await errorOf(call);
        expect([label, err === undefined || isJilError(err)]).toEqual([label, true]);
      }
    }
  });
});
