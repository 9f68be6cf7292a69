import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, type Db } from '@jil/server-kit';
import { migrateCallback } from '../storage/migrateCallback.js';
import { rsaKeys, type RsaKeys } from '../testing/simulatedCosigner.js';
import { createCallbackServer } from './createCallbackServer.js';

// The HTTP edge of the callback, without JIL: what is refused before any decision (fastify.inject, in-memory PGlite).
describe('createCallbackServer: the HTTP edge', () => {
  let db: Db;
  let cosigner: RsaKeys;
  let app: ReturnType<typeof createCallbackServer>;
  beforeAll(async () => {
    db = await openPglite();
    await migrateCallback(db);
    cosigner = await rsaKeys();
    const callback = await rsaKeys();
    app = createCallbackServer({
      db,
      config: {
        cosignerPublicKey: cosigner.publicKey,
        callbackPrivateKey: callback.privateKey,
        jil: { baseUrl: 'http://127.0.0.1:9', accessKeyId: 'ak', secret: Buffer.alloc(32).toString('base64'), custodianId: 'c' },
        validatorSet: {},
        sourceAddresses: {},
      },
    });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });
  const sign = (claims: Record<string, unknown>) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256' }).setIssuedAt().sign(cosigner.privateKey);

  it('reads the JWS whatever the content type says (or none), and answers a signed JWT', async () => {
    for (const [i, type] of ['text/plain', 'application/jwt', 'application/json', 'application/octet-stream', undefined].entries()) {
      const res = await app.inject({
        method: 'POST',
        url: '/v2/tx_sign_request',
        payload: await sign({ requestId: `ct-${i}`, operation: 'RAW' }),
        headers: type ? { 'content-type': type } : {},
      });
      expect(res.statusCode, String(type)).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/jwt/);
      expect(res.body).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    }
  });

  it('claims without requestId → 400 naming the field; no body, a JWT with another algorithm → 401', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v2/tx_sign_request',
      payload: await sign({ txId: 't' }),
      headers: { 'content-type': 'text/plain' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: { code: 'REQUEST_VALIDATION_FAILED', details: { fields: [expect.objectContaining({ field: 'requestId' })] } },
    });
    expect((await app.inject({ method: 'POST', url: '/v2/tx_sign_request' })).json()).toMatchObject({
      error: { code: 'FIREBLOCKS_JWT_INVALID' },
    });
    const hs = await new SignJWT({ requestId: 'hs' }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().sign(new Uint8Array(32));
    const r = await app.inject({ method: 'POST', url: '/v2/tx_sign_request', payload: hs, headers: { 'content-type': 'text/plain' } });
    expect(r.statusCode).toBe(401);
    expect(r.body).not.toContain(hs);
    // iat an hour ahead, or absent: refused (the replay window needs a time)
    const ahead = await new SignJWT({ requestId: 'ahead' })
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuedAt(Math.floor(Date.now() / 1000) + 3600)
      .sign(cosigner.privateKey);
    const noIat = await new SignJWT({ requestId: 'no-iat' }).setProtectedHeader({ alg: 'RS256' }).sign(cosigner.privateKey);
    for (const token of [ahead, noIat]) {
      const t = await app.inject({ method: 'POST', url: '/v2/tx_sign_request', payload: token, headers: { 'content-type': 'text/plain' } });
      expect(t.json()).toMatchObject({ error: { code: 'FIREBLOCKS_JWT_INVALID', details: { reason: 'ERR_JWT_CLAIM_VALIDATION_FAILED' } } });
    }
  });

  it('a body over 1 MiB → 413; unknown routes → 404; GET /health', async () => {
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/v2/tx_sign_request',
          payload: 'a'.repeat(1024 * 1024 + 1),
          headers: { 'content-type': 'text/plain' },
        })
      ).statusCode,
    ).toBe(413);
    expect((await app.inject({ method: 'GET', url: '/v2/nothing' })).json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect((await app.inject({ method: 'GET', url: '/health' })).json()).toEqual({ status: 'ok' });
  });

  it('GET /metrics: requests by route pattern and status, an unknown path under <unmatched> (Prometheus text format)', async () => {
    const count = async (series: string): Promise<number> => {
      const res = await app.inject({ method: 'GET', url: '/metrics' });
      expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
      const line = res.body.split('\n').find((l) => l.startsWith(`${series} `));
      return line === undefined ? 0 : Number(line.slice(series.length + 1));
    };
    const unknown = 'http_requests_total{method="GET",route="<unmatched>",status_code="404"}';
    const refused = 'http_requests_total{method="POST",route="/v2/tx_sign_request",status_code="401"}';
    const [unknownBefore, refusedBefore] = [await count(unknown), await count(refused)];
    expect((await app.inject({ method: 'GET', url: '/v2/nothing-else' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: '/v2/tx_sign_request', payload: 'x.y.z' })).statusCode).toBe(401);
    expect(await count(unknown)).toBe(unknownBefore + 1);
    expect(await count(refused)).toBe(refusedBefore + 1);
  });
});
