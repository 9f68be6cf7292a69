import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base64Decode, canonicalRequest, signRequest } from '@jil/core';
import { REPO_ROOT } from '@jil/testkit';
import { openApiDocument } from './openapi.js';
import { SecretBox } from '../keys/SecretBox.js';
import { ENGINES, startTestServer, testTransfer, type TestServer } from './testing/testServer.js';

const apiMd = readFileSync(resolve(REPO_ROOT, 'docs/api.md'), 'utf8');

describe('docs/api.md HMAC scheme', () => {
  const block = /<!-- hmac-test-vectors -->\s*```json\n([\s\S]*?)\n```/.exec(apiMd);
  const vectors = JSON.parse(block?.[1] ?? '[]') as {
    secret_b64: string;
    access_key_id: string;
    method: string;
    url: string;
    body: string;
    timestamp: string;
    nonce: string;
    canonical_request: string;
    signature: string;
  }[];

  it('the test vectors: inputs → canonical request → signature, as signRequest and canonicalRequest compute them', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(2);
    for (const v of vectors) {
      const [path, query = ''] = v.url.split('?');
      expect(canonicalRequest({ method: v.method, path: path!, query, timestamp: v.timestamp, nonce: v.nonce, body: v.body })).toBe(
        v.canonical_request,
      );
      const headers = signRequest({
        method: v.method,
        url: v.url,
        body: v.body,
        accessKeyId: v.access_key_id,
        secret: base64Decode(v.secret_b64),
        now: new Date(v.timestamp),
        nonce: v.nonce,
      });
      expect(headers).toEqual({
        'X-JIL-Access-Key-Id': v.access_key_id,
        'X-JIL-Timestamp': v.timestamp,
        'X-JIL-Nonce': v.nonce,
        'X-JIL-Signature': v.signature,
      });
      // Signing with the base64 text instead of the decoded bytes gives another signature: the doc's warning holds.
      const wrong = signRequest({
        method: v.method,
        url: v.url,
        body: v.body,
        accessKeyId: v.access_key_id,
        secret: new TextEncoder().encode(v.secret_b64),
        now: new Date(v.timestamp),
        nonce: v.nonce,
      });
      expect(wrong['X-JIL-Signature']).not.toBe(v.signature);
    }
  });

  it('the canonicalization examples of the table', () => {
    const rows = [...apiMd.matchAll(/^\| (path|query) `([^`]*)` \| `([^`]*)`/gm)];
    expect(rows.length).toBeGreaterThanOrEqual(6);
    for (const [, kind, sent, canonical] of rows) {
      const lines = canonicalRequest({
        method: 'GET',
        path: kind === 'path' ? sent! : '/v1/x',
        query: kind === 'query' ? sent! : '',
        timestamp: '2026-11-21T12:00:00.000Z',
        nonce: 'n0nce-0123456789abcdef',
        body: '',
      }).split('\n');
      expect([sent, kind === 'path' ? lines[1] : lines[2]]).toEqual([sent, canonical]);
    }
  });
});

