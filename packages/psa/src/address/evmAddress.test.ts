import { bytesToHex } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeAddress } from './normalizeAddress.js';
import { normalizeEvmAddress, toChecksumAddress } from './evmAddress.js';

// EIP-55 §Test Cases (all caps, all lower, normal).
const EIP55 = [
  '0x52908400098527886E0F7030069857D2E4169EE7',
  '0x8617E340B3D01FA5F11F306F4090FD50E238070D',
  '0xde709f2102306220921060314715629080e2fb77',
  '0x27b1fdb04752bbc536007a920d24acb045561c26',
  '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
  '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
  '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
  '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
];

const issueOf = (f: () => unknown): unknown => {
  try {
    f();
  } catch (error) {
    return (error as { code: string; details: { issue: string } }).details.issue;
  }
  return undefined;
};

describe('EIP-55', () => {
  it('accepts the EIP-55 vectors and keys them in lower case', () => {
    for (const address of EIP55) {
      const key = normalizeEvmAddress(address);
      expect(key.normalized).toBe(address.toLowerCase());
      const mixed = address.slice(2) !== address.slice(2).toLowerCase() && address.slice(2) !== address.slice(2).toUpperCase();
      if (mixed) expect(key.display).toBe(address);
    }
  });

  it('displays the checksummed form of the Ronin exploiter', () => {
    expect(normalizeAddress('eip155:1', '0x098b716b8aaf21512996dc57eb0615e2383e2f96').display).toBe(
      '0x098B716B8Aaf21512996dC57EB0615e2383E2f96',
    );
  });

  it('rejects a wrong checksum with address_checksum and a message that names the rule, not the field', () => {
    const bad = '0x52908400098527886E0F7030069857D2E4169Ee7';
    expect(issueOf(() => normalizeAddress('eip155:1', bad))).toBe('address_checksum');
    expect(() => normalizeAddress('eip155:1', bad)).toThrow(/^address fails EIP-55 checksum$/);
  });

  it.each([
    ['too short', '0x5290840009852788'],
    ['no 0x', '52908400098527886E0F7030069857D2E4169EE7'],
    ['upper 0X', '0X52908400098527886E0F7030069857D2E4169EE7'],
    ['non-hex', '0x52908400098527886E0F7030069857D2E4169EEG'],
    ['whitespace', ' 0x52908400098527886e0f7030069857d2e4169ee7'],
    ['empty', ''],
  ])('rejects %s with address_format', (_, address) => {
    expect(issueOf(() => normalizeAddress('eip155:1', address))).toBe('address_format');
  });

  it('property: checksum round-trip (display → key → display)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 20, maxLength: 20 }), (bytes) => {
        const lower = bytesToHex(bytes);
        const display = toChecksumAddress(lower);
        const key = normalizeAddress('eip155:137', display);
        expect(key).toEqual({ family: 'evm', normalized: `0x${lower}`, display });
        expect(normalizeAddress('eip155:1', key.normalized).display).toBe(display);
      }),
    );
  });

  it('property: a one-character change is rejected or changes the key (or only drops the checksum case)', () => {
    const HEX = '0123456789abcdefABCDEF';
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 20, maxLength: 20 }), fc.nat(39), fc.nat(HEX.length - 1), (bytes, pos, ci) => {
        const display = toChecksumAddress(bytesToHex(bytes));
        const chars = [...display];
        const replacement = HEX[ci]!;
        fc.pre(chars[pos + 2] !== replacement);
        chars[pos + 2] = replacement;
        const changed = chars.join('');
        let key: string | undefined;
        try {
          key = normalizeAddress('eip155:1', changed).normalized;
        } catch {
          return; // rejected
        }
        const hex = changed.slice(2);
        const unchecked = hex === hex.toLowerCase() || hex === hex.toUpperCase();
        expect(key !== `0x${bytesToHex(bytes)}` || unchecked).toBe(true);
      }),
    );
  });
});
