import { createECDH, hkdfSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { describe, expect, it } from 'vitest';
import { typedDataDomain } from './eip712/typedData.js';
import { guardianKeyFromSeed } from './guardians/guardianKeyFromSeed.js';
import { releaseDigest } from './contracts/orderSignatures.js';
import { TypedDataEncoder } from 'ethers';
import { BRIDGE_TYPES } from './eip712/typedData.js';

const DOC = readFileSync(new URL('../../../docs/bridge.md', import.meta.url), 'utf8');
/** The backquoted hex of the row `item` in docs/bridge.md §Test vectors. */
const row = (item: string): string => {
  const line = DOC.split('\n').find((l) => l.startsWith(`| ${item} | `));
  const m = line === undefined ? null : /\| `(0x)?([0-9a-f]+)` \|$/.exec(line);
  if (!m?.[2]) throw new Error(`docs/bridge.md has no row ${item}`);
  return m[2];
};

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const k = (...parts: Uint8Array[]): Uint8Array => keccak_256(Buffer.concat(parts));
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
/** One 32-byte ABI word: a uint (big-endian), an address (left-padded) or a bytes32. */
const word = (v: bigint | string): Uint8Array => {
  const n = typeof v === 'bigint' ? v : BigInt(v);
  return Buffer.from(n.toString(16).padStart(64, '0'), 'hex');
};
const fill = (byte: string) => `0x${byte.repeat(32)}`;
const ZERO = '0x0000000000000000000000000000000000000000';
const ALICE = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const CONTRACT = '0x5FbDB2315678afecb367f032d93F642f64180aa3';

// EIP-712 §Definition of domainSeparator / hashStruct / encodeData, written out.
const domainSeparator = k(
  k(utf8('EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)')),
  k(utf8('JIL Bridge')),
  k(utf8('1')),
  word(31337n),
  word(CONTRACT),
);
const digest = (structHash: Uint8Array) => hex(k(Uint8Array.of(0x19, 0x01), domainSeparator, structHash));

describe('docs/bridge.md §Test vectors', () => {
  it('the guardian key of the documented secret, derived with node:crypto (HKDF, secp256k1) and Keccak-256', () => {
    const secret = Buffer.from(row('validator secret key (32 bytes)'), 'hex');
    const okm = Buffer.from(hkdfSync('sha256', secret, new Uint8Array(), 'JIL-BRIDGE-GUARDIAN-SECP256K1-v1', 48));
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
    const d = ((BigInt(`0x${okm.toString('hex')}`) % (n - 1n)) + 1n).toString(16).padStart(64, '0');
    const ecdh = createECDH('secp256k1');
    ecdh.setPrivateKey(Buffer.from(d, 'hex'));
    const address = `0x${hex(keccak_256(ecdh.getPublicKey().subarray(1)).subarray(12))}`;
    expect(d).toBe(row('guardian private key'));
    expect(address).toBe(`0x${row('guardian address')}`);
    expect(guardianKeyFromSeed(secret)).toEqual({ privateKey: `0x${d}`, address });
  });

  it('the domain separator and the Release digest, by hand and by the package', () => {
    expect(hex(domainSeparator)).toBe(row('domainSeparator'));
    const release = {
      withdrawalId: fill('11'),
      token: ZERO,
      recipient: ALICE,
      amount: 10n ** 18n,
      expiry: 1767225600n,
      guardianSetVersion: 1,
    };
    const typeHash = k(
      utf8('Release(bytes32 withdrawalId,address token,address recipient,uint256 amount,uint64 expiry,uint32 guardianSetVersion)'),
    );
    const structHash = k(
      typeHash,
      word(release.withdrawalId),
      word(release.token),
      word(release.recipient),
      word(release.amount),
      word(release.expiry),
      word(BigInt(release.guardianSetVersion)),
    );
    expect(digest(structHash)).toBe(row('`Release` digest'));
    expect(releaseDigest({ chainId: 31337n, verifyingContract: CONTRACT }, release)).toBe(`0x${row('`Release` digest')}`);
  });

  it('the DepositAttestation digest, by hand (the string member hashed, EIP-712 §encodeData) and by ethers', () => {
    const typeHash = k(
      utf8(
        'DepositAttestation(bytes32 depositId,bytes32 txHash,uint32 logIndex,bytes32 blockHash,uint64 blockNumber,address token,' +
          'uint256 amount,address depositor,string jilAccount,uint32 guardianSetVersion)',
      ),
    );
    const structHash = k(
      typeHash,
      word(fill('22')),
      word(fill('33')),
      word(0n),
      word(fill('44')),
      word(7n),
      word(ZERO),
      word(2n * 10n ** 18n),
      word(ALICE),
      k(utf8('alice')),
      word(1n),
    );
    const expected = row('`DepositAttestation` digest');
    expect(digest(structHash)).toBe(expected);
    const message = {
      depositId: fill('22'),
      txHash: fill('33'),
      logIndex: 0,
      blockHash: fill('44'),
      blockNumber: 7n,
      token: ZERO,
      amount: 2n * 10n ** 18n,
      depositor: ALICE,
      jilAccount: 'alice',
      guardianSetVersion: 1,
    };
    const domain = typedDataDomain({ chainId: 31337n, verifyingContract: CONTRACT });
    expect(TypedDataEncoder.hash(domain, { DepositAttestation: [...BRIDGE_TYPES.DepositAttestation] }, message)).toBe(`0x${expected}`);
  });
});
