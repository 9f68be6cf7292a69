import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryNonceStore, verifyRequest } from '@jil/core';
import { JilClient } from './JilClient.js';

// A real HTTP peer on loopback that checks the client's HMAC headers with @jil/core verifyRequest and answers
// per path; the full service is exercised end to end in tests/e2e.
const SECRET = crypto.getRandomValues(new Uint8Array(32));
const nonces = new MemoryNonceStore();
let server: Server;
let base: string;
const seen: { path: string; accessKeyId: string }[] = [];

async function handle(req: IncomingMessage, res: ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const body = new Uint8Array(Buffer.concat(chunks));
  const reply = (status: number, json: unknown, raw?: string) => {
    res.writeHead(status, { 'content-type': raw ? 'text/plain' : 'application/json' });
    res.end(raw ?? JSON.stringify(json));
  };
  try {
    const { accessKeyId } = await verifyRequest(
      { method: req.method!, url: req.url!, headers: req.headers as Record<string, string>, body },
      { lookupSecret: async (id) => (id === 'AK1' ? SECRET : undefined), nonceStore: nonces, now: new Date() },
    );
    seen.push({ path: req.url!, accessKeyId });
  } catch (error) {
    const e = error as { code: string; message: string };
    return reply(401, { error: { code: e.code, message: e.message, details: {} } });
  }
  if (req.url === '/v1/preclearance/validate')
    return reply(400, {
      error: {
        code: 'REQUEST_VALIDATION_FAILED',
        message: 'invalid transfer request: amount',
        details: { fields: [{ field: 'amount', message: 'bad' }] },
      },
    });
  if (req.url?.startsWith('/v1/preclearance/psa/slow')) return setTimeout(() => reply(200, {}), 2000);
  if (req.url?.startsWith('/v1/preclearance/psa/html')) return reply(502, null, '<html>bad gateway</html>');
  if (req.url?.startsWith('/v1/preclearance/psa/teapot')) return reply(418, { nope: true });
  return reply(200, { psa_id: 'x', verdict: 'pass', expires_at: 'z', consumed_at: null, envelope: {} });
}

beforeAll(async () => {
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const client = (o: Partial<ConstructorParameters<typeof JilClient>[0]> = {}) =>
  new JilClient({ baseUrl: base, accessKeyId: 'AK1', secret: SECRET, ...o });

describe('JilClient', () => {
  it('signs every request so that verifyRequest accepts it, with a fresh nonce each time', async () => {
    await client().getPsa('abc');
    await client().getPsa('abc');
    expect(seen.filter((s) => s.path === '/v1/preclearance/psa/abc')).toHaveLength(2);
  });

  it('accepts the base64 secret from credentials.json', async () => {
    await expect(client({ secret: Buffer.from(SECRET).toString('base64') }).getPsa('b64')).resolves.toMatchObject({ verdict: 'pass' });
  });

  it('turns a server error into a JilError with the server code, fields and status', async () => {
    const error = await client()
      .validate({ amount: 'x' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'REQUEST_VALIDATION_FAILED', details: { status: 400, fields: [{ field: 'amount' }] } });
  });

  it('reports a wrong secret as the server AUTH_BAD_SIGNATURE', async () => {
    const error = await client({ secret: new Uint8Array(32).fill(7) })
      .getPsa('abc')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AUTH_BAD_SIGNATURE', details: { status: 401 } });
  });

  it('times out with CLIENT_TIMEOUT', async () => {
    const error = await client({ timeoutMs: 100 })
      .getPsa('slow')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CLIENT_TIMEOUT' });
  });

  it('maps non-JSON and unknown error bodies to CLIENT_HTTP, refused connections to CLIENT_NETWORK', async () => {
    expect(
      await client()
        .getPsa('html')
        .catch((e: unknown) => e),
    ).toMatchObject({ code: 'CLIENT_HTTP', details: { status: 502 } });
    expect(
      await client()
        .getPsa('teapot')
        .catch((e: unknown) => e),
    ).toMatchObject({ code: 'CLIENT_HTTP', details: { status: 418 } });
    expect(
      await client({ baseUrl: 'http://127.0.0.1:1' })
        .getPsa('x')
        .catch((e: unknown) => e),
    ).toMatchObject({ code: 'CLIENT_NETWORK' });
  });

  it('refuses bad options with INVALID_ARGUMENT and never echoes the secret', () => {
    expect(() => new JilClient({ baseUrl: 'ftp://x', accessKeyId: 'AK1', secret: SECRET })).toThrowError(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => new JilClient({ baseUrl: base, accessKeyId: '', secret: SECRET })).toThrowError(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    let message = '';
    try {
      new JilClient({ baseUrl: base, accessKeyId: 'AK1', secret: 'c2hvcnQ=' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/at least 16 bytes/);
    expect(message).not.toContain('c2hvcnQ=');
  });
});
