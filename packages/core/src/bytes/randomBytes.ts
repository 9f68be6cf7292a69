import { JilError } from '../errors/JilError.js';

/**
 * `length` bytes from the Web Crypto CSPRNG (`globalThis.crypto.getRandomValues`; Node ≥ 19 and browsers).
 * Internal: the only source of randomness in `@jil/core`.
 * @throws JilError `INTERNAL` when the runtime has no `crypto.getRandomValues`.
 */
export function randomBytes(length: number): Uint8Array {
  const webCrypto = (globalThis as { crypto?: { getRandomValues?: <T extends Uint8Array>(array: T) => T } }).crypto;
  if (typeof webCrypto?.getRandomValues !== 'function') {
    throw new JilError('INTERNAL', 'crypto.getRandomValues is not available in this runtime');
  }
  return webCrypto.getRandomValues(new Uint8Array(length));
}
