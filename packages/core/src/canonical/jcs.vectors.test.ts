import { readFileSync, readdirSync } from 'node:fs';
import { vectorPath } from '@jil/testkit';
import { describe, expect, it } from 'vitest';
import { bytesToUtf8, hexToBytes } from '../bytes/encoding.js';
import { isJilError } from '../errors/JilError.js';
import { canonicalBytes } from './canonicalize.js';
import { parseJson } from './parseJson.js';

// RFC 8785 vectors from cyberphone/json-canonicalization: input/X.json → output/X.json (bytes) = outhex/X.txt.
const dir = vectorPath('jcs-rfc8785');
const names = readdirSync(`${dir}/input`)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -5))
  .sort();

/** Independent scan: does the parsed vector hold an integral number beyond ±(2^53 − 1)? */
function hasUnsafeInteger(value: unknown): boolean {
  if (typeof value === 'number') return Number.isInteger(value) && !Number.isSafeInteger(value);
  if (value !== null && typeof value === 'object') return Object.values(value).some(hasUnsafeInteger);
  return false;
}

describe('RFC 8785 vectors (jcs-rfc8785)', () => {
  it('finds the six upstream cases', () => {
    expect(names.length).toBe(6);
  });

  for (const name of names) {
    it(`${name}: canonical bytes equal output/ and outhex/`, () => {
      const input = parseJson(bytesToUtf8(readFileSync(`${dir}/input/${name}.json`)));
      const expected = new Uint8Array(readFileSync(`${dir}/output/${name}.json`));
      const hex = readFileSync(`${dir}/outhex/${name}.txt`, 'utf8').replace(/\s+/g, '');
      expect(hexToBytes(hex)).toEqual(expected);

      // The RFC number serializer, with JIL's I-JSON integer rule switched off, reproduces every vector.
      expect(canonicalBytes(input, { allowUnsafeIntegers: true })).toEqual(expected);

      // The default profile gives the same bytes, or refuses exactly the vectors with unsafe integers (1E30 in values).
      if (hasUnsafeInteger(input)) {
        let error: unknown;
        try {
          canonicalBytes(input);
        } catch (e) {
          error = e;
        }
        expect(isJilError(error, 'CANONICAL_UNSAFE_INTEGER')).toBe(true);
      } else {
        expect(canonicalBytes(input)).toEqual(expected);
      }

      // Canonical output is a fixed point.
      expect(canonicalBytes(parseJson(bytesToUtf8(expected)), { allowUnsafeIntegers: true })).toEqual(expected);
    });
  }
});
