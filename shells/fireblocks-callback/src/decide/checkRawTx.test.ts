import { Transaction } from 'ethers';
import { describe, expect, it } from 'vitest';
import type { TxSignRequestClaims } from '../request/TxSignRequestClaims.js';
import { checkRawTx } from './checkRawTx.js';

const DEST = '0x6861495f5311a3eae8f8df6f63ea3bcbda60f664';
const OTHER = '0xfe8f6fee86528a8ae90511811ced3c6d7aa59e53';
const sources = { '0': '0x0519035923133db8356bb16018454ebc751e4348' };

function claims(
  tx: Partial<{ to: string; value: bigint; chainId: number; data: string }> = {},
  over: Partial<TxSignRequestClaims> = {},
): TxSignRequestClaims {
  const t = Transaction.from({
    type: 2,
    chainId: tx.chainId ?? 1,
    nonce: 3,
    maxPriorityFeePerGas: 1n,
    maxFeePerGas: 2n,
    gasLimit: 21_000n,
    to: tx.to ?? DEST,
    value: tx.value ?? 1_500_000_000_000_000_000n,
    data: tx.data ?? '0x',
  });
  return {
    requestId: 'r-1',
    operation: 'TRANSFER',
    asset: 'ETH',
    sourceType: 'VAULT',
    sourceId: '0',
    destType: 'ONE_TIME',
    destAddress: DEST,
    amountStr: '1.5',
    destinations: [{ amountNativeStr: '1.5', amountUSD: 5250.5, displayDstAddress: DEST }],
    rawTx: [{ rawTx: t.unsignedSerialized.slice(2), payload: t.unsignedHash.slice(2) }],
    ...over,
  };
}

describe('checkRawTx: the unsigned transaction must be what the request says', () => {
  it('accepts a matching native EIP-1559 transfer and returns what JIL is asked about', () => {
    const c = claims();
    expect(checkRawTx(c, { sourceAddresses: sources })).toEqual({
      ok: true,
      transfer: {
        asset: 'ETH',
        chainId: 'eip155:1',
        to: '0x6861495f5311a3eAE8F8DF6f63eA3bcbDa60f664',
        amount: '1.5',
        amountUsd: '5250.50',
        sourceId: '0',
        sourceAddress: sources['0'],
        signingHash: c.rawTx![0]!.payload,
      },
    });
    // destAddress in any case, payload with 0x and upper case, amountStr with trailing zeros
    const loose = claims({}, { destAddress: DEST.toUpperCase().replace('0X', '0x'), amountStr: '1.500' });
    loose.rawTx![0]!.payload = `0x${loose.rawTx![0]!.payload.toUpperCase()}`;
    expect(checkRawTx(loose, { sourceAddresses: sources }).ok).toBe(true);
  });

  it('rejects every mismatch and every unsupported shape, saying which', () => {
    const swapped = claims();
    swapped.rawTx![0]!.payload = claims({ value: 1n }).rawTx![0]!.payload;
    const cases: [TxSignRequestClaims, 'unsupported' | 'tx_mismatch', RegExp, Record<string, unknown>?][] = [
      [claims({ to: OTHER }), 'tx_mismatch', /rawTx to 0xFE8F.* differs from destAddress/i],
      [claims({ value: 1n }), 'tx_mismatch', /differs from amountStr/],
      [claims({ chainId: 5 }), 'tx_mismatch', /chain id 5 is not 1/],
      [swapped, 'tx_mismatch', /not the keccak256 signing hash/],
      [claims({}, { destAddress: 'not-an-address' }), 'tx_mismatch', /destAddress is missing or not an EVM address/],
      [claims({}, { amountStr: '1.5e0' }), 'tx_mismatch', /amountStr is missing or not a decimal/],
      [
        claims({}, { destinations: [{ amountNativeStr: '2', amountUSD: 1, displayDstAddress: DEST }] }),
        'tx_mismatch',
        /amountNativeStr differs/,
      ],
      [
        claims({}, { destinations: [{ amountNativeStr: '1.5', amountUSD: 1, displayDstAddress: OTHER }] }),
        'tx_mismatch',
        /displayDstAddress differs/,
      ],
      [claims({}, { rawTx: [{ rawTx: 'f86b', payload: '00' }] }), 'tx_mismatch', /not an EIP-1559/],
      [claims({}, { operation: 'CONTRACT_CALL' }), 'unsupported', /operation CONTRACT_CALL is not screened/],
      [claims({}, { asset: 'USDC' }), 'unsupported', /asset USDC is not configured/],
      [claims({}, { sourceId: '9' }), 'unsupported', /no source address configured for sourceId 9/],
      [claims({}, { rawTx: [] }), 'unsupported', /exactly one rawTx entry, got 0/],
      [claims({ data: '0xa9059cbb' }), 'unsupported', /call data/],
      [claims({}, { destinations: [{ amountUSD: 1 }, { amountUSD: 1 }] }), 'unsupported', /more than one destination/],
      [claims({}, { destinations: [{ amountNativeStr: '1.5' }] }), 'unsupported', /amountUSD is missing/],
    ];
    for (const [c, outcome, reason] of cases) {
      const r = checkRawTx(c, { sourceAddresses: sources });
      expect(r, String(reason)).toMatchObject({ ok: false, outcome });
      if (!r.ok) expect(r.reason).toMatch(reason);
    }
  });

  it('uses the configured assets: another chain and decimals', () => {
    const c = claims(
      { chainId: 11155111, value: 15n },
      { asset: 'ETH_TEST5', amountStr: '1.5', destinations: [{ amountNativeStr: '1.5', amountUSD: 0 }] },
    );
    expect(checkRawTx(c, { sourceAddresses: sources, assets: { ETH_TEST5: { chainId: 11155111, decimals: 1 } } })).toMatchObject({
      ok: true,
      transfer: { chainId: 'eip155:11155111', amountUsd: '0.00' },
    });
  });
});
