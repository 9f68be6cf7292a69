import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../bytes/encoding.js';
import { isJilError } from '../errors/JilError.js';
import { canonicalRequest, type CanonicalRequestParameters } from './canonicalRequest.js';

const base: CanonicalRequestParameters = {
  method: 'post',
  path: '/v1/preclearance/validate',
  timestamp: '2025-06-01T12:00:00.000Z',
  nonce: 'abcdefghijklmnop_-09',
  body: '{"a":1}',
};

/** Test-side RFC 3986 encoder: every UTF-8 byte except unreserved as %XX, written byte by byte. */
function encode(text: string): string {
  return [...new TextEncoder().encode(text)]
    .map((b) =>
      /[A-Za-z0-9\-._~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}
/** Same text, different but equivalent percent-encoding: lower-case hex and unreserved characters escaped. */
function reencode(text: string): string {
  return [...new TextEncoder().encode(text)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}

const component = fc.string({ unit: 'binary', maxLength: 8 });

describe('canonicalRequest', () => {
  it('has the six documented lines', () => {
    const lines = canonicalRequest({ ...base, query: 'b=2&a=1' }).split('\n');
    expect(lines).toEqual(['POST', base.path, 'a=1&b=2', base.timestamp, base.nonce, sha256Hex('{"a":1}')]);
  });

  it('property: query order does not matter; pairs sort by encoded name, then value', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.tuple(component, component), { maxLength: 6 })
          .chain((pairs) => fc.tuple(fc.constant(pairs), fc.shuffledSubarray(pairs, { minLength: pairs.length }))),
        ([pairs, permuted]) => {
          const query = pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`);
          const shuffled = permuted.map(([k, v]) => `${encode(k)}=${encode(v)}`);
          const expected = pairs
            .map(([k, v]): [string, string] => [encode(k), encode(v)])
            .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
            .map(([k, v]) => `${k}=${v}`)
            .join('&');
          expect(canonicalRequest({ ...base, query: query.join('&') }).split('\n')[2]).toBe(expected);
          expect(canonicalRequest({ ...base, query: shuffled.join('&') })).toBe(canonicalRequest({ ...base, query: query.join('&') }));
        },
      ),
    );
  });

  it('property: equivalent percent-encodings of path and query canonicalize the same', () => {
    fc.assert(
      fc.property(fc.array(component, { minLength: 1, maxLength: 4 }), component, component, (segments, k, v) => {
        const a = canonicalRequest({ ...base, path: `/${segments.map(encode).join('/')}`, query: `${encode(k)}=${encode(v)}` });
        const b = canonicalRequest({ ...base, path: `/${segments.map(reencode).join('/')}`, query: `${reencode(k)}=${reencode(v)}` });
        expect(b).toBe(a);
        expect(a.split('\n')[1]).toBe(`/${segments.map(encode).join('/')}`);
      }),
    );
  });

  it('treats "+" as a literal plus, a bare name as an empty value, and drops empty parts', () => {
    expect(canonicalRequest({ ...base, query: 'q=a+b&flag&&x=' }).split('\n')[2]).toBe('flag=&q=a%2Bb&x=');
  });

  it.each([
    ['method with space', { method: 'PO ST' }, 'method'],
    ['empty method', { method: '' }, 'method'],
    ['relative path', { path: 'v1/x' }, 'path'],
    ['path with query', { path: '/v1?x=1' }, 'path'],
    ['malformed escape in path', { path: '/v1/%zz' }, 'path'],
    ['escape of invalid UTF-8', { path: '/v1/%ff' }, 'path'],
    ['lone surrogate in path', { path: '/v1/\ud800' }, 'path'],
    ['malformed escape in query', { query: 'a=%4' }, 'query'],
    ['offset timestamp', { timestamp: '2025-06-01T12:00:00+00:00' }, 'timestamp'],
    ['lower-case z', { timestamp: '2025-06-01T12:00:00z' }, 'timestamp'],
    ['impossible date', { timestamp: '2025-02-30T12:00:00Z' }, 'timestamp'],
    ['leap second', { timestamp: '2016-12-31T23:59:60Z' }, 'timestamp'],
    ['short nonce', { nonce: 'abc' }, 'nonce'],
    ['nonce with newline', { nonce: 'abcdefghijklmnop\nq' }, 'nonce'],
    ['nonce too long', { nonce: 'a'.repeat(65) }, 'nonce'],
    ['body number', { body: 1 as unknown as string }, 'body'],
  ] as const)('rejects %s with INVALID_ARGUMENT', (_l, change, field) => {
    let error: unknown;
    try {
      canonicalRequest({ ...base, ...change });
    } catch (e) {
      error = e;
    }
    expect(isJilError(error, 'INVALID_ARGUMENT')).toBe(true);
    expect((error as { details: { field: string } }).details.field).toBe(field);
  });
});
