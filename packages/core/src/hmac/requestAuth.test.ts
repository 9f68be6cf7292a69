import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64Encode, bytesToHex } from '../bytes/encoding.js';
import type { ErrorCode } from '../errors/codes.js';
import { isJilError, type JilError } from '../errors/JilError.js';
import { MemoryNonceStore } from './MemoryNonceStore.js';
import type { NonceStore } from './NonceStore.js';
import { signRequest } from './signRequest.js';
import { verifyRequest, type VerifyRequestInput } from './verifyRequest.js';

const SECRET = new Uint8Array(32).map((_, i) => (i * 37 + 11) & 0xff);
const KEY = 'AKTEST0001';
const T0 = new Date('2025-06-01T12:00:00.000Z');
const URL_ = '/v1/preclearance/validate?b=2&a=1';
const BODY = new TextEncoder().encode('{"transfer":{"amount":"10.00"}}');

const lookupSecret = async (id: string): Promise<Uint8Array | undefined> => (id === KEY ? SECRET : undefined);

function signed(over: Partial<Parameters<typeof signRequest>[0]> = {}): VerifyRequestInput & { headers: Record<string, string> } {
  const params = { method: 'POST', url: URL_, body: BODY, accessKeyId: KEY, secret: SECRET, now: T0, ...over };
  return { method: params.method, url: params.url, body: params.body, headers: { ...signRequest(params) } };
}

