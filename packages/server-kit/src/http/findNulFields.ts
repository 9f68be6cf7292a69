/**
 * Where a parsed JSON value, a query object or a params object holds U+0000 (NUL): in a string or in a key.
 * PostgreSQL cannot store NUL in `text` or `jsonb` (SQLSTATE 22021 / 22P05), so every route refuses it at the edge
 * with `REQUEST_NUL_CHARACTER` instead of letting it reach storage.
 *
 * @param value - anything JSON-shaped (strings, arrays, plain objects); other types are ignored.
 * @param path - prefix of the reported paths (default `''`: top-level keys are reported bare, e.g. `sender.id`).
 * @returns the JSON paths of every offending string or key (`sender.id`, `tags[2]`, `(key)`), at most 20.
 * @example
 * import { findNulFields } from './findNulFields.js';
 * findNulFields({ sender: { id: 'a\u0000' } }); // ['sender.id']
 */
export function findNulFields(value: unknown, path = ''): string[] {
  const found: string[] = [];
  walk(value, path, found, 0);
  return found;
}

const MAX_REPORTED = 20;

function walk(value: unknown, path: string, found: string[], depth: number): void {
  if (found.length >= MAX_REPORTED || depth > 600) return;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push(path === '' ? '(value)' : path);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      walk(item, `${path}[${i}]`, found, depth + 1);
    });
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) {
        found.push(path === '' ? '(key)' : `${path}.(key)`);
        continue;
      }
      walk(item, path === '' ? key : `${path}.${key}`, found, depth + 1);
    }
  }
}
