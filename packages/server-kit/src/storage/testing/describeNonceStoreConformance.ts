import { expect, it } from 'vitest';
import { PgNonceStore } from '../PgNonceStore.js';
import { fieldsOf, rejectionOf, unique, type ConformanceContext } from './conformanceHelpers.js';

const T0 = 1_767_225_600_000; // 2026-01-01T00:00:00Z

/** `PgNonceStore` on a migrated `auth_nonces` table: replay refusal, expiry, concurrency, argument checks. */
export function describeNonceStoreConformance(ctx: ConformanceContext): void {
  it('accepts a new nonce once and refuses a live replay', async () => {
    const store = new PgNonceStore(ctx.db);
    const key = `ak-${unique()}`;
    expect(await store.checkAndStore(key, 'n1', T0 + 300_000, T0)).toBe(true);
    expect(await store.checkAndStore(key, 'n1', T0 + 300_000, T0 + 1)).toBe(false);
    expect(await store.checkAndStore(key, 'n1', T0 + 999_999, T0 + 299_999)).toBe(false);
    expect(await store.checkAndStore(`${key}-other`, 'n1', T0 + 300_000, T0)).toBe(true);
    expect(await store.checkAndStore(key, 'n2', T0 + 300_000, T0)).toBe(true);
  });

  it('accepts a nonce again once it expired (expires_at_ms <= now), then refuses it again', async () => {
    const store = new PgNonceStore(ctx.db);
    const key = `ak-${unique()}`;
    expect(await store.checkAndStore(key, 'n', T0 + 1000, T0)).toBe(true);
    expect(await store.checkAndStore(key, 'n', T0 + 5000, T0 + 1000)).toBe(true);
    expect(await store.checkAndStore(key, 'n', T0 + 9000, T0 + 4999)).toBe(false);
  });

  it('of 20 concurrent identical calls exactly one succeeds', async () => {
    const store = new PgNonceStore(ctx.db);
    const key = `ak-${unique()}`;
    const results = await Promise.all(Array.from({ length: 20 }, () => store.checkAndStore(key, 'same', T0 + 300_000, T0)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('of 20 concurrent calls replaying an expired nonce exactly one succeeds', async () => {
    const store = new PgNonceStore(ctx.db);
    const key = `ak-${unique()}`;
    await store.checkAndStore(key, 'old', T0 + 10, T0);
    const results = await Promise.all(Array.from({ length: 20 }, () => store.checkAndStore(key, 'old', T0 + 300_000, T0 + 10)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('purges expired nonces only', async () => {
    const store = new PgNonceStore(ctx.db);
    const key = `ak-${unique()}`;
    await store.checkAndStore(key, 'a', 1000, 0);
    await store.checkAndStore(key, 'b', 2000, 0);
    expect(await store.purgeExpired(1000)).toBeGreaterThanOrEqual(1);
    expect(await store.checkAndStore(key, 'b', 3000, 1500)).toBe(false);
    expect(await store.checkAndStore(key, 'a', 3000, 1500)).toBe(true);
  });

  it('rejects bad arguments listing every field', async () => {
    const store = new PgNonceStore(ctx.db);
    const error = await rejectionOf(store.checkAndStore('', 'x'.repeat(257), 1.5, Number.NaN));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(fieldsOf(error)).toEqual(['accessKeyId', 'nonce', 'expiresAtMs', 'nowMs']);
    expect(JSON.stringify(error)).not.toContain('xxxx');
  });
}