async function failure(promise: Promise<unknown>): Promise<JilError> {
  try {
    await promise;
  } catch (error) {
    if (isJilError(error)) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

const verify = (req: VerifyRequestInput, now = T0, nonceStore: NonceStore = new MemoryNonceStore(), windowMs?: number) =>
  verifyRequest(req, { lookupSecret, nonceStore, now, ...(windowMs === undefined ? {} : { windowMs }) });

describe('signRequest / verifyRequest', () => {
  it('round-trips, with header names in any case', async () => {
    const req = signed();
    expect(await verify(req)).toEqual({ accessKeyId: KEY });
    const lower = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v]));
    expect(await verify({ ...req, headers: lower })).toEqual({ accessKeyId: KEY });
    const upper = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toUpperCase(), [v]]));
    expect(await verify({ ...req, headers: { ...upper, 'content-type': 'application/json' } })).toEqual({ accessKeyId: KEY });
  });

  it('uses a fresh 128-bit base64url nonce by default and does not touch the caller object', () => {
    const params = { method: 'GET', url: '/v1/x', accessKeyId: KEY, secret: SECRET, now: T0 };
    const frozen = Object.freeze({ ...params });
    const a = signRequest(frozen)['X-JIL-Nonce'];
    const b = signRequest(frozen)['X-JIL-Nonce'];
    expect(a).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(a).not.toBe(b);
    expect(frozen).toEqual(params);
  });

  it('a string body and its UTF-8 bytes sign the same', async () => {
    const text = '{"name":"Zoë"}';
    const req = signed({ body: text, nonce: 'nonce-nonce-nonce-1' });
    expect(signed({ body: new TextEncoder().encode(text), nonce: 'nonce-nonce-nonce-1' }).headers).toEqual(req.headers);
    expect(await verify({ ...req, body: new TextEncoder().encode(text) })).toEqual({ accessKeyId: KEY });
  });

  describe('header checks', () => {
    const names = ['X-JIL-Access-Key-Id', 'X-JIL-Timestamp', 'X-JIL-Nonce', 'X-JIL-Signature'] as const;

    it.each(names)('missing %s → AUTH_MISSING_HEADER', async (name) => {
      const req = signed();
      const { [name]: _drop, ...rest } = req.headers;
      const error = await failure(verify({ ...req, headers: rest }));
      expect([error.code, error.details['header']]).toEqual(['AUTH_MISSING_HEADER', name]);
    });

    const malformed: [string, (typeof names)[number], string | string[]][] = [
      ['key id with space', 'X-JIL-Access-Key-Id', 'AK 1'],
      ['empty key id', 'X-JIL-Access-Key-Id', ''],
      ['timestamp with offset', 'X-JIL-Timestamp', '2025-06-01T14:00:00+02:00'],
      ['timestamp as epoch', 'X-JIL-Timestamp', '1748779200000'],
      ['nonce too short', 'X-JIL-Nonce', 'short'],
      ['nonce with "="', 'X-JIL-Nonce', 'abcdefghijklmnopqrstuv=='],
      ['signature not base64', 'X-JIL-Signature', 'not base64!'],
      ['signature 31 bytes', 'X-JIL-Signature', base64Encode(new Uint8Array(31))],
      ['two values', 'X-JIL-Nonce', ['abcdefghijklmnopq', 'abcdefghijklmnopr']],
    ];
    it.each(malformed)('%s → AUTH_MALFORMED_HEADER', async (_l, name, value) => {
      const req = signed();
      const error = await failure(verify({ ...req, headers: { ...req.headers, [name]: value } }));
      expect([error.code, error.details['header']]).toEqual(['AUTH_MALFORMED_HEADER', name]);
    });

    it('the same header twice in different case → AUTH_MALFORMED_HEADER', async () => {
      const req = signed();
      const error = await failure(verify({ ...req, headers: { ...req.headers, 'x-jil-nonce': req.headers['X-JIL-Nonce'] } }));
      expect([error.code, error.details['header']]).toEqual(['AUTH_MALFORMED_HEADER', 'X-JIL-Nonce']);
    });
  });

  describe('timestamp window (default ±300 000 ms, edges included)', () => {
    it.each([
      [-300_000, true],
      [-300_001, false],
      [300_000, true],
      [300_001, false],
      [0, true],
    ])('server clock %i ms from the signer: accepted=%s', async (offset, ok) => {
      const now = new Date(T0.getTime() + offset);
      const result = verify(signed(), now);
      if (ok) expect(await result).toEqual({ accessKeyId: KEY });
      else expect((await failure(result)).code).toBe('AUTH_STALE_TIMESTAMP');
    });

    it('honours windowMs', async () => {
      const now = new Date(T0.getTime() + 1_001);
      expect((await failure(verify(signed(), now, new MemoryNonceStore(), 1_000))).code).toBe('AUTH_STALE_TIMESTAMP');
      expect(await verify(signed(), now, new MemoryNonceStore(), 1_001)).toEqual({ accessKeyId: KEY });
    });
  });

  describe('replay', () => {
    it('refuses the same request twice, up to and including the last instant of the window', async () => {
      const store = new MemoryNonceStore();
      const req = signed();
      expect(await verify(req, T0, store)).toEqual({ accessKeyId: KEY });
      for (const offset of [0, 1, 299_999, 300_000]) {
        expect((await failure(verify(req, new Date(T0.getTime() + offset), store))).code).toBe('AUTH_REPLAYED_NONCE');
      }
      expect((await failure(verify(req, new Date(T0.getTime() + 300_001), store))).code).toBe('AUTH_STALE_TIMESTAMP');
    });

    it('scopes nonces per access key', async () => {
      const store = new MemoryNonceStore();
      const other = 'AKOTHER';
      const lookup = async (id: string) => (id === KEY || id === other ? SECRET : undefined);
      const nonce = 'shared-nonce-0123456789';
      await verifyRequest(signed({ nonce }), { lookupSecret: lookup, nonceStore: store, now: T0 });
      expect(await verifyRequest(signed({ nonce, accessKeyId: other }), { lookupSecret: lookup, nonceStore: store, now: T0 })).toEqual({
        accessKeyId: other,
      });
    });

    it('a request with a bad signature does not burn its nonce', async () => {
      const store = new MemoryNonceStore();
      const req = signed({ nonce: 'burn-me-if-you-can-0' });
      expect((await failure(verify({ ...req, body: new Uint8Array([1]) }, T0, store))).code).toBe('AUTH_BAD_SIGNATURE');
      expect(store.size).toBe(0);
      expect(await verify(req, T0, store)).toEqual({ accessKeyId: KEY });
    });
  });

  it('checks in order: headers → timestamp → key → signature → nonce', async () => {
    const stale = new Date(T0.getTime() + 10 * 60_000);
    const unknown = signed({ accessKeyId: 'AKNOBODY' });
    expect((await failure(verify({ ...unknown, headers: { ...unknown.headers, 'X-JIL-Nonce': '!' } }, stale))).code).toBe(
      'AUTH_MALFORMED_HEADER',
    );
    expect((await failure(verify(unknown, stale))).code).toBe('AUTH_STALE_TIMESTAMP');
    expect((await failure(verify({ ...unknown, body: new Uint8Array([1]) }))).code).toBe('AUTH_UNKNOWN_KEY');
    const store = new MemoryNonceStore();
    const req = signed();
    await verify(req, T0, store);
    expect((await failure(verify({ ...req, body: new Uint8Array([1]) }, T0, store))).code).toBe('AUTH_BAD_SIGNATURE');
  });

  it('property: changing method, path, query, body, timestamp or nonce breaks the signature', async () => {
    const mutation = fc.oneof(
      fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH').map((method) => ({ method })),
      fc
        .stringMatching(/^\/[a-z0-9]{1,8}$/)
        .filter((p) => p !== '/v1')
        .map((p) => ({ url: `/v1${p}/validate?b=2&a=1` })),
      fc.constantFrom('?b=3&a=1', '?b=2', '?b=2&a=1&c=', '?a=2&b=1', '?b=2&a=1%20').map((q) => ({ url: `/v1/preclearance/validate${q}` })),
      fc
        .tuple(fc.nat({ max: BODY.length - 1 }), fc.integer({ min: 1, max: 255 }))
        .map(([i, x]) => ({ body: BODY.map((b, j) => (j === i ? b ^ x : b)) })),
      fc.uint8Array({ maxLength: 4 }).map((extra) => ({ body: new Uint8Array([...BODY, 32, ...extra]) })),
      fc
        .integer({ min: -1000, max: 1000 })
        .filter((d) => d !== 0)
        .map((d) => ({ timestamp: new Date(T0.getTime() + d).toISOString() })),
      fc.stringMatching(/^[A-Za-z0-9_-]{16,64}$/).map((nonce) => ({ nonce })),
    );
    const req = signed({ nonce: 'fixed-nonce-for-tamper' });
    await fc.assert(
      fc.asyncProperty(mutation, async (change) => {
        const headers = { ...req.headers };
        if ('timestamp' in change) headers['X-JIL-Timestamp'] = change.timestamp;
        if ('nonce' in change) {
          fc.pre(change.nonce !== headers['X-JIL-Nonce']);
          headers['X-JIL-Nonce'] = change.nonce;
        }
        const tampered = {
          ...req,
          headers,
          ...('method' in change ? { method: change.method } : {}),
          ...('url' in change ? { url: change.url } : {}),
          ...('body' in change ? { body: change.body } : {}),
        };
        expect((await failure(verify(tampered))).code).toBe('AUTH_BAD_SIGNATURE');
      }),
      { numRuns: 200 },
    );
  });

  it('never puts the secret, the signature or the nonce into errors', async () => {
    const req = signed({ nonce: 'secret-looking-nonce-42' });
    const needles = [base64Encode(SECRET), bytesToHex(SECRET), req.headers['X-JIL-Signature']!, 'secret-looking-nonce-42'];
    const store = new MemoryNonceStore();
    await verify(req, T0, store);
    const errors: unknown[] = [
      await failure(verify(req, T0, store)),
      await failure(verify({ ...req, body: new Uint8Array([1]) })),
      await failure(verify(req, new Date(0))),
      await failure(verify({ ...req, headers: { ...req.headers, 'X-JIL-Signature': `${req.headers['X-JIL-Signature']!}x` } })),
      await failure(verifyRequest(req, { lookupSecret: async () => SECRET.subarray(0, 8), nonceStore: store, now: T0 })),
    ];
    for (const make of [() => signRequest({ method: 'GET', url: '/x', accessKeyId: KEY, secret: SECRET.subarray(0, 15), now: T0 })]) {
      try {
        make();
      } catch (error) {
        errors.push(error);
      }
    }
    expect(errors.length).toBe(6);
    for (const error of errors) {
      const text = JSON.stringify({ ...(error as JilError).toJSON(), stack: (error as Error).stack });
      for (const needle of needles) expect(text).not.toContain(needle);
    }
  });

  describe('argument checks', () => {
    const cases: [string, () => unknown, ErrorCode][] = [
      [
        'short secret',
        () => signRequest({ method: 'GET', url: '/x', accessKeyId: KEY, secret: new Uint8Array(15), now: T0 }),
        'INVALID_ARGUMENT',
      ],
      [
        'secret as string',
        () => signRequest({ method: 'GET', url: '/x', accessKeyId: KEY, secret: 'abc' as unknown as Uint8Array, now: T0 }),
        'INVALID_ARGUMENT',
      ],
      ['bad key id', () => signRequest({ method: 'GET', url: '/x', accessKeyId: 'a b', secret: SECRET, now: T0 }), 'INVALID_ARGUMENT'],
      [
        'invalid date',
        () => signRequest({ method: 'GET', url: '/x', accessKeyId: KEY, secret: SECRET, now: new Date(Number.NaN) }),
        'INVALID_ARGUMENT',
      ],
      [
        'year 10000',
        () => signRequest({ method: 'GET', url: '/x', accessKeyId: KEY, secret: SECRET, now: new Date('+010000-01-01T00:00:00Z') }),
        'INVALID_ARGUMENT',
      ],
      [
        'bad nonce',
        () => signRequest({ method: 'GET', url: '/x', accessKeyId: KEY, secret: SECRET, now: T0, nonce: 'x' }),
        'INVALID_ARGUMENT',
      ],
      [
        'absolute url',
        () => signRequest({ method: 'GET', url: 'https://h/x', accessKeyId: KEY, secret: SECRET, now: T0 }),
        'INVALID_ARGUMENT',
      ],
      [
        'url with fragment',
        () => signRequest({ method: 'GET', url: '/x#f', accessKeyId: KEY, secret: SECRET, now: T0 }),
        'INVALID_ARGUMENT',
      ],
    ];
    it.each(cases)('signRequest %s', (_l, fn, code) => {
      let error: unknown;
      try {
        fn();
      } catch (e) {
        error = e;
      }
      expect(isJilError(error, code)).toBe(true);
    });

    it('verifyRequest wrong-type matrix → INVALID_ARGUMENT', async () => {
      const req = signed();
      const bad: VerifyRequestInput[] = [
        { ...req, headers: null as unknown as Record<string, string> },
        { ...req, url: 42 as unknown as string },
        { ...req, url: 'v1/no-slash' },
        { ...req, method: 7 as unknown as string },
        { ...req, body: [1, 2] as unknown as Uint8Array },
      ];
      for (const input of bad) expect((await failure(verify(input))).code).toBe('INVALID_ARGUMENT');
    });

    it('MemoryNonceStore wrong-type matrix → INVALID_ARGUMENT', async () => {
      for (const maxEntries of [0, -1, 1.5, Number.NaN]) {
        let error: unknown;
        try {
          new MemoryNonceStore({ maxEntries });
        } catch (e) {
          error = e;
        }
        expect(isJilError(error, 'INVALID_ARGUMENT')).toBe(true);
      }
      const s = new MemoryNonceStore();
      const calls: [unknown, unknown, unknown, unknown][] = [
        [1, 'n', 10, 0],
        ['k', null, 10, 0],
        ['k', 'n', Number.NaN, 0],
        ['k', 'n', 10, Number.POSITIVE_INFINITY],
        ['k', 'n', '10', 0],
      ];
      for (const [a, n, e, t] of calls) {
        expect((await failure(s.checkAndStore(a as string, n as string, e as number, t as number))).code).toBe('INVALID_ARGUMENT');
      }
    });

    it('verifyRequest refuses a bad clock, window or stored secret', async () => {
      const req = signed();
      expect((await failure(verify(req, new Date(Number.NaN)))).code).toBe('INVALID_ARGUMENT');
      expect((await failure(verify(req, T0, new MemoryNonceStore(), 0))).code).toBe('INVALID_ARGUMENT');
      const short = verifyRequest(req, { lookupSecret: async () => new Uint8Array(8), nonceStore: new MemoryNonceStore(), now: T0 });
      expect((await failure(short)).code).toBe('CONFIG_INVALID');
    });
  });
});

