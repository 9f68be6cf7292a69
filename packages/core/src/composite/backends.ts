import { availableEd25519Backends, backendImpl, type BackendImpl } from '../ed25519/backends.js';
import { availableMlDsaBackends, mlDsaBackendImpl, type MlDsaBackendImpl } from '../mldsa/backends.js';

/**
 * A composite backend: the same name selects the ML-DSA-65 *and* the Ed25519 implementation. `'node'` is
 * `node:crypto` for both halves (OpenSSL 3.5, Node.js 24+), `'noble'` is `@noble/post-quantum` + `@noble/ed25519`
 * (pure JS, everywhere). Each half keeps its own acceptance policy, so the answer does not depend on the backend.
 */
export type CompositeBackend = 'node' | 'noble';

/**
 * The composite backends usable in this runtime, fastest first: those available for both ML-DSA-65 and Ed25519 —
 * `['node', 'noble']` on Node.js 24, `['noble']` in browsers and on Node.js 20 and 22 (no ML-DSA in their
 * `node:crypto`). Without a backend (`compositeSign`, `compositeVerify`) each half runs on its own fastest backend.
 *
 * @returns a fresh array of backend names.
 * @see draft-ietf-lamps-pq-composite-sigs-19 §3.2, §3.3 (each component computed per its own specification)
 * @example
 * import { availableCompositeBackends } from '@jil/core';
 * availableCompositeBackends(); // ['node', 'noble'] on Node.js 24, ['noble'] in a browser
 */
export function availableCompositeBackends(): CompositeBackend[] {
  const ed25519 = availableEd25519Backends();
  return availableMlDsaBackends().filter((b) => ed25519.includes(b));
}

/**
 * Internal: the ML-DSA-65 and Ed25519 implementations of `backend` (default: the fastest of each).
 * @throws JilError `INVALID_ARGUMENT` (`details.field` `backend`) for an unknown name or an unavailable backend.
 */
export function compositeBackendImpls(backend?: CompositeBackend): { mlDsa: MlDsaBackendImpl; ed25519: BackendImpl } {
  return { mlDsa: mlDsaBackendImpl(backend), ed25519: backendImpl(backend) };
}
