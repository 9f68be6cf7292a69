import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { HTTP_STATUS_BY_CODE, type ErrorCode } from '@jil/core';

/** The Fastify constructor options {@link edgeServerOptions} sets. */
export type EdgeServerOptions = Pick<FastifyServerOptions, 'frameworkErrors' | 'clientErrorHandler' | 'routerOptions'>;

const body = (code: ErrorCode, message: string, details: Record<string, unknown> = {}) => ({ error: { code, message, details } });

/**
 * Fastify constructor options so that errors raised before routing answer in the documented shape
 * `{ error: { code, message, details } }` and never echo the path: malformed percent-encoding
 * (`400 REQUEST_MALFORMED_HTTP`), a path parameter over 100 characters (`414 REQUEST_URI_TOO_LONG`), and what Node's
 * HTTP parser refuses on the socket — headers over 16 KiB (`431 REQUEST_HEADERS_TOO_LARGE`), anything else not
 * HTTP/1.1 (`400 REQUEST_MALFORMED_HTTP`); the connection is closed after those.
 *
 * @returns `{ frameworkErrors, clientErrorHandler, routerOptions }` to spread into `Fastify({ … })`.
 * @example
 * import Fastify from 'fastify';
 * import { edgeServerOptions } from './edgeServerOptions.js';
 * const app = Fastify({ ...edgeServerOptions(), bodyLimit: 65_536 });
 */
export function edgeServerOptions(): EdgeServerOptions {
  return {
    routerOptions: { maxParamLength: 100 },
    frameworkErrors: (error: Error & { code?: string }, _request: FastifyRequest, reply: FastifyReply) => {
      if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
        void reply
          .status(414)
          .send(body('REQUEST_URI_TOO_LONG', 'a path parameter is longer than 100 characters', { max_param_length: 100 }));
        return;
      }
      void reply.status(400).send(body('REQUEST_MALFORMED_HTTP', 'the request path is not valid percent-encoded UTF-8'));
    },
    clientErrorHandler: (error: Error & { code?: string }, socket: Socket) => {
      if (!socket.writable) {
        socket.destroy();
        return;
      }
      const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
      const code: ErrorCode = tooLarge ? 'REQUEST_HEADERS_TOO_LARGE' : 'REQUEST_MALFORMED_HTTP';
      const status = HTTP_STATUS_BY_CODE[code] ?? 400;
      const payload = JSON.stringify(body(code, tooLarge ? 'request headers exceed 16 KiB' : 'malformed HTTP request'));
      const reason = tooLarge ? 'Request Header Fields Too Large' : 'Bad Request';
      socket.end(
        `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ` +
          `${Buffer.byteLength(payload)}\r\nConnection: close\r\n\r\n${payload}`,
      );
    },
  };
}
