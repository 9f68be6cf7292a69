import { generateKeyPair } from '@jil/core';
import { Cosigner, identifierFromNumber } from '@jil/mpc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createCosignerServer } from './createCosignerServer.js';

describe('cosigner GET /metrics', () => {
  let app: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    const me = generateKeyPair();
    const identifier = identifierFromNumber(1);
    const cosigner = new Cosigner({ identifier, identitySecretKey: me.secretKey, roster: { [identifier]: me.publicKey } });
    app = createCosignerServer({ cosigner, identitySecretKey: me.secretKey, coordinatorPublicKey: generateKeyPair().publicKey });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('is public and counts requests by route pattern and status, an unsigned POST included', async () => {
    expect((await fetch(`${base}/v1/frost/health`)).status).toBe(200);
    const unsigned = await fetch(`${base}/v1/frost/commit`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(unsigned.status).toBeGreaterThanOrEqual(400);
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await res.text();
    expect(text).toContain('http_requests_total{method="GET",route="/v1/frost/health",status_code="200"} 1');
    expect(text).toContain(`http_requests_total{method="POST",route="/v1/frost/commit",status_code="${unsigned.status}"} 1`);
    expect(text).toMatch(/^http_request_duration_seconds_count\{method="GET",route="\/v1\/frost\/health",status_code="200"\} 1$/m);
  });
});
