import Fastify, { type FastifyInstance } from 'fastify';
import { JilError } from '@jil/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edgeServerOptions } from './edgeServerOptions.js';
import { MAX_URL_LENGTH, installJsonConventions } from './installJsonConventions.js';
import { parseJsonBody } from './parseJsonBody.js';

// The conventions on a bare Fastify app (no shell): what every shell answers, checked once here; the shells' own
// suites (pre-clearance httpEdge, HQ, the update agent, the Fireblocks callback) check them on their routes.
describe('installJsonConventions with edgeServerOptions', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify({ ...edgeServerOptions(), bodyLimit: 1024 });
    installJsonConventions(app);
    app.post('/echo/:id', async (request) => ({ id: (request.params as { id: string }).id, body: parseJsonBody(request.body) }));
    app.get('/limited', async () => {
      throw new JilError('REQUEST_RATE_LIMITED', 'slow down', { details: { retry_after_ms: 1500 } });
    });
    app.get('/broken', async () => {
      throw new Error('secret internals');
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  const post = (url: string, payload: string, contentType = 'application/json') =>
    app.inject({ method: 'POST', url, payload, headers: { 'content-type': contentType } });
  const errorOf = (answer: { statusCode: number; json: () => unknown }) => {
    const { error } = answer.json() as { error: { code: string; message: string; details: Record<string, unknown> } };
    expect(Object.keys(error).sort()).toEqual(['code', 'details', 'message']);
    return { status: answer.statusCode, code: error.code, message: error.message, details: error.details };
  };

  it('passes a strict JSON body to the route', async () => {
    const answer = await post('/echo/a1', '{"x":[1,"two"]}');
    expect([answer.statusCode, answer.json()]).toEqual([200, { id: 'a1', body: { x: [1, 'two'] } }]);
  });

  it('refuses a repeated key, an empty body and another media type in the error shape', async () => {
    expect(errorOf(await post('/echo/a', '{"k":1,"k":2}'))).toMatchObject({
      status: 400,
      code: 'REQUEST_MALFORMED_JSON',
      details: { reason: 'JSON_DUPLICATE_KEY', key: 'k' },
    });
    expect(errorOf(await post('/echo/a', ''))).toMatchObject({ status: 400, code: 'REQUEST_MALFORMED_JSON' });
    expect(errorOf(await post('/echo/a', 'x=1', 'text/plain'))).toMatchObject({ status: 415, code: 'REQUEST_UNSUPPORTED_MEDIA_TYPE' });
    expect(errorOf(await post('/echo/a', JSON.stringify({ pad: 'x'.repeat(2000) })))).toMatchObject({
      status: 413,
      code: 'REQUEST_TOO_LARGE',
    });
  });

  it('refuses U+0000 in the body, the query and a path parameter, naming the fields and never the value', async () => {
    const body = errorOf(await post('/echo/a', JSON.stringify({ sender: { id: 's\u0000' } })));
    expect(body).toMatchObject({
      status: 400,
      code: 'REQUEST_NUL_CHARACTER',
      details: { fields: [expect.objectContaining({ field: 'sender.id' })] },
    });
    const query = errorOf(await post('/echo/a?q=%00', '{}'));
    expect(query).toMatchObject({
      status: 400,
      code: 'REQUEST_NUL_CHARACTER',
      details: { fields: [expect.objectContaining({ field: 'query.q' })] },
    });
    const path = errorOf(await post('/echo/a%00b', '{}'));
    expect(path).toMatchObject({
      status: 400,
      code: 'REQUEST_NUL_CHARACTER',
      details: { fields: [expect.objectContaining({ field: 'path.id' })] },
    });
  });

  it('answers 404, 405 with Allow, 414 for a long target or path parameter, without echoing the path', async () => {
    const missing = await app.inject({ method: 'GET', url: '/no-such-route-xyz' });
    expect(errorOf(missing)).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(missing.body).not.toContain('no-such-route-xyz');
    const wrongMethod = await app.inject({ method: 'GET', url: '/echo/a' });
    expect(errorOf(wrongMethod)).toMatchObject({ status: 405, code: 'REQUEST_METHOD_NOT_ALLOWED', details: { allow: ['POST'] } });
    expect(wrongMethod.headers['allow']).toBe('POST');
    expect(errorOf(await app.inject({ method: 'GET', url: `/limited?pad=${'x'.repeat(MAX_URL_LENGTH)}` }))).toMatchObject({
      status: 414,
      code: 'REQUEST_URI_TOO_LONG',
    });
    expect(errorOf(await post(`/echo/${'p'.repeat(101)}`, '{}'))).toMatchObject({ status: 414, code: 'REQUEST_URI_TOO_LONG' });
  });

  it('maps a JilError to its status with Retry-After, and anything else to 500 INTERNAL with a generic message', async () => {
    const limited = await app.inject({ method: 'GET', url: '/limited' });
    expect(errorOf(limited)).toMatchObject({ status: 429, code: 'REQUEST_RATE_LIMITED' });
    expect(limited.headers['retry-after']).toBe('2');
    const broken = await app.inject({ method: 'GET', url: '/broken' });
    expect(errorOf(broken)).toMatchObject({ status: 500, code: 'INTERNAL', message: 'internal error' });
    expect(broken.body).not.toContain('secret internals');
  });
});
