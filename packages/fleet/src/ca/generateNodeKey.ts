import { derToPem, NODE_KEY_ALGORITHM } from './loadX509.js';

/**
 * Generates a node's TLS key pair (ECDSA P-256) with Web Crypto. The agent keeps `privateKeyPem` and sends only
 * `publicKeyPem` to HQ when it registers; HQ's CA certifies it.
 *
 * @returns SPKI public key and PKCS#8 private key, both PEM.
 * @example
 * import { generateNodeKey } from '@jil/fleet';
 * const { publicKeyPem, privateKeyPem } = await generateNodeKey();
 */
export async function generateNodeKey(): Promise<{ publicKeyPem: string; privateKeyPem: string }> {
  const keys = await globalThis.crypto.subtle.generateKey(NODE_KEY_ALGORITHM, true, ['sign', 'verify']);
  const [spki, pkcs8] = await Promise.all([
    globalThis.crypto.subtle.exportKey('spki', keys.publicKey),
    globalThis.crypto.subtle.exportKey('pkcs8', keys.privateKey),
  ]);
  return { publicKeyPem: derToPem(spki, 'PUBLIC KEY'), privateKeyPem: derToPem(pkcs8, 'PRIVATE KEY') };
}
