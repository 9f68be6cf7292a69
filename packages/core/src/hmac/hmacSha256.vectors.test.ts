import { readFileSync } from 'node:fs';
import { vectorPath } from '@jil/testkit';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '../bytes/encoding.js';
import { isJilError } from '../errors/JilError.js';
import { hmacSha256 } from './hmacSha256.js';

describe('RFC 4231 HMAC-SHA-256 (test cases 1, 2, 3, 4, 6, 7; case 5 is truncated and absent upstream)', () => {
  const blocks = readFileSync(vectorPath('hmac-sha256', 'rfc-4231-sha256.txt'), 'utf8')
    .split(/\n\s*\n/)
    .map((block) => Object.fromEntries([...block.matchAll(/^(Key|Msg|MD) = ([0-9a-f]+)$/gm)].map((m) => [m[1], m[2]])))
    .filter((b): b is { Key: string; Msg: string; MD: string } => 'Key' in b && 'Msg' in b && 'MD' in b);

  it('parses six cases', () => expect(blocks.length).toBe(6));

  it.each(blocks.map((b, i) => [i, b] as const))('case #%d', (_i, { Key, Msg, MD }) => {
    expect(bytesToHex(hmacSha256(hexToBytes(Key), hexToBytes(Msg)))).toBe(MD);
  });
});

describe('NIST ACVP HMAC-SHA2-256 (150 AFT cases, MAC truncated to macLen)', () => {
  interface Prompt {
    testGroups: { tests: { tcId: number; key: string; msg: string; macLen: number }[] }[];
  }
  interface Expected {
    testGroups: { tests: { tcId: number; mac: string }[] }[];
  }
  const read = <T>(name: string): T => JSON.parse(readFileSync(vectorPath('hmac-sha256', 'acvp-HMAC-SHA2-256-2.0', name), 'utf8')) as T;
  const tests = read<Prompt>('prompt.json').testGroups.flatMap((g) => g.tests);
  const macs = new Map(
    read<Expected>('expectedResults.json')
      .testGroups.flatMap((g) => g.tests)
      .map((t) => [t.tcId, t.mac]),
  );

  it('every case matches', () => {
    expect(tests.length).toBe(150);
    for (const t of tests) {
      const mac = hmacSha256(hexToBytes(t.key.toLowerCase()), hexToBytes(t.msg.toLowerCase())).subarray(0, t.macLen / 8);
      expect(bytesToHex(mac), `tcId ${t.tcId}`).toBe(macs.get(t.tcId)?.toLowerCase());
    }
  });
});

describe('hmacSha256 arguments', () => {
  it('hashes a string message as UTF-8', () => {
    const key = new Uint8Array(20).fill(0x0b);
    expect(hmacSha256(key, 'Hi There é')).toEqual(hmacSha256(key, new TextEncoder().encode('Hi There é')));
  });

  it.each([
    ['key string', () => hmacSha256('k' as unknown as Uint8Array, 'm')],
    ['key array', () => hmacSha256([1] as unknown as Uint8Array, 'm')],
    ['message number', () => hmacSha256(new Uint8Array(1), 1 as unknown as string)],
    ['message undefined', () => hmacSha256(new Uint8Array(1), undefined as unknown as string)],
  ])('%s throws INVALID_ARGUMENT', (_l, fn) => {
    let error: unknown;
    try {
      fn();
    } catch (e) {
      error = e;
    }
    expect(isJilError(error, 'INVALID_ARGUMENT')).toBe(true);
  });
});
