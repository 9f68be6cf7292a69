import { bytesToUtf8, isJilError, JilError, parseJson } from '@jil/core';
import { findNulFields } from './findNulFields.js';

/**
 * Parse a request body strictly (RFC 8259 + I-JSON: duplicate keys and lone surrogates refused).
 * @throws JilError `REQUEST_MALFORMED_JSON` naming the reason (`details.reason`) and, for duplicate keys, the key;
 *   `REQUEST_NUL_CHARACTER` when a string or key holds U+0000 (`details.fields`: the JSON paths, never the value).
 */
export function parseJsonBody(body: unknown): unknown {
  if (!(body instanceof Uint8Array) || body.length === 0) {
    throw new JilError('REQUEST_MALFORMED_JSON', 'request body must be a JSON object with content-type application/json', {
      details: { field: '(body)' },
    });
  }
  let value: unknown;
  try {
    value = parseJson(bytesToUtf8(body));
  } catch (cause) {
    const reason = isJilError(cause) ? cause.code : 'JSON_PARSE_ERROR';
    const key = isJilError(cause) ? cause.details['key'] : undefined;
    throw new JilError(
      'REQUEST_MALFORMED_JSON',
      reason === 'JSON_DUPLICATE_KEY' ? `request body repeats the key ${String(key)}` : 'request body is not valid JSON',
      {
        details: { field: '(body)', reason, ...(key === undefined ? {} : { key }) },
        cause,
      },
    );
  }
  const nul = findNulFields(value);
  if (nul.length > 0) throw nulError(nul);
  return value;
}

/** `REQUEST_NUL_CHARACTER` listing the offending fields. */
export function nulError(fields: readonly string[]): JilError {
  return new JilError('REQUEST_NUL_CHARACTER', `U+0000 (NUL) is not allowed in text: ${fields.join(', ')}`, {
    details: { fields: fields.map((field) => ({ field, message: 'must not contain U+0000 (NUL)', issue: 'nul_character' })) },
  });
}
