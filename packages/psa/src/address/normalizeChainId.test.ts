import { describe, expect, it } from 'vitest';
import { parseTransferRequest } from '../schema/transferRequest.js';
import { chainFamilyOf } from './chainFamilyOf.js';
import { ACCEPTED_CHAIN_IDS, CHAIN_ID_SPELLINGS, normalizeChainId } from './normalizeChainId.js';

const request = (chain_id: string, address = 'TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7') => ({
  transit_id: 't-1',
  chain_id,
  asset: 'USDT',
  amount: '10',
  amount_usd: '10.00',
  source_address: address,
  destination_address: address,
  sender: { id: 's' },
  receiver: { id: 'r' },
  custodian_id: 'c',
});

describe('normalizeChainId', () => {
  it('maps every Tron spelling in use to tron:0x2b6653dc', () => {
    for (const id of ['tron:0x2b6653dc', 'tron:0x2B6653DC', 'tron:728126428', 'tron:mainnet'])
      expect([id, normalizeChainId(id)]).toEqual([id, 'tron:0x2b6653dc']);
    // Tron's EVM chain id stays an EVM chain id (its callers send 0x addresses); its hex spelling becomes decimal.
    expect(normalizeChainId('eip155:728126428')).toBe('eip155:728126428');
    expect(normalizeChainId('eip155:0x2b6653dc')).toBe('eip155:728126428');
  });

  it('maps Solana spellings to the CAIP-30 id, EVM hex chain ids to decimal, and keeps canonical ids', () => {
    expect(normalizeChainId('solana:mainnet')).toBe('solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp');
    expect(normalizeChainId('solana:4sGjMW1sUnHzSxGspuhpqLDx6wiyjNtZ')).toBe('solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp');
    expect(normalizeChainId('eip155:0x1')).toBe('eip155:1');
    expect(normalizeChainId('eip155:0x89')).toBe('eip155:137');
    expect(normalizeChainId('eip155:1')).toBe('eip155:1');
    for (const canonical of Object.keys(CHAIN_ID_SPELLINGS)) {
      expect(normalizeChainId(canonical)).toBe(canonical);
      expect(chainFamilyOf(canonical)).toBeDefined();
    }
  });

  it('refuses the rest', () => {
    for (const id of [
      'cosmos:cosmoshub-4',
      'tron:nile',
      'eip155:01',
      'eip155:0x0',
      'eip155:0x',
      'solana:devnet',
      'bip122:000000000933ea01ad0ee984209779ba',
      'TRON:mainnet',
      '',
    ])
      expect([id, normalizeChainId(id)]).toEqual([id, undefined]);
  });

  it('parseTransferRequest writes the canonical form, and refuses an unknown chain listing the accepted forms', () => {
    expect(parseTransferRequest(request('tron:mainnet')).chain_id).toBe('tron:0x2b6653dc');
    expect(parseTransferRequest(request('eip155:0x1', '0x0519035923133db8356bb16018454ebc751e4348')).chain_id).toBe('eip155:1');
    let error: unknown;
    try {
      parseTransferRequest(request('tron:nile'));
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      code: 'REQUEST_VALIDATION_FAILED',
      details: { fields: [expect.objectContaining({ field: 'chain_id' })] },
    });
    const message = (error as { details: { fields: { message: string }[] } }).details.fields[0]!.message;
    expect(message).toContain('tron:0x2b6653dc (or tron:0x2B6653DC, tron:728126428, tron:mainnet)');
    expect(message).toContain(ACCEPTED_CHAIN_IDS);
  });
});
