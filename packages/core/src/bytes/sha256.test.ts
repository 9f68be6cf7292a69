import { sha256 } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, sha256Bytes, sha256Hex, utf8ToBytes } from './encoding.js';

describe('sha256Bytes / sha256Hex (FIPS 180-4; node:crypto where present, else noble)', () => {
  it('FIPS 180-2 appendix B vectors', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('property: the same digest as noble for any bytes and any string (UTF-8)', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 9000 }), (b) => bytesToHex(sha256Bytes(b)) === bytesToHex(sha256(b))));
    fc.assert(fc.property(fc.string(), (s) => sha256Hex(s) === bytesToHex(sha256(utf8ToBytes(s)))));
  });
});
