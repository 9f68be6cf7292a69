import { JilError } from '../errors/JilError.js';
import { loadNodeMlDsa, nodeGetPublicKey, nodeSignerFor, nodeVerify } from './nodeBackend.js';
import { nobleGetPublicKey, nobleSign, nobleSignerFor, nobleVerify } from './nobleBackend.js';

/**
 * An ML-DSA-65 implementation: `'node'` is `node:crypto` (OpenSSL 3.5, Node.js 24 and later; the fast path) and
 * `'noble'` is `@noble/post-quantum` (pure JS, everywhere). Both run behind the same acceptance policy
 * (see `mlDsa65Verify`).
 */
export type MlDsaBackend = 'node' | 'noble';

/** Internal: the operations of one backend, on already validated inputs (`context` ≤ 255 bytes, may be empty). */
export interface MlDsaBackendImpl {
  verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array, context: Uint8Array): boolean;
  sign(message: Uint8Array, seed: Uint8Array, context: Uint8Array): Uint8Array;
  getPublicKey(seed: Uint8Array): Uint8Array;
  /** A signing function that keeps the expanded key (noble) or the KeyObject (node) loaded. */
  signerFor(seed: Uint8Array): (message: Uint8Array, context: Uint8Array) => Uint8Array;
}

const noble: MlDsaBackendImpl = { verify: nobleVerify, sign: nobleSign, getPublicKey: nobleGetPublicKey, signerFor: nobleSignerFor };

/**
 * The ML-DSA-65 backends usable in this runtime, fastest first: `['node', 'noble']` where `node:crypto` signs and
 * verifies ML-DSA-65 with a context (Node.js 24+, detected once by a probe), `['noble']` elsewhere (browsers,
 * Node.js 20 and 22). The first one is what `mlDsa65Sign`, `mlDsa65Verify` and `mlDsa65GetPublicKey` use.
 * @returns a fresh array of backend names.
 * @see FIPS 204 (ML-DSA)
 * @example
 * import { availableMlDsaBackends } from '@jil/core';
 * availableMlDsaBackends(); // ['node', 'noble'] on Node.js 24, ['noble'] in a browser
 */
export function availableMlDsaBackends(): MlDsaBackend[] {
  return loadNodeMlDsa() === undefined ? ['noble'] : ['node', 'noble'];
}

let nodeImpl: MlDsaBackendImpl | undefined;

/** Internal: the implementation of `backend` (default: the fastest available). */
export function mlDsaBackendImpl(backend?: MlDsaBackend): MlDsaBackendImpl {
  if (backend === 'noble') return noble;
  if (backend !== undefined && backend !== 'node') {
    throw new JilError('INVALID_ARGUMENT', "backend must be 'node' or 'noble'", { details: { field: 'backend' } });
  }
  if (nodeImpl === undefined) {
    const crypto = loadNodeMlDsa();
    if (crypto === undefined) {
      if (backend === undefined) return noble;
      throw new JilError('INVALID_ARGUMENT', "the 'node' ML-DSA backend needs node:crypto with ML-DSA-65 (Node.js 24+)", {
        details: { field: 'backend' },
      });
    }
    nodeImpl = {
      verify: (signature, message, publicKey, context) => nodeVerify(crypto, signature, message, publicKey, context),
      sign: (message, seed, context) => nodeSignerFor(crypto, seed)(message, context),
      getPublicKey: (seed) => nodeGetPublicKey(crypto, seed),
      signerFor: (seed) => nodeSignerFor(crypto, seed),
    };
  }
  return nodeImpl;
}