describe('/openapi.json', () => {
  const doc = openApiDocument(65_536) as {
    paths: Record<string, Record<string, any>>;
    components: { schemas: Record<string, any>; securitySchemes: Record<string, any> };
  };
  const resolveRef = (s: any): any => (s?.$ref ? doc.components.schemas[String(s.$ref).split('/').pop()!] : s);

  it('HMAC is a security scheme, never X-JIL header parameters; every /v1 operation requires all four, /admin the bearer token', () => {
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual([
      'AdminBearer',
      'JilAccessKeyId',
      'JilNonce',
      'JilSignature',
      'JilTimestamp',
    ]);
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const op of Object.values(ops)) {
        expect(JSON.stringify(op.parameters ?? [])).not.toMatch(/X-JIL/i);
        if (path.startsWith('/v1/'))
          expect(op.security).toEqual([{ JilAccessKeyId: [], JilTimestamp: [], JilNonce: [], JilSignature: [] }]);
        if (path.startsWith('/admin/')) expect(op.security).toEqual([{ AdminBearer: [] }]);
      }
    }
  });

  it('every JSON body has a full field schema (no bare object) and every error response is the Error shape', () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const bodies = [
          op.requestBody?.content?.['application/json']?.schema,
          ...Object.entries(op.responses as Record<string, any>)
            .filter(([s]) => s.startsWith('2'))
            .map(([, r]) => r.content?.['application/json']?.schema),
        ].filter(Boolean);
        for (const b of bodies) {
          const s = resolveRef(b);
          expect(`${method} ${path}: ${Boolean(s.properties || s.oneOf)}`).toBe(`${method} ${path}: true`);
        }
        for (const [status, r] of Object.entries(op.responses as Record<string, any>)) {
          if (status.startsWith('2')) continue;
          expect(`${method} ${path} ${status}: ${r.content['application/json'].schema.$ref}`).toBe(
            `${method} ${path} ${status}: #/components/schemas/Error`,
          );
        }
        expect(op.responses.default, `${method} ${path}`).toBeDefined();
      }
    }
    const families = doc.components.schemas['TransferRequest'].oneOf as {
      title: string;
      properties: Record<string, { pattern: string }>;
    }[];
    expect(families.map((f) => f.title)).toEqual(['EVM', 'Bitcoin', 'Litecoin', 'Bitcoin Cash', 'Tron', 'Solana']);
    const familyOf = (chainId: string) =>
      families.filter((f) => new RegExp(f.properties['chain_id']!.pattern).test(chainId)).map((f) => f.title);
    for (const [id, family] of [
      ['eip155:1', 'EVM'],
      ['eip155:0x89', 'EVM'],
      ['tron:mainnet', 'Tron'],
      ['tron:728126428', 'Tron'],
      ['solana:mainnet', 'Solana'],
      ['bip122:000000000019d6689c085ae165831e93', 'Bitcoin'],
    ])
      expect(familyOf(id!)).toEqual([family]);
    expect(familyOf('tron:nile')).toEqual([]);
    expect(new RegExp(families[0]!.properties['destination_address']!.pattern).test('0x6861495f5311a3eae8f8df6f63ea3bcbda60f664')).toBe(
      true,
    );
    expect(doc.components.schemas['TransferRequest'].properties.chain_id.pattern).toBeDefined();
    expect(doc.components.schemas['NewClearance'].required).toEqual(
      expect.arrayContaining(['party_id', 'list', 'entry_id', 'cleared_by', 'reason']),
    );
  });
});

