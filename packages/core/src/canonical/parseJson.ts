import { JilError } from '../errors/JilError.js';
import { MAX_DEPTH, ROOT_PATH, hasLoneSurrogate, indexPath, keyPath } from './jsonPath.js';

/**
 * Parse JSON text strictly (RFC 8259 grammar plus the I-JSON rules of RFC 7493 §2).
 *
 * Unlike `JSON.parse` it rejects duplicate object keys and lone surrogates (escaped `\ud800` or raw), a leading
 * byte-order mark, numbers that overflow IEEE 754 binary64, and nesting deeper than 512 levels. Objects come back
 * as plain objects (a `"__proto__"` key becomes an own property, never the prototype). Integers beyond ±(2^53 − 1)
 * are parsed like `JSON.parse` does; {@link canonicalize} rejects them.
 *
 * @param text - the JSON text (a JS string; decode bytes first with `bytesToUtf8`, which rejects bad UTF-8).
 * @returns the parsed value: `null`, boolean, number, string, array or plain object.
 * @throws JilError `JSON_PARSE_ERROR` for malformed JSON (`details.position`, a UTF-16 index into `text`);
 *   `JSON_DUPLICATE_KEY` for a key seen twice in one object (`details.key`, `details.path`);
 *   `CANONICAL_LONE_SURROGATE` for a lone surrogate in a string or key (`details.path`);
 *   `INVALID_ARGUMENT` when `text` is not a string. Messages never echo the input.
 * @see RFC 8259 §2–7; RFC 7493 §2.1 (I-JSON); RFC 8785 §3.1
 * @example
 * import { parseJson } from '@jil/core';
 * parseJson('{"a":[1,"x"]}'); // { a: [1, 'x'] }
 * parseJson('{"a":1,"a":2}'); // throws JilError JSON_DUPLICATE_KEY, details.key === 'a'
 */
export function parseJson(text: string): unknown {
  if (typeof text !== 'string') {
    throw new JilError('INVALID_ARGUMENT', 'JSON text must be a string', { details: { field: 'text' } });
  }
  const parser = new Parser(text);
  parser.skipWhitespace();
  const value = parser.parseValue(ROOT_PATH, 0);
  parser.skipWhitespace();
  if (parser.position !== text.length) parser.fail('unexpected data after the JSON value');
  return value;
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const PLAIN_RUN = /[^"\\\u0000-\u001f]*/y;
const HEX4 = /^[0-9A-Fa-f]{4}$/;
const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

class Parser {
  position = 0;
  constructor(private readonly text: string) {}

  fail(reason: string): never {
    throw new JilError('JSON_PARSE_ERROR', `invalid JSON at position ${this.position}: ${reason}`, {
      details: { position: this.position, reason },
    });
  }

  skipWhitespace(): void {
    const { text } = this;
    let i = this.position;
    for (let c = text.charCodeAt(i); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = text.charCodeAt(++i));
    this.position = i;
  }

  parseValue(path: string, depth: number): unknown {
    const c = this.text[this.position];
    if (c === '{') return this.parseObject(path, depth + 1);
    if (c === '[') return this.parseArray(path, depth + 1);
    if (c === '"') return this.parseString(path);
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.parseNumber();
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.text.startsWith(word, this.position)) {
        this.position += word.length;
        return value;
      }
    }
    return this.fail(c === undefined ? 'unexpected end of input' : 'expected a JSON value');
  }

  private enter(depth: number): void {
    if (depth > MAX_DEPTH) this.fail(`nesting is deeper than ${MAX_DEPTH} levels`);
    this.position++;
    this.skipWhitespace();
  }

  private expectSeparator(close: string): boolean {
    this.skipWhitespace();
    const c = this.text[this.position];
    if (c === ',' || c === close) {
      this.position++;
      return c === ',';
    }
    return this.fail(`expected ',' or '${close}'`);
  }

  private parseObject(path: string, depth: number): Record<string, unknown> {
    this.enter(depth);
    const result: Record<string, unknown> = {};
    if (this.text[this.position] === '}') {
      this.position++;
      return result;
    }
    do {
      this.skipWhitespace();
      if (this.text[this.position] !== '"') this.fail('expected a string key');
      const keyStart = this.position;
      const key = this.parseString(path);
      const child = keyPath(path, key);
      if (Object.hasOwn(result, key)) {
        this.position = keyStart;
        throw new JilError('JSON_DUPLICATE_KEY', `duplicate key at ${child}`, {
          details: { key, path: child, position: keyStart },
        });
      }
      this.skipWhitespace();
      if (this.text[this.position] !== ':') this.fail("expected ':'");
      this.position++;
      this.skipWhitespace();
      const value = this.parseValue(child, depth);
      Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
    } while (this.expectSeparator('}'));
    return result;
  }

  private parseArray(path: string, depth: number): unknown[] {
    this.enter(depth);
    const result: unknown[] = [];
    if (this.text[this.position] === ']') {
      this.position++;
      return result;
    }
    do {
      this.skipWhitespace();
      result.push(this.parseValue(indexPath(path, result.length), depth));
    } while (this.expectSeparator(']'));
    return result;
  }

  private parseNumber(): number {
    NUMBER.lastIndex = this.position;
    const match = NUMBER.exec(this.text);
    if (match === null) return this.fail('malformed number');
    const value = Number(match[0]);
    if (!Number.isFinite(value)) this.fail('number overflows IEEE 754 binary64');
    this.position += match[0].length;
    return value;
  }

  private parseString(path: string): string {
    const { text } = this;
    const start = this.position;
    this.position++; // opening quote
    let out = '';
    for (;;) {
      PLAIN_RUN.lastIndex = this.position;
      const run = PLAIN_RUN.exec(text)?.[0] ?? '';
      out += run;
      this.position += run.length;
      const c = text[this.position];
      if (c === '"') break;
      if (c === undefined) this.fail('unterminated string');
      if (c !== '\\') this.fail('unescaped control character in string');
      const e = text[this.position + 1];
      if (e === 'u') {
        const hex = text.slice(this.position + 2, this.position + 6);
        if (!HEX4.test(hex)) this.fail('malformed \\u escape');
        out += String.fromCharCode(Number.parseInt(hex, 16));
        this.position += 6;
      } else {
        const decoded = e === undefined ? undefined : ESCAPES[e];
        if (decoded === undefined) this.fail('invalid escape');
        out += decoded;
        this.position += 2;
      }
    }
    this.position++; // closing quote
    if (hasLoneSurrogate(out)) {
      throw new JilError('CANONICAL_LONE_SURROGATE', `string has a lone surrogate at ${path}`, {
        details: { path, position: start },
      });
    }
    return out;
  }
}
