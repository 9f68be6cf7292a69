import { bytesToUtf8, isJilError, JilError, parseJson } from '@jil/core';

/**
 * Parse a request body strictly (RFC 8259 + I-JSON: duplicate keys and lone surrogates refused).
 * @throws JilError `REQUEST_MALFORMED_JSON` naming the reason (`details.reason`) and, for duplicate keys, the key.
 */
export function parseJsonBody(body: unknown): unknown {
  if (!(body instanceof Uint8Array) || body.length === 0) {
    throw new JilError('REQUEST_MALFORMED_JSON', 'request body must be a JSON object with content-type application/json', { details: { field: '(body)' } });
  }
  try {
    return parseJson(bytesToUtf8(body));
  } catch (cause) {
    const reason = isJilError(cause) ? cause.code : 'JSON_PARSE_ERROR';
    const key = isJilError(cause) ? cause.details['key'] : undefined;
    throw new JilError('REQUEST_MALFORMED_JSON', reason === 'JSON_DUPLICATE_KEY' ? `request body repeats the key ${String(key)}` : 'request body is not valid JSON', {
      details: { field: '(body)', reason, ...(key === undefined ? {} : { key }) },
      cause,
    });
  }
}
