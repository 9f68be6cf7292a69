import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base64Decode } from '@jil/core';
import { ENGINES, startTestServer, testTransfer, type TestServer } from '../server/testing/testServer.js';
import { AccessKeyAdmin } from './AccessKeyAdmin.js';
import { SecretBox } from './SecretBox.js';
import { TokenBucketLimiter } from './TokenBucketLimiter.js';

const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef0123456789';
const kek = crypto.getRandomValues(new Uint8Array(32));

describe('SecretBox (AES-256-GCM under the KEK)', () => {
  const box = new SecretBox(kek);
  const secret = crypto.getRandomValues(new Uint8Array(32));
  it('round-trips, with a fresh IV per seal, and refuses another aad, another KEK or any altered part', () => {
    const a = box.seal(secret, 'AK1');
    expect(a).not.toBe(box.seal(secret, 'AK1'));
    expect(box.open(a, 'AK1')).toEqual(secret);
    expect(() => box.open(a, 'AK2')).toThrow(expect.objectContaining({ code: 'KEYSTORE_DECRYPT_FAILED' }));
    expect(() => new SecretBox(crypto.getRandomValues(new Uint8Array(32))).open(a, 'AK1')).toThrow(
      expect.objectContaining({ code: 'KEYSTORE_DECRYPT_FAILED' }),
    );
    const parts = a.split('.');
    for (const i of [2, 3, 4]) {
      const altered = [...parts];
      const bytes = Buffer.from(altered[i]!, 'base64');
      bytes[0] = bytes[0]! ^ 1;
      altered[i] = bytes.toString('base64');
      expect(() => box.open(altered.join('.'), 'AK1')).toThrow(expect.objectContaining({ code: 'KEYSTORE_DECRYPT_FAILED' }));
    }
    expect(() => new SecretBox(new Uint8Array(16))).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});

describe('TokenBucketLimiter', () => {
  it('allows a burst, then refuses with the time until the next token, and refills at the rate', () => {
    const l = new TokenBucketLimiter({ per_second: 2, burst: 3 });
    for (let i = 0; i < 3; i++) expect(l.take('k', null, 1000).ok).toBe(true);
    expect(l.take('k', null, 1000)).toEqual({ ok: false, retryAfterMs: 500 });
    expect(l.take('other', null, 1000).ok).toBe(true);
    expect(l.take('k', null, 1500).ok).toBe(true);
    expect(l.take('k', { per_second: 1, burst: 1 }, 1500).ok).toBe(true); // a changed limit starts a full bucket
    expect(l.take('k', { per_second: 1, burst: 1 }, 1500)).toEqual({ ok: false, retryAfterMs: 1000 });
  });
});

describe.each(ENGINES)('access keys on $name', (engine) => {
  let s: TestServer;
  let now = new Date();
  const admin = (method: string, path: string, body?: unknown, token = ADMIN_TOKEN) =>
    s.call(method, path, body === undefined ? undefined : JSON.stringify(body), {
      sign: false,
      headers: token === '' ? {} : { authorization: `Bearer ${token}` },
    });
  beforeAll(async () => {
    s = await startTestServer(engine, {
      adminToken: ADMIN_TOKEN,
      secretBox: new SecretBox(kek),
      clock: () => now,
      rateLimit: { per_second: 1, burst: 5 },
    });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('admin routes refuse a missing or wrong token, and an HMAC access key, with 401 AUTH_ADMIN_TOKEN_INVALID', async () => {
    for (const token of ['', 'wrong-token-wrong-token-wrong-token-wrong']) {
      const r = await admin('GET', '/admin/v1/access-keys', undefined, token);
      expect([r.status, r.json.error.code]).toEqual([401, 'AUTH_ADMIN_TOKEN_INVALID']);
      expect(r.text).not.toContain(token || ADMIN_TOKEN);
    }
    const hmac = await s.call('GET', '/admin/v1/access-keys');
    expect(hmac.json.error.code).toBe('AUTH_ADMIN_TOKEN_INVALID');
  });

  it('creates a key bound to one custodian: secret shown once, stored sealed, usable at once, refused for another custodian', async () => {
    const r = await admin('POST', '/admin/v1/access-keys', { custodian_id: 'cust-b', label: 'bank B', actor: 'alice' });
    expect(r.status).toBe(201);
    expect(r.headers['cache-control']).toBe('no-store');
    const { access_key: key, secret } = r.json;
    expect(key).toMatchObject({ custodian_id: 'cust-b', label: 'bank B', status: 'active', expires_at: null, revoked_at: null });
    expect(base64Decode(secret)).toHaveLength(32);
    const row = (
      await s.db.query<{ secret_b64: string | null; secret_enc: string }>(
        'SELECT secret_b64, secret_enc FROM access_keys WHERE access_key_id = $1',
        [key.access_key_id],
      )
    ).rows[0]!;
    expect(row.secret_b64).toBeNull();
    expect(row.secret_enc).toMatch(/^v1\.[0-9a-f]{16}\./);
    expect(row.secret_enc).not.toContain(secret);
    const sign = { key: key.access_key_id, secret: base64Decode(secret) };
    expect((await s.call('POST', '/v1/preclearance/validate', JSON.stringify(testTransfer({ custodian_id: 'cust-b' })), sign)).status).toBe(
      201,
    );
    const other = await s.call('POST', '/v1/preclearance/validate', JSON.stringify(testTransfer({ custodian_id: 'cust-a' })), sign);
    expect([other.status, other.json.error.code]).toEqual([403, 'AUTH_FORBIDDEN']);
    const list = await admin('GET', '/admin/v1/access-keys?custodian_id=cust-b');
    expect(list.json.access_keys.map((k: { access_key_id: string }) => k.access_key_id)).toEqual([key.access_key_id]);
    expect(list.text).not.toContain(secret);
    const bad = await admin('POST', '/admin/v1/access-keys', { custodian_id: 'has space', rate_limit: { per_second: 0, burst: 0 } });
    expect([bad.status, bad.json.error.code]).toEqual([400, 'REQUEST_VALIDATION_FAILED']);
    expect(bad.json.error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'custodian_id',
      'rate_limit.burst',
      'rate_limit.per_second',
    ]);
  });

  it('rotation keeps the old key valid for the overlap, then refuses it; the new key works', async () => {
    const created = (await admin('POST', '/admin/v1/access-keys', { custodian_id: 'cust-c' })).json;
    const old = { key: created.access_key.access_key_id, secret: base64Decode(created.secret) };
    const rotated = await admin('POST', `/admin/v1/access-keys/${old.key}/rotate`, { overlap_seconds: 60 });
    expect(rotated.status).toBe(201);
    expect(rotated.json.previous).toMatchObject({
      status: 'rotating',
      replaced_by: rotated.json.access_key.access_key_id,
      expires_at: new Date(now.getTime() + 60_000).toISOString(),
    });
    const fresh = { key: rotated.json.access_key.access_key_id, secret: base64Decode(rotated.json.secret) };
    expect((await s.call('GET', '/v1/datasets', undefined, old)).status).toBe(200);
    expect((await s.call('GET', '/v1/datasets', undefined, fresh)).status).toBe(200);
    const again = await admin('POST', `/admin/v1/access-keys/${old.key}/rotate`, {});
    expect([again.status, again.json.error.code]).toEqual([400, 'INVALID_ARGUMENT']);
    now = new Date(now.getTime() + 61_000);
    try {
      const late = await s.call('GET', '/v1/datasets', undefined, { ...old });
      expect([late.status, late.json.error.code]).toEqual([401, 'AUTH_UNKNOWN_KEY']);
      expect((await admin('GET', `/admin/v1/access-keys/${old.key}`)).json.access_key.status).toBe('expired');
    } finally {
      now = new Date();
    }
  });

  it('a revoked key is refused at once, and every change is in the audit table', async () => {
    const created = (await admin('POST', '/admin/v1/access-keys', { custodian_id: 'cust-d', actor: 'bob' })).json;
    const k = { key: created.access_key.access_key_id, secret: base64Decode(created.secret) };
    expect((await s.call('GET', '/v1/datasets', undefined, k)).status).toBe(200);
    const revoked = await admin('POST', `/admin/v1/access-keys/${k.key}/revoke`, { reason: 'laptop lost', actor: 'bob' });
    expect(revoked.json.access_key.status).toBe('revoked');
    const refused = await s.call('GET', '/v1/datasets', undefined, k);
    expect([refused.status, refused.json.error.code]).toEqual([401, 'AUTH_UNKNOWN_KEY']);
    const detail = await admin('GET', `/admin/v1/access-keys/${k.key}`);
    expect(detail.json.events.map((e: { action: string; actor: string }) => `${e.action} ${e.actor}`)).toEqual([
      'revoke admin-api:bob',
      'create admin-api:bob',
    ]);
    expect(JSON.stringify(detail.json.events)).not.toContain(created.secret);
    const missing = await admin('POST', '/admin/v1/access-keys/AKNOPE/revoke');
    expect([missing.status, missing.json.error.code]).toEqual([404, 'NOT_FOUND']);
    const events = await admin('GET', '/admin/v1/access-key-events?limit=50');
    expect(events.json.events.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['create', 'rotate', 'revoke']));
  });

  it('rate limits per access key: 429 REQUEST_RATE_LIMITED with Retry-After, other keys unaffected', async () => {
    const created = (await admin('POST', '/admin/v1/access-keys', { custodian_id: 'cust-e', rate_limit: { per_second: 0.5, burst: 2 } }))
      .json;
    const k = { key: created.access_key.access_key_id, secret: base64Decode(created.secret) };
    expect((await s.call('GET', '/v1/datasets', undefined, k)).status).toBe(200);
    expect((await s.call('GET', '/v1/datasets', undefined, k)).status).toBe(200);
    const limited = await s.call('GET', '/v1/datasets', undefined, k);
    expect([limited.status, limited.json.error.code]).toEqual([429, 'REQUEST_RATE_LIMITED']);
    expect(limited.headers['retry-after']).toBe('2');
    expect(limited.json.error.details).toMatchObject({ limit: 2, refill_per_second: 0.5, retry_after_ms: 2000 });
    expect((await s.call('GET', '/v1/datasets')).status).toBe(200); // the test key has its own bucket (default 1/s, burst 5)
  });

  it('seals plaintext secrets of older keys at start-up, which keep working', async () => {
    const keys = new AccessKeyAdmin(s.db, new SecretBox(kek));
    const sealed = await keys.sealPlaintextSecrets('startup');
    expect(sealed).toContain(s.keyId);
    expect(
      Number((await s.db.query<{ n: unknown }>('SELECT count(*) AS n FROM access_keys WHERE secret_b64 IS NOT NULL')).rows[0]!.n),
    ).toBe(0);
    expect((await s.call('GET', '/v1/datasets')).status).toBe(200);
    expect((await keys.events({ access_key_id: s.keyId }))[0]).toMatchObject({ action: 'seal', actor: 'startup', custodian_id: 'cust-a' });
  });
});
