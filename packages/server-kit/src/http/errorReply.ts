import { HTTP_STATUS_BY_CODE, isJilError, JilError } from '@jil/core';

/** Map Fastify's own error codes to JIL codes (stable codes for clients). */
const FASTIFY_CODES: Record<string, JilError['code']> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'REQUEST_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'REQUEST_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'REQUEST_MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'REQUEST_MALFORMED_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'REQUEST_MALFORMED_JSON',
};

/** Response headers an error implies: `Retry-After` (whole seconds, rounded up) when `details.retry_after_ms` is set on a 429 or 503. */
function headersFor(status: number, error: JilError): Record<string, string> {
  const ms = error.details['retry_after_ms'];
  if ((status === 429 || status === 503) && typeof ms === 'number' && Number.isFinite(ms) && ms >= 0)
    return { 'retry-after': String(Math.max(1, Math.ceil(ms / 1000))) };
  return {};
}

/**
 * Turn any thrown value into a `JilError`, its HTTP status and the headers it implies (`Retry-After` for
 * `REQUEST_RATE_LIMITED`). Unknown errors become `INTERNAL` (500) with a generic message; their details stay in the
 * server log only.
 */
export function toErrorReply(error: unknown): { status: number; error: JilError; headers: Record<string, string> } {
  if (isJilError(error)) {
    const status = HTTP_STATUS_BY_CODE[error.code] ?? 500;
    return { status, error, headers: headersFor(status, error) };
  }
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  const mapped = FASTIFY_CODES[code];
  if (mapped) {
    const message =
      mapped === 'REQUEST_TOO_LARGE'
        ? 'request body exceeds the size limit'
        : mapped === 'REQUEST_UNSUPPORTED_MEDIA_TYPE'
          ? 'content-type must be application/json'
          : 'request body is not valid JSON';
    const e = new JilError(mapped, message, { details: { field: '(body)' } });
    return { status: HTTP_STATUS_BY_CODE[mapped] ?? 400, error: e, headers: {} };
  }
  const statusCode =
    typeof error === 'object' && error !== null && 'statusCode' in error ? Number((error as { statusCode: unknown }).statusCode) : 500;
  if (statusCode >= 400 && statusCode < 500) {
    return {
      status: 400,
      error: new JilError('REQUEST_VALIDATION_FAILED', 'request rejected', { details: { field: '(request)' } }),
      headers: {},
    };
  }
  return { status: 500, error: new JilError('INTERNAL', 'internal error'), headers: {} };
}
