import { JilError } from '../errors/JilError.js';
import { loadNodeCrypto, nodeGetPublicKey, nodeSign, nodeVerify } from './nodeBackend.js';
import { nobleGetPublicKey, nobleSign, nobleVerify } from './nobleBackend.js';

/**
 * An Ed25519 implementation: `'node'` is `node:crypto` (OpenSSL, the fast path, Node only); `'noble'` is
 * `@noble/ed25519` (pure JS, everywhere). Both apply the same acceptance policy (see `verify`).
 */
export type Ed25519Backend = 'node' | 'noble';

/** Internal: the three operations of one backend, on already validated inputs. */
export interface BackendImpl {
  verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
  sign(message: Uint8Array, secretKey: Uint8Array): Uint8Array;
  getPublicKey(secretKey: Uint8Array): Uint8Array;
}

const noble: BackendImpl = { verify: nobleVerify, sign: nobleSign, getPublicKey: nobleGetPublicKey };

/**
 * The Ed25519 backends usable in this runtime, fastest first: `['node', 'noble']` on Node, `['noble']` elsewhere.
 * The first one is what `sign`, `verify` and `getPublicKey` use.
 * @returns a fresh array of backend names.
 * @example
 * import { availableEd25519Backends } from '@jil/core';
 * availableEd25519Backends(); // ['node', 'noble'] on Node.js
 */
export function availableEd25519Backends(): Ed25519Backend[] {
  return loadNodeCrypto() === undefined ? ['noble'] : ['node', 'noble'];
}

let nodeImpl: BackendImpl | undefined;

/** Internal: the implementation of `backend` (default: the fastest available). */
export function backendImpl(backend?: Ed25519Backend): BackendImpl {
  if (backend === 'noble') return noble;
  if (backend !== undefined && backend !== 'node') {
    throw new JilError('INVALID_ARGUMENT', "backend must be 'node' or 'noble'", { details: { field: 'backend' } });
  }
  if (nodeImpl === undefined) {
    const crypto = loadNodeCrypto();
    if (crypto === undefined) {
      if (backend === undefined) return noble;
      throw new JilError('INVALID_ARGUMENT', "the 'node' Ed25519 backend needs Node.js", { details: { field: 'backend' } });
    }
    nodeImpl = {
      verify: (signature, message, publicKey) => nodeVerify(crypto, signature, message, publicKey),
      sign: (message, secretKey) => nodeSign(crypto, message, secretKey),
      getPublicKey: (secretKey) => nodeGetPublicKey(crypto, secretKey),
    };
  }
  return nodeImpl;
}
