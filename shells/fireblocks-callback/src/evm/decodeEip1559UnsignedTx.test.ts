import { readFileSync } from 'node:fs';
import { Transaction, Wallet } from 'ethers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hexToBytes } from '@jil/core';
import { txPreimageHash } from '@jil/psa';
import { decodeEip1559UnsignedTx } from './decodeEip1559UnsignedTx.js';

const DOC = readFileSync(new URL('../../../../docs/psa-format.md', import.meta.url), 'utf8');
const docRow = (item: string): string => {
  const line = DOC.split('\n').find((l) => l.startsWith(`| ${item} |`));
  const m = line && /`([0-9a-f]+)` \|$/.exec(line);
  if (!m?.[1]) throw new Error(`docs/psa-format.md has no row ${item}`);
  return m[1];
};

const address = fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => `0x${Buffer.from(b).toString('hex')}`);
const txFields = fc.record({
  chainId: fc.bigInt({ min: 1n, max: 2n ** 64n - 1n }),
  nonce: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  maxPriorityFeePerGas: fc.bigInt({ min: 0n, max: 2n ** 128n }),
  extraFeePerGas: fc.bigInt({ min: 0n, max: 2n ** 128n }),
  gasLimit: fc.bigInt({ min: 0n, max: 2n ** 64n }),
  to: address,
  value: fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }),
  data: fc.uint8Array({ maxLength: 64 }).map((b) => `0x${Buffer.from(b).toString('hex')}`),
});
// ethers serializes only maxPriorityFeePerGas ≤ maxFeePerGas
type TxFields = typeof txFields extends fc.Arbitrary<infer T> ? T : never;
const build = ({ extraFeePerGas, ...f }: TxFields) =>
  Transaction.from({ type: 2, ...f, maxFeePerGas: f.maxPriorityFeePerGas + extraFeePerGas, accessList: [] });

describe('decodeEip1559UnsignedTx', () => {
  it("decodes the docs/psa-format.md vector; its signing hash is ethers' unsignedHash and txPreimageHash keccak256", () => {
    const hex = docRow('unsigned bytes (hex)');
    const r = decodeEip1559UnsignedTx(hex);
    expect(r).toMatchObject({
      ok: true,
      tx: { chainId: 1n, nonce: 7, to: '0x6861495f5311a3eAE8F8DF6f63eA3bcbDa60f664', value: 1_500_000_000_000_000_000n, data: '0x' },
    });
    const hash = docRow('`keccak256` → `tx_preimage_hash`');
    expect(r.ok && r.tx.signingHash).toBe(hash);
    expect(Transaction.from(`0x${hex}`).unsignedHash).toBe(`0x${hash}`);
    expect(txPreimageHash(hexToBytes(hex), 'keccak256')).toBe(hash);
  });

  it('decode ∘ encode = id, and the signing hash is keccak256 of exactly the bytes (property)', () => {
    fc.assert(
      fc.property(txFields, fc.boolean(), (f, prefixed) => {
        const tx = build(f);
        const hex = prefixed ? tx.unsignedSerialized : tx.unsignedSerialized.slice(2);
        const r = decodeEip1559UnsignedTx(hex);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.tx).toEqual({
          chainId: f.chainId,
          nonce: f.nonce,
          to: tx.to,
          value: f.value,
          data: f.data,
          signingHash: txPreimageHash(hexToBytes(tx.unsignedSerialized.slice(2)), 'keccak256'),
        });
        expect(`0x${r.tx.signingHash}`).toBe(tx.unsignedHash);
      }),
      { numRuns: 200 },
    );
  });

  it('any single-byte change either fails to decode or changes the signing hash (property)', () => {
    fc.assert(
      fc.property(txFields, fc.nat(), fc.integer({ min: 1, max: 255 }), (f, at, xor) => {
        const bytes = hexToBytes(build(f).unsignedSerialized.slice(2));
        const original = decodeEip1559UnsignedTx(Buffer.from(bytes).toString('hex'));
        const i = at % bytes.length;
        bytes[i] = bytes[i]! ^ xor;
        const r = decodeEip1559UnsignedTx(Buffer.from(bytes).toString('hex'));
        if (r.ok && original.ok) expect(r.tx.signingHash).not.toBe(original.tx.signingHash);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a signed transaction, a legacy one, trailing bytes, non-hex and non-strings, with a reason', async () => {
    const tx = Transaction.from({
      type: 2,
      chainId: 1,
      nonce: 0,
      maxPriorityFeePerGas: 1n,
      maxFeePerGas: 2n,
      gasLimit: 21000n,
      to: '0x6861495f5311a3eae8f8df6f63ea3bcbda60f664',
      value: 1n,
    });
    const wallet = Wallet.createRandom();
    const signed = await wallet.signTransaction(tx);
    const legacy = Transaction.from({
      type: 0,
      chainId: 1,
      nonce: 0,
      gasPrice: 1n,
      gasLimit: 21000n,
      to: '0x6861495f5311a3eae8f8df6f63ea3bcbda60f664',
      value: 1n,
    }).unsignedSerialized;
    for (const [input, reason] of [
      [signed, /already signed/],
      [legacy, /not an EIP-1559/],
      [`${tx.unsignedSerialized}00`, /decode|canonical/],
      ['0x02zz', /not hex/],
      ['', /not hex/],
      [42, /not hex/],
      [undefined, /not hex/],
    ] as const) {
      const r = decodeEip1559UnsignedTx(input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(reason);
    }
  });
});
