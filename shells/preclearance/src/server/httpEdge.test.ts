import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, startTestServer, testTransfer, type RawAnswer, type TestServer } from './testing/testServer.js';

const expectError = (r: RawAnswer, status: number, code: string) => {
  expect([r.status, r.json?.error?.code]).toEqual([status, code]);
  expect(Object.keys(r.json.error).sort()).toEqual(['code', 'details', 'message']);
};

// Issue 13: U+0000 used to reach PostgreSQL (500 STORAGE_ERROR); errors Fastify and Node raise themselves used
// Fastify's own shape and echoed the path. Runs on PGlite, and on PostgreSQL when JIL_TEST_DATABASE_URL is set.
describe.each(ENGINES)('HTTP edge on $name', (engine) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(engine);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('refuses U+0000 in every body text field, query and path parameter with 400 REQUEST_NUL_CHARACTER, storing nothing', async () => {
    const count = async () =>
      Number(
        (
          await s.db.query<{ n: unknown }>(
            'SELECT (SELECT count(*) FROM psas) + (SELECT count(*) FROM transfer_history) + (SELECT count(*) FROM ' +
              'sanctions_clearances) AS n',
          )
        ).rows[0]!.n,
      );
    const before = await count();
    const cases: [string, string, string | undefined, string][] = [
      ['POST', '/v1/preclearance/validate', JSON.stringify(testTransfer({ sender: { id: 's\u0000' } })), 'sender.id'],
      ['POST', '/v1/preclearance/validate', JSON.stringify(testTransfer({ transit_id: 'a\u0000b' })), 'transit_id'],
      ['POST', '/v1/preclearance/validate', JSON.stringify(testTransfer({ receiver: { id: 'r', name: 'Ivan\u0000' } })), 'receiver.name'],
      ['POST', '/v1/preclearance/validate', JSON.stringify({ ...testTransfer(), 'x\u0000': 1 }), '(key)'],
      [
        'POST',
        '/v1/preclearance/verify',
        JSON.stringify({ envelope: { payloadType: '\u0000', payload: '', signatures: [] }, consume: true }),
        'envelope.payloadType',
      ],
      [
        'POST',
        '/v1/screening/clearances',
        JSON.stringify({ party_id: 'p\u0000', list: 'test-list', entry_id: 'T-1', cleared_by: 'a', reason: 'b' }),
        'party_id',
      ],
      [
        'POST',
        '/v1/screening/clearances',
        JSON.stringify({ party_id: 'p', list: 'test-list', entry_id: 'T-1', cleared_by: 'a', reason: 'b\u0000' }),
        'reason',
      ],
      [
        'POST',
        '/v1/screening/clearances/0190a000-0000-7000-8000-000000000000/revoke',
        JSON.stringify({ revoked_by: 'a\u0000', reason: 'b' }),
        'revoked_by',
      ],
      ['GET', '/v1/screening/clearances?party_id=%00', undefined, 'query.party_id'],
      ['GET', '/v1/screening/clearances/%00', undefined, 'path.id'],
      ['GET', '/v1/validators/evidence?validator_id=v%00', undefined, 'query.validator_id'],
      ['GET', '/v1/preclearance/psa/%00', undefined, 'path.id'],
      ['GET', '/health?x=%00', undefined, 'query.x'],
    ];
    for (const [method, path, body, field] of cases) {
      const r = await s.call(method, path, body);
      expectError(r, 400, 'REQUEST_NUL_CHARACTER');
      expect(
        r.json.error.details.fields.map((f: { field: string }) => f.field),
        path,
      ).toContain(field);
      expect(r.text).not.toContain('\\u0000');
    }
    expect(await count()).toBe(before);
  });

  it('a clean request still works after the refusals (nothing poisoned the connection)', async () => {
    expect((await s.call('POST', '/v1/preclearance/validate', JSON.stringify(testTransfer()))).status).toBe(201);
    expect((await s.call('GET', '/v1/screening/clearances?party_id=p-1')).status).toBe(200);
  });

  it(
    'answers a known path with another method 405 REQUEST_METHOD_NOT_ALLOWED ' + 'and Allow, unknown paths 404, never echoing the path',
    async () => {
      for (const method of ['TRACE', 'DELETE', 'PUT', 'PATCH', 'OPTIONS']) {
        const r = await s.call(method, '/v1/preclearance/validate');
        expectError(r, 405, 'REQUEST_METHOD_NOT_ALLOWED');
        expect(r.headers['allow']).toBe('POST');
      }
      const get = await s.call('POST', '/v1/screening/clearances/0190a000-0000-7000-8000-000000000000');
      expectError(get, 405, 'REQUEST_METHOD_NOT_ALLOWED');
      const missing = await s.call('GET', '/no/such/route-SECRETPATH');
      expectError(missing, 404, 'NOT_FOUND');
      expect(missing.text).not.toContain('SECRETPATH');
      const clearance = await s.call('GET', '/v1/screening/clearances/SECRETID');
      expectError(clearance, 404, 'NOT_FOUND');
      expect(clearance.text).not.toContain('SECRETID');
    },
  );

  it(
    '414 for a long target or path parameter, 400 for bad percent-encoding, 415 for another content type — all in the documented ' +
      'shape',
    async () => {
      const long = await s.call('GET', `/v1/datasets?x=${'a'.repeat(9000)}`);
      expectError(long, 414, 'REQUEST_URI_TOO_LONG');
      const param = await s.call('GET', `/v1/preclearance/psa/${'SECRET'.repeat(40)}`);
      expectError(param, 414, 'REQUEST_URI_TOO_LONG');
      expect(param.text).not.toContain('SECRET');
      const bad = await s.call('GET', '/v1/datasets%ZZSECRET', undefined, { sign: false });
      expectError(bad, 400, 'REQUEST_MALFORMED_HTTP');
      expect(bad.text).not.toContain('SECRET');
      const text = await s.call('POST', '/v1/preclearance/validate', 'x', { headers: { 'content-type': 'text/plain' } });
      expectError(text, 415, 'REQUEST_UNSUPPORTED_MEDIA_TYPE');
      const none = await s.call('POST', '/v1/preclearance/validate', 'x', {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expectError(none, 415, 'REQUEST_UNSUPPORTED_MEDIA_TYPE');
    },
  );

  it('431 for oversized headers and 400 for a request that is not HTTP, as JSON on the socket', async () => {
    const raw = (payload: string) =>
      new Promise<string>((resolve, reject) => {
        const url = new URL(s.base);
        const socket = connect(Number(url.port), url.hostname, () => socket.end(payload));
        let text = '';
        socket.on('data', (c) => (text += c.toString('utf8')));
        socket.on('close', () => resolve(text));
        socket.on('error', reject);
      });
    const big = await raw(`GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(big).toMatch(/^HTTP\/1\.1 431 /);
    expect(JSON.parse(big.slice(big.indexOf('\r\n\r\n') + 4)).error.code).toBe('REQUEST_HEADERS_TOO_LARGE');
    const junk = await raw('NOT HTTP AT ALL\r\n\r\n');
    expect(junk).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(junk.slice(junk.indexOf('\r\n\r\n') + 4)).error.code).toBe('REQUEST_MALFORMED_HTTP');
  });
});