// Real answers of a running server against the document's response schemas (JSON Schema 2020-12, Ajv from Fastify).
describe.each(ENGINES)('responses match /openapi.json on $name', (engine) => {
  const TOKEN = 'apidocs-admin-token-0123456789abcdefghij';
  let s: TestServer;
  let validate: (path: string, method: string, status: number, body: unknown) => void;
  beforeAll(async () => {
    s = await startTestServer(engine, { adminToken: TOKEN, secretBox: new SecretBox(crypto.getRandomValues(new Uint8Array(32))) });
    const doc = (await s.call('GET', '/openapi.json', undefined, { sign: false })).json as {
      paths: Record<string, Record<string, any>>;
      components: Record<string, unknown>;
    };
    const req = createRequire(createRequire(import.meta.url).resolve('fastify'));
    const Ajv2020 = req('ajv/dist/2020').default;
    const addFormats = req('ajv-formats').default ?? req('ajv-formats');
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ $id: 'doc', components: doc.components });
    validate = (path, method, status, body) => {
      const op = doc.paths[path]![method]!;
      const response = op.responses[String(status)] ?? op.responses.default;
      const ref = String(response.content['application/json'].schema.$ref).replace('#/', 'doc#/');
      const check = ajv.compile({ $ref: ref });
      expect([path, method, status, check(body) ? 'ok' : JSON.stringify(check.errors)]).toEqual([path, method, status, 'ok']);
    };
  });
  afterAll(async () => {
    await s?.close();
  });

  it('every documented route, its success and its errors', async () => {
    const v = async (method: string, url: string, path: string, body?: unknown, o: Parameters<TestServer['call']>[3] = {}) => {
      const r = await s.call(method.toUpperCase(), url, body === undefined ? undefined : JSON.stringify(body), o);
      validate(path, method, r.status, r.json);
      return r;
    };
    const issued = await v(
      'post',
      '/v1/preclearance/validate',
      '/v1/preclearance/validate',
      testTransfer({ sender: { id: 's', name: 'Ivan Petrov' } }),
    );
    expect(issued.status).toBe(201);
    await v('post', '/v1/preclearance/validate', '/v1/preclearance/validate', {
      ...testTransfer(),
      transit_id: issued.json.body.transit_id,
      sender: { id: 's', name: 'Ivan Petrov' },
    });
    await v('post', '/v1/preclearance/validate', '/v1/preclearance/validate', { transit_id: 'x' });
    await v('post', '/v1/preclearance/verify', '/v1/preclearance/verify', { envelope: issued.json.envelope });
    await v('post', '/v1/preclearance/verify', '/v1/preclearance/verify', { envelope: { ...issued.json.envelope, payload: 'AAAA' } });
    await v('get', `/v1/preclearance/psa/${issued.json.psa_id}`, '/v1/preclearance/psa/{id}');
    await v('get', '/v1/preclearance/psa/0190a000-0000-7000-8000-000000000000', '/v1/preclearance/psa/{id}');
    await v('get', '/v1/validator-set', '/v1/validator-set');
    await v('get', '/v1/datasets', '/v1/datasets');
    await v('get', '/v1/validators/evidence?limit=5', '/v1/validators/evidence');
    const c = await v('post', '/v1/screening/clearances', '/v1/screening/clearances', {
      party_id: 'p-1',
      list: 'test-list',
      entry_id: 'T-1',
      cleared_by: 'analyst',
      reason: 'different date of birth',
    });
    expect(c.status).toBe(201);
    await v('get', '/v1/screening/clearances?include_revoked=true', '/v1/screening/clearances');
    await v('get', `/v1/screening/clearances/${c.json.clearance.clearance_id}`, '/v1/screening/clearances/{id}');
    await v('post', `/v1/screening/clearances/${c.json.clearance.clearance_id}/revoke`, '/v1/screening/clearances/{id}/revoke', {
      revoked_by: 'analyst',
      reason: 'reviewed again',
    });
    await v('post', `/v1/screening/clearances/${c.json.clearance.clearance_id}/revoke`, '/v1/screening/clearances/{id}/revoke', {
      revoked_by: 'analyst',
      reason: 'again',
    });
    await v('get', '/health', '/health', undefined, { sign: false });
    const admin = { sign: false, headers: { authorization: `Bearer ${TOKEN}` } };
    const k = await v(
      'post',
      '/admin/v1/access-keys',
      '/admin/v1/access-keys',
      { custodian_id: 'cust-z', rate_limit: { per_second: 2.5, burst: 3 } },
      admin,
    );
    await v('get', '/admin/v1/access-keys', '/admin/v1/access-keys', undefined, admin);
    await v('get', `/admin/v1/access-keys/${k.json.access_key.access_key_id}`, '/admin/v1/access-keys/{id}', undefined, admin);
    await v(
      'post',
      `/admin/v1/access-keys/${k.json.access_key.access_key_id}/rotate`,
      '/admin/v1/access-keys/{id}/rotate',
      { overlap_seconds: 10 },
      admin,
    );
    await v('post', `/admin/v1/access-keys/${k.json.access_key.access_key_id}/revoke`, '/admin/v1/access-keys/{id}/revoke', {}, admin);
    await v('get', '/admin/v1/access-key-events', '/admin/v1/access-key-events', undefined, admin);
    await v('get', '/admin/v1/access-keys', '/admin/v1/access-keys', undefined, { sign: false });
  });
});
