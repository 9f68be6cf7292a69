import { JilError } from '../errors/JilError.js';
import type { NonceStore } from './NonceStore.js';

/** Options of {@link MemoryNonceStore}. */
export interface MemoryNonceStoreOptions {
  /** Most entries kept at once (default 100 000); beyond it, after pruning, `checkAndStore` fails closed. */
  readonly maxEntries?: number;
}

const SWEEP_INTERVAL_MS = 60_000;

/**
 * An in-memory, bounded {@link NonceStore} for a single process (tests, embedded mode, one-node deployments).
 *
 * Expired entries are pruned on a sweep at most once a minute (by the caller's clock) and whenever the store is
 * full. When it is still full after pruning, `checkAndStore` rejects with `STORAGE_ERROR` instead of forgetting
 * live nonces, which would re-open replays. Atomic because check and store run in one synchronous step.
 *
 * @throws JilError `INVALID_ARGUMENT` from the constructor when `maxEntries` is not a positive safe integer, and from
 *   `checkAndStore` for non-string ids or non-finite times; `STORAGE_ERROR` (rejected promise) when full of live entries.
 * @see DESIGN.md, Formats, HMAC request auth
 * @example
 * import { MemoryNonceStore, verifyRequest } from '@jil/core';
 * const nonceStore = new MemoryNonceStore({ maxEntries: 10_000 });
 * await verifyRequest(request, { lookupSecret, nonceStore, now: new Date() });
 */
export class MemoryNonceStore implements NonceStore {
  readonly #maxEntries: number;
  readonly #expiries = new Map<string, number>();
  #nextSweepMs = Number.NEGATIVE_INFINITY;

  constructor(options: MemoryNonceStoreOptions = {}) {
    const maxEntries = options.maxEntries ?? 100_000;
    if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
      throw new JilError('INVALID_ARGUMENT', 'maxEntries must be a positive integer', { details: { field: 'maxEntries' } });
    }
    this.#maxEntries = maxEntries;
  }

  /** Number of entries currently held (expired ones included until the next sweep). */
  get size(): number {
    return this.#expiries.size;
  }

  /** See {@link NonceStore.checkAndStore}. */
  checkAndStore(accessKeyId: string, nonce: string, expiresAtMs: number, nowMs: number): Promise<boolean> {
    try {
      return Promise.resolve(this.#checkAndStore(accessKeyId, nonce, expiresAtMs, nowMs));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  #checkAndStore(accessKeyId: string, nonce: string, expiresAtMs: number, nowMs: number): boolean {
    if (typeof accessKeyId !== 'string' || typeof nonce !== 'string') {
      throw new JilError('INVALID_ARGUMENT', 'accessKeyId and nonce must be strings', { details: { field: 'nonce' } });
    }
    if (!Number.isFinite(expiresAtMs) || !Number.isFinite(nowMs)) {
      throw new JilError('INVALID_ARGUMENT', 'expiresAtMs and nowMs must be finite', { details: { field: 'expiresAtMs' } });
    }
    const key = `${accessKeyId.length}:${accessKeyId}${nonce}`;
    const seen = this.#expiries.get(key);
    if (seen !== undefined && seen > nowMs) return false;
    if (nowMs >= this.#nextSweepMs || this.#expiries.size >= this.#maxEntries) this.#sweep(nowMs);
    if (seen === undefined && this.#expiries.size >= this.#maxEntries) {
      throw new JilError('STORAGE_ERROR', 'nonce store is full of unexpired nonces', {
        details: { maxEntries: this.#maxEntries },
      });
    }
    this.#expiries.set(key, expiresAtMs);
    return true;
  }

  #sweep(nowMs: number): void {
    for (const [key, expiresAtMs] of this.#expiries) if (expiresAtMs <= nowMs) this.#expiries.delete(key);
    this.#nextSweepMs = nowMs + SWEEP_INTERVAL_MS;
  }
}
