import type { FastifyInstance } from 'fastify';
import { toErrorReply } from './errorReply.js';

/**
 * The HTTP conventions every JIL shell shares: JSON bodies kept as raw bytes (HMAC signatures cover them; routes
 * parse them strictly with `parseJsonBody`), every error answered as `{ error: { code, message, details } }` with
 * the status of `HTTP_STATUS_BY_CODE` (5xx logged with the cause, 4xx logged by code and offending fields only —
 * never secrets), and unknown routes as `404 NOT_FOUND`.
 */
export function installJsonConventions(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.setErrorHandler((error, request, reply) => {
    const { status, error: e } = toErrorReply(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.warn({ code: e.code, fields: e.details['fields'] ?? e.details['field'] ?? e.details['header'], check: e.details['check'] }, 'request rejected');
    void reply.status(status).send({ error: e.toJSON() });
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ error: { code: 'NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}`, details: {} } });
  });
}
