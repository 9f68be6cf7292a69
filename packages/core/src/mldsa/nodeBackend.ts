import type * as NodeCrypto from 'node:crypto';
import { hexToBytes } from '../bytes/encoding.js';
import { loadNodeCrypto } from '../ed25519/nodeBackend.js';

/**
 * The `node:crypto` ML-DSA-65 backend: OpenSSL ≥ 3.5 (Node.js 24). `node:crypto` is reached through
 * `process.getBuiltinModule` (never a static import, so browser bundles stay clean), `Buffer` only on this path.
 * Callers must run the acceptance policy first (`verify.ts`) and validate types and lengths.
 */
type NodeCryptoModule = typeof NodeCrypto;

/**
 * DER prefixes for id-ml-dsa-65 (OID 2.16.840.1.101.3.4.3.18, draft-ietf-lamps-dilithium-certificates):
 * SubjectPublicKeyInfo (the 1952-byte key as BIT STRING) and the seed-only PKCS #8 private key
 * (`ML-DSA-65-PrivateKey ::= CHOICE { seed [0] OCTET STRING (SIZE (32)), … }`), the form OpenSSL exports.
 */
export const SPKI_PREFIX = hexToBytes('308207b2300b0609608648016503040312038207a100');
export const PKCS8_SEED_PREFIX = hexToBytes('3034020100300b060960864801650304031204228020');

let support: boolean | undefined;

/**
 * `node:crypto` when it signs and verifies ML-DSA-65 with a FIPS 204 context (Node.js 24 / OpenSSL 3.5), else
 * `undefined` (browsers; Node.js 20 and 22, whose `node:crypto` has no ML-DSA). Probed once: import a fixed seed,
 * sign with context [1], then the signature must verify under [1] and not under [2] (a runtime that ignored
 * `context` would be refused).
 */
export function loadNodeMlDsa(): NodeCryptoModule | undefined {
  const crypto = loadNodeCrypto();
  if (crypto === undefined) return undefined;
  if (support === undefined) {
    try {
      const key = privateKeyObject(crypto, new Uint8Array(32));
      const publicKey = crypto.createPublicKey(key);
      const message = new Uint8Array(1);
      const signature = crypto.sign(null, message, { key, context: new Uint8Array([1]) });
      support =
        signature.length === 3309 &&
        crypto.verify(null, message, { key: publicKey, context: new Uint8Array([1]) }, signature) &&
        !crypto.verify(null, message, { key: publicKey, context: new Uint8Array([2]) }, signature);
    } catch {
      support = false;
    }
  }
  return support ? crypto : undefined;
}

/** A private KeyObject from the 32-byte seed ξ; OpenSSL runs ML-DSA.KeyGen_internal (FIPS 204 Algorithm 6). */
function privateKeyObject(crypto: NodeCryptoModule, seed: Uint8Array): NodeCrypto.KeyObject {
  const der = Buffer.alloc(PKCS8_SEED_PREFIX.length + 32);
  der.set(PKCS8_SEED_PREFIX);
  der.set(seed, PKCS8_SEED_PREFIX.length);
  try {
    return crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } finally {
    der.fill(0); // OpenSSL keeps its own copy inside the KeyObject until it is garbage-collected
  }
}

/**
 * Public KeyObjects by SHA-256 of the public key (OpenSSL's, ≈ 1 µs; a 3904-character hex key costs ≈ 25 µs to
 * build and hash); bounded, oldest entry evicted first. Public data only.
 */
const KEY_CACHE_LIMIT = 256;
const keyCache = new Map<string, NodeCrypto.KeyObject>();

function publicKeyObject(crypto: NodeCryptoModule, publicKey: Uint8Array): NodeCrypto.KeyObject {
  const id = crypto.hash('sha256', publicKey, 'base64');
  let key = keyCache.get(id);
  if (key === undefined) {
    key = crypto.createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });
    if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.delete(keyCache.keys().next().value as string);
    keyCache.set(id, key);
  }
  return key;
}

/** ML-DSA.Verify (FIPS 204 Algorithm 3) by OpenSSL; any failure is `false`. */
export function nodeVerify(
  crypto: NodeCryptoModule,
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
  context: Uint8Array,
): boolean {
  try {
    return crypto.verify(null, message, { key: publicKeyObject(crypto, publicKey), context }, signature);
  } catch {
    return false;
  }
}

/** pkEncode(ρ, t1) of the seed's key pair (FIPS 204 Algorithms 1, 22), read back from the SPKI export. */
export function nodeGetPublicKey(crypto: NodeCryptoModule, seed: Uint8Array): Uint8Array {
  const spki = crypto.createPublicKey(privateKeyObject(crypto, seed)).export({ format: 'der', type: 'spki' });
  return new Uint8Array(spki.subarray(SPKI_PREFIX.length));
}

/**
 * A reusable OpenSSL signing function for one seed: the KeyObject (the expanded key) is built once.
 * ML-DSA.Sign (FIPS 204 Algorithm 2), hedged: OpenSSL draws the 32-byte `rnd` from its own DRBG for every call.
 */
export function nodeSignerFor(crypto: NodeCryptoModule, seed: Uint8Array): (message: Uint8Array, context: Uint8Array) => Uint8Array {
  const key = privateKeyObject(crypto, seed);
  return (message, context) => new Uint8Array(crypto.sign(null, message, { key, context }));
}
