import { HTTP_STATUS_BY_CODE, isJilError, JilError } from '@jil/core';

/** Map Fastify's own error codes to JIL codes (stable codes for clients). */
const FASTIFY_CODES: Record<string, JilError['code']> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'REQUEST_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'REQUEST_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'REQUEST_MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'REQUEST_MALFORMED_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'REQUEST_MALFORMED_JSON',
};

/**
 * Turn any thrown value into a `JilError` and its HTTP status. Unknown errors become `INTERNAL` (500)
 * with a generic message; their details stay in the server log only.
 */
export function toErrorReply(error: unknown): { status: number; error: JilError } {
  if (isJilError(error)) return { status: HTTP_STATUS_BY_CODE[error.code] ?? 500, error };
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  const mapped = FASTIFY_CODES[code];
  if (mapped) {
    const message = mapped === 'REQUEST_TOO_LARGE' ? 'request body exceeds the size limit' : mapped === 'REQUEST_UNSUPPORTED_MEDIA_TYPE' ? 'content-type must be application/json' : 'request body is not valid JSON';
    const e = new JilError(mapped, message, { details: { field: '(body)' } });
    return { status: HTTP_STATUS_BY_CODE[mapped] ?? 400, error: e };
  }
  const statusCode = typeof error === 'object' && error !== null && 'statusCode' in error ? Number((error as { statusCode: unknown }).statusCode) : 500;
  if (statusCode >= 400 && statusCode < 500) {
    return { status: 400, error: new JilError('REQUEST_VALIDATION_FAILED', 'request rejected', { details: { field: '(request)' } }) };
  }
  return { status: 500, error: new JilError('INTERNAL', 'internal error') };
}
