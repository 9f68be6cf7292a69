/**
 * JSON paths for error details (`details.path`): `$` is the root, `.name` a key that is an identifier,
 * `["any key"]` any other key (JSON string syntax), `[3]` an array index. Internal to the canonical module.
 */
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** The path root. */
export const ROOT_PATH = '$';

/** Deepest nesting of arrays and objects that `parseJson` and `canonicalize` accept. */
export const MAX_DEPTH = 512;

/** Path of the member `key` of the object at `path`. */
export function keyPath(path: string, key: string): string {
  return IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** Path of element `index` of the array at `path`. */
export function indexPath(path: string, index: number): string {
  return `${path}[${index}]`;
}

const LONE_SURROGATE = /\p{Cs}/u;

/**
 * `true` when `text` holds a UTF-16 surrogate that is not part of a well-formed pair.
 * With the `u` flag a well-formed pair is one astral code point, so only lone surrogates match `\p{Cs}`.
 */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}
