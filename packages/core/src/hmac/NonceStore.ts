/**
 * Remembers request nonces so that `verifyRequest` can refuse a replay inside the timestamp window.
 * Implementations: `MemoryNonceStore` (one process) and the PostgreSQL store of the service shell.
 *
 * Contract of `checkAndStore(accessKeyId, nonce, expiresAtMs, nowMs)`:
 * - resolves `false` when the pair `(accessKeyId, nonce)` is stored with an expiry `> nowMs` (already seen,
 *   still inside the window); nothing is changed;
 * - otherwise stores the pair with `expiresAtMs` (replacing an expired entry) and resolves `true`;
 * - check and store are atomic: of concurrent calls with the same pair and an unexpired entry, at most one
 *   resolves `true`;
 * - entries with expiry `≤ nowMs` may be deleted at any time.
 * Times are milliseconds since the Unix epoch. Nonces are scoped per access key.
 * @see DESIGN.md, Formats, HMAC request auth
 * @example
 * import { MemoryNonceStore, type NonceStore } from '@jil/core';
 * const store: NonceStore = new MemoryNonceStore();
 * await store.checkAndStore('AK1', 'n0nce-n0nce-n0nce', Date.now() + 300_001, Date.now()); // true, then false
 */
export interface NonceStore {
  /** See {@link NonceStore}: `false` means "already seen inside the window". */
  checkAndStore(accessKeyId: string, nonce: string, expiresAtMs: number, nowMs: number): Promise<boolean>;
}
