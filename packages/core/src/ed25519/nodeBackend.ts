// The `node:crypto` (OpenSSL) Ed25519 backend (`node:crypto` through `loadNodeCrypto`, never a static import; `Buffer`
// is touched only on this path). Callers must run the acceptance policy first (`verify.ts`) and validate lengths.
import type * as NodeCrypto from 'node:crypto';
import { bytesToHex, hexToBytes } from '../bytes/encoding.js';
import { loadNodeCrypto, type NodeCryptoModule } from '../bytes/nodeCrypto.js';

export { loadNodeCrypto };

/** DER prefixes: SubjectPublicKeyInfo and PKCS #8 for id-Ed25519 (RFC 8410 §4, §7). */
const SPKI_PREFIX = hexToBytes('302a300506032b6570032100');
const PKCS8_PREFIX = hexToBytes('302e020100300506032b657004220420');

/** Public KeyObjects by hex public key; bounded, oldest entry evicted first. Public data only. */
const KEY_CACHE_LIMIT = 1024;
const keyCache = new Map<string, NodeCrypto.KeyObject>();

function publicKeyObject(crypto: NodeCryptoModule, publicKey: Uint8Array): NodeCrypto.KeyObject {
  const id = bytesToHex(publicKey);
  let key = keyCache.get(id);
  if (key === undefined) {
    key = crypto.createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });
    if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.delete(keyCache.keys().next().value as string);
    keyCache.set(id, key);
  }
  return key;
}

/** RFC 8032 verification by OpenSSL: cofactorless, compares the encoding of [S]B − [k]A with R. */
export function nodeVerify(crypto: NodeCryptoModule, signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return crypto.verify(null, message, publicKeyObject(crypto, publicKey), signature);
  } catch {
    return false;
  }
}

function withPrivateKey<T>(crypto: NodeCryptoModule, secretKey: Uint8Array, use: (key: NodeCrypto.KeyObject) => T): T {
  const der = Buffer.alloc(PKCS8_PREFIX.length + 32);
  der.set(PKCS8_PREFIX);
  der.set(secretKey, PKCS8_PREFIX.length);
  try {
    return use(crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }));
  } finally {
    der.fill(0); // OpenSSL keeps its own copy inside the KeyObject until it is garbage-collected
  }
}

/** RFC 8032 §5.1.6 signature by OpenSSL. */
export function nodeSign(crypto: NodeCryptoModule, message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  return withPrivateKey(crypto, secretKey, (key) => new Uint8Array(crypto.sign(null, message, key)));
}

/** RFC 8032 §5.1.5 public key by OpenSSL. */
export function nodeGetPublicKey(crypto: NodeCryptoModule, secretKey: Uint8Array): Uint8Array {
  return withPrivateKey(crypto, secretKey, (key) => {
    const spki = crypto.createPublicKey(key).export({ format: 'der', type: 'spki' });
    return new Uint8Array(spki.subarray(SPKI_PREFIX.length));
  });
}

/**
 * A reusable OpenSSL signing function for one secret key: the PKCS #8 KeyObject is built once, so each
 * signature costs only the signing itself. The KeyObject lives as long as the returned function.
 */
export function nodeSignerFor(crypto: NodeCryptoModule, secretKey: Uint8Array): (message: Uint8Array) => Uint8Array {
  const key = withPrivateKey(crypto, secretKey, (k) => k);
  return (message) => new Uint8Array(crypto.sign(null, message, key));
}
