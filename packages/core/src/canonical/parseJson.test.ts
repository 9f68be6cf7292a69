import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thrown } from '@jil/testkit';
import { isJilError } from '../errors/JilError.js';
import { jsonString, jsonValue } from './arbitraries.testutil.js';
import { canonicalize } from './canonicalize.js';
import { parseJson } from './parseJson.js';

const MALFORMED = [
  '',
  ' ',
  '{',
  '}',
  '[',
  '[1,]',
  '[,1]',
  '{"a":1,}',
  '{"a" 1}',
  '{a:1}',
  "{'a':1}",
  '{"a":1 "b":2}',
  '[1 2]',
  '01',
  '-01',
  '1.',
  '.1',
  '+1',
  '1e',
  '1e+',
  '0x10',
  '-',
  'NaN',
  'Infinity',
  '-Infinity',
  'tru',
  'nul',
  'True',
  '"abc',
  '"\\x"',
  '"\\u12"',
  '"\\u12G4"',
  '"a\u0001b"',
  '"tab\there"',
  '"line\nbreak"',
  '1 2',
  '{}{}',
  '\ufeff{}',
  '\u00a0{}',
  '[1]x',
  'undefined',
  '"\\',
  '1e400',
  '-1e400',
];

describe('parseJson', () => {
  it.each(MALFORMED.map((t) => [JSON.stringify(t), t]))('rejects %s with JSON_PARSE_ERROR', (_l, text) => {
    const error = thrown(() => parseJson(text));
    expect(isJilError(error, 'JSON_PARSE_ERROR')).toBe(true);
    expect(typeof (error as { details: { position: unknown } }).details.position).toBe('number');
  });

  it('rejects duplicate keys, also when spelled with escapes, naming key and path', () => {
    for (const [text, key, path] of [
      ['{"a":1,"a":2}', 'a', '$.a'],
      ['{"a":1,"\\u0061":2}', 'a', '$.a'],
      ['{"x":[{"k y":1,"k y":1}]}', 'k y', '$.x[0]["k y"]'],
    ] as const) {
      const error = thrown(() => parseJson(text));
      expect(isJilError(error, 'JSON_DUPLICATE_KEY')).toBe(true);
      expect((error as { details: unknown }).details).toMatchObject({ key, path });
    }
  });

  it('property: any repeated key is a JSON_DUPLICATE_KEY', () => {
    fc.assert(
      fc.property(fc.uniqueArray(jsonString, { minLength: 1, maxLength: 5 }), fc.nat(), (keys, pick) => {
        const dup = keys[pick % keys.length]!;
        const text = `{${[...keys, dup].map((k, i) => `${JSON.stringify(k)}:${i}`).join(',')}}`;
        const error = thrown(() => parseJson(text));
        expect(isJilError(error, 'JSON_DUPLICATE_KEY')).toBe(true);
        expect((error as { details: { key: unknown } }).details.key).toBe(dup);
      }),
    );
  });

  it('rejects lone surrogates, escaped or raw, and keeps well-formed pairs', () => {
    for (const text of ['"\\ud800"', '"\\udc00"', '"\\ude02\\ud83d"', '{"\\ud800":1}', '["\ud800"]', '"x\udfff"']) {
      expect(
        isJilError(
          thrown(() => parseJson(text)),
          'CANONICAL_LONE_SURROGATE',
        ),
      ).toBe(true);
    }
    expect(parseJson('"\\ud83d\\ude02"')).toBe('\ud83d\ude02');
    expect(parseJson('"\\ud83d\ude02"')).toBe('\ud83d\ude02');
  });

  it('keeps "__proto__" as an own key of a plain object', () => {
    const value = parseJson('{"__proto__":{"polluted":true}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(canonicalize(value)).toBe('{"__proto__":{"polluted":true}}'.replace(/\s/g, ''));
  });

  it('rejects a non-string argument with INVALID_ARGUMENT', () => {
    for (const bad of [undefined, null, 1, new Uint8Array(1), {}]) {
      expect(
        isJilError(
          thrown(() => parseJson(bad as string)),
          'INVALID_ARGUMENT',
        ),
      ).toBe(true);
    }
  });

  it('property: agrees with JSON.parse on valid JSON, any indentation', () => {
    fc.assert(
      fc.property(jsonValue, fc.constantFrom(undefined, 0, 1, 2, '\t', ' \r\n'), (x, space) => {
        const text = JSON.stringify(x, null, space as string | number | undefined);
        expect(parseJson(text)).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  it('property (differential): on any text, parseJson is at least as strict as JSON.parse and throws only JilError', () => {
    const jsonish = fc
      .array(fc.constantFrom(...'{}[]",:-+.0123456789eEtruefalsn \\u0061\n\t'.split(''), '"a"', '1', 'true', 'null', '\\ud800'), {
        maxLength: 24,
      })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(jsonish, fc.string({ unit: 'binary', maxLength: 16 })), (text) => {
        let ours: { ok: true; value: unknown } | { ok: false; error: unknown };
        try {
          ours = { ok: true, value: parseJson(text) };
        } catch (error) {
          ours = { ok: false, error };
        }
        if (ours.ok) expect(ours.value).toEqual(JSON.parse(text));
        else expect(isJilError(ours.error)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
