import type { FastifyInstance, FastifyRequest } from 'fastify';
import { JilError } from '@jil/core';
import { toErrorReply } from './errorReply.js';
import { findNulFields } from './findNulFields.js';
import { nulError } from './parseJsonBody.js';

/** Longest request target (path and query) the shells accept; longer answers `414 REQUEST_URI_TOO_LONG`. */
export const MAX_URL_LENGTH = 8192;

/** A route pattern as a regular expression over the path (`:param` → one segment, `*` → the rest). */
function patternToRegExp(url: string): RegExp {
  const body = url
    .split('/')
    .map((segment) =>
      segment.startsWith(':') ? '[^/]+' : segment === '*' ? '.*' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\*$/, '.*'),
    )
    .join('/');
  return new RegExp(`^${body}$`);
}

/**
 * The HTTP conventions every JIL shell shares: JSON bodies kept as raw bytes (HMAC signatures cover them; routes
 * parse them strictly with `parseJsonBody`, which refuses U+0000), every error answered as
 * `{ error: { code, message, details } }` with the status of `HTTP_STATUS_BY_CODE` (5xx logged with the cause, 4xx
 * logged by code and offending fields only — never secrets), U+0000 in a query or path parameter refused with
 * `400 REQUEST_NUL_CHARACTER` before any handler or auth hook runs, a request target over {@link MAX_URL_LENGTH}
 * refused with `414 REQUEST_URI_TOO_LONG`, a known path asked with another method answered
 * `405 REQUEST_METHOD_NOT_ALLOWED` with `Allow`, and unknown routes `404 NOT_FOUND`. No answer echoes the path.
 * Call it before registering routes (it records them to answer 405). Pair it with {@link edgeServerOptions} for
 * the errors Fastify and Node raise before routing.
 */
export function installJsonConventions(app: FastifyInstance): void {
  const routes: { pattern: RegExp; methods: string[] }[] = [];
  app.addHook('onRoute', (route) => {
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).map(String);
    routes.push({ pattern: patternToRegExp(route.url), methods });
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.addHook('onRequest', async (request) => {
    if (request.raw.url !== undefined && request.raw.url.length > MAX_URL_LENGTH) {
      throw new JilError('REQUEST_URI_TOO_LONG', `the request target is longer than ${MAX_URL_LENGTH} characters`, {
        details: { max_length: MAX_URL_LENGTH },
      });
    }
  });
  app.addHook('preValidation', async (request: FastifyRequest) => {
    const fields = [...findNulFields(request.params, 'path'), ...findNulFields(request.query, 'query')];
    if (fields.length > 0) throw nulError(fields);
  });
  app.setErrorHandler((error, request, reply) => {
    const { status, error: e, headers } = toErrorReply(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else
      request.log.warn(
        { code: e.code, fields: e.details['fields'] ?? e.details['field'] ?? e.details['header'], check: e.details['check'] },
        'request rejected',
      );
    void reply.status(status).headers(headers).send({ error: e.toJSON() });
  });
  app.setNotFoundHandler((request, reply) => {
    const path = (request.raw.url ?? '/').split('?')[0] ?? '/';
    if (path.length <= MAX_URL_LENGTH) {
      const allow = [...new Set(routes.filter((r) => r.pattern.test(path)).flatMap((r) => r.methods))].sort();
      if (allow.length > 0) {
        void reply
          .status(405)
          .header('allow', allow.join(', '))
          .send({
            error: { code: 'REQUEST_METHOD_NOT_ALLOWED', message: `this route answers ${allow.join(', ')} only`, details: { allow } },
          });
        return;
      }
    }
    void reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'no such route', details: {} } });
  });
}
