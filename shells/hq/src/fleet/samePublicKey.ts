import { createPublicKey, X509Certificate } from 'node:crypto';

/**
 * Whether a certificate (PEM) certifies the SPKI public key (PEM): the agent kept its key, so a still valid
 * certificate can be kept at re-registration. `false` for anything unparsable.
 */
export function samePublicKey(certificatePem: string, publicKeyPem: string): boolean {
  try {
    const a = new X509Certificate(certificatePem).publicKey.export({ type: 'spki', format: 'der' });
    const b = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
    return Buffer.compare(a, b) === 0;
  } catch {
    return false;
  }
}
