import { JilError, type FieldIssue } from '@jil/core';
import { parseJsonBody } from '@jil/server-kit';

/** One field rule: a string matching `pattern`, an integer, an object, a boolean or a string array. */
export type FieldRule =
  | { type: 'string'; pattern?: RegExp; rule?: string; optional?: boolean }
  | { type: 'integer'; min: number; max: number; optional?: boolean }
  | { type: 'object'; optional?: boolean }
  | { type: 'boolean'; optional?: boolean }
  | { type: 'strings'; pattern: RegExp; optional?: boolean };

type Out<R> = R extends { type: 'string' }
  ? string
  : R extends { type: 'integer' }
    ? number
    : R extends { type: 'boolean' }
      ? boolean
      : R extends { type: 'strings' }
        ? string[]
        : Record<string, unknown>;

/** The parsed body: required fields present, optional ones possibly `undefined`. */
export type BodyOf<S extends Record<string, FieldRule>> = {
  [K in keyof S]: S[K] extends { optional: true } ? Out<S[K]> | undefined : Out<S[K]>;
};

/**
 * Parses a raw request body strictly (`parseJsonBody`) and checks it against `spec`: unknown fields and every bad
 * field are listed at once.
 * @throws JilError `REQUEST_MALFORMED_JSON`, `REQUEST_VALIDATION_FAILED` (`details.fields`).
 */
export function readBody<S extends Record<string, FieldRule>>(raw: unknown, spec: S, emptyAllowed = false): BodyOf<S> {
  const body = emptyAllowed && (raw === undefined || (raw instanceof Uint8Array && raw.length === 0)) ? {} : parseJsonBody(raw);
  const issues: FieldIssue[] = [];
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new JilError('REQUEST_VALIDATION_FAILED', 'request body must be a JSON object', {
      details: { fields: [{ field: '(body)', message: 'must be an object' }] },
    });
  }
  const b = body as Record<string, unknown>;
  for (const key of Object.keys(b)) if (!(key in spec)) issues.push({ field: key, message: 'unknown field', issue: 'unrecognized_key' });
  for (const [field, r] of Object.entries(spec)) {
    const v = b[field];
    if (v === undefined) {
      if (!r.optional) issues.push({ field, message: 'required', issue: 'required' });
      continue;
    }
    const ok =
      r.type === 'string'
        ? typeof v === 'string' && v.length <= 4096 && (r.pattern === undefined || r.pattern.test(v))
        : r.type === 'integer'
          ? Number.isSafeInteger(v) && (v as number) >= r.min && (v as number) <= r.max
          : r.type === 'boolean'
            ? typeof v === 'boolean'
            : r.type === 'strings'
              ? Array.isArray(v) && v.length <= 1000 && v.every((s) => typeof s === 'string' && r.pattern.test(s))
              : v !== null && typeof v === 'object' && !Array.isArray(v);
    if (!ok)
      issues.push({ field, message: r.type === 'string' && r.rule ? `must be ${r.rule}` : `must be a valid ${r.type}`, issue: 'invalid' });
  }
  if (issues.length > 0) {
    throw new JilError('REQUEST_VALIDATION_FAILED', `invalid request: ${issues.map((i) => i.field).join(', ')}`, {
      details: { fields: issues },
    });
  }
  return b as BodyOf<S>;
}
