import { bytesToHex, hmacSha256, utf8ToBytes } from '@jil/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook, WEBHOOK_HEADERS } from './signWebhook.js';
import { isRetryableDelivery, webhookRetryDelays } from './webhookRetryDelays.js';

const secret = utf8ToBytes('webhook-secret-0123456789');
const now = new Date('2025-06-01T12:00:00.000Z');

describe('webhook signatures', () => {
  it('golden: v1 = hex HMAC-SHA256(secret, timestamp "." body)', () => {
    const headers = signWebhook({ secret, body: '{"a":1}', now, deliveryId: 'd1' });
    const expected = bytesToHex(hmacSha256(secret, '2025-06-01T12:00:00.000Z.{"a":1}'));
    expect(headers).toEqual({
      [WEBHOOK_HEADERS.timestamp]: '2025-06-01T12:00:00.000Z',
      [WEBHOOK_HEADERS.signature]: `v1=${expected}`,
      [WEBHOOK_HEADERS.delivery]: 'd1',
    });
  });

  it('verifies with any header case, refuses old timestamps, other secrets and altered bodies', () => {
    const headers = signWebhook({ secret, body: '{"a":1}', now, deliveryId: 'd1' });
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    expect(verifyWebhook({ secret, body: '{"a":1}', headers: lower, now })).toBe(true);
    expect(verifyWebhook({ secret, body: '{"a":1}', headers, now: new Date(now.getTime() + 300_001) })).toBe(false);
    expect(verifyWebhook({ secret: utf8ToBytes('another-secret-0123456789'), body: '{"a":1}', headers, now })).toBe(false);
    expect(verifyWebhook({ secret, body: '{"a":2}', headers, now })).toBe(false);
    expect(verifyWebhook({ secret, body: '{"a":1}', headers: {}, now })).toBe(false);
    expect(() => signWebhook({ secret: new Uint8Array(4), body: '', now, deliveryId: 'd' })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });

  it('property: any changed body byte fails', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (body, i, x) => {
        const headers = signWebhook({ secret, body, now, deliveryId: 'd' });
        const altered = body.slice();
        altered[i % body.length] = altered[i % body.length]! ^ x;
        expect(verifyWebhook({ secret, body, headers, now })).toBe(true);
        expect(verifyWebhook({ secret, body: altered, headers, now })).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('retry policy: 3 retries with exponential backoff; retry only what may succeed later', () => {
    expect(webhookRetryDelays()).toEqual([1000, 4000, 16000]);
    expect(webhookRetryDelays({ baseMs: 10, factor: 2 })).toEqual([10, 20, 40]);
    expect(webhookRetryDelays({ retries: 5, baseMs: 1000, maxMs: 5000 })).toEqual([1000, 4000, 5000, 5000, 5000]);
    expect(() => webhookRetryDelays({ retries: -1 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect([undefined, 408, 429, 500, 503].map(isRetryableDelivery)).toEqual([true, true, true, true, true]);
    expect([400, 401, 404, 410].map(isRetryableDelivery)).toEqual([false, false, false, false]);
  });
});
