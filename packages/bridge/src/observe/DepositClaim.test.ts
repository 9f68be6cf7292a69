import { isJilError, type JilError } from '@jil/core';
import { GARBAGE_INPUTS } from '@jil/testkit';
import { getAddress, hexlify } from 'ethers';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DepositClaim, decodeDepositClaim, encodeDepositClaim } from './DepositClaim.js';

const claim: DepositClaim = {
  chainId: 31337n,
  bridge: getAddress(`0x${'5f'.repeat(20)}`),
  depositId: `0x${'01'.repeat(32)}`,
  txHash: `0x${'02'.repeat(32)}`,
  logIndex: 4,
  blockHash: `0x${'03'.repeat(32)}`,
  blockNumber: 12n,
  token: '0x0000000000000000000000000000000000000000',
  amount: (1n << 256n) - 1n,
  depositor: getAddress(`0x${'a1'.repeat(20)}`),
  jilAccount: 'jil:alice',
  proof: {
    blockHash: `0x${'03'.repeat(32)}`,
    blockNumber: 12n,
    txIndex: 2,
    receiptsRoot: `0x${'04'.repeat(32)}`,
    receipt: '0x02f9',
    nodes: ['0xf851', '0xf8b1'],
  },
};

function refusal(f: () => unknown): JilError {
  try {
    f();
  } catch (e) {
    if (isJilError(e)) return e;
    throw e;
  }
  throw new Error('not refused');
}

const hex = (n: number) => fc.uint8Array({ minLength: n, maxLength: n }).map(hexlify);
const address = hex(20).map(getAddress);
const arbitraryClaim: fc.Arbitrary<DepositClaim> = fc.record({
  chainId: fc.bigInt({ min: 1n, max: (1n << 256n) - 1n }),
  bridge: address,
  depositId: hex(32),
  txHash: hex(32),
  logIndex: fc.nat({ max: 0xffffffff }),
  blockHash: hex(32),
  blockNumber: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
  token: address,
  amount: fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }),
  depositor: address,
  jilAccount: fc.string({ minLength: 1, maxLength: 32, unit: 'grapheme' }),
  proof: fc.record({
    blockHash: hex(32),
    blockNumber: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
    txIndex: fc.nat({ max: 0xffffffff }),
    receiptsRoot: hex(32),
    receipt: fc.uint8Array({ minLength: 1, maxLength: 80 }).map(hexlify),
    nodes: fc.array(fc.uint8Array({ minLength: 1, maxLength: 80 }).map(hexlify), { minLength: 1, maxLength: 8 }),
  }),
});

describe('encodeDepositClaim / decodeDepositClaim', () => {
  it('golden JSON: bigints as decimal strings', () => {
    expect(JSON.stringify(encodeDepositClaim(claim))).toBe(
      `{"chainId":"31337","bridge":"${claim.bridge}","depositId":"${claim.depositId}","txHash":"${claim.txHash}","logIndex":4,` +
        `"blockHash":"${claim.blockHash}","blockNumber":"12","token":"0x0000000000000000000000000000000000000000",` +
        `"amount":"115792089237316195423570985008687907853269984665640564039457584007913129639935","depositor":"${claim.depositor}",` +
        `"jilAccount":"jil:alice","proof":{"blockHash":"${claim.blockHash}","blockNumber":"12","txIndex":2,` +
        `"receiptsRoot":"${claim.proof.receiptsRoot}","receipt":"0x02f9","nodes":["0xf851","0xf8b1"]}}`,
    );
  });

  it('property: decode(JSON(encode(claim))) = claim, from the value and from the text', () => {
    fc.assert(
      fc.property(arbitraryClaim, (c) => {
        const text = JSON.stringify(encodeDepositClaim(c));
        expect(decodeDepositClaim(JSON.parse(text))).toEqual(c);
        expect(decodeDepositClaim(text)).toEqual(c);
      }),
    );
  });

  it('reports every bad field, unknown fields included', () => {
    const json = {
      ...encodeDepositClaim(claim),
      chainId: 31337,
      amount: '-1',
      blockNumber: '0x0c',
      depositor: 'alice',
      jilAccount: '',
      extra: true,
      proof: { ...encodeDepositClaim(claim).proof, nodes: [], txIndex: -1, more: 1 },
    };
    const err = refusal(() => decodeDepositClaim(json));
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect((err.details['fields'] as { field: string }[]).map((f) => f.field).sort()).toEqual(
      ['amount', 'blockNumber', 'chainId', 'depositor', 'extra', 'jilAccount', 'proof.more', 'proof.nodes', 'proof.txIndex'].sort(),
    );
  });

  it('property: a bigint field out of range or not a canonical decimal is refused', () => {
    const bad = fc.oneof(
      fc.constantFrom('01', '+1', '1e3', ' 1', '1.0', '', '0x1', `${1n << 256n}`),
      fc.bigInt({ min: 1n << 256n, max: 1n << 300n }).map(String),
    );
    fc.assert(
      fc.property(bad, fc.constantFrom('chainId', 'amount', 'blockNumber'), (value, field) => {
        const err = refusal(() => decodeDepositClaim({ ...encodeDepositClaim(claim), [field]: value }));
        expect((err.details['fields'] as { field: string }[]).map((f) => f.field)).toContain(field);
      }),
    );
  });

  it('throws only INVALID_ARGUMENT for wrong inputs', () => {
    for (const garbage of [...GARBAGE_INPUTS, '{', '[]', 'null']) {
      expect(refusal(() => decodeDepositClaim(garbage)).code).toBe('INVALID_ARGUMENT');
      expect(refusal(() => encodeDepositClaim(garbage as DepositClaim)).code).toBe('INVALID_ARGUMENT');
      expect(refusal(() => encodeDepositClaim({ ...claim, proof: garbage as DepositClaim['proof'] })).code).toBe('INVALID_ARGUMENT');
    }
  });
});
