import { describe, expect, it } from 'vitest';
import { canonicalize } from '../canonical/canonicalize.js';
import { base64Decode, base64Encode, bytesToHex, constantTimeEqual, hexToBytes, sha256Bytes, sha256Hex, utf8ToBytes } from './encoding.js';

const GARBAGE: unknown[] = [undefined, null, 0, NaN, {}, [], true, () => 1, Symbol('s'), 10n, Object.create(null), new ArrayBuffer(4)];

/** Only a JilError INVALID_ARGUMENT naming a field may come out; never a TypeError from a library underneath. */
function throwsInvalidArgument(fn: () => unknown): void {
  try {
    fn();
  } catch (error) {
    expect(error).toMatchObject({ name: 'JilError', code: 'INVALID_ARGUMENT' });
    return;
  }
  throw new Error('expected INVALID_ARGUMENT, nothing was thrown');
}

describe('byte helpers with wrong types (issue 12: only JilError escapes)', () => {
  it('bytesToHex, hexToBytes, utf8ToBytes, base64Encode/Decode, sha256Bytes/Hex, constantTimeEqual', () => {
    for (const g of GARBAGE) {
      throwsInvalidArgument(() => bytesToHex(g as Uint8Array));
      throwsInvalidArgument(() => hexToBytes(g as string));
      throwsInvalidArgument(() => utf8ToBytes(g as string));
      throwsInvalidArgument(() => base64Encode(g as Uint8Array));
      throwsInvalidArgument(() => base64Decode(g as string));
      throwsInvalidArgument(() => sha256Bytes(g as Uint8Array));
      throwsInvalidArgument(() => sha256Hex(g as Uint8Array));
      throwsInvalidArgument(() => constantTimeEqual(g as Uint8Array, new Uint8Array(1)));
      throwsInvalidArgument(() => constantTimeEqual(new Uint8Array(1), g as Uint8Array));
    }
    throwsInvalidArgument(() => hexToBytes('abc'));
    throwsInvalidArgument(() => hexToBytes('zz'));
  });

  it('canonicalize treats null options as none', () => {
    expect(canonicalize({ b: 1, a: 2 }, null as never)).toBe('{"a":2,"b":1}');
  });
});
