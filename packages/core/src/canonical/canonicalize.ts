import { describeType } from '../bytes/assertBytes.js';
import { utf8ToBytes } from '../bytes/encoding.js';
import { JilError } from '../errors/JilError.js';
import { MAX_DEPTH, ROOT_PATH, hasLoneSurrogate, indexPath, keyPath } from './jsonPath.js';

/** Options of {@link canonicalize} and {@link canonicalBytes}. */
export interface CanonicalizeOptions {
  /**
   * Accept integral numbers beyond ±(2^53 − 1) (for example `1e30`) and print them per RFC 8785 §3.2.2.3.
   * Default `false`: JIL follows I-JSON (RFC 7493 §2.2) and rejects them, because such values are not exact;
   * send amounts as decimal strings. Only for interoperating with third-party JCS documents.
   */
  readonly allowUnsafeIntegers?: boolean;
}

interface Context {
  readonly allowUnsafeIntegers: boolean;
  readonly ancestors: Set<object>;
}

/**
 * The RFC 8785 (JCS) canonical JSON text of `value`.
 *
 * Objects print their keys sorted by UTF-16 code units (§3.2.3), strings use the minimal JSON escapes
 * (§3.2.2.2), numbers use ECMAScript Number→String (§3.2.2.3; `-0` prints `0`), no whitespace.
 * Accepts `null`, booleans, finite numbers, well-formed strings, arrays and plain objects
 * (prototype `Object.prototype` or `null`); arrays and objects may nest up to 512 levels.
 * Nothing is coerced or dropped: `toJSON` is not called.
 *
 * @param value - the JSON value to encode.
 * @param options - see {@link CanonicalizeOptions}.
 * @returns the canonical text (a UTF-16 string; {@link canonicalBytes} gives its UTF-8 bytes).
 * @throws JilError `CANONICAL_NON_FINITE_NUMBER` for `NaN`/`±Infinity`; `CANONICAL_UNSAFE_INTEGER` for an integer
 *   outside ±(2^53 − 1); `CANONICAL_UNSUPPORTED_TYPE` for `undefined` (also as an object member or array hole),
 *   functions, symbols (also symbol keys) and BigInt; `CANONICAL_LONE_SURROGATE` for a lone surrogate in a string
 *   or key; `CANONICAL_NOT_PLAIN_OBJECT` for Date, Map, Set, typed arrays, boxed primitives, class instances and
 *   array subclasses; `CANONICAL_CYCLE` when a value contains itself; `INVALID_ARGUMENT` past 512 levels.
 *   Every error has `details.path`, a JSON path such as `$.transfer.amount` or `$.items[2]["odd key"]`.
 * @see RFC 8785 §3.2; RFC 7493 §2.1–2.2 (I-JSON)
 * @example
 * import { canonicalize } from '@jil/core';
 * canonicalize({ b: [1, 2.5, 'x'], a: null }); // '{"a":null,"b":[1,2.5,"x"]}'
 */
export function canonicalize(value: unknown, options: CanonicalizeOptions = {}): string {
  const context: Context = { allowUnsafeIntegers: options?.allowUnsafeIntegers === true, ancestors: new Set() };
  return serialize(value, ROOT_PATH, context);
}

/**
 * The UTF-8 bytes of {@link canonicalize}`(value)`: what JIL hashes and signs.
 *
 * @param value - the JSON value to encode.
 * @param options - see {@link CanonicalizeOptions}.
 * @returns the canonical bytes (RFC 8785 §3.2.4: UTF-8).
 * @throws JilError with the codes of {@link canonicalize}.
 * @see RFC 8785 §3.2.4
 * @example
 * import { canonicalBytes, sha256Hex } from '@jil/core';
 * const digest = sha256Hex(canonicalBytes({ amount: '10.00', asset: 'USDC' }));
 */
export function canonicalBytes(value: unknown, options: CanonicalizeOptions = {}): Uint8Array {
  return utf8ToBytes(canonicalize(value, options));
}

function serialize(value: unknown, path: string, context: Context): string {
  switch (typeof value) {
    case 'string':
      if (hasLoneSurrogate(value)) fail('CANONICAL_LONE_SURROGATE', 'string has a lone surrogate', path);
      return JSON.stringify(value);
    case 'number':
      return serializeNumber(value, path, context);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      return value === null ? 'null' : serializeContainer(value, path, context);
    default:
      return fail('CANONICAL_UNSUPPORTED_TYPE', `${typeof value} is not a JSON value`, path, { type: typeof value });
  }
}

function serializeNumber(value: number, path: string, context: Context): string {
  if (!Number.isFinite(value)) {
    fail('CANONICAL_NON_FINITE_NUMBER', 'number is not finite', path, { value: String(value) });
  }
  if (!context.allowUnsafeIntegers && Number.isInteger(value) && !Number.isSafeInteger(value)) {
    fail('CANONICAL_UNSAFE_INTEGER', 'integer is outside ±(2^53 - 1); send it as a decimal string', path);
  }
  return String(value); // ECMAScript Number::toString, as RFC 8785 §3.2.2.3 requires
}

function serializeContainer(value: object, path: string, context: Context): string {
  const { ancestors } = context;
  if (ancestors.has(value)) fail('CANONICAL_CYCLE', 'value contains itself', path);
  if (ancestors.size >= MAX_DEPTH) {
    fail('INVALID_ARGUMENT', `nesting is deeper than ${MAX_DEPTH} levels`, path, { maxDepth: MAX_DEPTH });
  }
  const proto: unknown = Object.getPrototypeOf(value);
  const isArray = Array.isArray(value);
  if (isArray ? proto !== Array.prototype : proto !== Object.prototype && proto !== null) {
    fail('CANONICAL_NOT_PLAIN_OBJECT', `${describeType(value)} is not a plain object or array`, path, {
      type: describeType(value),
    });
  }
  ancestors.add(value);
  let out: string;
  if (isArray) {
    const items = value as readonly unknown[];
    const parts: string[] = [];
    for (let i = 0; i < items.length; i++) parts.push(serialize(items[i], indexPath(path, i), context));
    out = `[${parts.join(',')}]`;
  } else {
    for (const symbol of Object.getOwnPropertySymbols(value)) {
      if (Object.prototype.propertyIsEnumerable.call(value, symbol)) {
        fail('CANONICAL_UNSUPPORTED_TYPE', 'symbol keys are not JSON', path, { type: 'symbol' });
      }
    }
    const record = value as Readonly<Record<string, unknown>>;
    const parts: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const child = keyPath(path, key);
      if (hasLoneSurrogate(key)) fail('CANONICAL_LONE_SURROGATE', 'key has a lone surrogate', child);
      parts.push(`${JSON.stringify(key)}:${serialize(record[key], child, context)}`);
    }
    out = `{${parts.join(',')}}`;
  }
  ancestors.delete(value);
  return out;
}

function fail(
  code:
    | 'CANONICAL_NON_FINITE_NUMBER'
    | 'CANONICAL_UNSAFE_INTEGER'
    | 'CANONICAL_UNSUPPORTED_TYPE'
    | 'CANONICAL_LONE_SURROGATE'
    | 'CANONICAL_NOT_PLAIN_OBJECT'
    | 'CANONICAL_CYCLE'
    | 'INVALID_ARGUMENT',
  message: string,
  path: string,
  extra: Record<string, unknown> = {},
): never {
  throw new JilError(code, `${message} at ${path}`, { details: { path, ...extra } });
}