describe('MemoryNonceStore', () => {
  it('follows the NonceStore contract (seen while expiry > now; expired entries are replaced)', async () => {
    const s = new MemoryNonceStore();
    expect(await s.checkAndStore('k', 'n', 1_000, 0)).toBe(true);
    expect(await s.checkAndStore('k', 'n', 9_999, 999)).toBe(false);
    expect(await s.checkAndStore('k2', 'n', 1_000, 0)).toBe(true);
    expect(await s.checkAndStore('k', 'n', 5_000, 1_000)).toBe(true);
    expect(await s.checkAndStore('k', 'n', 9_000, 4_999)).toBe(false);
    expect(await s.checkAndStore('k', 'n', 9_000, 5_000)).toBe(true);
  });

  it('keys (accessKeyId, nonce) unambiguously', async () => {
    const s = new MemoryNonceStore();
    expect(await s.checkAndStore('ab', 'c', 10, 0)).toBe(true);
    expect(await s.checkAndStore('a', 'bc', 10, 0)).toBe(true);
  });

  it('of concurrent calls with one pair, exactly one wins', async () => {
    const s = new MemoryNonceStore();
    const results = await Promise.all(Array.from({ length: 20 }, () => s.checkAndStore('k', 'same', 1_000, 0)));
    expect(results.filter(Boolean).length).toBe(1);
  });

  it('is bounded: prunes expired entries, and fails closed when full of live ones', async () => {
    const s = new MemoryNonceStore({ maxEntries: 3 });
    for (const n of ['a', 'b', 'c']) expect(await s.checkAndStore('k', n, 100, 0)).toBe(true);
    const full = await s.checkAndStore('k', 'd', 100, 50).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isJilError(full, 'STORAGE_ERROR')).toBe(true);
    expect(await s.checkAndStore('k', 'a', 200, 50)).toBe(false);
    expect(await s.checkAndStore('k', 'd', 300, 100)).toBe(true);
    expect(s.size).toBe(1);
  });

  it('property: many keys over time never exceed maxEntries and never forget a live nonce', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat({ max: 20 }), fc.nat({ max: 50 })), { maxLength: 80 }), async (steps) => {
        const s = new MemoryNonceStore({ maxEntries: 10 });
        const live = new Map<string, number>();
        let now = 0;
        for (const [nonce, advance] of steps) {
          now += advance;
          const n = `n${nonce}`;
          const expected = !((live.get(n) ?? -1) > now);
          const outcome = await s.checkAndStore('k', n, now + 100, now).then(
            (ok) => ok,
            () => 'full' as const,
          );
          if (outcome === 'full') {
            expect([...live.values()].filter((e) => e > now).length).toBeGreaterThanOrEqual(10);
          } else {
            expect(outcome).toBe(expected);
            if (outcome) live.set(n, now + 100);
          }
          expect(s.size).toBeLessThanOrEqual(10);
        }
      }),
    );
  });
});
